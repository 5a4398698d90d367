/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_compare: btfcmp's comparison core. One side is a BTF rendered as a
 * sorted multiset of canonical lines (btf_canon.h); two sides compare by
 * merging the multisets, equal lines cancelling one to one.
 */
#ifndef D2B_BTF_COMPARE_H
#define D2B_BTF_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include "btf_canon.h"

struct btfcmp_entry {
	const char *line; /* points into canon.memo, or owned if @owned */
	__u16 kind;
	bool owned;
};

/* btfcmp_entry__cmp() - qsort() order: by kind, then line */
int btfcmp_entry__cmp(const void *pa, const void *pb);

/* Everything btfcmp knows about one input (A or B). */
struct btfcmp_side {
	const char *path;      /* borrowed from argv */
	const char *base_path; /* borrowed from argv, NULL without a base */
	struct btf *base;      /* owned, NULL without a base */
	struct btf *btf;       /* owned, split on @base if there is one */
	struct canon canon;
	struct btfcmp_entry *ents; /* owned, sorted by btfcmp_entry__cmp() */
	size_t nr_ents;
};

/**
 * btfcmp_side__render() - the sorted lines of @s->btf's types from ID
 * @start on whose kind is in @kinds (bit 1 << kind)
 * Return: 0 or a negative errno.
 */
int btfcmp_side__render(struct btfcmp_side *s, __u32 start, unsigned long kinds);
/* btfcmp_side__release() - free what @s owns, its BTFs included */
void btfcmp_side__release(struct btfcmp_side *s);

/* One line of the difference: an entry found only in A (sign '-') or B ('+'). */
struct btfcmp_diff {
	const struct btfcmp_entry *ent;
	char sign;
};

struct btfcmp_diffs {
	struct btfcmp_diff *diffs; /* owned, sorted like the entries (by kind, then line) */
	size_t nr;
	size_t only_a;
	size_t only_b;
	size_t kind_a[CANON_NR_KINDS]; /* only-in-A count per kind */
	size_t kind_b[CANON_NR_KINDS]; /* only-in-B count per kind */
};

/* btfcmp_diffs__build() - merge the two sorted multisets; equal lines cancel one to one */
int btfcmp_diffs__build(struct btfcmp_diffs *ds, const struct btfcmp_side *a,
			const struct btfcmp_side *b);

#endif
