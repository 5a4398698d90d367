// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btfcmp: compares the types of two BTF files (raw BTF, or ELF files with a
 * .BTF section, optionally split on a base) as multisets of canonical text
 * lines that do not depend on type IDs or type order, or dumps those lines for
 * one file. It is the oracle of the encoder tests (our output against
 * pahole -J, and golden files). docs/btfcmp.md specifies the canonical form.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "compiler.h"
#include "type_refs.h"

/* exit codes: 0 equal (or dump done), 1 different, 2 usage or input error */
enum btfcmp_exit {
	BTFCMP_EQUAL = 0,
	BTFCMP_DIFFERENT = 1,
	BTFCMP_ERROR = 2,
};

/*
 * Anonymous types are expanded in place. C cannot make them cyclic, but bad
 * input can, and a chain of nested anonymous types could be deep: cut both.
 */
#define CANON_MAX_DEPTH 64

/* kinds known to this tool; ENUM64 (19) is the last one in libbpf 1.1 */
#define CANON_NR_KINDS 20

/*
 * A growable string. Appends never fail individually: the first allocation
 * failure is remembered in @err and later appends are ignored, so a renderer
 * checks once at the end.
 */
struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
	int err;
};

static bool sbuf_grow(struct sbuf *sb, size_t add)
{
	size_t cap;
	char *buf;

	if (sb->err)
		return false;
	if (sb->len + add + 1 <= sb->cap)
		return true;
	cap = sb->cap ? sb->cap : 256;
	while (cap < sb->len + add + 1)
		cap *= 2;
	buf = realloc(sb->buf, cap);
	if (!buf) {
		sb->err = -ENOMEM;
		return false;
	}
	sb->buf = buf;
	sb->cap = cap;
	return true;
}

static void sbuf_add(struct sbuf *sb, const char *s, size_t n)
{
	if (!sbuf_grow(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static void sbuf_puts(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

static __printf(2, 3) void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		sb->err = sb->err ?: -EINVAL;
		return;
	}
	if (!sbuf_grow(sb, n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, n + 1, fmt, ap);
	va_end(ap);
	sb->len += n;
}

static void sbuf_release(struct sbuf *sb)
{
	free(sb->buf);
	memset(sb, 0, sizeof(*sb));
}

/*
 * The canonical renderer of one BTF object (base types included). Every type
 * renders to one line; docs/btfcmp.md is the reference for the format:
 *
 *   STRUCT 'list_head' size=16 vlen=2 {'next' type=(PTR type=STRUCT 'list_head')
 *   bits_offset=0; 'prev' type=(PTR type=STRUCT 'list_head') bits_offset=64}
 *
 * A reference to a named type is shallow ("KIND 'name'"), a reference to an
 * anonymous type is that type's own line in parentheses, so a line never
 * contains an ID. Lines are memoized per ID: an anonymous type is rendered once
 * however many types refer to it. A line that hit the cycle or depth guard
 * ("...") depends on where rendering started, so it is never memoized.
 */
struct canon {
	const struct btf *btf; /* borrowed, must outlive the canon */
	__u32 nr_ids;	       /* btf__type_cnt(): IDs 0 .. nr_ids - 1, base included */
	char **memo;	       /* memo[id]: owned line of type id, NULL until rendered */
	unsigned char *busy;   /* busy[id]: type id is being rendered (cycle guard) */
	unsigned long nr_cut;  /* times the cycle or depth guard printed "..." */
};

static int canon_init(struct canon *c, const struct btf *btf)
{
	c->btf = btf;
	c->nr_ids = btf__type_cnt(btf);
	c->nr_cut = 0;
	c->memo = calloc(c->nr_ids, sizeof(*c->memo));
	c->busy = calloc(c->nr_ids, sizeof(*c->busy));
	if (!c->memo || !c->busy) {
		free(c->memo);
		free(c->busy);
		c->memo = NULL;
		c->busy = NULL;
		return -ENOMEM;
	}
	return 0;
}

static void canon_release(struct canon *c)
{
	__u32 id;

	if (c->memo) {
		for (id = 0; id < c->nr_ids; id++)
			free(c->memo[id]);
	}
	free(c->memo);
	free(c->busy);
	memset(c, 0, sizeof(*c));
}

static void canon_type(struct canon *c, __u32 id, int depth, struct sbuf *sb);

static const char *canon_name(const struct canon *c, const struct btf_type *t)
{
	const char *name = btf__name_by_offset(c->btf, t->name_off);

	return name ? name : "";
}

/* Shallow references: named types whose identity is their kind and name. */
static bool canon_ref_is_shallow(const struct canon *c, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		return canon_name(c, t)[0] != '\0';
	default:
		return false;
	}
}

/* canon_ref() - append the reference to type @id: void, KIND 'name' or (line) */
static void canon_ref(struct canon *c, __u32 id, int depth, struct sbuf *sb)
{
	const struct btf_type *t;

	if (id == 0) {
		sbuf_puts(sb, "void");
		return;
	}
	t = id < c->nr_ids ? btf__type_by_id(c->btf, id) : NULL;
	if (!t) {
		sbuf_addf(sb, "<bad type id %u>", id);
		return;
	}
	if (canon_ref_is_shallow(c, t)) {
		sbuf_addf(sb, "%s '%s'", tkind__name(btf_kind(t)), canon_name(c, t));
		return;
	}
	sbuf_puts(sb, "(");
	canon_type(c, id, depth + 1, sb);
	sbuf_puts(sb, ")");
}

static void canon_int(const struct btf_type *t, struct sbuf *sb)
{
	static const struct {
		__u8 bit;
		const char *name;
	} encodings[] = {
		{BTF_INT_SIGNED, "SIGNED"},
		{BTF_INT_CHAR, "CHAR"},
		{BTF_INT_BOOL, "BOOL"},
	};
	__u8 enc = btf_int_encoding(t);
	const char *sep = "";
	size_t i;

	sbuf_addf(sb, " size=%u bits_offset=%u nr_bits=%u encoding=", t->size, btf_int_offset(t),
		  btf_int_bits(t));
	if (!enc) {
		sbuf_puts(sb, "(none)");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(encodings); i++) {
		if (!(enc & encodings[i].bit))
			continue;
		sbuf_addf(sb, "%s%s", sep, encodings[i].name);
		enc &= ~encodings[i].bit;
		sep = "|";
	}
	if (enc)
		sbuf_addf(sb, "%s0x%x", sep, enc);
}

static void canon_members(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf_addf(sb, " size=%u vlen=%u {", t->size, vlen);
	for (i = 0; i < vlen; i++, m++) {
		__u32 bitfield_size = btf_member_bitfield_size(t, i);

		sbuf_addf(sb, "%s'%s' type=", i ? "; " : "",
			  btf__name_by_offset(c->btf, m->name_off) ?: "");
		canon_ref(c, m->type, depth, sb);
		sbuf_addf(sb, " bits_offset=%u", btf_member_bit_offset(t, i));
		if (bitfield_size)
			sbuf_addf(sb, " bitfield_size=%u", bitfield_size);
	}
	sbuf_puts(sb, "}");
}

/* ENUM and ENUM64: values print signed or unsigned as the kind flag says */
static void canon_enum(struct canon *c, const struct btf_type *t, struct sbuf *sb)
{
	bool is_signed = btf_kflag(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf_addf(sb, " encoding=%s size=%u vlen=%u {", is_signed ? "SIGNED" : "UNSIGNED", t->size,
		  vlen);
	for (i = 0; i < vlen; i++) {
		const char *name;

		sbuf_puts(sb, i ? "; '" : "'");
		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t) + i;

			name = btf__name_by_offset(c->btf, e->name_off) ?: "";
			if (is_signed)
				sbuf_addf(sb, "%s'=%d", name, e->val);
			else
				sbuf_addf(sb, "%s'=%u", name, (__u32)e->val);
		} else {
			const struct btf_enum64 *e = btf_enum64(t) + i;
			__u64 val = btf_enum64_value(e);

			name = btf__name_by_offset(c->btf, e->name_off) ?: "";
			if (is_signed)
				sbuf_addf(sb, "%s'=%lld", name, (long long)val);
			else
				sbuf_addf(sb, "%s'=%llu", name, (unsigned long long)val);
		}
	}
	sbuf_puts(sb, "}");
}

static void canon_func_proto(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	const struct btf_param *p = btf_params(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf_puts(sb, " ret_type=");
	canon_ref(c, t->type, depth, sb);
	sbuf_addf(sb, " vlen=%u {", vlen);
	for (i = 0; i < vlen; i++, p++) {
		sbuf_addf(sb, "%s'%s' type=", i ? "; " : "",
			  btf__name_by_offset(c->btf, p->name_off) ?: "");
		canon_ref(c, p->type, depth, sb);
	}
	sbuf_puts(sb, "}");
}

static void canon_datasec(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf_addf(sb, " size=%u vlen=%u {", t->size, vlen);
	for (i = 0; i < vlen; i++, v++) {
		sbuf_puts(sb, i ? "; type=" : "type=");
		canon_ref(c, v->type, depth, sb);
		sbuf_addf(sb, " offset=%u size=%u", v->offset, v->size);
	}
	sbuf_puts(sb, "}");
}

static const char *canon_func_linkage(__u16 linkage)
{
	switch (linkage) {
	case BTF_FUNC_STATIC:
		return "static";
	case BTF_FUNC_GLOBAL:
		return "global";
	case BTF_FUNC_EXTERN:
		return "extern";
	default:
		return "unknown";
	}
}

static const char *canon_var_linkage(__u32 linkage)
{
	switch (linkage) {
	case BTF_VAR_STATIC:
		return "static";
	case BTF_VAR_GLOBAL_ALLOCATED:
		return "global-alloc";
	case BTF_VAR_GLOBAL_EXTERN:
		return "global-extern";
	default:
		return "unknown";
	}
}

/* canon_body() - append the kind's own data of @t (everything after KIND 'name') */
static void canon_body(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		canon_int(t, sb);
		break;
	case BTF_KIND_ARRAY:
		sbuf_puts(sb, " type=");
		canon_ref(c, btf_array(t)->type, depth, sb);
		sbuf_puts(sb, " index_type=");
		canon_ref(c, btf_array(t)->index_type, depth, sb);
		sbuf_addf(sb, " nr_elems=%u", btf_array(t)->nelems);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		canon_members(c, t, depth, sb);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		canon_enum(c, t, sb);
		break;
	case BTF_KIND_FWD:
		sbuf_addf(sb, " fwd_kind=%s", btf_kflag(t) ? "union" : "struct");
		break;
	case BTF_KIND_FUNC:
		sbuf_addf(sb, " linkage=%s type=", canon_func_linkage(btf_vlen(t)));
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_FUNC_PROTO:
		canon_func_proto(c, t, depth, sb);
		break;
	case BTF_KIND_VAR:
		sbuf_addf(sb, " linkage=%s type=", canon_var_linkage(btf_var(t)->linkage));
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_DATASEC:
		canon_datasec(c, t, depth, sb);
		break;
	case BTF_KIND_FLOAT:
		sbuf_addf(sb, " size=%u", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		/* kind_flag 1: an attribute, not a btf_decl_tag */
		sbuf_addf(sb, "%s component_idx=%d type=", btf_kflag(t) ? " kind_flag=1" : "",
			  btf_decl_tag(t)->component_idx);
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_TYPE_TAG:
		/* kind_flag 1: an attribute such as address_space(1), not a btf_type_tag */
		sbuf_addf(sb, "%s type=", btf_kflag(t) ? " kind_flag=1" : "");
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
		sbuf_puts(sb, " type=");
		canon_ref(c, t->type, depth, sb);
		break;
	default:
		sbuf_addf(sb, " kind=%u info=0x%x", btf_kind(t), t->info);
		break;
	}
}

/* kinds whose BTF name is meaningful; the others must have name_off 0 */
static bool canon_kind_has_name(unsigned int kind)
{
	switch (kind) {
	case BTF_KIND_PTR:
	case BTF_KIND_ARRAY:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC_PROTO:
		return false;
	default:
		return true;
	}
}

/* canon_type() - append the full line of type @id (memoized) */
static void canon_type(struct canon *c, __u32 id, int depth, struct sbuf *sb)
{
	const struct btf_type *t;
	unsigned long nr_cut = c->nr_cut;
	size_t start = sb->len;

	if (c->memo[id]) {
		sbuf_puts(sb, c->memo[id]);
		return;
	}
	if (c->busy[id] || depth > CANON_MAX_DEPTH) {
		sbuf_puts(sb, "...");
		c->nr_cut++;
		return;
	}
	t = btf__type_by_id(c->btf, id);
	if (!t) {
		sbuf_addf(sb, "<bad type id %u>", id);
		return;
	}
	c->busy[id] = 1;
	sbuf_puts(sb, tkind__name(btf_kind(t)));
	if (canon_kind_has_name(btf_kind(t)) || t->name_off)
		sbuf_addf(sb, " '%s'", canon_name(c, t));
	canon_body(c, t, depth, sb);
	c->busy[id] = 0;

	if (sb->err || c->nr_cut != nr_cut)
		return;
	c->memo[id] = strndup(sb->buf + start, sb->len - start);
	if (!c->memo[id])
		sb->err = -ENOMEM;
}

/* One compared type: its canonical line and kind. */
struct entry {
	const char *line; /* points into canon.memo, or owned if @owned */
	__u16 kind;
	bool owned;
};

static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->line, b->line);
}

/* Everything btfcmp knows about one input (A or B). */
struct side {
	const char *path;      /* borrowed from argv */
	const char *base_path; /* borrowed from argv, NULL without a base */
	struct btf *base;      /* owned, NULL without a base */
	struct btf *btf;       /* owned, split on @base if there is one */
	struct canon canon;
	struct entry *ents; /* owned, sorted by entry_cmp() */
	size_t nr_ents;
};

struct btfcmp_opts {
	const char *base_a;
	const char *base_b;
	unsigned long kinds; /* bit (1 << kind) set: compare this kind */
	long max_diffs;	     /* per side; 0: no limit */
	bool dump;
	bool quiet;
	bool subset; /* only B's extra types count as a difference */
};

/*
 * input_probe() - check that @path is raw BTF or an ELF file with a .BTF
 * section, so that a failure names the real problem instead of libbpf's errno.
 * Return: 0 if it looks parseable, negative errno after printing a message.
 */
static int input_probe(const char *path)
{
	unsigned char magic[SELFMAG];
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	Elf *elf = NULL;
	int fd, err = 0;
	ssize_t n;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		fprintf(stderr, "btfcmp: '%s': cannot open: %s\n", path, errstr(err));
		return err;
	}
	n = pread(fd, magic, sizeof(magic), 0);
	if (n >= 2 &&
	    ((magic[0] == 0x9f && magic[1] == 0xeb) || (magic[0] == 0xeb && magic[1] == 0x9f)))
		goto out;
	if (n != SELFMAG || memcmp(magic, ELFMAG, SELFMAG)) {
		fprintf(stderr, "btfcmp: '%s': not a BTF or ELF file\n", path);
		err = -EINVAL;
		goto out;
	}
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx)) {
		fprintf(stderr, "btfcmp: '%s': invalid ELF file: %s\n", path, elf_errmsg(-1));
		err = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, ".BTF"))
			continue;
		if (sh.sh_type == SHT_NOBITS) {
			fprintf(stderr, "btfcmp: '%s': .BTF section has no data (SHT_NOBITS)\n",
				path);
			err = -ENODATA;
		}
		goto out;
	}
	fprintf(stderr, "btfcmp: '%s': no .BTF section\n", path);
	err = -ENODATA;
out:
	elf_end(elf);
	close(fd);
	return err;
}

/* parse_btf() - parse @path, split on @base if not NULL; NULL after a message */
static struct btf *parse_btf(const char *path, struct btf *base)
{
	struct btf *btf;
	int err;

	if (input_probe(path))
		return NULL;
	btf = base ? btf__parse_split(path, base) : btf__parse(path, NULL);
	if (!btf) {
		err = -errno;
		fprintf(stderr, "btfcmp: '%s': invalid BTF: %s%s\n", path, errstr(err),
			base ? "" : " (split BTF needs its base: --base)");
	}
	return btf;
}

/* side_load() - parse the side's files and render its compared types */
static int side_load(struct side *s, unsigned long kinds)
{
	struct sbuf sb = {};
	__u32 id, start = 1;
	int err;

	if (s->base_path) {
		s->base = parse_btf(s->base_path, NULL);
		if (!s->base)
			return -EINVAL;
		start = btf__type_cnt(s->base);
	}
	s->btf = parse_btf(s->path, s->base);
	if (!s->btf)
		return -EINVAL;
	err = canon_init(&s->canon, s->btf);
	if (err)
		goto out;
	s->ents = calloc(s->canon.nr_ids - start + 1, sizeof(*s->ents));
	if (!s->ents) {
		err = -ENOMEM;
		goto out;
	}
	for (id = start; id < s->canon.nr_ids; id++) {
		struct entry *e = &s->ents[s->nr_ents];
		const struct btf_type *t = btf__type_by_id(s->btf, id);

		if (!t || !(kinds & (1UL << btf_kind(t))))
			continue;
		e->kind = btf_kind(t);
		if (!s->canon.memo[id]) {
			sb.len = 0;
			canon_type(&s->canon, id, 0, &sb);
			if (sb.err) {
				err = sb.err;
				goto out;
			}
		}
		e->line = s->canon.memo[id];
		if (!e->line) {
			e->line = strdup(sb.buf);
			e->owned = true;
			if (!e->line) {
				err = -ENOMEM;
				goto out;
			}
		}
		s->nr_ents++;
	}
	qsort(s->ents, s->nr_ents, sizeof(*s->ents), entry_cmp);
out:
	sbuf_release(&sb);
	if (err)
		fprintf(stderr, "btfcmp: '%s': %s\n", s->path, errstr(err));
	return err;
}

static void side_release(struct side *s)
{
	size_t i;

	for (i = 0; i < s->nr_ents; i++) {
		if (s->ents[i].owned)
			free((char *)s->ents[i].line);
	}
	free(s->ents);
	canon_release(&s->canon);
	btf__free(s->btf);
	btf__free(s->base);
}

/* One line of the difference: an entry found only in A (sign '-') or B ('+'). */
struct diff {
	const struct entry *ent;
	char sign;
};

struct diff_set {
	struct diff *diffs; /* owned, sorted like the entries (by kind, then line) */
	size_t nr;
	size_t only_a;
	size_t only_b;
	size_t kind_a[CANON_NR_KINDS]; /* only-in-A count per kind */
	size_t kind_b[CANON_NR_KINDS]; /* only-in-B count per kind */
};

/* diff_set_build() - merge the two sorted multisets; equal lines cancel one to one */
static int diff_set_build(struct diff_set *ds, const struct side *a, const struct side *b)
{
	size_t i = 0, j = 0;

	ds->diffs = calloc(a->nr_ents + b->nr_ents + 1, sizeof(*ds->diffs));
	if (!ds->diffs)
		return -ENOMEM;
	while (i < a->nr_ents || j < b->nr_ents) {
		int cmp;

		if (i == a->nr_ents)
			cmp = 1;
		else if (j == b->nr_ents)
			cmp = -1;
		else
			cmp = entry_cmp(&a->ents[i], &b->ents[j]);
		if (cmp == 0) {
			i++;
			j++;
		} else if (cmp < 0) {
			ds->diffs[ds->nr++] = (struct diff){&a->ents[i++], '-'};
		} else {
			ds->diffs[ds->nr++] = (struct diff){&b->ents[j++], '+'};
		}
	}
	for (i = 0; i < ds->nr; i++) {
		unsigned int kind = ds->diffs[i].ent->kind;

		if (kind >= CANON_NR_KINDS)
			kind = BTF_KIND_UNKN;
		if (ds->diffs[i].sign == '-') {
			ds->only_a++;
			ds->kind_a[kind]++;
		} else {
			ds->only_b++;
			ds->kind_b[kind]++;
		}
	}
	return 0;
}

/* diff_set_print() - the lines grouped by kind, at most @max per side (0: all) */
static void diff_set_print(const struct diff_set *ds, const struct side *a, const struct side *b,
			   long max)
{
	size_t shown_a = 0, shown_b = 0, i;
	int kind = -1;

	if (!ds->nr)
		return;
	printf("--- %s\n+++ %s\n", a->path, b->path);
	for (i = 0; i < ds->nr; i++) {
		const struct diff *d = &ds->diffs[i];
		size_t *shown = d->sign == '-' ? &shown_a : &shown_b;

		if (d->ent->kind != kind) {
			kind = d->ent->kind;
			printf("# %s: only-in-A=%zu only-in-B=%zu\n", tkind__name(kind),
			       ds->kind_a[kind < CANON_NR_KINDS ? kind : 0],
			       ds->kind_b[kind < CANON_NR_KINDS ? kind : 0]);
		}
		if (max && *shown >= (size_t)max)
			continue;
		(*shown)++;
		printf("%c%s\n", d->sign, d->ent->line);
	}
	if (shown_a < ds->only_a || shown_b < ds->only_b)
		printf("# not shown: %zu only-in-A, %zu only-in-B (--max-diffs %ld; 0 shows all)\n",
		       ds->only_a - shown_a, ds->only_b - shown_b, max);
}

static void diff_set_summary(const struct diff_set *ds, const struct side *a, const struct side *b)
{
	const char *sep = " (";
	unsigned int kind;

	printf("btfcmp: A=%zu B=%zu types compared, only-in-A=%zu only-in-B=%zu", a->nr_ents,
	       b->nr_ents, ds->only_a, ds->only_b);
	for (kind = 0; kind < CANON_NR_KINDS; kind++) {
		if (!ds->kind_a[kind] && !ds->kind_b[kind])
			continue;
		printf("%s%s: -%zu +%zu", sep, tkind__name(kind), ds->kind_a[kind], ds->kind_b[kind]);
		sep = ", ";
	}
	printf("%s\n", ds->nr ? ")" : "");
}

static int stdout_check(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "btfcmp: cannot write the output: %s\n", strerror(errno));
		return BTFCMP_ERROR;
	}
	return 0;
}

static int run_compare(const struct btfcmp_opts *opts, const char *path_a, const char *path_b)
{
	struct side a = {.path = path_a, .base_path = opts->base_a};
	struct side b = {.path = path_b, .base_path = opts->base_b};
	struct diff_set ds = {};
	int ret = BTFCMP_ERROR;

	if (side_load(&a, opts->kinds) || side_load(&b, opts->kinds))
		goto out;
	if (diff_set_build(&ds, &a, &b)) {
		fprintf(stderr, "btfcmp: %s\n", errstr(-ENOMEM));
		goto out;
	}
	if (!opts->quiet)
		diff_set_print(&ds, &a, &b, opts->max_diffs);
	diff_set_summary(&ds, &a, &b);
	if (opts->subset)
		ret = ds.only_b ? BTFCMP_DIFFERENT : BTFCMP_EQUAL;
	else
		ret = ds.nr ? BTFCMP_DIFFERENT : BTFCMP_EQUAL;
	ret = stdout_check() ?: ret;
out:
	free(ds.diffs);
	side_release(&b);
	side_release(&a);
	return ret;
}

static int run_dump(const struct btfcmp_opts *opts, const char *path)
{
	struct side s = {.path = path, .base_path = opts->base_a};
	int ret = BTFCMP_ERROR;
	size_t i;

	if (side_load(&s, opts->kinds))
		goto out;
	for (i = 0; i < s.nr_ents; i++)
		printf("%s\n", s.ents[i].line);
	ret = stdout_check();
out:
	side_release(&s);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: btfcmp [options] A B\n"
		   "       btfcmp --dump [options] FILE\n"
		   "\n"
		   "Compare the types of two BTF files as multisets of canonical lines, which\n"
		   "ignore type IDs and type order. A file is raw BTF or an ELF file with a .BTF\n"
		   "section. Lines only in A are printed with '-', lines only in B with '+'.\n"
		   "\n"
		   "Options:\n"
		   "  -B, --base FILE     A and B (or the --dump FILE) are split BTF on FILE;\n"
		   "                      only their own types are compared\n"
		   "      --base-a FILE   base of A only (also the base of the --dump FILE)\n"
		   "      --base-b FILE   base of B only\n"
		   "      --kinds LIST    compare only these kinds, comma-separated, e.g.\n"
		   "                      STRUCT,UNION,FUNC (default: all kinds)\n"
		   "      --max-diffs N   print at most N lines per side (default 50, 0: all)\n"
		   "      --dump          print the sorted canonical lines of one FILE\n"
		   "  -q, --quiet         print only the summary line\n"
		   "      --subset        exit 0 when every type of B is in A (A may have more)\n"
		   "  -h, --help          show this help\n"
		   "\n"
		   "Exit status: 0 equal, 1 different, 2 usage or input error.\n"
		   "The canonical form is described in docs/btfcmp.md.\n");
}

/* parse_kinds() - turn "STRUCT,union" into a kind bit mask; 0 after a message */
static unsigned long parse_kinds(const char *list)
{
	unsigned long mask = 0;
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		unsigned int kind;

		for (kind = 1; kind < CANON_NR_KINDS; kind++) {
			if (strlen(tkind__name(kind)) == n && !strncasecmp(p, tkind__name(kind), n))
				break;
		}
		if (kind == CANON_NR_KINDS) {
			fprintf(stderr, "btfcmp: --kinds: unknown BTF kind '%.*s'\n", (int)n, p);
			return 0;
		}
		mask |= 1UL << kind;
		if (!p[n])
			return mask;
		p += n + 1;
	}
}

enum {
	OPT_BASE_A = 0x100,
	OPT_BASE_B,
	OPT_KINDS,
	OPT_MAX_DIFFS,
	OPT_DUMP,
	OPT_SUBSET,
};

static const struct option long_opts[] = {
	{"base", required_argument, NULL, 'B'},
	{"base-a", required_argument, NULL, OPT_BASE_A},
	{"base-b", required_argument, NULL, OPT_BASE_B},
	{"kinds", required_argument, NULL, OPT_KINDS},
	{"max-diffs", required_argument, NULL, OPT_MAX_DIFFS},
	{"dump", no_argument, NULL, OPT_DUMP},
	{"subset", no_argument, NULL, OPT_SUBSET},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* parse_args() - fill @opts; 0, 1 after --help, or -EINVAL after a message */
static int parse_args(int argc, char **argv, struct btfcmp_opts *opts)
{
	const char *base = NULL, *base_a = NULL, *base_b = NULL;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "B:qh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'B':
			base = optarg;
			break;
		case OPT_BASE_A:
			base_a = optarg;
			break;
		case OPT_BASE_B:
			base_b = optarg;
			break;
		case OPT_KINDS:
			opts->kinds = parse_kinds(optarg);
			if (!opts->kinds)
				return -EINVAL;
			break;
		case OPT_MAX_DIFFS:
			errno = 0;
			opts->max_diffs = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || opts->max_diffs < 0) {
				fprintf(stderr, "btfcmp: --max-diffs: invalid number '%s'\n",
					optarg);
				return -EINVAL;
			}
			break;
		case OPT_SUBSET:
			opts->subset = true;
			break;
		case OPT_DUMP:
			opts->dump = true;
			break;
		case 'q':
			opts->quiet = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			return -EINVAL;
		}
	}
	opts->base_a = base_a ?: base;
	opts->base_b = base_b ?: base;
	if (argc - optind != (opts->dump ? 1 : 2)) {
		fprintf(stderr, "btfcmp: expected %s, got %d argument%s\n",
			opts->dump ? "one FILE with --dump" : "two files A and B", argc - optind,
			argc - optind == 1 ? "" : "s");
		return -EINVAL;
	}
	return 0;
}

static __printf(2, 0) int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_WARN)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

int main(int argc, char **argv)
{
	struct btfcmp_opts opts = {
		.kinds = ~0UL,
		.max_diffs = 50,
	};
	int err;

	err = parse_args(argc, argv, &opts);
	if (err) {
		if (err < 0)
			fprintf(stderr, "Try 'btfcmp --help' for more information.\n");
		return err > 0 ? BTFCMP_EQUAL : BTFCMP_ERROR;
	}
	libbpf_set_print(libbpf_print);
	if (opts.dump)
		return run_dump(&opts, argv[optind]);
	return run_compare(&opts, argv[optind], argv[optind + 1]);
}
