/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * type_hash: the one hash of a BTF record's identifying fields, shared by
 * the ordered stage's interning (btf_intern.c, with references) and the
 * split fold (split_fold.c, its shape without references). Each caller says
 * what a name and a referenced ID are worth in its own ID and string space
 * and seeds the hash with the record's kind and name.
 */
#ifndef D2B_TYPE_HASH_H
#define D2B_TYPE_HASH_H

#include <stdint.h>
#include <bpf/btf.h>
#include "hash_index.h"

typedef uint64_t (*type_hash_name_fn)(const void *ctx, uint32_t name_off);
typedef uint64_t (*type_hash_ref_fn)(const void *ctx, uint32_t id);

/**
 * type_hash__fields() - mix into @h what identifies @t besides its kind and
 *			 name: sizes, encodings, member names and offsets,
 *			 enumerator names and values, array lengths, parameter
 *			 names, decl tag components, and the referenced types
 * @h:		the caller's seed, made from @t's kind and name
 * @name:	a name's value (equal names, equal values)
 * @ref:	a referenced ID's value; NULL leaves the references out (a shape)
 * @ctx:	passed to @name and @ref
 *
 * Inline, so that each caller's callbacks are inlined into its copy.
 */
static inline uint64_t type_hash__fields(uint64_t h, const struct btf_type *t,
					 type_hash_name_fn name, type_hash_ref_fn ref,
					 const void *ctx)
{
	uint16_t i, n = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return hash_mix(hash_mix(h, t->size), *(const uint32_t *)(t + 1));
	case BTF_KIND_FLOAT:
		return hash_mix(h, t->size);
	case BTF_KIND_FWD:
		return h;
	case BTF_KIND_ENUM:
		h = hash_mix(h, t->size);
		for (i = 0; i < n; i++)
			h = hash_mix(hash_mix(h, name(ctx, btf_enum(t)[i].name_off)),
				     btf_enum(t)[i].val);
		return h;
	case BTF_KIND_ENUM64:
		h = hash_mix(h, t->size);
		for (i = 0; i < n; i++)
			h = hash_mix(hash_mix(h, name(ctx, btf_enum64(t)[i].name_off)),
				     btf_enum64_value(&btf_enum64(t)[i]));
		return h;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		h = hash_mix(h, t->size);
		for (i = 0; i < n; i++)
			h = hash_mix(hash_mix(h, name(ctx, btf_members(t)[i].name_off)),
				     btf_members(t)[i].offset);
		return h;
	case BTF_KIND_ARRAY:
		if (ref)
			h = hash_mix(hash_mix(h, ref(ctx, btf_array(t)->type)),
				     ref(ctx, btf_array(t)->index_type));
		return hash_mix(h, btf_array(t)->nelems);
	case BTF_KIND_FUNC_PROTO:
		if (ref)
			h = hash_mix(h, ref(ctx, t->type));
		for (i = 0; i < n; i++) {
			h = hash_mix(h, name(ctx, btf_params(t)[i].name_off));
			if (ref)
				h = hash_mix(h, ref(ctx, btf_params(t)[i].type));
		}
		return h;
	case BTF_KIND_DECL_TAG:
		if (ref)
			h = hash_mix(h, ref(ctx, t->type));
		return hash_mix(h, btf_decl_tag(t)->component_idx);
	default: /* PTR, CONST, VOLATILE, RESTRICT, TYPEDEF, TYPE_TAG, FUNC, VAR, DATASEC */
		return ref ? hash_mix(h, ref(ctx, t->type)) : h;
	}
}

#endif
