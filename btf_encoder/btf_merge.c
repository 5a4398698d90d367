// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Appending one BTF to another with some types left out. libbpf 1.1's
 * btf__add_btf() copies everything; the ordered stage needs to drop
 * functions another CU already defined, so types are copied one by one
 * with btf__add_type() (which re-interns the strings) and their type
 * references are renumbered afterwards, when every new ID is known.
 */
#include <errno.h>
#include "encoder_internal.h"

static int remap(uint32_t *id, const uint32_t *map, uint32_t nr_src)
{
	if (*id == 0)
		return 0;
	if (*id >= nr_src || !map[*id])
		return -EINVAL;
	*id = map[*id];
	return 0;
}

int btf_merge__remap_type(struct btf_type *t, const uint32_t *map, uint32_t nr_src)
{
	uint16_t i, vlen = btf_vlen(t);
	int err = 0;

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
		return remap(&t->type, map, nr_src);
	case BTF_KIND_ARRAY: {
		struct btf_array *a = btf_array(t);

		return remap(&a->type, map, nr_src) ?: remap(&a->index_type, map, nr_src);
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		struct btf_member *m = btf_members(t);

		for (i = 0; !err && i < vlen; i++)
			err = remap(&m[i].type, map, nr_src);
		return err;
	}
	case BTF_KIND_FUNC_PROTO: {
		struct btf_param *p = btf_params(t);

		err = remap(&t->type, map, nr_src);
		for (i = 0; !err && i < vlen; i++)
			err = remap(&p[i].type, map, nr_src);
		return err;
	}
	case BTF_KIND_DATASEC: {
		struct btf_var_secinfo *v = btf_var_secinfos(t);

		for (i = 0; !err && i < vlen; i++)
			err = remap(&v[i].type, map, nr_src);
		return err;
	}
	default:
		return 0;
	}
}

int btf_merge__append(struct btf *dst, const struct btf *src, uint8_t *skip, uint32_t *map)
{
	uint32_t n = btf__type_cnt(src), first = btf__type_cnt(dst), i, next;
	int err;

	map[0] = 0;
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(src, i);
		int id;

		if (btf_is_decl_tag(t) && t->type < n && skip[t->type])
			skip[i] = 1;
		if (skip[i]) {
			map[i] = 0;
			continue;
		}
		id = btf__add_type(dst, src, t);
		if (id < 0)
			return id;
		map[i] = id;
	}
	next = btf__type_cnt(dst);
	for (i = first; i < next; i++) {
		/* the type data was written by btf__add_type() and is dst's own */
		struct btf_type *t = (struct btf_type *)btf__type_by_id(dst, i);

		err = btf_merge__remap_type(t, map, n);
		if (err)
			return err;
	}
	return 0;
}
