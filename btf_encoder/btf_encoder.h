/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The BTF encoder: model CUs in, one deduplicated (optionally split) BTF
 * out. Each CU is encoded on its own into a small standalone BTF
 * (btf_encoder__encode_cu(), safe to call from several threads at once); the
 * per-CU BTFs are then appended in CU order (btf_encoder__add_cu(), one
 * caller at a time), where cross-CU choices are made: the first definition
 * of a function name wins, a variable is described once. btf_encoder__finish()
 * adds the DATASECs, runs libbpf's dedup on the new types alone, chooses
 * the FUNCs (funcs/), tags kfuncs and, when there is a base, makes the
 * result split BTF on it with our own fold (btf/split_fold.c), not
 * libbpf's split dedup.
 */
#ifndef D2B_BTF_ENCODER_H
#define D2B_BTF_ENCODER_H

#include <stdbool.h>
#include <stdint.h>
#include "dwarves.h"
#include <stdio.h>
#include "elf_symtab.h"
#include "split_fold.h"

struct btf;
struct btf_encoder;
struct btf_encoder_cu;

/* enum btf_feature - what the encoder emits; see btf_features.c for the names */
enum btf_feature {
	BTF_FEAT_ENCODE_FORCE = 1 << 0,	   /* skip invalid symbols instead of failing */
	BTF_FEAT_VAR = 1 << 1,		   /* per-CPU VARs and their DATASEC */
	BTF_FEAT_FLOAT = 1 << 2,	   /* FLOAT (else floats become INTs) */
	BTF_FEAT_DECL_TAG = 1 << 3,	   /* DECL_TAG from btf_decl_tag */
	BTF_FEAT_TYPE_TAG = 1 << 4,	   /* TYPE_TAG from btf_type_tag */
	BTF_FEAT_ENUM64 = 1 << 5,	   /* ENUM64 (else truncated 8-byte ENUMs) */
	BTF_FEAT_OPTIMIZED_FUNC = 1 << 6,  /* match .isra/.constprop clones */
	BTF_FEAT_CONSISTENT_FUNC = 1 << 7, /* drop functions with inconsistent prototypes */
	BTF_FEAT_DECL_TAG_KFUNCS = 1 << 8, /* bpf_kfunc decl tags from .BTF_ids */
	BTF_FEAT_REPRODUCIBLE = 1 << 9,	   /* accepted; output is always reproducible */
	BTF_FEAT_GLOBAL_VAR = 1 << 10,	   /* VARs for every data section */
	BTF_FEAT_DISTILLED_BASE = 1 << 11, /* .BTF.base for split BTF */
	BTF_FEAT_ATTRIBUTES = 1 << 12,	   /* kind_flag type attributes */
	BTF_FEAT_TRUE_SIGNATURE = 1 << 13, /* clones under their symbol name, real signature */
};

/* the function analysis (funcs/) decides FUNCs; else pahole 1.24's rules */
#define BTF_FEAT_FUNC_ANALYSIS (BTF_FEAT_OPTIMIZED_FUNC | BTF_FEAT_CONSISTENT_FUNC)

/**
 * struct btf_encoder_opts - encoder options
 * @features:	enum btf_feature bits
 * @path:	input file, for messages (borrowed)
 * @addr_size:	pointer size of the target (4 or 8)
 * @big_endian:	byte order of the target
 * @flat_arrays:	multi-dimensional arrays as one ARRAY of all elements, as
 *		pahole writes them (needed to share types with a base it made)
 */
struct btf_encoder_opts {
	uint32_t features;
	const char *path;
	uint8_t addr_size;
	bool big_endian;
	bool flat_arrays;
	/* threads it may keep busy: above 1, the function decisions run beside the dedup */
	unsigned int nr_threads;
};

/**
 * btf_encoder__base_has_flat_arrays() - whether @base writes multi-dimensional
 * arrays flattened: true when it has no ARRAY whose element is an ARRAY
 */
bool btf_encoder__base_has_flat_arrays(const struct btf *base);

/**
 * btf_encoder__new() - create an encoder
 * @base:	base BTF for split encoding, or NULL; borrowed, must outlive
 *		the encoder and is not modified by it except for libbpf's
 *		internal string index
 * @symtab:	ELF symbols of the input; borrowed, must outlive the encoder
 * Return: 0 or -ENOMEM.
 */
int btf_encoder__new(const struct btf_encoder_opts *opts, struct btf *base,
		     const struct elf_symtab *symtab, struct btf_encoder **out);
/* btf_encoder__set_base_index() - fold split types into the base after dedup */
void btf_encoder__set_base_index(struct btf_encoder *enc, const struct base_index *idx);
void btf_encoder__free(struct btf_encoder *enc);

/**
 * btf_encoder__encode_cu() - encode one CU into a standalone per-CU BTF
 * @cu:		consumed (freed) whatever the result
 * @out:	the result, handed to btf_encoder__add_cu() or freed with
 *		btf_encoder_cu__free()
 * Thread-safe: reads only the encoder's immutable configuration.
 * Return: 0 or a negative errno (the reason is printed).
 */
int btf_encoder__encode_cu(const struct btf_encoder *enc, struct tm_cu *cu,
			   struct btf_encoder_cu **out);
void btf_encoder_cu__free(struct btf_encoder_cu *ecu);

/* btf_encoder__add_cu() - append @ecu (consumed) to the result; CU order, one caller */
int btf_encoder__add_cu(struct btf_encoder *enc, struct btf_encoder_cu *ecu);

struct dwl;

/**
 * btf_encoder__encode_dwarf() - encode every CU of @dwl: per-CU encoding on
 * the loader's worker threads, btf_encoder__add_cu() in CU order
 * Return: 0 or the first negative errno (the reason is printed).
 */
int btf_encoder__encode_dwarf(struct btf_encoder *enc, struct dwl *dwl);

/* btf_encoder__finish() - add DATASECs and deduplicate; call once after the last CU */
int btf_encoder__finish(struct btf_encoder *enc);

/**
 * struct btf_encoder_stats - where the encoder's time went, in seconds
 * @merge:	ordered stage (appending per-CU BTFs)
 * @merge_cpu:	CPU seconds of the ordered stage
 * @types_merged: types before dedup
 */
struct btf_encoder_stats {
	double merge, merge_cpu, dedup, prune, fold;
	uint32_t types_merged;
};

void btf_encoder__stats(const struct btf_encoder *enc, struct btf_encoder_stats *st);

/**
 * btf_encoder__func_report() - after finish: one line per function
 * considered, sorted (see func_report.c); nothing without the analysis
 * Return: 0, -ENOMEM or -EIO.
 */
int btf_encoder__func_report(const struct btf_encoder *enc, FILE *f);
/* btf_encoder__func_counts() - after finish: decisions per reason, at -V */
void btf_encoder__func_counts(const struct btf_encoder *enc);

/* btf_encoder__btf() - the result, owned by @enc; split on the base when there is one */
struct btf *btf_encoder__btf(const struct btf_encoder *enc);

#endif
