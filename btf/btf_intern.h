/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_intern: the ordered stage's interning of per-CU BTFs (struct cbtf)
 * into one result BTF, in CU order, appending only the types the result
 * lacks (see btf_intern.c). Owns its index of the result's types and its
 * scratch buffers; borrows the result.
 */
#ifndef D2B_BTF_INTERN_H
#define D2B_BTF_INTERN_H

#include <stdbool.h>
#include <stdint.h>
#include "cu_btf.h"
#include "hash_index.h"

struct btf;

/* scratch arrays of the ordered stage, sized for the largest CU */
struct intern_bufs {
	uint32_t *map, *hyp, *stack;
	uint8_t *state;
	uint64_t *csig;
	uint32_t cap;
	uint64_t *work; /* walk work list */
	uint32_t cap_work;
};

/* a name of a result type: the CU name it was emitted from, and its hash */
struct intern_name {
	const char *s;
	uint64_t hash;
};

/*
 * What the ordered stage reads of one result type while matching, in one
 * place: comparing a CU type with a candidate touches one cache line here
 * instead of one per array.
 */
struct intern_rtype {
	uint64_t sig;	/* its signature (0: not computed yet) */
	uint64_t key;	/* its key in the index (a shape's is its signature) */
	uint32_t names; /* own types: its first name in rnames */
	uint32_t unused;
};

/**
 * struct btf_intern - interning state for one result BTF
 * @btf:	the result; borrowed, only appended to by btf_intern__add_cu()
 * @append_all:	append every CU type unmatched (a module: its BTF is
 *		deduplicated alone and then folded into the base)
 * @own:	the result's own types by key
 * @rt:		per result ID: signature, key, where its names are
 * @nr_named:	own result types (from own.first_id on) whose names are known
 * @rnames:	the names of the result's own types, each type's in the order
 *		of tref__str_at(), from @rt[id].names
 */
struct btf_intern {
	struct btf *btf;
	bool append_all;
	struct hash_index own;
	struct intern_bufs bufs;
	struct intern_rtype *rt; /* per result ID */
	uint32_t cap_rt;
	uint32_t nr_named; /* own result types whose names are in rnames */
	struct intern_name *rnames;
	uint32_t nr_rnames, cap_rnames;
};

/* btf_intern__init() - start interning into @btf (borrowed), empty or not */
void btf_intern__init(struct btf_intern *in, struct btf *btf, bool append_all);
/* btf_intern__release() - free what @in owns (not the result) */
void btf_intern__release(struct btf_intern *in);

/**
 * btf_intern__prepare_cu() - the part of interning that depends on the CU
 * alone, done on the worker that encoded it: the signature of each type
 * @sigs:	set to the per CU ID signatures, owned by the caller
 * Return: 0 or -ENOMEM.
 */
int btf_intern__prepare_cu(const struct cbtf *cb, uint64_t **sigs);

/**
 * btf_intern__add_cu() - append the types of @cb that the result lacks
 * @cb:		borrowed; its names must stay valid and unchanged until the
 *		last btf_intern__add_cu() on @in: the result's names are their
 *		addresses, compared with later CUs' names (after their hashes)
 * @sigs:	from btf_intern__prepare_cu(), or NULL (computed here)
 * @mapp:	set to the CU ID -> result ID map (valid until the next call)
 * Return: 0 or a negative errno.
 */
int btf_intern__add_cu(struct btf_intern *in, const struct cbtf *cb, const uint64_t *sigs,
		       const uint32_t **mapp);

#endif
