/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The one growth helper for arrays: overflow-checked, capped, zero-fills
 * the new slots (cf. libbpf_add_mem()).
 */
#ifndef D2B_VEC_H
#define D2B_VEC_H

#include <stddef.h>
#include <stdint.h>

/**
 * vec_ensure() - make room for @need elements of @elem_sz bytes in *@data
 * @data:	array pointer, reallocated in place (owned by the caller)
 * @cap:	current capacity in elements, updated
 * @need:	required number of elements
 * @max:	hard limit on the number of elements
 *
 * Grows by 50% (at least 16 elements). New slots are zeroed.
 * Return: 0, -E2BIG when @need exceeds @max, -ENOMEM.
 */
int vec_ensure(void **data, uint32_t *cap, size_t elem_sz, uint32_t need, uint32_t max);

#endif
