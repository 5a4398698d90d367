/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * DWARF location expressions and location lists, read straight from the
 * section bytes: DWARF 5 .debug_loclists and DWARF 2-4 .debug_loc, either
 * byte order.
 *
 * Why not libdw's dwarf_getlocations(): it interns every expression it
 * decodes in a search tree that lives until dwarf_end(), and those of
 * location lists in one tree shared by all units, so it must be called
 * under a lock. For the parameters of every function of a kernel that was
 * a third of the peak memory and a tenth of the CPU. Here nothing is kept:
 * an expression is decoded into the caller's array and forgotten.
 *
 * Addresses are not needed by any caller (only the order of the entries
 * is), so DW_LLE_base_addressx and the start/end operands are skipped, not
 * resolved through .debug_addr. Nothing here knows about libdw.
 */
#ifndef D2B_DWARF_LOC_H
#define D2B_DWARF_LOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* how the unit that refers to an expression encodes its operands */
struct dwl_loc_fmt {
	uint16_t version;    /* of the unit: 2-5 */
	uint8_t addr_size;   /* 4 or 8 */
	uint8_t offset_size; /* 4 (32-bit DWARF) or 8 */
	bool big_endian;     /* the file's byte order */
};

/**
 * struct dwl_op - one decoded operation
 * @atom:	its DW_OP_* code
 * @number:	its first operand (an unsigned or sign-extended value), 0 if
 *		none; the block's length for the operations that carry one
 * @number2:	its second operand (DW_OP_bregx's offset, DW_OP_bit_piece's
 *		offset, DW_OP_implicit_pointer's offset, ...), 0 if none
 * @block:	DW_OP_entry_value / DW_OP_implicit_value / DW_OP_const_type:
 *		the bytes of the block (borrowed from the section), else NULL
 */
struct dwl_op {
	uint8_t atom;
	uint64_t number;
	uint64_t number2;
	const uint8_t *block;
};

/**
 * dwl_expr__decode() - the operations of the expression @p[0..@len)
 * @ops:	receives the first @max operations; may be NULL when @max is 0
 * Return: the number of operations in the expression (more than @max when
 * it did not fit: call again with a bigger array), or -EINVAL when an
 * operation is unknown or runs past the end.
 */
int dwl_expr__decode(const uint8_t *p, size_t len, const struct dwl_loc_fmt *fmt,
		     struct dwl_op *ops, size_t max);

/**
 * struct dwl_loclist - a walk over one location list
 *
 * Borrows the section bytes; set up with dwl_loclist__init(), stepped
 * with dwl_loclist__next().
 */
struct dwl_loclist {
	const uint8_t *p, *end;
	struct dwl_loc_fmt fmt;
	bool done, failed;
};

/*
 * dwl_loclist__init() - the list at @off of the section @sec[0..@size):
 * .debug_loclists when @fmt->version >= 5, else .debug_loc. An offset past
 * the section gives a list that fails at once.
 */
void dwl_loclist__init(struct dwl_loclist *l, const uint8_t *sec, size_t size, uint64_t off,
		       const struct dwl_loc_fmt *fmt);

/**
 * dwl_loclist__next() - the next entry's expression
 * Return: 1 with @expr/@len set (possibly empty), 0 at the end of the list,
 * -EINVAL when the list is malformed or uses an entry kind not known here
 * (the walk then stays failed).
 */
int dwl_loclist__next(struct dwl_loclist *l, const uint8_t **expr, size_t *len);

/**
 * dwl_loclists__index() - the offset of list @idx (DW_FORM_loclistx) in
 * .debug_loclists @sec[0..@size), given the unit's DW_AT_loclists_base
 * @base (0 when the unit has none: the first table's offsets then)
 * Return: 0 with *@off set, or -EINVAL when out of the section.
 */
int dwl_loclists__index(const uint8_t *sec, size_t size, uint64_t base, uint64_t idx,
			const struct dwl_loc_fmt *fmt, uint64_t *off);

#endif
