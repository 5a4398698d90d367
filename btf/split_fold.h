/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * split_fold: folding a module's split BTF into its base, following
 * libbpf 1.1's split dedup rules (see split_fold.c). Owns the base index
 * (base types by fold key, the base's strings), built once per base and
 * shared read-only by every module of a batch.
 */
#ifndef D2B_SPLIT_FOLD_H
#define D2B_SPLIT_FOLD_H

#include <stdint.h>
#include "base_strs.h"
#include "hash_index.h"

struct btf;

struct fold_pool;

/*
 * the base index: base IDs by fold key, and the base's strings; @pool
 * keeps the base-sized scratch arrays of finished folds for the next ones
 * (split_fold.c), which is safe from several threads at once
 */
struct base_index {
	const struct btf *base;
	struct hash_index ix;
	struct base_strs strs;
	struct fold_pool *pool;
};

/**
 * base_index__new() - index a base BTF for folding split types into it.
 * Build it once per base and share it between the encoders of a batch
 * (split_fold__into_base() may run on several threads with one index);
 * @base is borrowed and must outlive the index.
 * Return: 0 or -ENOMEM.
 */
int base_index__new(const struct btf *base, struct base_index **out);
void base_index__free(struct base_index *idx);

/**
 * split_fold__into_base() - drop split types identical to base types
 * @btfp:	deduplicated split BTF; replaced by a new, renumbered one when
 *		anything was folded (the old one is freed)
 * @nr_folded:	number of split types folded
 * Return: 0 or a negative errno (*btfp unchanged).
 */
int split_fold__into_base(struct btf **btfp, const struct base_index *idx, uint32_t *nr_folded);

#endif
