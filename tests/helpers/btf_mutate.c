// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_mutate: mutants of a real BTF for the --btf_check tests. Each mutant
 * changes a few bytes of one type, one string or the header, aimed at one
 * family of the kernel's rules; about half of them stay valid, so the test
 * sees both verdicts of every family.
 *
 * Usage: btf_mutate IN OUTDIR COUNT SEED [BASE]
 * IN is raw BTF in this machine's byte order; with BASE (raw) IN is split
 * BTF on it and each mutant is also written joined with BASE into one
 * standalone BTF (NAME.joined), the form BPF_BTF_LOAD takes; the split's
 * header is then left alone.
 * Prints "NAME FAMILY what" per mutant. Exit 0, or 2 on errors.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include "file_bytes.h"

struct raw {
	uint8_t *d;
	size_t size;
	struct btf_header *h;
	uint32_t *toff; /* offset of each type in d */
	uint32_t nr;	/* types */
};

static uint64_t rng;
static uint8_t *mut;	   /* the mutant's bytes */
static struct raw in;	   /* the original */
static uint32_t start_id;  /* first type ID of IN */
static uint32_t start_str; /* first string offset of IN */
static uint32_t base_nr;   /* types of BASE, with void */

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng % n) : 0;
}

static uint32_t extra(const struct btf_type *t)
{
	uint32_t vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_ARRAY:
		return 12;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_DATASEC:
	case BTF_KIND_ENUM64:
		return 12 * vlen;
	case BTF_KIND_ENUM:
	case BTF_KIND_FUNC_PROTO:
		return 8 * vlen;
	default:
		return 0;
	}
}

static int parse(struct raw *r)
{
	uint32_t off, end;

	r->h = (struct btf_header *)r->d;
	if (r->size < sizeof(*r->h) || r->h->magic != BTF_MAGIC)
		return -1;
	off = r->h->hdr_len + r->h->type_off;
	end = off + r->h->type_len;
	r->toff = malloc(sizeof(uint32_t) * (r->h->type_len / 12 + 1));
	for (r->nr = 0; off < end; r->nr++) {
		r->toff[r->nr] = off;
		off += 12 + extra((struct btf_type *)(r->d + off));
	}
	return 0;
}

/* the mutant's type of own index @i, and its ID */
static struct btf_type *mt(uint32_t i)
{
	return (struct btf_type *)(mut + in.toff[i]);
}

static uint32_t id_of(uint32_t i)
{
	return start_id + i;
}

/* a random own type of one of @kinds (a bit mask), or -1 */
static long pick(uint32_t kinds)
{
	uint32_t i, tries, n = 0;
	long chosen = -1;

	for (tries = 0; tries < 4000; tries++) {
		i = rnd(in.nr);
		if (kinds & (1u << BTF_INFO_KIND(mt(i)->info)))
			return i;
	}
	/* rare kinds: one of them, each as likely */
	for (i = 0; i < in.nr; i++)
		if (kinds & (1u << BTF_INFO_KIND(mt(i)->info)) && !rnd(++n))
			chosen = i;
	return chosen;
}

/* a random existing type ID (base or own) of one of @kinds */
static uint32_t any_of(uint32_t kinds)
{
	long i = pick(kinds);

	return i < 0 ? 1 + rnd(start_id + in.nr - 1) : id_of(i);
}

#define K(k) (1u << BTF_KIND_##k)
#define MODS (K(TYPEDEF) | K(VOLATILE) | K(CONST) | K(RESTRICT) | K(TYPE_TAG))

static char what[256];

#define say(...) snprintf(what, sizeof(what), __VA_ARGS__)

/* a string offset of IN's own strings that starts a name, for renames */
static uint32_t name_of(long i)
{
	return i < 0 ? 0 : mt(i)->name_off;
}

static char *str_at(uint32_t off)
{
	if (off < start_str)
		return NULL;
	return (char *)mut + in.h->hdr_len + in.h->str_off + off - start_str;
}

static const char *m_header(void)
{
	struct btf_header *h = (struct btf_header *)mut;

	switch (rnd(7)) {
	case 0:
		h->magic ^= 1 << rnd(16);
		say("magic 0x%x", h->magic);
		break;
	case 1:
		h->version = rnd(3);
		say("version %u", h->version);
		break;
	case 2:
		h->flags = rnd(2);
		say("flags %u", h->flags);
		break;
	case 3:
		h->str_len += rnd(2) ? 1 : -1;
		say("str_len %u", h->str_len);
		break;
	case 4:
		h->type_off = rnd(2) ? 2 : 0;
		say("type_off %u", h->type_off);
		break;
	case 5:
		h->type_len -= 4 * rnd(3);
		say("type_len %u", h->type_len);
		break;
	default:
		h->str_off += rnd(2) ? 4 : -4;
		say("str_off %u", h->str_off);
	}
	return "header";
}

static const char *m_string(void)
{
	static const char bad[] = "-$ .9\x7f\xc0\xd7\xa0\x85_";
	long i = pick(K(STRUCT) | K(UNION) | K(TYPEDEF) | K(FUNC) | K(VAR) | K(FWD) | K(ENUM) |
		      K(DATASEC) | K(INT));
	char *s;

	if (i < 0)
		i = rnd(in.nr);
	s = str_at(name_of(i));
	uint32_t *strlen_p = &((struct btf_header *)mut)->str_len;

	switch (rnd(4)) {
	case 0:
		if (s && *s) {
			uint32_t at = rnd(strlen(s));

			s[at] = bad[rnd(sizeof(bad) - 1)];
			say("[%u] name byte %u changed", id_of(i), at);
			break;
		}
		/* fall through */
	case 1:
		mt(i)->name_off = start_str + *strlen_p + rnd(3) - 1;
		say("[%u] name_off %u at the end of the strings", id_of(i), mt(i)->name_off);
		break;
	case 2:
		if (start_str) { /* a split BTF's strings need not start with a NUL */
			mut[in.h->hdr_len + in.h->str_off + *strlen_p - 1] = 'x';
			say("last string byte not NUL");
		} else {
			mut[in.h->hdr_len + in.h->str_off] = 'x';
			say("first string byte not NUL");
		}
		break;
	default:
		mt(i)->name_off = rnd(2) ? 0 : mt(i)->name_off + 1;
		say("[%u] name_off %u", id_of(i), mt(i)->name_off);
	}
	return "strings";
}

static const char *m_int(void)
{
	long i = pick(K(INT));
	struct btf_type *t = mt(i);
	uint32_t *data = (uint32_t *)(t + 1);

	switch (rnd(6)) {
	case 0:
		t->size = rnd(18);
		say("[%u] INT size %u", id_of(i), t->size);
		break;
	case 1:
		*data = (*data & ~0xffu) | rnd(140);
		say("[%u] INT bits %u", id_of(i), *data & 0xff);
		break;
	case 2:
		*data = (*data & ~0xff0000u) | (rnd(40) << 16);
		say("[%u] INT offset %u", id_of(i), (*data >> 16) & 0xff);
		break;
	case 3:
		*data = (*data & 0xffffff) | (rnd(16) << 24);
		say("[%u] INT encoding %u", id_of(i), *data >> 24);
		break;
	case 4:
		t->info |= rnd(2) ? 1u << 31 : 1;
		say("[%u] INT info 0x%x", id_of(i), t->info);
		break;
	default:
		*data |= 0x10000000u << rnd(4);
		say("[%u] INT data 0x%x", id_of(i), *data);
	}
	return "int";
}

static const char *m_enum(void)
{
	long i = pick(K(ENUM) | K(ENUM64));
	struct btf_type *t = mt(i);
	static const uint32_t sizes[] = {0, 1, 2, 3, 4, 6, 8, 16};

	switch (rnd(4)) {
	case 0:
		t->size = sizes[rnd(8)];
		say("[%u] ENUM size %u", id_of(i), t->size);
		break;
	case 1:
		t->info ^= 1u << 31;
		say("[%u] ENUM kind_flag %u", id_of(i), t->info >> 31);
		break;
	case 2:
		if (BTF_INFO_VLEN(t->info)) {
			*(uint32_t *)(t + 1) = 0;
			say("[%u] ENUM first value anonymous", id_of(i));
			break;
		}
		/* fall through */
	default:
		t->info += 1;
		say("[%u] ENUM vlen %u", id_of(i), BTF_INFO_VLEN(t->info));
	}
	return "enum";
}

static const char *m_array(void)
{
	long i = pick(K(ARRAY));
	struct btf_type *t = mt(i);
	struct btf_array *a = (struct btf_array *)(t + 1);

	switch (rnd(6)) {
	case 0:
		a->index_type = any_of(K(PTR) | K(STRUCT) | K(INT) | K(ENUM) | K(TYPEDEF));
		say("[%u] ARRAY index type %u", id_of(i), a->index_type);
		break;
	case 1:
		a->type = rnd(2) ? 0 : any_of(K(FUNC) | K(FUNC_PROTO) | K(FWD) | K(VAR) | K(INT));
		say("[%u] ARRAY elem type %u", id_of(i), a->type);
		break;
	case 2:
		a->nelems = rnd(2) ? 0x7fffffff : rnd(1000);
		say("[%u] ARRAY nelems %u", id_of(i), a->nelems);
		break;
	case 3:
		t->size = rnd(2);
		say("[%u] ARRAY size %u", id_of(i), t->size);
		break;
	case 4:
		t->name_off = name_of(pick(K(STRUCT)));
		say("[%u] ARRAY named", id_of(i));
		break;
	default:
		a->type = id_of(i);
		say("[%u] ARRAY of itself", id_of(i));
	}
	return "array";
}

static const char *m_struct(void)
{
	long i = pick(K(STRUCT) | K(UNION));
	struct btf_type *t = mt(i);
	uint32_t vlen = BTF_INFO_VLEN(t->info);
	struct btf_member *m = (struct btf_member *)(t + 1), *x;

	while (!vlen) {
		i = pick(K(STRUCT) | K(UNION));
		t = mt(i);
		vlen = BTF_INFO_VLEN(t->info);
		m = (struct btf_member *)(t + 1);
	}
	x = &m[rnd(vlen)];
	switch (rnd(7)) {
	case 0:
		x->offset = m[vlen - 1].offset + rnd(3) * 8 * (rnd(2) ? 1 : t->size);
		say("[%u] member offset %u", id_of(i), x->offset);
		break;
	case 1:
		t->size = t->size ? t->size - rnd(t->size < 8 ? t->size + 1 : 9) : 1;
		say("[%u] size %u", id_of(i), t->size);
		break;
	case 2:
		x->type = any_of(K(FUNC) | K(FUNC_PROTO) | K(FWD) | K(VAR) | K(DATASEC) | K(PTR) |
				 K(FLOAT) | K(ENUM) | K(ARRAY));
		say("[%u] member type %u", id_of(i), x->type);
		break;
	case 3:
		t->info ^= 1u << 31;
		say("[%u] kind_flag %u", id_of(i), t->info >> 31);
		break;
	case 4:
		x->offset += 1 + rnd(7);
		say("[%u] member offset %u", id_of(i), x->offset);
		break;
	case 5:
		x->type = rnd(3) ? id_of(i) : 0;
		say("[%u] member type %u (itself or void)", id_of(i), x->type);
		break;
	default:
		x->name_off = name_of(pick(K(FUNC) | K(DATASEC)));
		say("[%u] member renamed", id_of(i));
	}
	return "struct";
}

static const char *m_fwd(void)
{
	long i = pick(K(FWD));
	struct btf_type *t = mt(i);

	switch (rnd(3)) {
	case 0:
		t->name_off = 0;
		say("[%u] FWD anonymous", id_of(i));
		break;
	case 1:
		t->type = 1 + rnd(2);
		say("[%u] FWD type %u", id_of(i), t->type);
		break;
	default:
		t->info ^= 1u << 31;
		say("[%u] FWD kind_flag %u", id_of(i), t->info >> 31);
	}
	return "fwd";
}

static const char *m_typedef(void)
{
	long i = pick(K(TYPEDEF));
	struct btf_type *t = mt(i);

	switch (rnd(4)) {
	case 0:
		t->type = id_of(i);
		say("[%u] TYPEDEF of itself", id_of(i));
		break;
	case 1:
		t->name_off = 0;
		say("[%u] TYPEDEF anonymous", id_of(i));
		break;
	case 2:
		t->type = any_of(K(FUNC) | K(VAR) | K(DATASEC) | K(FWD) | K(FUNC_PROTO) |
				 K(DECL_TAG));
		say("[%u] TYPEDEF of %u", id_of(i), t->type);
		break;
	default:
		t->type = any_of(MODS);
		say("[%u] TYPEDEF of modifier %u", id_of(i), t->type);
	}
	return "typedef";
}

static const char *m_modifier(void)
{
	long i = pick(K(PTR) | K(CONST) | K(VOLATILE) | K(RESTRICT));
	struct btf_type *t = mt(i);

	switch (rnd(6)) {
	case 0:
		t->name_off = name_of(pick(K(STRUCT)));
		say("[%u] PTR/qualifier named", id_of(i));
		break;
	case 1:
		t->info ^= 1u << 31;
		say("[%u] PTR/qualifier kind_flag", id_of(i));
		break;
	case 2:
		t->type = id_of(i);
		say("[%u] PTR/qualifier of itself", id_of(i));
		break;
	case 3:
		t->type = any_of(MODS | K(PTR));
		say("[%u] PTR/qualifier of %u (a chain, perhaps a loop)", id_of(i), t->type);
		break;
	case 4:
		t->type = start_id + in.nr + rnd(3);
		say("[%u] PTR/qualifier of %u, past the end", id_of(i), t->type);
		break;
	default:
		t->type = any_of(K(FUNC) | K(VAR) | K(FWD) | K(FUNC_PROTO) | K(DATASEC));
		say("[%u] PTR/qualifier of %u", id_of(i), t->type);
	}
	return "modifier";
}

static const char *m_func(void)
{
	long i = pick(K(FUNC));
	struct btf_type *t = mt(i);
	struct btf_type *p;
	struct btf_param *a;

	switch (rnd(5)) {
	case 0:
		t->info = (t->info & ~0xffffu) | rnd(12);
		say("[%u] FUNC linkage %u", id_of(i), BTF_INFO_VLEN(t->info));
		break;
	case 1:
		t->info ^= 1u << 31;
		say("[%u] FUNC kind_flag", id_of(i));
		break;
	case 2:
		t->type = any_of(K(FUNC) | K(PTR) | K(INT) | K(FUNC_PROTO));
		say("[%u] FUNC type %u", id_of(i), t->type);
		break;
	case 3:
		if (t->type >= start_id && t->type < start_id + in.nr) {
			p = mt(t->type - start_id);
			if (BTF_INFO_VLEN(p->info)) {
				a = (struct btf_param *)(p + 1);
				a[rnd(BTF_INFO_VLEN(p->info))].name_off = 0;
				say("[%u] FUNC: a parameter of [%u] anonymous", id_of(i), t->type);
				break;
			}
		}
		/* fall through */
	default:
		t->name_off = 0;
		say("[%u] FUNC anonymous", id_of(i));
	}
	return "func";
}

static const char *m_proto(void)
{
	long i = pick(K(FUNC_PROTO));
	struct btf_type *t = mt(i);
	uint32_t vlen = BTF_INFO_VLEN(t->info);
	struct btf_param *a = (struct btf_param *)(t + 1);

	switch (vlen ? rnd(6) : rnd(3)) {
	case 0:
		t->name_off = name_of(pick(K(STRUCT)));
		say("[%u] FUNC_PROTO named", id_of(i));
		break;
	case 1:
		t->info ^= 1u << 31;
		say("[%u] FUNC_PROTO kind_flag", id_of(i));
		break;
	case 2:
		t->type =
			any_of(K(FUNC) | K(VAR) | K(FWD) | K(FUNC_PROTO) | K(STRUCT) | K(DATASEC));
		say("[%u] FUNC_PROTO returns %u", id_of(i), t->type);
		break;
	case 3:
		a[rnd(vlen)].type = 0;
		say("[%u] FUNC_PROTO a parameter void", id_of(i));
		break;
	case 4:
		a[rnd(vlen)].type = any_of(K(FUNC) | K(VAR) | K(FWD) | K(FUNC_PROTO) | K(DECL_TAG));
		say("[%u] FUNC_PROTO parameter type", id_of(i));
		break;
	default:
		a[rnd(vlen)].name_off = name_of(pick(K(DATASEC)));
		say("[%u] FUNC_PROTO parameter renamed", id_of(i));
	}
	return "func_proto";
}

static const char *m_var(void)
{
	long i = pick(K(VAR));
	struct btf_type *t = mt(i);
	struct btf_var *v = (struct btf_var *)(t + 1);

	switch (rnd(4)) {
	case 0:
		v->linkage = rnd(4);
		say("[%u] VAR linkage %u", id_of(i), v->linkage);
		break;
	case 1:
		t->type = rnd(2) ? 0 : any_of(K(FUNC) | K(FWD) | K(FUNC_PROTO) | K(VAR));
		say("[%u] VAR type %u", id_of(i), t->type);
		break;
	case 2:
		t->info ^= 1u << 31;
		say("[%u] VAR kind_flag", id_of(i));
		break;
	default:
		t->name_off = 0;
		say("[%u] VAR anonymous", id_of(i));
	}
	return "var";
}

static const char *m_datasec(void)
{
	long i = pick(K(DATASEC));
	struct btf_type *t = mt(i);
	uint32_t vlen = BTF_INFO_VLEN(t->info), j;
	struct btf_var_secinfo *v = (struct btf_var_secinfo *)(t + 1), tmp;

	j = vlen ? rnd(vlen) : 0;
	switch (vlen ? rnd(6) : 5) {
	case 0:
		if (vlen > 1) {
			j = rnd(vlen - 1);
			tmp = v[j], v[j] = v[j + 1], v[j + 1] = tmp;
			say("[%u] DATASEC entries %u and %u swapped", id_of(i), j, j + 1);
			break;
		}
		/* fall through */
	case 1:
		v[j].offset = t->size - rnd(3);
		say("[%u] DATASEC entry offset %u", id_of(i), v[j].offset);
		break;
	case 2:
		v[j].size = rnd(2) ? 0 : v[j].size / 2;
		say("[%u] DATASEC entry size %u", id_of(i), v[j].size);
		break;
	case 3:
		v[j].type = any_of(K(INT) | K(FUNC) | K(STRUCT) | K(VAR));
		say("[%u] DATASEC entry type %u", id_of(i), v[j].type);
		break;
	case 4:
		t->size = v[vlen - 1].offset + rnd(2 * v[vlen - 1].size + 1);
		say("[%u] DATASEC size %u", id_of(i), t->size);
		break;
	default:
		t->size = rnd(2) ? 0 : t->size;
		t->info ^= rnd(2) << 31;
		say("[%u] DATASEC size %u, kind_flag %u", id_of(i), t->size, t->info >> 31);
	}
	return "datasec";
}

static const char *m_decl_tag(void)
{
	long i = pick(K(DECL_TAG));
	struct btf_type *t = mt(i);
	struct btf_decl_tag *d = (struct btf_decl_tag *)(t + 1);

	switch (rnd(4)) {
	case 0:
		d->component_idx = (int)rnd(6) - 2;
		say("[%u] DECL_TAG component_idx %d", id_of(i), (int)d->component_idx);
		break;
	case 1:
		t->type = any_of(K(INT) | K(PTR) | K(STRUCT) | K(FUNC) | K(VAR) | K(TYPEDEF) |
				 K(FUNC_PROTO));
		say("[%u] DECL_TAG on %u", id_of(i), t->type);
		break;
	case 2:
		t->name_off = 0;
		say("[%u] DECL_TAG without value", id_of(i));
		break;
	default:
		t->info ^= rnd(2) ? 1u << 31 : 1;
		say("[%u] DECL_TAG info 0x%x", id_of(i), t->info);
	}
	return "decl_tag";
}

static const char *m_type_tag(void)
{
	long i = pick(K(TYPE_TAG));
	struct btf_type *t = mt(i);

	switch (rnd(4)) {
	case 0:
		t->name_off = 0;
		say("[%u] TYPE_TAG without value", id_of(i));
		break;
	case 1:
		t->info ^= 1u << 31;
		say("[%u] TYPE_TAG kind_flag", id_of(i));
		break;
	case 2:
		t->type = any_of(K(CONST) | K(VOLATILE) | K(TYPEDEF) | K(TYPE_TAG));
		say("[%u] TYPE_TAG of modifier %u", id_of(i), t->type);
		break;
	default:
		/* a qualifier in front of this tag: tags must come first */
		if (pick(K(CONST) | K(VOLATILE)) < 0) {
			t->type = 0;
			say("[%u] TYPE_TAG of void", id_of(i));
			break;
		}
		t = mt(pick(K(CONST) | K(VOLATILE)));
		t->type = id_of(i);
		say("qualifier retargeted to TYPE_TAG [%u]", id_of(i));
	}
	return "type_tag";
}

static const char *m_float(void)
{
	long i = pick(K(FLOAT));
	struct btf_type *t = mt(i);

	t->size = rnd(18);
	say("[%u] FLOAT size %u", id_of(i), t->size);
	return "float";
}

static const char *m_kind(void)
{
	long i = rnd(in.nr);
	struct btf_type *t = mt(i);

	switch (rnd(3)) {
	case 0:
		t->info = (t->info & ~(0x1fu << 24)) | ((rnd(2) ? 20 + rnd(12) : 0) << 24);
		say("[%u] kind %u", id_of(i), BTF_INFO_KIND(t->info));
		break;
	case 1:
		t->info |= 1u << (16 + rnd(8));
		say("[%u] info 0x%x (unused bits)", id_of(i), t->info);
		break;
	default:
		/* the last type's vlen past the end of the type section */
		t = mt(in.nr - 1);
		t->info = (t->info & ~0xffffu) | 0xffff;
		say("[%u] vlen 65535", id_of(in.nr - 1));
	}
	return "kind_vlen";
}

typedef const char *(*mutator)(void);

static const struct {
	mutator fn;
	uint32_t needs; /* kinds the mutator needs, one of */
} families[] = {
	{m_header, 0},
	{m_string, 0},
	{m_int, K(INT)},
	{m_enum, K(ENUM) | K(ENUM64)},
	{m_array, K(ARRAY)},
	{m_struct, K(STRUCT) | K(UNION)},
	{m_fwd, K(FWD)},
	{m_typedef, K(TYPEDEF)},
	{m_modifier, K(PTR) | K(CONST) | K(VOLATILE) | K(RESTRICT)},
	{m_func, K(FUNC)},
	{m_proto, K(FUNC_PROTO)},
	{m_var, K(VAR)},
	{m_datasec, K(DATASEC)},
	{m_decl_tag, K(DECL_TAG)},
	{m_type_tag, K(TYPE_TAG)},
	{m_float, K(FLOAT)},
	{m_kind, 0},
};

static int write_file(const char *path, const void *a, size_t na, const void *b, size_t nb)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(a, 1, na, f) == na && (!nb || fwrite(b, 1, nb, f) == nb);

	if (f && fclose(f))
		ok = 0;
	return ok ? 0 : -1;
}

/* base + split as one standalone BTF: types after types, strings after strings */
static int write_joined(const char *path, const struct raw *base)
{
	const struct btf_header *sh = (const struct btf_header *)mut;
	struct btf_header h = *base->h;
	size_t bt = base->h->type_len, bs = base->h->str_len, st, ss, n;
	uint8_t *out;
	int err;

	/* a mutated header is the split's own business: keep its sections as they are */
	st = sh->hdr_len + sh->type_off + (size_t)sh->type_len <= in.size ? sh->type_len : 0;
	ss = sh->hdr_len + sh->str_off + (size_t)sh->str_len <= in.size ? sh->str_len : 0;
	h.hdr_len = sizeof(h);
	h.type_off = 0;
	h.type_len = bt + st;
	h.str_off = bt + st;
	h.str_len = bs + ss;
	n = sizeof(h) + bt + st + bs + ss;
	out = malloc(n);
	memcpy(out, &h, sizeof(h));
	memcpy(out + sizeof(h), base->d + base->h->hdr_len + base->h->type_off, bt);
	memcpy(out + sizeof(h) + bt, mut + sh->hdr_len + sh->type_off, st);
	memcpy(out + sizeof(h) + bt + st, base->d + base->h->hdr_len + base->h->str_off, bs);
	memcpy(out + sizeof(h) + bt + st + bs, mut + sh->hdr_len + sh->str_off, ss);
	err = write_file(path, out, n, NULL, 0);
	free(out);
	return err;
}

int main(int argc, char **argv)
{
	struct raw base = {0};
	uint32_t kinds = 0, i, n, f, avail[32], navail = 0;
	char path[4096];
	const char *fam;

	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: btf_mutate IN OUTDIR COUNT SEED [BASE]\n");
		return 2;
	}
	in.d = file_bytes__read(argv[1], &in.size);
	if (!in.d || parse(&in)) {
		fprintf(stderr, "btf_mutate: '%s': not raw BTF of this byte order\n", argv[1]);
		return 2;
	}
	if (argc == 6) {
		base.d = file_bytes__read(argv[5], &base.size);
		if (!base.d || parse(&base)) {
			fprintf(stderr, "btf_mutate: '%s': not raw BTF\n", argv[5]);
			return 2;
		}
		base_nr = base.nr + 1;
		start_id = base_nr;
		start_str = base.h->str_len;
	} else {
		start_id = 1;
	}
	n = strtoul(argv[3], NULL, 0);
	rng = strtoull(argv[4], NULL, 0) * 0x9e3779b97f4a7c15ull + 1;
	mut = malloc(in.size);
	for (i = 0; i < in.nr; i++)
		kinds |= 1u << BTF_INFO_KIND(((struct btf_type *)(in.d + in.toff[i]))->info);
	/*
	 * The families this input has kinds for. Not the header of a split
	 * BTF: the kernel is given it joined with its base, under one header
	 * of its own, so its verdict says nothing about the split's.
	 */
	for (f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		if ((!families[f].needs || (families[f].needs & kinds)) &&
		    !(base.d && families[f].fn == m_header))
			avail[navail++] = f;
	for (i = 0; i < n; i++) {
		memcpy(mut, in.d, in.size);
		/* round robin over them, with a little shuffle */
		f = avail[(i + rnd(2)) % navail];
		fam = families[f].fn();
		snprintf(path, sizeof(path), "%s/m%04u", argv[2], i);
		if (write_file(path, mut, in.size, NULL, 0)) {
			fprintf(stderr, "btf_mutate: cannot write '%s'\n", path);
			return 2;
		}
		if (base.d) {
			snprintf(path, sizeof(path), "%s/m%04u.joined", argv[2], i);
			if (write_joined(path, &base)) {
				fprintf(stderr, "btf_mutate: cannot write '%s'\n", path);
				return 2;
			}
		}
		printf("m%04u %s %s\n", i, fam, what);
	}
	return 0;
}
