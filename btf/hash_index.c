// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * hash_index: type IDs by the hash of their key, open addressing on the
 * hash (see hash_index.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "hash_index.h"
#include "vec.h"

/* room for IDs first_id .. first_id + @need - 1 in the per-ID array */
static int grow_ids(struct hash_index *ix, uint32_t need)
{
	/* vec_ensure() zeroes the new part: no older ID */
	return vec_ensure((void **)&ix->older, &ix->cap, sizeof(*ix->older), need, 0x7fffffff);
}

/* @nb slots (a power of two), the distinct hashes placed again */
static int reslot(struct hash_index *ix, uint32_t nb)
{
	struct hash_slot *n = calloc(nb, sizeof(*n));
	uint32_t i, k;

	if (!n)
		return -ENOMEM;
	for (i = 0; i < ix->nr_slots; i++) {
		if (!ix->slots[i].hash)
			continue;
		for (k = ix->slots[i].hash & (nb - 1); n[k].hash; k = (k + 1) & (nb - 1))
			;
		n[k] = ix->slots[i];
	}
	free(ix->slots);
	ix->slots = n;
	ix->nr_slots = nb;
	return 0;
}

/* the slot of @hash (| 1), or the empty slot where it would go */
static struct hash_slot *find_slot(const struct hash_index *ix, uint64_t hash)
{
	uint32_t k = hash & (ix->nr_slots - 1);

	while (ix->slots[k].hash && ix->slots[k].hash != hash)
		k = (k + 1) & (ix->nr_slots - 1);
	return &ix->slots[k];
}

int hash_index__add(struct hash_index *ix, uint32_t id, uint64_t hash)
{
	struct hash_slot *sl;
	int err = grow_ids(ix, id - ix->first_id + 1);

	if (!err && (ix->used + 1) * 2 > ix->nr_slots)
		err = reslot(ix, ix->nr_slots ? ix->nr_slots * 2 : 4096);
	if (err)
		return err;
	hash |= 1; /* 0 marks an empty slot */
	sl = find_slot(ix, hash);
	if (sl->hash) {
		/* the newest first, as the candidates are tried */
		ix->older[id - ix->first_id] = sl->id;
	} else {
		sl->hash = hash;
		ix->used++;
	}
	sl->id = id;
	return 0;
}

int hash_index__reserve(struct hash_index *ix, uint32_t nr)
{
	uint32_t nb = 4096;
	int err = grow_ids(ix, nr);

	while (nb < 2 * (uint64_t)nr)
		nb <<= 1;
	return err ?: nb > ix->nr_slots ? reslot(ix, nb) : 0;
}

void hash_index__release(struct hash_index *ix)
{
	free(ix->slots);
	free(ix->older);
	memset(ix, 0, sizeof(*ix));
}

/* iteration over the IDs indexed under @hash, newest first: first, then next (0: no more) */
uint32_t hash_index__first(const struct hash_index *ix, uint64_t hash)
{
	if (!ix->nr_slots)
		return 0;
	return find_slot(ix, hash | 1)->id; /* an empty slot's id is 0 */
}

uint32_t hash_index__next(const struct hash_index *ix, uint32_t id)
{
	return ix->older[id - ix->first_id];
}
