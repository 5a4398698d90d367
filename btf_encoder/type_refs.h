/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The type references of a BTF type record, by index: the one place that
 * knows where each kind keeps them. Renumbering, counting users, and the
 * pairwise walks of interning and folding all iterate with these.
 *
 * Order: PTR/TYPEDEF/CV/TYPE_TAG/FUNC/VAR/DECL_TAG: the type; ARRAY: element,
 * index; STRUCT/UNION: the members' types; FUNC_PROTO: return type, then the
 * parameters' types; DATASEC: the variables. Other kinds have none.
 */
#ifndef D2B_TYPE_REFS_H
#define D2B_TYPE_REFS_H

#include <stdint.h>
#include <bpf/btf.h>

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

#endif
