// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Growable array helper (see vec.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vec.h"

int vec_ensure(void **data, uint32_t *cap, size_t elem_sz, uint32_t need, uint32_t max)
{
	uint64_t new_cap;
	void *p;

	if (need <= *cap)
		return 0;
	if (need > max)
		return -E2BIG;
	new_cap = (uint64_t)*cap + *cap / 2;
	if (new_cap < 16)
		new_cap = 16;
	if (new_cap < need)
		new_cap = need;
	if (new_cap > max)
		new_cap = max;
	if (new_cap > SIZE_MAX / elem_sz)
		return -ENOMEM;
	p = realloc(*data, new_cap * elem_sz);
	if (!p)
		return -ENOMEM;
	memset((char *)p + (size_t)*cap * elem_sz, 0, (new_cap - *cap) * elem_sz);
	*data = p;
	*cap = new_cap;
	return 0;
}
