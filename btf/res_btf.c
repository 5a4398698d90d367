// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The result BTF under construction (see res_btf.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "cu_btf.h"
#include "res_btf.h"
#include "vec.h"

#define RBTF_MAX 0x7fffffffu

int rbtf__init(struct rbtf *rb)
{
	memset(rb, 0, sizeof(*rb));
	rb->nr_types = 1; /* void */
	if (vec_ensure((void **)&rb->off, &rb->cap_off, sizeof(*rb->off), 1024, RBTF_MAX) ||
	    vec_ensure((void **)&rb->strs, &rb->cap_strs, 1, 4096, RBTF_MAX)) {
		rbtf__release(rb);
		return -ENOMEM;
	}
	rb->strs[0] = '\0';
	rb->strs_len = 1;
	return 0;
}

void rbtf__release(struct rbtf *rb)
{
	free(rb->data);
	free(rb->off);
	free(rb->strs);
	free(rb->slots);
	memset(rb, 0, sizeof(*rb));
}

/* twice the slots, the strings placed again */
static int reslot(struct rbtf *rb)
{
	uint32_t nb = rb->nr_slots ? rb->nr_slots * 2 : 4096, i, k;
	struct rbtf_slot *n = calloc(nb, sizeof(*n));

	if (!n)
		return -ENOMEM;
	for (i = 0; i < rb->nr_slots; i++) {
		if (!rb->slots[i].off)
			continue;
		for (k = rb->slots[i].hash & (nb - 1); n[k].off; k = (k + 1) & (nb - 1))
			;
		n[k] = rb->slots[i];
	}
	free(rb->slots);
	rb->slots = n;
	rb->nr_slots = nb;
	return 0;
}

int rbtf__add_str(struct rbtf *rb, const char *s, uint64_t hash, uint32_t *off)
{
	struct rbtf_slot *sl;
	uint32_t k;
	size_t len;
	int err;

	if (hash == cbtf__hash_str("")) { /* a short name's hash is the name */
		*off = 0;
		return 0;
	}
	if ((rb->used + 1) * 2 > rb->nr_slots) {
		err = reslot(rb);
		if (err)
			return err;
	}
	/* a slot's off is never 0: "" is not in the table */
	for (k = hash & (rb->nr_slots - 1); rb->slots[k].off; k = (k + 1) & (rb->nr_slots - 1)) {
		sl = &rb->slots[k];
		if (sl->hash != hash)
			continue;
		if (cbtf__hash_short(hash) || sl->src == s || !strcmp(rb->strs + sl->off, s)) {
			*off = sl->off;
			return 0;
		}
	}
	len = strlen(s) + 1;
	if (len > RBTF_MAX - rb->strs_len)
		return -E2BIG;
	err = vec_ensure((void **)&rb->strs, &rb->cap_strs, 1, rb->strs_len + len, RBTF_MAX);
	if (err)
		return err;
	memcpy(rb->strs + rb->strs_len, s, len);
	sl = &rb->slots[k];
	sl->hash = hash;
	sl->src = s;
	sl->off = rb->strs_len;
	rb->used++;
	*off = rb->strs_len;
	rb->strs_len += len;
	return 0;
}

struct btf_type *rbtf__add_type(struct rbtf *rb, size_t size, uint32_t *id)
{
	uint32_t words = size / 4, at = rb->len;

	if (size % 4 || words > RBTF_MAX - rb->len || rb->nr_types >= RBTF_MAX ||
	    vec_ensure((void **)&rb->off, &rb->cap_off, sizeof(*rb->off), rb->nr_types + 1,
		       RBTF_MAX) ||
	    vec_ensure((void **)&rb->data, &rb->cap, sizeof(*rb->data), rb->len + words, RBTF_MAX))
		return NULL;
	rb->len += words;
	rb->off[rb->nr_types] = at;
	*id = rb->nr_types++;
	return (struct btf_type *)(rb->data + at);
}

int rbtf__to_btf(struct rbtf *rb, struct btf **out)
{
	struct btf_header hdr = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
		.type_off = 0,
		.type_len = rb->len * 4,
		.str_off = rb->len * 4,
		.str_len = rb->strs_len,
	};
	size_t size = sizeof(hdr) + (size_t)rb->len * 4 + rb->strs_len;
	char *raw = malloc(size);
	struct btf *btf;
	int err;

	*out = NULL;
	if (!raw) {
		rbtf__release(rb);
		return -ENOMEM;
	}
	memcpy(raw, &hdr, sizeof(hdr));
	if (rb->len)
		memcpy(raw + sizeof(hdr), rb->data, (size_t)rb->len * 4);
	memcpy(raw + sizeof(hdr) + (size_t)rb->len * 4, rb->strs, rb->strs_len);
	rbtf__release(rb); /* libbpf copies @raw: two copies at a time, not three */
	btf = btf__new(raw, size);
	err = btf ? 0 : -errno;
	free(raw);
	if (err)
		return err;
	*out = btf;
	return 0;
}
