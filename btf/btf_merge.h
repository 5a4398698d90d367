/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_merge: renumbering the type references of BTF records through an ID
 * map.
 */
#ifndef D2B_BTF_MERGE_H
#define D2B_BTF_MERGE_H

#include <stdint.h>

struct btf;
struct btf_type;

/**
 * btf_merge__remap_type() - renumber every type reference of @t through @map
 * @nr_src:	size of @map; a reference outside it or mapped to 0 is -EINVAL
 */
int btf_merge__remap_type(struct btf_type *t, const uint32_t *map, uint32_t nr_src);

/**
 * btf_merge__remap_own() - the same for a BTF whose own types are IDs
 * @start to @end - 1: references below @start (void, base types) stay,
 * own ID i becomes @map[i - @start]; past @end or mapped to 0 is -EINVAL
 */
int btf_merge__remap_own(struct btf_type *t, const uint32_t *map, uint32_t start, uint32_t end);

#endif
