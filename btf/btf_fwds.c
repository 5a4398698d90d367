// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Declarations resolved before libbpf's dedup of the interned result.
 *
 * The problem: libbpf's dedup compares a candidate type graph with a
 * canonical one under a hypothesis map keyed by canonical ID; a canonical
 * type reached from two different candidate types fails the comparison.
 * Inside one CU's graph that never happens (a struct is either declared or
 * defined there). The ordered stage (btf_intern.c) breaks that: a CU's
 * definition of X is compatible with a result graph that only declares X,
 * so the CU's types that refer to X are mapped onto result types that refer
 * to FWD X, while the CU's definition of X, compared on its own, may become
 * a new copy whose members refer back to FWD X. That copy reaches both
 * FWD X and (through its own hypothesis) the canonical X: libbpf keeps it,
 * and once FWD X is resolved it is identical to the canonical X (6.12's two
 * STRUCT 'ib_device').
 *
 * The fix: before the dedup, every reference to a FWD whose name has
 * definitions of one shape only (size, member names and offsets) goes to
 * the first of them, which is what libbpf's own FWD resolution decides
 * once the copies are merged. The graph handed to libbpf then reaches no
 * declaration of a struct it defines, and its dedup reaches the fixpoint
 * in one run. A name defined with several shapes keeps its FWD, as libbpf
 * keeps an ambiguous one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_fwds.h"
#include "hash_index.h"
#include "type_refs.h"

struct fwd_slot {
	uint32_t key; /* name offset << 1 | is union; 0: empty */
	uint32_t def; /* first definition; 0: ambiguous */
	uint64_t shape;
};

/* size, member names, offsets and bitfield sizes: what two copies share */
static uint64_t shape_of(const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	uint64_t h = hash_mix(t->size, t->info);
	uint32_t i;

	for (i = 0; i < btf_vlen(t); i++)
		h = hash_mix(hash_mix(h, m[i].name_off), m[i].offset);
	return h;
}

static struct fwd_slot *slot_of(struct fwd_slot *tab, uint32_t mask, uint32_t key)
{
	uint32_t i = (uint32_t)hash_mix(0, key) & mask;

	while (tab[i].key && tab[i].key != key)
		i = (i + 1) & mask;
	return &tab[i];
}

int btf_fwds__resolve(struct btf *btf, uint32_t first_id, uint32_t *nr_resolved)
{
	uint32_t i, k, n = btf__type_cnt(btf), nr_defs = 0, mask = 1, done = 0;
	struct fwd_slot *tab;
	uint32_t *target;

	*nr_resolved = 0;
	for (i = first_id; i < n; i++)
		nr_defs += btf_is_composite(btf__type_by_id(btf, i));
	while (mask < 2 * nr_defs + 1)
		mask = mask * 2 + 1;
	tab = calloc((size_t)mask + 1, sizeof(*tab));
	target = calloc(n - first_id + 1, sizeof(*target));
	if (!tab || !target) {
		free(tab);
		free(target);
		return -ENOMEM;
	}
	for (i = first_id; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		struct fwd_slot *s;
		uint64_t shape;

		if (!btf_is_composite(t) || !t->name_off)
			continue;
		shape = shape_of(t);
		s = slot_of(tab, mask, t->name_off << 1 | btf_is_union(t));
		if (!s->key) {
			s->key = t->name_off << 1 | btf_is_union(t);
			s->def = i;
			s->shape = shape;
		} else if (s->shape != shape) {
			s->def = 0;
		}
	}
	for (i = first_id; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		struct fwd_slot *s;

		if (!btf_is_fwd(t) || !t->name_off)
			continue;
		s = slot_of(tab, mask, t->name_off << 1 | btf_kflag(t));
		if (s->key && s->def) {
			target[i - first_id] = s->def;
			done++;
		}
	}
	for (i = first_id; i < n && done; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		for (k = 0; k < tref__count(t); k++) {
			uint32_t *ref = tref__at(t, k);

			if (*ref >= first_id && *ref < n && target[*ref - first_id])
				*ref = target[*ref - first_id];
		}
	}
	*nr_resolved = done;
	free(tab);
	free(target);
	return 0;
}
