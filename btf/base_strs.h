/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * base_strs: the strings of a base BTF, indexed by content, so that a split
 * BTF can name a string the base already holds by the base's offset (as
 * libbpf's split BTF does) without libbpf making its own, much larger,
 * modifiable copy of the base for every module.
 */
#ifndef D2B_BASE_STRS_H
#define D2B_BASE_STRS_H

#include <stdbool.h>
#include <stdint.h>
#include <bpf/btf.h>

struct base_strs_dup {
	uint32_t off, canon;
};

/**
 * struct base_strs - string offset by string
 * @data:	the base's string section (borrowed from the base BTF)
 * @len:	its length: split string offsets start there
 * @slots:	open addressing table: the high 32 bits of a string's hash,
 *		then its offset; 0 is an empty slot
 * @dups:	offsets of strings present twice, with the first one's
 *		offset, sorted by @off (empty for a deduplicated base)
 */
struct base_strs {
	const char *data;
	uint32_t len;
	uint64_t *slots;
	uint32_t mask;
	struct base_strs_dup *dups;
	uint32_t nr_dups;
};

/* base_strs__init() - index the strings of @base (which must outlive @bs); Return: 0 or -errno */
int base_strs__init(struct base_strs *bs, const struct btf *base);
void base_strs__release(struct base_strs *bs);
/* base_strs__find() - true and *off set to the first offset of @s when the base holds it */
bool base_strs__find(const struct base_strs *bs, const char *s, uint32_t *off);
/* base_strs__canon() - the first offset of the string at @off */
uint32_t base_strs__canon(const struct base_strs *bs, uint32_t off);
/* btf_str_len() - the length of @btf's own string section; Return: 0 or -EINVAL */
int btf_str_len(const struct btf *btf, uint32_t *len);

#endif
