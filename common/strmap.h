/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * strmap: open-addressing hash map from borrowed C strings to uint64_t.
 * Keys are not copied: they must outlive the map.
 */
#ifndef D2B_STRMAP_H
#define D2B_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap {
	const char **keys;
	uint64_t *vals;
	uint32_t cap, cnt;
};

void strmap__init(struct strmap *m);
void strmap__release(struct strmap *m);
/* strmap__find() - true and *val set when @key is present */
bool strmap__find(const struct strmap *m, const char *key, uint64_t *val);
/* strmap__add() - insert or overwrite; Return: 0 or -ENOMEM */
int strmap__set(struct strmap *m, const char *key, uint64_t val);
uint64_t strmap__hash(const char *s);
/* str_hash() - hash of the @len bytes at @s, read eight at a time */
uint64_t str_hash(const char *s, size_t len);

#endif
