// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_reloc: relocates the split BTF of an ELF file written with
 * --btf_features=distilled_base (.BTF on the distilled base in .BTF.base)
 * onto a full base, by the kernel's rules (btf_distill__relocate()), and
 * checks the result against the same file's split BTF encoded without
 * distilled_base (EXPECT).
 *
 * The check is exact. The relocated BTF holds EXPECT's types at the same
 * IDs, followed by the copies of base types that distilling moved into the
 * split BTF (PTRs, TYPEDEFs, anonymous structs...). Type by type, the
 * records must be equal but for string offsets (the strings must be equal)
 * and type references: a reference to a base type must be relocated to that
 * very base type, or point to a copy that is equal to it in the same sense
 * (each copy standing for one base type); a reference to a split type must
 * be the same ID. Every copy must stand for some base type.
 *
 * Usage: btf_reloc BASE [FILE [EXPECT|- [OUT|-]]]
 *   BASE	the full base: raw BTF, or an ELF file with .BTF (vmlinux)
 *   FILE	ELF file with .BTF and .BTF.base
 *   EXPECT	FILE's split BTF on BASE without distilled_base (raw or ELF)
 *   OUT	write the relocated split BTF there (raw)
 * Without FILE, lines "FILE [EXPECT [OUT]]" are read from stdin and BASE is
 * read once (a batch). One line per failure, then a summary line.
 * Exit: 0 every FILE relocated (and matched), 1 some did not, 2 usage or
 * BASE error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_distill.h"
#include "compiler.h"
#include "elf_writer.h"
#include "log.h"
#include "type_refs.h"

struct stats {
	unsigned int files, relocated, matched, failed;
	unsigned long long dist_types, dist_bytes, copies;
};

/* the pairing of a relocated BTF R with the expected one E, both split on B */
struct pairing {
	const struct btf *r, *e, *base;
	uint32_t nr_base, nr_own, nr_r; /* base types; E's own types; R's types */
	uint32_t *copy_of;		/* per copy in R: the base ID it stands for */
	unsigned char *ra, *rb;		/* scratch: two records with names and refs masked */
	char why[256];
};

/* the largest record: a btf_type and 0xffff members of 12 bytes */
#define MAX_REC (sizeof(struct btf_type) + 12 * 0xffff)

static bool eq_type(struct pairing *p, const struct btf *a, uint32_t ida, const struct btf *b,
		    uint32_t idb);

/* does reference @r (of R) mean what reference @e (of E or the base) means? */
static bool eq_ref(struct pairing *p, uint32_t r, uint32_t e)
{
	uint32_t *c;

	if (!r || !e || e >= p->nr_base || r < p->nr_base)
		return r == e;
	if (r < p->nr_base + p->nr_own || r >= p->nr_r)
		return false;
	c = &p->copy_of[r - p->nr_base - p->nr_own];
	if (*c)
		return *c == e;
	*c = e; /* set first: the copy may be reached again from its own references */
	return eq_type(p, p->r, r, p->base, e);
}

static const char *str_of(const struct btf *btf, uint32_t off)
{
	return off ? btf__str_by_offset(btf, off) ?: "(invalid)" : "";
}

/* records equal but for string offsets (equal strings) and references (eq_ref) */
static bool eq_type(struct pairing *p, const struct btf *a, uint32_t ida, const struct btf *b,
		    uint32_t idb)
{
	const struct btf_type *ta = btf__type_by_id(a, ida), *tb = btf__type_by_id(b, idb);
	size_t size = ta ? tref__rec_size(ta) : 0;
	unsigned char *ra = p->ra, *rb = p->rb;
	uint32_t i;

	if (!ta || !tb || !size || size != tref__rec_size(tb) || ta->info != tb->info)
		goto differ;
	memcpy(ra, ta, size);
	memcpy(rb, tb, size);
	for (i = 0; i < tref__str_count(ta); i++) {
		if (strcmp(str_of(a, *tref__str_at(ta, i)), str_of(b, *tref__str_at(tb, i))))
			goto differ;
		*tref__str_at((struct btf_type *)ra, i) = *tref__str_at((struct btf_type *)rb, i) =
			0;
	}
	for (i = 0; i < tref__count(ta); i++)
		*tref__at((struct btf_type *)ra, i) = *tref__at((struct btf_type *)rb, i) = 0;
	if (memcmp(ra, rb, size))
		goto differ;
	/* the scratch records are done with: references may recurse */
	for (i = 0; i < tref__count(ta); i++) {
		if (!eq_ref(p, *tref__at(ta, i), *tref__at(tb, i))) {
			if (!p->why[0])
				snprintf(p->why, sizeof(p->why),
					 "[%u] %s: reference #%u is [%u], expected the equal of "
					 "[%u]",
					 ida, tref__kind_name(btf_kind(ta)), i, *tref__at(ta, i),
					 *tref__at(tb, i));
			return false;
		}
	}
	return true;
differ:
	if (!p->why[0])
		snprintf(p->why, sizeof(p->why), "[%u] %s '%s' differs from [%u] %s '%s'", ida,
			 ta ? tref__kind_name(btf_kind(ta)) : "?",
			 ta ? str_of(a, ta->name_off) : "", idb,
			 tb ? tref__kind_name(btf_kind(tb)) : "?",
			 tb ? str_of(b, tb->name_off) : "");
	return false;
}

/* Return: 0 when @r is @e plus copies of base types, else -EINVAL (p->why says where) */
static int check_pairing(struct pairing *p, unsigned long long *nr_copies)
{
	uint32_t id, nr_copies_r;

	p->nr_base = btf__type_cnt(p->base);
	p->nr_own = btf__type_cnt(p->e) - p->nr_base;
	p->nr_r = btf__type_cnt(p->r);
	if (p->nr_r < p->nr_base + p->nr_own) {
		snprintf(p->why, sizeof(p->why), "%u own types, expected at least %u",
			 p->nr_r - p->nr_base, p->nr_own);
		return -EINVAL;
	}
	nr_copies_r = p->nr_r - p->nr_base - p->nr_own;
	p->copy_of = calloc(nr_copies_r + 1, sizeof(*p->copy_of));
	p->ra = malloc(MAX_REC);
	p->rb = malloc(MAX_REC);
	if (!p->copy_of || !p->ra || !p->rb)
		return -ENOMEM;
	for (id = p->nr_base; id < p->nr_base + p->nr_own; id++)
		if (!eq_type(p, p->r, id, p->e, id))
			return -EINVAL;
	for (id = 0; id < nr_copies_r; id++) {
		if (p->copy_of[id])
			continue;
		snprintf(p->why, sizeof(p->why), "[%u] stands for no base type",
			 p->nr_base + p->nr_own + id);
		return -EINVAL;
	}
	*nr_copies += nr_copies_r;
	return 0;
}

/* .BTF.base of @path as a BTF, and .BTF as split BTF on it */
static int read_distilled(const char *path, struct btf **dist, struct btf **split, struct stats *st)
{
	void *data = NULL;
	size_t size;
	int err = elf_writer__read_section(path, ".BTF.base", &data, &size);

	if (err) {
		fprintf(stderr, "FAIL %s: no .BTF.base: %s\n", path, errstr(err));
		return err;
	}
	*dist = btf__new(data, size);
	err = *dist ? 0 : -errno;
	free(data);
	if (err) {
		fprintf(stderr, "FAIL %s: .BTF.base is not BTF: %s\n", path, errstr(err));
		return err;
	}
	st->dist_types += btf__type_cnt(*dist) - 1;
	st->dist_bytes += size;
	/* libbpf 1.1 does not export btf__new_split(); it reads .BTF itself */
	*split = btf__parse_elf_split(path, *dist);
	if (!*split) {
		err = -errno;
		fprintf(stderr, "FAIL %s: .BTF is not split BTF on .BTF.base: %s\n", path,
			errstr(err));
		btf__free(*dist);
		return err;
	}
	return 0;
}

static int one_file(struct btf *base, const char *path, const char *expect, const char *out,
		    struct stats *st)
{
	struct btf *dist = NULL, *split = NULL, *rel = NULL, *exp = NULL;
	struct pairing p = {.base = base};
	const void *raw;
	uint32_t size;
	int err;

	st->files++;
	err = read_distilled(path, &dist, &split, st);
	if (err)
		return err;
	err = btf_distill__relocate(split, base, &rel);
	if (err) {
		fprintf(stderr, "FAIL %s: relocation refused: %s\n", path, errstr(err));
		goto done;
	}
	st->relocated++;
	if (out && strcmp(out, "-")) {
		raw = btf__raw_data(rel, &size);
		err = raw ? elf_writer__write_raw(out, raw, size) : -ENOMEM;
		if (err) {
			fprintf(stderr, "FAIL %s: cannot write '%s': %s\n", path, out, errstr(err));
			goto done;
		}
	}
	if (!expect || !strcmp(expect, "-"))
		goto done;
	exp = btf__parse_split(expect, base);
	if (!exp) {
		err = -errno;
		fprintf(stderr, "FAIL %s: cannot read '%s': %s\n", path, expect, errstr(err));
		goto done;
	}
	p.r = rel;
	p.e = exp;
	err = check_pairing(&p, &st->copies);
	if (err)
		fprintf(stderr, "FAIL %s: relocated BTF differs from '%s': %s\n", path, expect,
			p.why[0] ? p.why : errstr(err));
	else
		st->matched++;
done:
	free(p.copy_of);
	free(p.ra);
	free(p.rb);
	btf__free(exp);
	btf__free(rel);
	btf__free(split);
	btf__free(dist);
	return err;
}

static int batch(struct btf *base, struct stats *st)
{
	char line[3 * 4096 + 4], a[4096], b[4096], c[4096];
	int failed = 0, n;

	while (fgets(line, sizeof(line), stdin)) {
		n = sscanf(line, "%4095s %4095s %4095s", a, b, c);
		if (n < 1)
			continue;
		if (one_file(base, a, n > 1 ? b : NULL, n > 2 ? c : NULL, st))
			failed++;
	}
	return failed;
}

int main(int argc, char **argv)
{
	struct stats st = {};
	struct btf *base;
	int failed;

	if (argc < 2 || argc > 5) {
		fprintf(stderr, "usage: btf_reloc BASE [FILE [EXPECT|- [OUT|-]]]\n");
		return 2;
	}
	libbpf_set_print(NULL);
	base = btf__parse(argv[1], NULL);
	if (!base) {
		fprintf(stderr, "btf_reloc: '%s': cannot read base BTF: %s\n", argv[1],
			strerror(errno));
		return 2;
	}
	if (argc > 2)
		failed = one_file(base, argv[2], argc > 3 ? argv[3] : NULL,
				  argc > 4 ? argv[4] : NULL, &st) != 0;
	else
		failed = batch(base, &st);
	st.failed = failed;
	printf("btf_reloc: %u files, %u relocated, %u matched, %u failed; distilled bases: %llu "
	       "types, %llu bytes; %llu base types copied into split BTF\n",
	       st.files, st.relocated, st.matched, st.failed, st.dist_types, st.dist_bytes,
	       st.copies);
	btf__free(base);
	return failed ? 1 : 0;
}
