/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Private structures of the BTF encoder, shared by btf_encoder.c (ordered
 * stage and finish), encode_types.c (per-CU encoding) and btf_merge.c
 * (appending a per-CU BTF with ID remapping).
 */
#ifndef D2B_ENCODER_INTERNAL_H
#define D2B_ENCODER_INTERNAL_H

#include <bpf/btf.h>
#include "btf_encoder.h"
#include "strmap.h"
#include "cu_btf.h"
#include "base_strs.h"

/* a FUNC of a per-CU BTF; IDs are per-CU BTF IDs */
struct ecu_func {
	const char *name; /* borrowed from the DWARF */
	uint32_t func_id;
	uint32_t proto_id;
};

/* a VAR of a per-CU BTF */
struct ecu_var {
	uint32_t var_id;
	uint32_t shndx;
	uint64_t offset;
	uint64_t size;
};

/**
 * struct btf_encoder_cu - one encoded CU
 * @btf:	BTF records of the CU; owned
 */
struct btf_encoder_cu {
	struct cbtf *btf;
	uint64_t *sigs;	 /* per CU ID, its signature (btf_intern__prepare_cu()), or NULL */
	uint32_t cu_index;
	struct ecu_func *funcs;
	uint32_t nr_funcs, cap_funcs;
	struct ecu_var *vars;
	uint32_t nr_vars, cap_vars;
};

/**
 * struct intern_index - result type IDs by the hash of their key (btf_intern.c)
 * @slots:	open addressing on the hash: per distinct hash (| 1; 0 marks an
 *		empty slot), the newest ID indexed under it
 * @older:	per ID - @first_id, the next older ID of the same hash (0: none)
 * @first_id:	IDs first_id .. first_id + cap - 1 may be indexed
 * @used:	slots in use; @nr_slots is a power of two, at most half used
 */
struct intern_slot {
	uint64_t hash;
	uint32_t id;
};

struct intern_index {
	struct intern_slot *slots;
	uint32_t *older;
	uint32_t first_id, cap, nr_slots, used;
};

int intern_index__add(struct intern_index *ix, uint32_t id, uint64_t hash);
uint32_t intern_index__first(const struct intern_index *ix, uint64_t hash);
uint32_t intern_index__next(const struct intern_index *ix, uint32_t id);
/* intern_index__reserve() - room for @nr IDs without growing; Return: 0 or -ENOMEM */
int intern_index__reserve(struct intern_index *ix, uint32_t nr);
void intern_index__release(struct intern_index *ix);

/* the base index of btf_post.c, shared by a batch: base IDs by fold key, strings */
struct base_index {
	const struct btf *base;
	struct intern_index ix;
	struct base_strs strs;
};

/* scratch arrays of the ordered stage, sized for the largest CU */
struct intern_bufs {
	uint32_t *map, *hyp, *stack;
	uint8_t *state;
	uint64_t *csig;
	uint32_t cap;
	uint64_t *work; /* walk work list */
	uint32_t cap_work;
};

/* a VAR of the final BTF, for its DATASEC */
struct enc_var {
	uint32_t var_id;
	uint32_t shndx;
	uint64_t offset;
	uint64_t size;
};

struct btf_encoder {
	struct btf_encoder_opts opts;
	struct btf *base;		    /* borrowed */
	const struct base_index *base_index; /* borrowed, may be NULL */
	const struct elf_symtab *symtab;    /* borrowed */
	struct btf *btf;		    /* owned result */
	struct enc_var *vars;
	uint32_t nr_vars, cap_vars;
	struct btf_encoder_stats stats;
	struct intern_index own;	    /* the result's own types */
	struct intern_bufs ibufs;
	uint64_t *rsig;			    /* signatures of result types, 0: unknown */
	uint32_t cap_rsig;
	uint64_t *rkey;			    /* keys of indexed result types (key_of()) */
	uint32_t cap_rkey;
};

/**
 * btf_merge__append() - copy the types of @src into @dst, renumbering
 * @skip:	per-source-ID flags (index 0 unused) of types to leave out;
 *		a DECL_TAG whose target is left out is left out too
 * @map:	filled with source ID -> new ID (0 for left-out types)
 * Return: 0 or a negative errno; on error @dst may hold part of @src.
 */
int btf_merge__append(struct btf *dst, const struct btf *src, uint8_t *skip, uint32_t *map);

/**
 * btf_intern__prepare_cu() - the part of interning that depends on the CU
 * alone, done on the worker that encoded it: the signature of each type
 * (ecu->sigs), so that the ordered stage only looks them up
 * Return: 0 or -ENOMEM.
 */
int btf_intern__prepare_cu(struct btf_encoder_cu *ecu);

/**
 * btf_intern__add_cu() - append the types of @ecu that the result lacks
 * @mapp:	set to the CU ID -> result ID map (valid until the next call)
 * Return: 0 or a negative errno.
 */
int btf_intern__add_cu(struct btf_encoder *enc, const struct btf_encoder_cu *ecu,
		       const uint32_t **mapp);

/**
 * btf_fwds__resolve() - point references to a FWD at the definition of its
 * name, when all definitions of that name have one shape (see btf_fwds.c)
 * @btf:	the interned result, before btf__dedup(); changed in place
 * @first_id:	its first own type ID
 * @nr_resolved: number of FWDs whose users now refer to a definition
 * Return: 0 or -ENOMEM (@btf unchanged).
 */
int btf_fwds__resolve(struct btf *btf, uint32_t first_id, uint32_t *nr_resolved);

/**
 * btf_merge__remap_type() - renumber every type reference of @t through @map
 * @nr_src:	size of @map; a reference outside it or mapped to 0 is -EINVAL
 */
int btf_merge__remap_type(struct btf_type *t, const uint32_t *map, uint32_t nr_src);

/**
 * btf_post__fold_into_base() - drop split types identical to base types
 * @btfp:	deduplicated split BTF; replaced by a new, renumbered one when
 *		anything was folded (the old one is freed)
 * @nr_folded:	number of split types folded
 * Return: 0 or a negative errno (*btfp unchanged).
 */
int btf_post__fold_into_base(struct btf **btfp, const struct base_index *idx, uint32_t *nr_folded);

/* a fate of btf_raw__rebuild(): the type is left out */
#define FATE_DROP 0xffffffffu

/**
 * btf_raw__rebuild() - a new BTF with the kept types of @old, renumbered
 * @old:	a standalone BTF, or a split BTF on @base
 * @base:	the base of the result, NULL for a standalone one; a standalone
 *		@old becomes split on it
 * @bs:		the string index of @base (required with @base): strings the
 *		base holds are named by the base's offset
 * @fate:	per ID of @old, from its first own ID: 0 keeps the type,
 *		FATE_DROP leaves it out (nothing kept may refer to it), another
 *		value folds it into that base or kept type (not itself folded);
 *		NULL keeps all
 * @out:	the new BTF, owned by the caller; strings are only those the
 *		kept types use, in the order they first use them
 * Return: 0 or a negative errno.
 */
int btf_raw__rebuild(const struct btf *old, const struct btf *base, const struct base_strs *bs,
		     const uint32_t *fate, struct btf **out);

/**
 * btf_post__prune_funcs() - keep one FUNC per name (see btf_post.c)
 * @consistent:	a name whose definitions disagree keeps no FUNC
 * Return: 0 or a negative errno (*btfp unchanged).
 */
int btf_post__prune_funcs(struct btf **btfp, bool consistent, uint32_t *nr_dropped);

#endif
