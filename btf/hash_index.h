/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * hash_index: type IDs by a 64-bit hash of their key, a multimap (several
 * IDs may share a hash, listed newest first; the caller compares the
 * types). Owns its arrays;
 * knows nothing of what the hash means. Used by the ordered stage's
 * interning (btf_intern.c) and the split fold's base index (split_fold.c),
 * which also share hash_mix() to build their keys.
 */
#ifndef D2B_HASH_INDEX_H
#define D2B_HASH_INDEX_H

#include <stdint.h>

/**
 * struct hash_index - IDs by the hash of their key
 * @slots:	open addressing on the hash: per distinct hash (| 1; 0 marks an
 *		empty slot), the newest ID indexed under it
 * @older:	per ID - @first_id, the next older ID of the same hash (0: none)
 * @first_id:	IDs first_id .. first_id + cap - 1 may be indexed
 * @used:	slots in use; @nr_slots is a power of two, at most half used
 */
struct hash_slot {
	uint64_t hash;
	uint32_t id;
};

struct hash_index {
	struct hash_slot *slots;
	uint32_t *older;
	uint32_t first_id, cap, nr_slots, used;
};

/* hash_mix() - combine @v into @h; small numbers (string offsets, IDs) are spread first */
static inline uint64_t hash_mix(uint64_t h, uint64_t v)
{
	v *= 0x9e3779b97f4a7c15ULL;
	v ^= v >> 29;
	h ^= v + 0x632be59bd9b4e019ULL + (h << 6) + (h >> 2);
	return h;
}

/* hash_index__add() - index @id (>= first_id) under @hash; Return: 0 or -ENOMEM */
int hash_index__add(struct hash_index *ix, uint32_t id, uint64_t hash);

/*
 * hash_index__prefetch() - start loading the slot of @hash: a caller adding
 * many IDs to a reserved index (hash_index__reserve(), so that no add moves
 * the slots) computes a few hashes ahead and prefetches their slots, whose
 * cache misses then overlap
 */
static inline void hash_index__prefetch(const struct hash_index *ix, uint64_t hash)
{
	if (ix->nr_slots)
		__builtin_prefetch(&ix->slots[(hash | 1) & (ix->nr_slots - 1)], 1);
}
/* iteration over the IDs indexed under @hash, newest first: first, then next (0: no more) */
uint32_t hash_index__first(const struct hash_index *ix, uint64_t hash);
uint32_t hash_index__next(const struct hash_index *ix, uint32_t id);
/* hash_index__reserve() - room for @nr IDs without growing; Return: 0 or -ENOMEM */
int hash_index__reserve(struct hash_index *ix, uint32_t nr);
/* hash_index__release() - free the arrays; @ix is empty again (first_id 0) */
void hash_index__release(struct hash_index *ix);

#endif
