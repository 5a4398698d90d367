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
	struct ecu_var *vars;		     /* the result's, for the DATASECs */
	uint32_t nr_vars, cap_vars;
	struct btf_encoder_stats stats;
	struct btf_intern intern; /* the ordered stage, into btf */
};

#endif
