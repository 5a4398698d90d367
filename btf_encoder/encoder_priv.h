/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The encoder's own structures, private to btf_encoder/: the encoder's
 * state (btf_encoder.c) and one encoded CU, which encode_types.c fills on
 * a worker thread and btf_encoder__add_cu() consumes in CU order.
 */
#ifndef D2B_ENCODER_PRIV_H
#define D2B_ENCODER_PRIV_H

#include <bpf/btf.h>
#include "btf_encoder.h"
#include "btf_intern.h"
#include "cu_btf.h"
#include "func_decide.h"

/* a FUNC of a per-CU BTF; IDs are per-CU BTF IDs */
struct ecu_func {
	const char *name; /* borrowed from the DWARF */
	uint32_t func_id;
	uint32_t proto_id;
};

/* a VAR and its place: of a per-CU BTF, then (IDs renumbered) of the result */
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
	uint64_t *sigs; /* per CU ID, its signature (btf_intern__prepare_cu()), or NULL */
	uint32_t cu_index;
	struct func_state *fstates; /* definitions considered, for func_decide__run() */
	uint32_t nr_fstates, cap_fstates;
	char **strs; /* names made here (split aggregates); owned */
	uint32_t nr_strs, cap_strs;
	struct ecu_func *funcs;
	uint32_t nr_funcs, cap_funcs;
	struct ecu_var *vars;
	uint32_t nr_vars, cap_vars;
};

struct btf_encoder {
	struct btf_encoder_opts opts;
	struct btf *base;		     /* borrowed */
	const struct base_index *base_index; /* borrowed, may be NULL */
	const struct elf_symtab *symtab;     /* borrowed */
	struct btf *btf;		     /* owned result */
	struct btf *replaced; /* the result before the prune, freed with the encoder */
	struct ecu_var *vars; /* the result's, for the DATASECs */
	uint32_t nr_vars, cap_vars;
	struct btf_encoder_stats stats;
	struct btf_intern intern; /* the ordered stage, into btf */
	char **strs;		  /* the CUs' own names, kept for intern (btf_intern.h) */
	uint32_t nr_strs, cap_strs;
	struct func_syms *fsyms; /* with BTF_FEAT_FUNC_ANALYSIS; owned */
	/* a module's FUNC prune drop list, applied by onto_base()'s rebuild (owned) */
	uint32_t *prune_fate;
	struct func_state *fstates; /* every CU's definitions, in CU order */
	uint32_t nr_fstates, cap_fstates;
	struct func_decision *fdec; /* per symbol group, after finish */
};

/**
 * struct fplan - the FUNCs one definition gets in its CU's BTF (func_plan.c)
 * @wanted:	a FUNC under the definition's name
 * @linkage:	its linkage until func_choice__prune(): GLOBAL for the
 *		preferred definition of the name, EXTERN for one at a symbol of
 *		the name, STATIC otherwise
 * @proto:	the model FUNC_PROTO to use (another than the declared one
 *		when the binary's signature differs)
 * @alt_name:	also a FUNC of this name (true_signature), or NULL
 */
struct fplan {
	bool wanted;
	bool proto_changed;
	uint8_t linkage;
	tm_id proto;
	const char *alt_name;
};

/**
 * func_plan__cu() - analyze the definitions of @cu: fill @plan (one per
 * model function), add the FUNC_PROTOs of changed signatures to @cu and the
 * definitions considered to @ecu->fstates
 * Return: 0 or -ENOMEM.
 */
int func_plan__cu(const struct btf_encoder *enc, struct tm_cu *cu, struct btf_encoder_cu *ecu,
		  struct fplan *plan);

#endif
