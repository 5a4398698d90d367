// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_dups: checks that no two types of a BTF are identical: same kind,
 * name, size (or referenced type), the same members, values or parameters
 * (names, offsets) and the same referenced type IDs. A deduplicated BTF has
 * none; one identical pair means the dedup stopped short of its fixpoint.
 * For split BTF (-B BASE) the file's own types are compared with each
 * other and with the base's.
 *
 * Usage: btf_dups [-B BASE] FILE...   (raw BTF or an ELF file with .BTF)
 * Prints each identical type with the earlier one it repeats and a
 * summary line. Exit: 0 none, 1 some, 2 usage or input error.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "type_refs.h"

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static int buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1 << 20;
		unsigned char *q;

		while (cap < b->len + n)
			cap *= 2;
		q = realloc(b->p, cap);
		if (!q)
			return -ENOMEM;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

static int add_u32(struct buf *b, uint32_t v)
{
	return buf_add(b, &v, sizeof(v));
}

static int add_str(struct buf *b, const struct btf *btf, uint32_t off)
{
	const char *s = btf__name_by_offset(btf, off);

	if (!s)
		s = "";
	return buf_add(b, s, strlen(s) + 1);
}

/* everything that makes a type what it is, strings by content */
static int key_of(const struct btf *btf, const struct btf_type *t, struct buf *b)
{
	uint32_t i, n = btf_vlen(t);
	int err;

	err = add_u32(b, t->info) ?: add_str(b, btf, t->name_off) ?: add_u32(b, t->size);
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		err = err ?: add_u32(b, *(const uint32_t *)(t + 1));
		break;
	case BTF_KIND_ARRAY:
		err = err ?: buf_add(b, btf_array(t), sizeof(struct btf_array));
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; i < n && !err; i++) {
			const struct btf_member *m = btf_members(t) + i;

			err = add_str(b, btf, m->name_off) ?: add_u32(b, m->type) ?:
				add_u32(b, m->offset);
		}
		break;
	case BTF_KIND_ENUM:
		for (i = 0; i < n && !err; i++)
			err = add_str(b, btf, btf_enum(t)[i].name_off)
				      ?: add_u32(b, (uint32_t)btf_enum(t)[i].val);
		break;
	case BTF_KIND_ENUM64:
		for (i = 0; i < n && !err; i++)
			err = add_str(b, btf, btf_enum64(t)[i].name_off) ?:
				add_u32(b, btf_enum64(t)[i].val_lo32) ?:
				add_u32(b, btf_enum64(t)[i].val_hi32);
		break;
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < n && !err; i++)
			err = add_str(b, btf, btf_params(t)[i].name_off)
				      ?: add_u32(b, btf_params(t)[i].type);
		break;
	case BTF_KIND_VAR:
		err = err ?: add_u32(b, btf_var(t)->linkage);
		break;
	case BTF_KIND_DATASEC:
		err = err ?: buf_add(b, btf_var_secinfos(t), n * sizeof(struct btf_var_secinfo));
		break;
	case BTF_KIND_DECL_TAG:
		err = err ?: add_u32(b, (uint32_t)btf_decl_tag(t)->component_idx);
		break;
	default:
		break;
	}
	return err;
}

static uint64_t hash_of(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

struct slot {
	uint32_t id; /* 0: empty */
	uint64_t hash;
	size_t off, len;
};

/* the identical pairs of @btf whose later type is at least @first_own */
static long count_dups(const struct btf *btf, uint32_t first_own, const char *path)
{
	uint32_t i, n = btf__type_cnt(btf), mask = 1;
	struct buf b = {};
	struct slot *tab;
	long dups = 0;

	while (mask < 2 * n)
		mask = mask * 2 + 1;
	tab = calloc((size_t)mask + 1, sizeof(*tab));
	if (!tab)
		return -ENOMEM;
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		size_t off = b.len;
		uint64_t h;
		uint32_t k;

		if (key_of(btf, t, &b)) {
			dups = -ENOMEM;
			break;
		}
		h = hash_of(b.p + off, b.len - off);
		for (k = (uint32_t)h & mask; tab[k].id; k = (k + 1) & mask) {
			if (tab[k].hash != h || tab[k].len != b.len - off ||
			    memcmp(b.p + tab[k].off, b.p + off, tab[k].len))
				continue;
			if (i >= first_own) {
				printf("%s: [%u] %s '%s' is identical to [%u]\n", path, i,
				       tref__kind_name(btf_kind(t)),
				       btf__name_by_offset(btf, t->name_off) ?: "", tab[k].id);
				dups++;
			}
			break;
		}
		if (!tab[k].id)
			tab[k] = (struct slot){.id = i, .hash = h, .off = off, .len = b.len - off};
	}
	free(tab);
	free(b.p);
	return dups;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

int main(int argc, char **argv)
{
	struct btf *base = NULL;
	long total = 0;
	int c, i;

	libbpf_set_print(quiet);
	while ((c = getopt(argc, argv, "B:")) != -1) {
		if (c != 'B')
			goto usage;
		base = btf__parse(optarg, NULL);
		if (!base) {
			fprintf(stderr, "btf_dups: '%s': no BTF: %s\n", optarg, strerror(errno));
			return 2;
		}
	}
	if (optind >= argc)
		goto usage;
	for (i = optind; i < argc; i++) {
		struct btf *btf = btf__parse_split(argv[i], base);
		long d;

		if (!btf) {
			fprintf(stderr, "btf_dups: '%s': no BTF: %s\n", argv[i], strerror(errno));
			return 2;
		}
		d = count_dups(btf, base ? btf__type_cnt(base) : 1, argv[i]);
		btf__free(btf);
		if (d < 0) {
			fprintf(stderr, "btf_dups: '%s': %s\n", argv[i], strerror((int)-d));
			return 2;
		}
		total += d;
	}
	printf("btf_dups: %d file(s), %ld identical type pair(s)\n", argc - optind, total);
	btf__free(base);
	return total ? 1 : 0;
usage:
	fprintf(stderr, "usage: btf_dups [-B BASE] FILE...\n");
	return 2;
}
