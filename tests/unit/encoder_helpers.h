/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Helpers of the encoder tests (test_encoder*.c, test_split.c): building
 * model CUs by hand and running them through the whole encoder (encode_cu,
 * add_cu, finish), with a raw dump of the result for golden comparison.
 * Builders abort on ENOMEM: a test cannot go on without its input.
 */
#ifndef D2B_UNIT_ENCODER_HELPERS_H
#define D2B_UNIT_ENCODER_HELPERS_H

#include <stdbool.h>
#include <stdint.h>
#include "btf_encoder.h"
#include "dwarves.h"

/* what plain -J encodes (pahole's legacy defaults) */
#define LEGACY (BTF_FEAT_VAR | BTF_FEAT_DECL_TAG | BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64)

struct tm_cu *cu_new(const char *name, uint32_t index);
/* a type of @kind; its DIE offset is 0x1000 + 0x10 * id, for error messages */
tm_id t_add(struct tm_cu *cu, enum tm_kind kind, const char *name, tm_id ref, uint64_t size);
tm_id t_int(struct tm_cu *cu, const char *name, uint64_t size, uint8_t flags);
/* STRUCT or UNION; its members follow with t_member(), before any other member */
tm_id t_comp(struct tm_cu *cu, enum tm_kind kind, const char *name, uint64_t size);
void t_member(struct tm_cu *cu, tm_id comp, const char *name, tm_id type, uint64_t bit_offset,
	      uint32_t bit_size);
tm_id t_enum(struct tm_cu *cu, const char *name, uint64_t size, bool is_signed);
void t_enumerator(struct tm_cu *cu, tm_id e, const char *name, uint64_t value);
/* @inner: an inner dimension of a multi-dimensional array */
tm_id t_array(struct tm_cu *cu, tm_id elem, uint32_t nr, bool inner);
tm_id t_proto(struct tm_cu *cu, tm_id ret, bool variadic);
void t_param(struct tm_cu *cu, tm_id proto, const char *name, tm_id type);
/* a function with code (TM_FN_HAS_ADDR) and @flags; Return: its index */
int f_add(struct tm_cu *cu, const char *name, tm_id proto, uint32_t flags);
/* a variable, with an address unless @addr is 0; Return: its index */
int v_add(struct tm_cu *cu, const char *name, tm_id type, bool external, uint64_t addr,
	  uint64_t size);
void tag_add(struct tm_cu *cu, const char *value, enum tm_tag_target kind, uint32_t target,
	     int32_t component_idx);

/* an encoding's result */
struct run {
	struct btf_encoder *enc;
	const struct btf *btf; /* owned by enc */
	char *dump;	       /* raw dump of the new types (split part with a base) */
};

void run_free(struct run *r);
/* options for a 64-bit little-endian "test.o" with @features */
struct btf_encoder_opts opts_of(uint32_t features);

/**
 * run_encode() - encode @cus in order on one encoder, finish, dump
 * @cus:	consumed, whatever the result
 * @base, @idx, @st:	may be NULL
 * Checks on the way that encode_cu gives no result on error and that
 * libbpf parses the raw result back.
 * Return: 0 (@r filled, free with run_free()) or the first error.
 */
int run_encode(struct run *r, const struct btf_encoder_opts *opts, struct btf *base,
	       const struct base_index *idx, const struct elf_symtab *st, struct tm_cu **cus,
	       unsigned int n);
/* run_encode() of one CU without base or symbols */
int run_one(struct run *r, uint32_t features, struct tm_cu *cu);

#endif
