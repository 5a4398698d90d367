// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Type model storage: allocation of CUs and their growable arrays, and a few
 * read-only queries the encoder needs.
 */
#include <errno.h>
#include <stdlib.h>
#include "dwarves.h"
#include "vec.h"

#define TM_MAX_ELEMS 0x7fffffffu

struct tm_cu *tm_cu__new(const char *name, uint32_t index)
{
	struct tm_cu *cu = calloc(1, sizeof(*cu));

	if (!cu)
		return NULL;
	cu->name = name;
	cu->index = index;
	cu->addr_size = 8;
	if (tm_cu__add_type(cu, TM_VOID) < 0) {
		free(cu);
		return NULL;
	}
	return cu;
}

void tm_cu__free(struct tm_cu *cu)
{
	if (!cu)
		return;
	free(cu->types);
	free(cu->members);
	free(cu->enums);
	free(cu->params);
	free(cu->funcs);
	free(cu->vars);
	free(cu->tags);
	free(cu);
}

#define DEFINE_ADDER(fn, arr, nr, cap)                                                             \
	int fn(struct tm_cu *cu)                                                                   \
	{                                                                                          \
		int err = vec_ensure((void **)&cu->arr, &cu->cap, sizeof(*cu->arr), cu->nr + 1,    \
				     TM_MAX_ELEMS);                                                \
		if (err)                                                                           \
			return err;                                                                \
		return cu->nr++;                                                                   \
	}

DEFINE_ADDER(tm_cu__add_member, members, nr_members, cap_members)
DEFINE_ADDER(tm_cu__add_enumerator, enums, nr_enums, cap_enums)
DEFINE_ADDER(tm_cu__add_param, params, nr_params, cap_params)
DEFINE_ADDER(tm_cu__add_func, funcs, nr_funcs, cap_funcs)
DEFINE_ADDER(tm_cu__add_var, vars, nr_vars, cap_vars)
DEFINE_ADDER(tm_cu__add_decl_tag, tags, nr_tags, cap_tags)

int tm_cu__add_type(struct tm_cu *cu, enum tm_kind kind)
{
	int err = vec_ensure((void **)&cu->types, &cu->cap_types, sizeof(*cu->types),
			     cu->nr_types + 1, TM_MAX_ELEMS);

	if (err)
		return err;
	cu->types[cu->nr_types].kind = kind;
	return cu->nr_types++;
}

tm_id tm_cu__skip_mods(const struct tm_cu *cu, tm_id id)
{
	unsigned int depth = 0;

	while (id && depth++ < 64) {
		const struct tm_type *t = &cu->types[id];

		switch (t->kind) {
		case TM_CONST:
		case TM_VOLATILE:
		case TM_RESTRICT:
		case TM_TYPEDEF:
		case TM_TYPE_TAG:
			id = t->ref;
			break;
		default:
			return id;
		}
	}
	return id;
}

uint64_t tm_cu__type_size(const struct tm_cu *cu, tm_id id)
{
	const struct tm_type *t;

	id = tm_cu__skip_mods(cu, id);
	if (!id)
		return 0;
	t = &cu->types[id];
	switch (t->kind) {
	case TM_PTR:
		return cu->addr_size;
	case TM_ARRAY: {
		uint64_t elem = tm_cu__type_size(cu, t->ref);

		return elem * t->nr;
	}
	case TM_FUNC_PROTO:
	case TM_FWD:
	case TM_VOID:
		return 0;
	default:
		return t->size;
	}
}

const char *tm_kind__name(enum tm_kind kind)
{
	static const char *const names[TM_KIND_MAX] = {
		[TM_VOID] = "void",	    [TM_INT] = "int",
		[TM_FLOAT] = "float",	    [TM_PTR] = "pointer",
		[TM_CONST] = "const",	    [TM_VOLATILE] = "volatile",
		[TM_RESTRICT] = "restrict", [TM_TYPEDEF] = "typedef",
		[TM_STRUCT] = "struct",	    [TM_UNION] = "union",
		[TM_ENUM] = "enum",	    [TM_FWD] = "fwd",
		[TM_ARRAY] = "array",	    [TM_FUNC_PROTO] = "func_proto",
		[TM_TYPE_TAG] = "type_tag",
	};

	return kind < TM_KIND_MAX ? names[kind] : "?";
}
