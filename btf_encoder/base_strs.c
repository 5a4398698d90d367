// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Index of a base BTF's strings (see base_strs.h). Built once per base and
 * shared by the modules of a batch: one pass over the string section, a
 * hash of each string eight bytes at a time, an open addressing table of
 * offsets at most half full, each slot holding the high half of its
 * string's hash too, so that probing past other strings rarely reads them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "base_strs.h"

uint64_t str_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (len) {
		w = 0;
		memcpy(&w, s, len);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	h ^= h >> 29;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 32);
}

int btf_str_len(const struct btf *base, uint32_t *len)
{
	const struct btf_header *hdr;
	uint32_t size, v;
	bool native = btf__endianness(base) ==
		      (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? BTF_LITTLE_ENDIAN : BTF_BIG_ENDIAN);

	hdr = btf__raw_data(base, &size);
	if (!hdr || size < sizeof(*hdr))
		return -EINVAL;
	v = native ? hdr->str_len : __builtin_bswap32(hdr->str_len);
	/* libbpf checked that the section ends in a NUL; the last string must be valid */
	if (v && !btf__str_by_offset(base, v - 1))
		return -EINVAL;
	*len = v;
	return 0;
}

int base_strs__init(struct base_strs *bs, const struct btf *base)
{
	uint32_t off, cap = 1024, nr = 0, cap_dups = 0;
	int err;

	memset(bs, 0, sizeof(*bs));
	err = btf_str_len(base, &bs->len);
	if (err)
		return err;
	bs->data = btf__str_by_offset(base, 0);
	/* about one string per 16 bytes: size the table for that, grow if wrong */
	while (cap < bs->len / 8)
		cap <<= 1;
again:
	free(bs->slots);
	bs->slots = calloc(cap, sizeof(*bs->slots));
	if (!bs->slots)
		return -ENOMEM;
	bs->mask = cap - 1;
	bs->nr_dups = nr = 0;
	for (off = 1; off < bs->len;) {
		const char *s = bs->data + off;
		size_t len = strlen(s);
		uint64_t hash = str_hash(s, len), tag = hash & ~0xffffffffULL;
		uint32_t h = hash & bs->mask;

		while (bs->slots[h] && ((bs->slots[h] & ~0xffffffffULL) != tag ||
					strcmp(bs->data + (uint32_t)bs->slots[h], s)))
			h = (h + 1) & bs->mask;
		if (!bs->slots[h]) {
			if (++nr * 2 > cap) {
				cap <<= 1;
				goto again;
			}
			bs->slots[h] = tag | off;
		} else {
			if (bs->nr_dups == cap_dups) {
				void *p;

				cap_dups = cap_dups ? cap_dups * 2 : 64;
				p = realloc(bs->dups, cap_dups * sizeof(*bs->dups));
				if (!p) {
					base_strs__release(bs);
					return -ENOMEM;
				}
				bs->dups = p;
			}
			bs->dups[bs->nr_dups].off = off;
			bs->dups[bs->nr_dups++].canon = (uint32_t)bs->slots[h];
		}
		off += len + 1;
	}
	return 0; /* dups are sorted by offset: the scan goes forward */
}

void base_strs__release(struct base_strs *bs)
{
	free(bs->slots);
	free(bs->dups);
	memset(bs, 0, sizeof(*bs));
}

bool base_strs__find(const struct base_strs *bs, const char *s, uint32_t *off)
{
	uint64_t hash, tag;
	uint32_t h;

	if (!*s) {
		*off = 0;
		return true;
	}
	if (!bs->slots)
		return false;
	hash = str_hash(s, strlen(s));
	tag = hash & ~0xffffffffULL;
	for (h = hash & bs->mask; bs->slots[h]; h = (h + 1) & bs->mask) {
		if ((bs->slots[h] & ~0xffffffffULL) == tag &&
		    !strcmp(bs->data + (uint32_t)bs->slots[h], s)) {
			*off = (uint32_t)bs->slots[h];
			return true;
		}
	}
	return false;
}

uint32_t base_strs__canon(const struct base_strs *bs, uint32_t off)
{
	uint32_t lo = 0, hi = bs->nr_dups;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (bs->dups[mid].off == off)
			return bs->dups[mid].canon;
		if (bs->dups[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return off;
}
