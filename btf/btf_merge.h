/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_merge: renumbering the type references of BTF records through an ID
 * map, and appending one BTF to another with some types left out.
 */
#ifndef D2B_BTF_MERGE_H
#define D2B_BTF_MERGE_H

#include <stdint.h>

struct btf;
struct btf_type;

/**
 * btf_merge__append() - copy the types of @src into @dst, renumbering
 * @skip:	per-source-ID flags (index 0 unused) of types to leave out;
 *		a DECL_TAG whose target is left out is left out too
 * @map:	filled with source ID -> new ID (0 for left-out types)
 * Return: 0 or a negative errno; on error @dst may hold part of @src.
 */
int btf_merge__append(struct btf *dst, const struct btf *src, uint8_t *skip, uint32_t *map);

/**
 * btf_merge__remap_type() - renumber every type reference of @t through @map
 * @nr_src:	size of @map; a reference outside it or mapped to 0 is -EINVAL
 */
int btf_merge__remap_type(struct btf_type *t, const uint32_t *map, uint32_t nr_src);

#endif
