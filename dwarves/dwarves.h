/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The type model: a plain C description of one compilation unit's types,
 * functions and variables. The DWARF loader fills it, the BTF encoder reads
 * it. Nothing here knows about libdw or libbpf.
 *
 * ID spaces: a tm_id is an index into tm_cu.types; 0 means void. Model IDs
 * are local to one CU and have no relation to BTF type IDs (the encoder keeps
 * its own map).
 *
 * Strings: every `name` is borrowed from the loaded DWARF (or from a
 * constant) and stays valid until the loader that produced the CU is freed.
 */
#ifndef D2B_DWARVES_H
#define D2B_DWARVES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t tm_id;

enum tm_kind {
	TM_VOID = 0, /* only for id 0 and unfilled placeholders */
	TM_INT,
	TM_FLOAT,
	TM_PTR,
	TM_CONST,
	TM_VOLATILE,
	TM_RESTRICT,
	TM_TYPEDEF,
	TM_STRUCT,
	TM_UNION,
	TM_ENUM,
	TM_FWD,
	TM_ARRAY,
	TM_FUNC_PROTO,
	TM_TYPE_TAG,
	TM_KIND_MAX,
};

enum tm_type_flags {
	TM_F_SIGNED = 1 << 0,	   /* INT, ENUM: signed encoding */
	TM_F_CHAR = 1 << 1,	   /* INT: character type */
	TM_F_BOOL = 1 << 2,	   /* INT: boolean */
	TM_F_FWD_UNION = 1 << 3,   /* FWD: declared union (else struct) */
	TM_F_VARIADIC = 1 << 4,	   /* FUNC_PROTO: ends with "..." */
	TM_F_BITFIELDS = 1 << 5,   /* STRUCT/UNION: has bitfield members */
	TM_F_ENUM_FWD = 1 << 6,	   /* ENUM: declaration only */
	TM_F_ARRAY_INNER = 1 << 7, /* ARRAY: inner dimension of a multi-dimensional array */
};

/**
 * struct tm_type - one type of a CU
 * @kind:	enum tm_kind
 * @flags:	enum tm_type_flags
 * @ref:	referenced type: PTR/CV/TYPEDEF/TYPE_TAG target, ARRAY element,
 *		FUNC_PROTO return type (0 = void)
 * @name:	borrowed name, NULL when anonymous (TYPE_TAG: the tag value)
 * @size:	byte size (INT, FLOAT, STRUCT, UNION, ENUM)
 * @nr_bits:	INT: value bits
 * @first:	index of the first member / enumerator / parameter in the CU's
 *		side array; ARRAY: unused
 * @nr:		number of members / enumerators / parameters; ARRAY: elements
 * @die_off:	DWARF offset of the DIE the type came from (for messages)
 */
struct tm_type {
	uint8_t kind;
	uint8_t flags;
	uint16_t nr_bits;
	tm_id ref;
	const char *name;
	uint64_t size;
	uint32_t first;
	uint32_t nr;
	uint64_t die_off;
};

struct tm_member {
	const char *name; /* NULL for anonymous members */
	tm_id type;
	uint32_t bit_size; /* 0 unless a bitfield */
	uint64_t bit_offset;
};

struct tm_enumerator {
	const char *name;
	uint64_t value; /* two's complement when the enum is signed */
};

enum tm_loc_flags {
	TM_LOC_PRESENT = 1 << 0,     /* DW_AT_location */
	TM_LOC_CONST_VALUE = 1 << 1, /* DW_AT_const_value: a constant, no storage */
	TM_LOC_CONST = 1 << 2,	     /* entry location: a constant (DW_OP_lit*, constu, consts) */
	TM_LOC_STACK = 1 << 3,	     /* entry location: the frame (DW_OP_fbreg) */
	TM_LOC_ENTRY_VALUE = 1 << 4, /* the register came from DW_OP_entry_value */
};

#define TM_NO_REG (-1)

/**
 * struct tm_param - a parameter of a FUNC_PROTO
 * @loc_flags:	enum tm_loc_flags; function definitions only (0 elsewhere)
 * @loc_reg:	DWARF register number holding the value on entry (DW_OP_regN,
 *		DW_OP_bregN with DW_OP_stack_value, DW_OP_entry_value(regN), or the
 *		first piece's register), TM_NO_REG when unknown
 * @pieces:	an aggregate described by DW_OP_piece: bit N of pieces[k] is set
 *		when the piece at byte N of the k-th pointer-sized slot has a
 *		location (k = 0, 1)
 * @loc_pos:	its position among the DIE's own formal parameters (a clone
 *		lists them in the order it takes them), TM_NO_POS when absent
 */
struct tm_param {
	const char *name; /* NULL in prototypes of function types */
	tm_id type;
	uint8_t loc_flags;
	int8_t loc_reg;
	uint8_t pieces[2];
	uint8_t loc_pos;
};

#define TM_NO_POS 0xff

enum tm_func_flags {
	TM_FN_EXTERNAL = 1 << 0,
	TM_FN_HAS_ADDR = 1 << 1,      /* DW_AT_low_pc or ranges present */
	TM_FN_UNNAMED_PARAM = 1 << 2, /* some parameter has no name */
	TM_FN_INLINE = 1 << 3,	      /* abstract instance (DW_AT_inline) */
	TM_FN_NOCALL = 1 << 4,	      /* DW_CC_nocall: the compiler changed its ABI */
	TM_FN_REORDERED = 1 << 5, /* a concrete parameter sits at another index than its origin */
};

/**
 * struct tm_func - a function definition of a CU
 * @name:	borrowed, never NULL
 * @proto:	FUNC_PROTO type in the same CU, parameters named
 * @flags:	enum tm_func_flags
 * @addr:	entry address when TM_FN_HAS_ADDR
 *
 * The parameters of @proto carry the locations of the DIE's own formal
 * parameters (struct tm_param), placed at their abstract origin's index.
 */
struct tm_func {
	const char *name;
	tm_id proto;
	uint32_t flags;
	uint64_t addr;
	uint64_t die_off;
};

/**
 * struct tm_var - a variable with static storage at CU top level
 * @addr:	its address, from a DW_OP_addr location (has_addr)
 */
struct tm_var {
	const char *name;
	tm_id type;
	bool external;
	bool has_addr;
	uint64_t addr;
	uint64_t size; /* byte size of its type, 0 when unknown */
	uint64_t die_off;
};

enum tm_tag_target {
	TM_TAG_TYPE, /* target: a struct/union/typedef tm_id */
	TM_TAG_FUNC, /* target: index into tm_cu.funcs */
	TM_TAG_VAR,  /* target: index into tm_cu.vars */
};

/** struct tm_decl_tag - a btf_decl_tag annotation */
struct tm_decl_tag {
	const char *value;
	uint8_t target_kind;
	uint32_t target;
	int32_t component_idx; /* -1 for the whole entity, else member/param index */
};

/**
 * struct tm_cu - one compilation unit
 *
 * Owned by whoever received it from the loader; freed with tm_cu__free().
 * Arrays grow with tm_cu__add_*(); pointers into them are invalidated by
 * later additions, indices are not.
 */
struct tm_cu {
	const char *name;
	uint32_t index; /* position of the CU in the file, 0-based */
	uint64_t die_off;
	int lang;
	uint8_t addr_size;
	bool producer_clang; /* DW_AT_producer names clang */

	struct tm_type *types; /* types[0] is void */
	uint32_t nr_types, cap_types;
	struct tm_member *members;
	uint32_t nr_members, cap_members;
	struct tm_enumerator *enums;
	uint32_t nr_enums, cap_enums;
	struct tm_param *params;
	uint32_t nr_params, cap_params;
	struct tm_func *funcs;
	uint32_t nr_funcs, cap_funcs;
	struct tm_var *vars;
	uint32_t nr_vars, cap_vars;
	struct tm_decl_tag *tags;
	uint32_t nr_tags, cap_tags;
};

/* tm_cu__new() - an empty CU holding only the void type; NULL on ENOMEM */
struct tm_cu *tm_cu__new(const char *name, uint32_t index);
void tm_cu__free(struct tm_cu *cu);

/*
 * Adders return the new element's index (>= 1 for types, >= 0 otherwise) or
 * -ENOMEM / -E2BIG. The new element is zeroed.
 */
int tm_cu__add_type(struct tm_cu *cu, enum tm_kind kind);
int tm_cu__add_member(struct tm_cu *cu);
int tm_cu__add_enumerator(struct tm_cu *cu);
int tm_cu__add_param(struct tm_cu *cu);
int tm_cu__add_func(struct tm_cu *cu);
int tm_cu__add_var(struct tm_cu *cu);
int tm_cu__add_decl_tag(struct tm_cu *cu);

static inline struct tm_type *tm_cu__type(const struct tm_cu *cu, tm_id id)
{
	return &cu->types[id];
}

/* tm_cu__skip_mods() - follow CONST/VOLATILE/RESTRICT/TYPEDEF/TYPE_TAG to the real type */
tm_id tm_cu__skip_mods(const struct tm_cu *cu, tm_id id);

/* tm_cu__type_size() - byte size of a type (pointers: cu->addr_size), 0 if unknown */
uint64_t tm_cu__type_size(const struct tm_cu *cu, tm_id id);

const char *tm_kind__name(enum tm_kind kind);

#define tm_cu__for_each_type(cu, id, t)                                                            \
	for ((id) = 1; (id) < (cu)->nr_types && ((t) = &(cu)->types[(id)]); (id)++)

#endif
