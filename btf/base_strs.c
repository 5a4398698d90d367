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
#include "strmap.h"

int btf_str_len(const struct btf *base, uint32_t *len)
{
	const struct btf_header *hdr;
	uint32_t size, v;
	bool native =
		btf__endianness(base) ==
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

/* record that the string at @off repeats the one at @canon; Return: 0 or -ENOMEM */
static int add_dup(struct base_strs *bs, uint32_t *cap_dups, uint32_t off, uint32_t canon)
{
	if (bs->nr_dups == *cap_dups) {
		uint32_t cap = *cap_dups ? *cap_dups * 2 : 64;
		void *p = realloc(bs->dups, cap * sizeof(*bs->dups));

		if (!p)
			return -ENOMEM;
		bs->dups = p;
		*cap_dups = cap;
	}
	bs->dups[bs->nr_dups].off = off;
	bs->dups[bs->nr_dups++].canon = canon;
	return 0;
}

#define BATCH 16 /* strings hashed ahead, their slots prefetched */

int base_strs__init(struct base_strs *bs, const struct btf *base)
{
	uint32_t off, cap = 1024, nr = 0, cap_dups = 0, n, k;
	uint32_t offs[BATCH];
	uint64_t hashes[BATCH];
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
		/* hash a batch first: the table is random access, let its lines load meanwhile */
		for (n = 0; n < BATCH && off < bs->len; n++) {
			size_t len = strlen(bs->data + off);

			offs[n] = off;
			hashes[n] = str_hash(bs->data + off, len);
			__builtin_prefetch(&bs->slots[hashes[n] & bs->mask], 1);
			off += len + 1;
		}
		for (k = 0; k < n; k++) {
			const char *s = bs->data + offs[k];
			uint64_t tag = hashes[k] & ~0xffffffffULL;
			uint32_t h = hashes[k] & bs->mask;

			while (bs->slots[h] && ((bs->slots[h] & ~0xffffffffULL) != tag ||
						strcmp(bs->data + (uint32_t)bs->slots[h], s)))
				h = (h + 1) & bs->mask;
			if (bs->slots[h]) {
				if (add_dup(bs, &cap_dups, offs[k], (uint32_t)bs->slots[h])) {
					base_strs__release(bs);
					return -ENOMEM;
				}
				continue;
			}
			if (++nr * 2 > cap) {
				cap <<= 1;
				goto again;
			}
			bs->slots[h] = tag | offs[k];
		}
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
