// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * String-keyed hash map with linear probing (see strmap.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "strmap.h"

uint64_t str_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (len) {
		/* the last 1-7 bytes, without a call to memcpy() */
		for (w = 0; len; len--)
			w = (w << 8) | (unsigned char)s[len - 1];
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	h ^= h >> 29;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 32);
}

uint64_t strmap__hash(const char *s)
{
	return str_hash(s, strlen(s));
}

void strmap__init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void strmap__release(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	strmap__init(m);
}

static uint32_t slot_of(const struct strmap *m, const char *key, bool *found)
{
	uint32_t h = strmap__hash(key) & (m->cap - 1);

	while (m->keys[h]) {
		if (!strcmp(m->keys[h], key)) {
			*found = true;
			return h;
		}
		h = (h + 1) & (m->cap - 1);
	}
	*found = false;
	return h;
}

bool strmap__find(const struct strmap *m, const char *key, uint64_t *val)
{
	bool found;
	uint32_t s;

	if (!m->cnt)
		return false;
	s = slot_of(m, key, &found);
	if (found && val)
		*val = m->vals[s];
	return found;
}

static int grow(struct strmap *m)
{
	struct strmap n = {.cap = m->cap ? m->cap * 2 : 256};
	uint32_t i;

	n.keys = calloc(n.cap, sizeof(*n.keys));
	n.vals = calloc(n.cap, sizeof(*n.vals));
	if (!n.keys || !n.vals) {
		free(n.keys);
		free(n.vals);
		return -ENOMEM;
	}
	for (i = 0; i < m->cap; i++) {
		bool found;
		uint32_t s;

		if (!m->keys[i])
			continue;
		s = slot_of(&n, m->keys[i], &found);
		n.keys[s] = m->keys[i];
		n.vals[s] = m->vals[i];
	}
	n.cnt = m->cnt;
	free(m->keys);
	free(m->vals);
	*m = n;
	return 0;
}

int strmap__set(struct strmap *m, const char *key, uint64_t val)
{
	bool found;
	uint32_t s;

	if ((m->cnt + 1) * 2 > m->cap) {
		int err = grow(m);

		if (err)
			return err;
	}
	s = slot_of(m, key, &found);
	if (!found) {
		m->keys[s] = key;
		m->cnt++;
	}
	m->vals[s] = val;
	return 0;
}
