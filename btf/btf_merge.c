// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Renumbering the type references of a BTF record through an ID map: the
 * raw rebuilds (btf_raw.c) and the distilled base (btf_distill.c) move
 * types to new IDs and fix every reference with it.
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

int btf_merge__remap_own(struct btf_type *t, const uint32_t *map, uint32_t start, uint32_t end)
{
	uint32_t i, n = tref__count(t);

	for (i = 0; i < n; i++) {
		uint32_t *id = tref__at(t, i);

		if (*id < start)
			continue;
		if (*id >= end || !map[*id - start])
			return -EINVAL;
		*id = map[*id - start];
	}
	return 0;
}
