/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Facts about BTF type records kept in one place: the names of the kinds,
 * and the type references of a record, by index (where each kind keeps
 * them). Renumbering, counting users, checking a base, and the pairwise
 * walks of interning and folding all iterate with these.
 *
 * Order: PTR/TYPEDEF/CV/TYPE_TAG/FUNC/VAR/DECL_TAG: the type; ARRAY: element,
 * index; STRUCT/UNION: the members' types; FUNC_PROTO: return type, then the
 * parameters' types; DATASEC: the variables. Other kinds have none.
 *
 * String offsets (tref__str_*): the record's own name_off first, then the names
 * of STRUCT/UNION members, ENUM/ENUM64 values or FUNC_PROTO parameters.
 * tref__rec_size(): the bytes of a record. tref__shallow_equal(): two
 * records equal but for their type references.
 */
#ifndef D2B_TYPE_REFS_H
#define D2B_TYPE_REFS_H

#include <stdbool.h>
#include <stdint.h>
#include <bpf/btf.h>

/* tref__kind_name() - "STRUCT", "FUNC_PROTO"...; "UNKNOWN" past what libbpf 1.1 knows */
static inline const char *tref__kind_name(unsigned int kind)
{
	static const char *const names[] = {
		[BTF_KIND_UNKN] = "UNKNOWN",	  [BTF_KIND_INT] = "INT",
		[BTF_KIND_PTR] = "PTR",		  [BTF_KIND_ARRAY] = "ARRAY",
		[BTF_KIND_STRUCT] = "STRUCT",	  [BTF_KIND_UNION] = "UNION",
		[BTF_KIND_ENUM] = "ENUM",	  [BTF_KIND_FWD] = "FWD",
		[BTF_KIND_TYPEDEF] = "TYPEDEF",	  [BTF_KIND_VOLATILE] = "VOLATILE",
		[BTF_KIND_CONST] = "CONST",	  [BTF_KIND_RESTRICT] = "RESTRICT",
		[BTF_KIND_FUNC] = "FUNC",	  [BTF_KIND_FUNC_PROTO] = "FUNC_PROTO",
		[BTF_KIND_VAR] = "VAR",		  [BTF_KIND_DATASEC] = "DATASEC",
		[BTF_KIND_FLOAT] = "FLOAT",	  [BTF_KIND_DECL_TAG] = "DECL_TAG",
		[BTF_KIND_TYPE_TAG] = "TYPE_TAG", [BTF_KIND_ENUM64] = "ENUM64",
	};

	return kind < sizeof(names) / sizeof(names[0]) && names[kind] ? names[kind] : "UNKNOWN";
}

static inline uint32_t tref__count(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 1;
	case BTF_KIND_ARRAY:
		return 2;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_DATASEC:
		return btf_vlen(t);
	case BTF_KIND_FUNC_PROTO:
		return 1 + btf_vlen(t);
	default:
		return 0;
	}
}

/* the @i-th reference of @t (i < tref__count(t)), writable through the cast */
static inline uint32_t *tref__at(const struct btf_type *t, uint32_t i)
{
	struct btf_type *m = (struct btf_type *)t;

	switch (btf_kind(t)) {
	case BTF_KIND_ARRAY:
		return i ? &btf_array(m)->index_type : &btf_array(m)->type;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return &btf_members(m)[i].type;
	case BTF_KIND_DATASEC:
		return &btf_var_secinfos(m)[i].type;
	case BTF_KIND_FUNC_PROTO:
		return i ? &btf_params(m)[i - 1].type : &m->type;
	default:
		return &m->type;
	}
}

static inline uint32_t tref__str_count(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FUNC_PROTO:
		return 1 + btf_vlen(t);
	default:
		return 1;
	}
}

/* the @i-th string offset of @t (i < tref__str_count(t)), writable through the cast */
static inline uint32_t *tref__str_at(const struct btf_type *t, uint32_t i)
{
	struct btf_type *m = (struct btf_type *)t;

	if (!i)
		return &m->name_off;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return &btf_members(m)[i - 1].name_off;
	case BTF_KIND_ENUM:
		return &btf_enum(m)[i - 1].name_off;
	case BTF_KIND_ENUM64:
		return &btf_enum64(m)[i - 1].name_off;
	default: /* FUNC_PROTO */
		return &btf_params(m)[i - 1].name_off;
	}
}

/* tref__rec_size() - bytes of the record @t, struct btf_type included; 0 for an unknown kind */
static inline size_t tref__rec_size(const struct btf_type *t)
{
	size_t vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return sizeof(*t) + sizeof(uint32_t);
	case BTF_KIND_ARRAY:
		return sizeof(*t) + sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return sizeof(*t) + vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return sizeof(*t) + vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64:
		return sizeof(*t) + vlen * 3 * sizeof(uint32_t);
	case BTF_KIND_FUNC_PROTO:
		return sizeof(*t) + vlen * sizeof(struct btf_param);
	case BTF_KIND_DATASEC:
		return sizeof(*t) + vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return sizeof(*t);
	default:
		return 0;
	}
}

/*
 * tref__shallow_equal() - all of two records but their type references
 * equal: the one equality of interning and the split fold. Names are
 * equal when @same_name(@ctx, name_off in @s, name_off in @b) says so (the
 * two may come from different string tables).
 */
static inline bool tref__shallow_equal(const struct btf_type *s, const struct btf_type *b,
				       bool (*same_name)(const void *ctx, uint32_t x, uint32_t y),
				       const void *ctx)
{
	uint16_t i, vlen = btf_vlen(s);

	if (s->info != b->info || !same_name(ctx, s->name_off, b->name_off))
		return false;
	switch (btf_kind(s)) {
	case BTF_KIND_INT:
		return s->size == b->size &&
		       *(const uint32_t *)(s + 1) == *(const uint32_t *)(b + 1);
	case BTF_KIND_FLOAT:
		return s->size == b->size;
	case BTF_KIND_ARRAY:
		return btf_array(s)->nelems == btf_array(b)->nelems;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (s->size != b->size)
			return false;
		for (i = 0; i < vlen; i++)
			if (btf_members(s)[i].offset != btf_members(b)[i].offset ||
			    !same_name(ctx, btf_members(s)[i].name_off, btf_members(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_ENUM:
		if (s->size != b->size)
			return false;
		for (i = 0; i < vlen; i++)
			if (btf_enum(s)[i].val != btf_enum(b)[i].val ||
			    !same_name(ctx, btf_enum(s)[i].name_off, btf_enum(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_ENUM64:
		if (s->size != b->size)
			return false;
		for (i = 0; i < vlen; i++)
			if (btf_enum64_value(&btf_enum64(s)[i]) !=
				    btf_enum64_value(&btf_enum64(b)[i]) ||
			    !same_name(ctx, btf_enum64(s)[i].name_off, btf_enum64(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < vlen; i++)
			if (!same_name(ctx, btf_params(s)[i].name_off, btf_params(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_DECL_TAG:
		return btf_decl_tag(s)->component_idx == btf_decl_tag(b)->component_idx;
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
		return false;
	default:
		return true;
	}
}

#endif
