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
#include <bpf/btf.h>
#include "btf_merge.h"
#include "type_refs.h"

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
	uint32_t i, n = tref__count(t);
	int err = 0;

	for (i = 0; i < n && !err; i++)
		err = remap(tref__at(t, i), map, nr_src);
	return err;
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
