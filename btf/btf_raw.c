// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Rebuilding a BTF from its raw records: the types kept, renumbered, with
 * their strings gathered into a fresh string section.
 *
 * The problem: libbpf 1.1 gives a split BTF its strings by looking them up
 * in the base first, and to do that it turns the base into a modifiable
 * copy with a hash of all its strings: for a kernel module on vmlinux, a
 * third of the run went there, and freeing it again cost another tenth.
 * btf__add_type() also re-hashes every string of every type copied.
 *
 * The fix: records are copied as bytes, type references renumbered through
 * type_refs.h, and each string is looked up once: in the base's string
 * index (base_strs.c, built once per base) and else in a map of the new
 * strings. libbpf parses the result (libbpf_compat__new_split()),
 * reading the base without modifying it. Strings are laid out in the order
 * their types first use them, as libbpf's dedup does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "btf_merge.h"
#include "btf_raw.h"
#include "libbpf_compat.h"
#include "strmap.h"
#include "type_refs.h"
#include "vec.h"

struct raw_strs {
	char *buf;
	uint32_t len, cap;
	uint32_t first; /* the offset of buf[0] in the new BTF */
	bool unique;	/* BTF_RAW_UNIQUE_STRS: @own is not needed */
	/*
	 * the new strings by content: open addressing, a slot holds the top
	 * half of the string's hash (with bit 0 set, so a used slot is never
	 * 0), which also picks the slot, and the string's place in buf
	 */
	uint64_t *own;
	uint32_t own_mask, nr_own;
	/*
	 * old string offset -> new one, for the offsets met already: a name
	 * used by many types (member names, "int") is looked up by content
	 * once. Open addressing, the old offset in the high half of a slot
	 * (0: empty; offset 0 is the empty string, never cached).
	 */
	uint64_t *seen;
	uint32_t seen_mask, nr_seen;
};

/* the slot of the new string @s (hash tag @tag): where it is, or the free one to use */
static uint32_t own_slot(const struct raw_strs *rs, uint32_t tag, const char *s)
{
	uint32_t h = tag & rs->own_mask;

	while (rs->own[h] &&
	       ((uint32_t)(rs->own[h] >> 32) != tag || strcmp(rs->buf + (uint32_t)rs->own[h], s)))
		h = (h + 1) & rs->own_mask;
	return h;
}

static int own_grow(struct raw_strs *rs)
{
	uint32_t cap = rs->own ? (rs->own_mask + 1) * 2 : 1024, i, h;
	uint64_t *old = rs->own, *n = calloc(cap, sizeof(*n));

	if (!n)
		return -ENOMEM;
	rs->own = n;
	rs->own_mask = cap - 1;
	/* the strings are distinct: no comparison, the first free slot */
	for (i = 0; old && i < cap / 2; i++) {
		if (!old[i])
			continue;
		for (h = (uint32_t)(old[i] >> 32) & rs->own_mask; n[h]; h = (h + 1) & rs->own_mask)
			;
		n[h] = old[i];
	}
	free(old);
	return 0;
}

/*
 * the content lookup of raw_str(): 1 with *@off when @s is in buf, else 0
 * with its hash tag and free slot for raw_str() to fill; or -ENOMEM
 */
static int own_find(struct raw_strs *rs, const char *s, uint32_t len, uint32_t *off, uint32_t *tag,
		    uint32_t *h)
{
	int err;

	if ((rs->nr_own + 1) * 2 > rs->own_mask + 1 || !rs->own) {
		err = own_grow(rs);
		if (err)
			return err;
	}
	*tag = (uint32_t)(str_hash(s, len) >> 32) | 1;
	*h = own_slot(rs, *tag, s);
	if (!rs->own[*h])
		return 0;
	*off = rs->first + (uint32_t)rs->own[*h];
	return 1;
}

static int raw_str(struct raw_strs *rs, const struct base_strs *bs, const char *s, uint32_t *off)
{
	uint32_t n, tag = 0, h = 0;
	int err;

	if (bs ? base_strs__find(bs, s, off) : !*s) {
		if (!bs)
			*off = 0;
		return 0;
	}
	n = strlen(s) + 1;
	/* with BTF_RAW_UNIQUE_STRS, a string new_str() has not met is a new one */
	if (!rs->unique) {
		err = own_find(rs, s, n - 1, off, &tag, &h);
		if (err)
			return err < 0 ? err : 0;
	}
	if (rs->len + (uint64_t)n + rs->first > 0x7fffffff)
		return -E2BIG;
	err = vec_ensure((void **)&rs->buf, &rs->cap, 1, rs->len + n, 0x7fffffff);
	if (err)
		return err;
	memcpy(rs->buf + rs->len, s, n);
	*off = rs->first + rs->len;
	if (!rs->unique) {
		rs->own[h] = (uint64_t)tag << 32 | rs->len;
		rs->nr_own++;
	}
	rs->len += n;
	return 0;
}

static uint32_t seen_slot(const struct raw_strs *rs, uint32_t old_off)
{
	uint32_t h = (uint32_t)((old_off * 0x9e3779b97f4a7c15ULL) >> 32) & rs->seen_mask;

	while (rs->seen[h] && (uint32_t)(rs->seen[h] >> 32) != old_off)
		h = (h + 1) & rs->seen_mask;
	return h;
}

static int seen_grow(struct raw_strs *rs)
{
	uint32_t cap = rs->seen ? (rs->seen_mask + 1) * 2 : 1024, i;
	uint64_t *old = rs->seen, *n = calloc(cap, sizeof(*n));

	if (!n)
		return -ENOMEM;
	rs->seen = n;
	rs->seen_mask = cap - 1;
	for (i = 0; old && i < cap / 2; i++)
		if (old[i])
			n[seen_slot(rs, old[i] >> 32)] = old[i];
	free(old);
	return 0;
}

/* the new offset of the old string at @old_off, which is @s */
static int new_str(struct raw_strs *rs, const struct base_strs *bs, const struct btf *old,
		   uint32_t old_off, uint32_t *off)
{
	const char *s;
	uint32_t h;
	int err;

	if (!old_off) {
		*off = 0; /* the empty string, in the base's strings or the new ones' */
		return 0;
	}
	if ((rs->nr_seen + 1) * 2 > rs->seen_mask + 1 || !rs->seen) {
		err = seen_grow(rs);
		if (err)
			return err;
	}
	h = seen_slot(rs, old_off);
	if (rs->seen[h]) {
		*off = (uint32_t)rs->seen[h];
		return 0;
	}
	s = btf__str_by_offset(old, old_off);
	err = s ? raw_str(rs, bs, s, off) : -EINVAL;
	if (!err) {
		rs->seen[h] = (uint64_t)old_off << 32 | *off;
		rs->nr_seen++;
	}
	return err;
}

/* renumber the references and strings of the record @t (a copy) */
static int fix_record(struct btf_type *t, const struct btf *old, uint32_t old_str_base,
		      const uint32_t *map, uint32_t start, uint32_t end, struct raw_strs *rs,
		      const struct base_strs *bs)
{
	uint32_t i, n = tref__str_count(t);
	int err = btf_merge__remap_own(t, map, start, end);

	for (i = 0; i < n && !err; i++) {
		uint32_t *o = tref__str_at(t, i);

		if (*o < old_str_base)
			continue; /* a string of the shared base */
		err = new_str(rs, bs, old, *o, o);
	}
	return err;
}

int btf_raw__rebuild_own(const struct btf *old, const struct btf *base, const struct base_strs *bs,
			 const uint32_t *fate, unsigned int flags, struct btf **out)
{
	const struct btf *old_base = btf__base_btf(old);
	uint32_t start = old_base ? btf__type_cnt(old_base) : 1, end = btf__type_cnt(old);
	uint32_t next = base ? btf__type_cnt(base) : 1, i, types_len = 0, off;
	uint32_t old_str_base = old_base ? bs->len : 0;
	struct raw_strs rs = {.first = base ? bs->len : 0, .unique = flags & BTF_RAW_UNIQUE_STRS};
	struct btf_header *hdr;
	uint32_t *map = NULL;
	char *raw = NULL, *p;
	struct btf *nb;
	int err = 0;

	*out = NULL;
	if ((old_base && old_base != base) || (base && !bs))
		return -EINVAL;
	/* the new IDs of the old's own types; base IDs stay */
	map = calloc(end - start + 1, sizeof(*map));
	if (!map) {
		err = -ENOMEM;
		goto out;
	}
	for (i = start; i < end; i++) {
		if (fate && fate[i - start])
			continue;
		map[i - start] = next++;
		types_len += tref__rec_size(btf__type_by_id(old, i));
	}
	for (i = start; i < end && fate; i++) {
		uint32_t to = fate[i - start];

		if (!to || to == FATE_DROP)
			continue;
		if (to >= end) {
			err = -EINVAL;
			goto out;
		}
		map[i - start] = to < start ? to : map[to - start];
	}
	/* a standalone BTF's strings start with the empty string */
	if (!base) {
		err = vec_ensure((void **)&rs.buf, &rs.cap, 1, 1, 0x7fffffff);
		if (err)
			goto out;
		rs.buf[rs.len++] = 0;
	}
	raw = malloc(sizeof(*hdr) + types_len);
	if (!raw) {
		err = -ENOMEM;
		goto out;
	}
	off = sizeof(*hdr);
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(old, i);
		uint32_t sz = tref__rec_size(t);

		if (fate && fate[i - start])
			continue;
		memcpy(raw + off, t, sz);
		/*
		 * a split BTF's own strings are not in its base (libbpf looks there
		 * first too): only a standalone one's need looking up in the base
		 */
		err = fix_record((struct btf_type *)(raw + off), old, old_str_base, map, start, end,
				 &rs, base && !old_base ? bs : NULL);
		off += sz;
	}
	if (err)
		goto out;
	p = realloc(raw, off + rs.len);
	if (!p) {
		err = -ENOMEM;
		goto out;
	}
	raw = p;
	if (rs.len)
		memcpy(raw + off, rs.buf, rs.len);
	hdr = (struct btf_header *)raw;
	memset(hdr, 0, sizeof(*hdr));
	hdr->magic = BTF_MAGIC;
	hdr->version = BTF_VERSION;
	hdr->hdr_len = sizeof(*hdr);
	hdr->type_off = 0;
	hdr->type_len = types_len;
	hdr->str_off = types_len;
	hdr->str_len = rs.len;
	nb = libbpf_compat__new_split(raw, off + rs.len, (struct btf *)base);
	if (!nb) {
		err = -errno ?: -EINVAL;
		goto out;
	}
	btf__set_pointer_size(nb, btf__pointer_size(old));
	btf__set_endianness(nb, btf__endianness(old));
	*out = nb;
out:
	free(rs.own);
	free(rs.seen);
	free(rs.buf);
	free(raw);
	free(map);
	return err;
}

int btf_raw__rebuild(const struct btf *old, const struct btf *base, const struct base_strs *bs,
		     const uint32_t *fate, unsigned int flags, struct btf **out)
{
	const struct btf *old_base = btf__base_btf(old);

	/* fate + the first own ID: within the array, which has an entry per ID */
	return btf_raw__rebuild_own(old, base, bs,
				    fate ? fate + (old_base ? btf__type_cnt(old_base) : 1) : NULL,
				    flags, out);
}
