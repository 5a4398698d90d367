// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Where a function definition's parameters are on entry -> model
 * (struct tm_param's loc_* fields). The function analysis (funcs/) decides
 * from this whether a FUNC's prototype is the one the code uses.
 *
 * Only the first entry of a location list matters: it covers the function's
 * entry, where a tracer reads the arguments. A concrete instance (a clone,
 * an out-of-line copy of an inline function) lists its parameters through
 * DW_AT_abstract_origin; each is placed at its origin's index, and a
 * parameter found at another position than its origin's marks the function
 * TM_FN_REORDERED (a dropped parameter shifts the ones after it, so that
 * counts too).
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <dwarf.h>
#include "dwarf_internal.h"

#define MAX_ORIGIN_PARAMS 128

/*
 * libdw interns location expressions in a search tree per unit, and those
 * of location lists (and their DW_OP_entry_value blocks) in one shared
 * "fake" unit: decoding them is not thread-safe, one worker at a time.
 */
static pthread_mutex_t loc_lock = PTHREAD_MUTEX_INITIALIZER;

static bool is_reg(unsigned int atom)
{
	return atom >= DW_OP_reg0 && atom <= DW_OP_reg31;
}

static bool is_breg(unsigned int atom)
{
	return atom >= DW_OP_breg0 && atom <= DW_OP_breg31;
}

static bool is_const(unsigned int atom)
{
	return (atom >= DW_OP_lit0 && atom <= DW_OP_lit31) || atom == DW_OP_constu ||
	       atom == DW_OP_consts;
}

static void set_reg(struct tm_param *p, int reg)
{
	if (p->loc_reg == TM_NO_REG)
		p->loc_reg = (int8_t)reg;
}

static bool has_stack_value(const Dwarf_Op *ops, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (ops[i].atom == DW_OP_stack_value)
			return true;
	return false;
}

/* bit @byte of @mask, when it fits */
static void set_piece(uint8_t *mask, uint64_t byte)
{
	if (byte < 8)
		*mask |= (uint8_t)(1u << byte);
}

/*
 * an expression of several operations: a constant, a register with an
 * offset (breg + stack_value), or pieces of an aggregate; @size is the
 * byte size of the parameter's type
 */
static void decode_multi(struct tm_param *p, const Dwarf_Op *ops, size_t n, uint64_t size,
			 uint8_t addr_size)
{
	uint64_t off = 0;
	bool located = false;
	size_t i;

	if (is_const(ops[0].atom)) {
		p->loc_flags |= TM_LOC_CONST;
		return;
	}
	if (size <= addr_size) {
		if (is_reg(ops[0].atom))
			set_reg(p, ops[0].atom - DW_OP_reg0);
		else if (is_breg(ops[0].atom) && has_stack_value(ops, n))
			set_reg(p, ops[0].atom - DW_OP_breg0);
		return;
	}
	/*
	 * an aggregate in two registers: which bytes of each slot have a piece
	 * with a location (a DW_OP_piece right after another, or first, is an
	 * empty piece: those bytes are not passed)
	 */
	for (i = 0; i < n; i++) {
		if (ops[i].atom == DW_OP_piece) {
			if (located && off < addr_size)
				set_piece(&p->pieces[0], off);
			else if (located)
				set_piece(&p->pieces[1], off - addr_size);
			off += ops[i].number;
			located = false;
		} else {
			located = true;
			if (is_reg(ops[i].atom) && (off < addr_size || p->loc_reg == TM_NO_REG))
				set_reg(p, ops[i].atom - DW_OP_reg0);
		}
	}
}

/* the entry location of @p from its DW_AT_location @attr */
static void decode_location(Dwarf_Attribute *attr, struct tm_param *p, uint64_t size,
			    uint8_t addr_size)
{
	Dwarf_Addr base, start, end;
	Dwarf_Attribute ea;
	Dwarf_Op *ops, *eops;
	size_t n, en;
	ptrdiff_t off = 0;
	bool first = true;

	off = dwarf_getlocations(attr, off, &base, &start, &end, &ops, &n);
	for (; off > 0; off = dwarf_getlocations(attr, off, &base, &start, &end, &ops, &n)) {
		bool sv;

		if (!n) {
			first = false;
			continue;
		}
		sv = ops[n - 1].atom == DW_OP_stack_value;
		if (n == 2 && sv)
			n--;
		if (n != 1) {
			if (first)
				decode_multi(p, ops, n, size, addr_size);
		} else if (is_reg(ops[0].atom)) {
			if (first)
				set_reg(p, ops[0].atom - DW_OP_reg0);
		} else if (is_breg(ops[0].atom)) {
			if (first && sv)
				set_reg(p, ops[0].atom - DW_OP_breg0);
		} else if (ops[0].atom == DW_OP_fbreg) {
			if (first)
				p->loc_flags |= TM_LOC_STACK;
		} else if (is_const(ops[0].atom)) {
			if (first)
				p->loc_flags |= TM_LOC_CONST;
		} else if (ops[0].atom == DW_OP_entry_value ||
			   ops[0].atom == DW_OP_GNU_entry_value) {
			/* the value the register had on entry: wherever the list says it is */
			if (dwarf_getlocation_attr(attr, &ops[0], &ea) == 0 &&
			    dwarf_getlocation(&ea, &eops, &en) == 0 && en == 1 &&
			    is_reg(eops[0].atom)) {
				if (p->loc_reg == TM_NO_REG)
					p->loc_flags |= TM_LOC_ENTRY_VALUE;
				set_reg(p, eops[0].atom - DW_OP_reg0);
			}
		}
		first = false;
	}
}

/* byte size of the type of parameter @die, through typedefs and qualifiers; 0 if unknown */
static uint64_t param_type_size(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	Dwarf_Die t;
	Dwarf_Word sz;
	int depth;

	if (!dwarf_attr_integrate(die, DW_AT_type, &attr) || !dwarf_formref_die(&attr, &t))
		return 0;
	for (depth = 0; depth < 16; depth++) {
		if (dwarf_attr(&t, DW_AT_byte_size, &attr) && dwarf_formudata(&attr, &sz) == 0)
			return sz;
		if (!dwarf_attr(&t, DW_AT_type, &attr) || !dwarf_formref_die(&attr, &t))
			return 0;
	}
	return 0;
}

/* the formal parameters of @origin, by DIE offset, in order; Return: their count */
static uint32_t origin_params(Dwarf_Die *origin, Dwarf_Off *offs)
{
	Dwarf_Die child;
	uint32_t n = 0;

	if (dwarf_child(origin, &child) != 0)
		return 0;
	do {
		if (dwarf_tag(&child) == DW_TAG_formal_parameter && n < MAX_ORIGIN_PARAMS)
			offs[n++] = dwarf_dieoffset(&child);
	} while (dwarf_siblingof(&child, &child) == 0);
	return n;
}

int dwl_param_locs(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *origin, tm_id proto,
		   uint32_t *fn_flags)
{
	const struct tm_type *pt = &c->cu->types[proto];
	Dwarf_Off offs[MAX_ORIGIN_PARAMS];
	uint32_t nr_origin = origin ? origin_params(origin, offs) : 0, pos = 0, i;
	Dwarf_Die child;

	for (i = 0; i < pt->nr; i++) {
		c->cu->params[pt->first + i].loc_reg = TM_NO_REG;
		c->cu->params[pt->first + i].loc_pos = TM_NO_POS;
	}
	if (!dwarf_haschildren(die) || dwarf_child(die, &child) != 0)
		return 0;
	do {
		Dwarf_Attribute attr, oattr;
		Dwarf_Die odie;
		struct tm_param *p;
		uint32_t idx = pos;

		if (dwarf_tag(&child) != DW_TAG_formal_parameter)
			continue;
		if (origin && dwarf_attr(&child, DW_AT_abstract_origin, &oattr) &&
		    dwarf_formref_die(&oattr, &odie)) {
			Dwarf_Off o = dwarf_dieoffset(&odie);

			for (idx = 0; idx < nr_origin && offs[idx] != o; idx++)
				;
			if (idx == nr_origin) {
				pos++;
				continue; /* not a parameter of the origin: nothing to place */
			}
			if (idx != pos)
				*fn_flags |= TM_FN_REORDERED;
		}
		pos++;
		if (idx >= pt->nr)
			continue;
		p = &c->cu->params[pt->first + idx];
		p->loc_pos = pos - 1 < TM_NO_POS ? (uint8_t)(pos - 1) : TM_NO_POS - 1;
		if (dwarf_attr(&child, DW_AT_const_value, &attr))
			p->loc_flags |= TM_LOC_CONST_VALUE;
		if (dwarf_attr(&child, DW_AT_location, &attr)) {
			uint64_t size = param_type_size(&child);

			p->loc_flags |= TM_LOC_PRESENT;
			pthread_mutex_lock(&loc_lock);
			decode_location(&attr, p, size, c->cu->addr_size);
			pthread_mutex_unlock(&loc_lock);
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	return 0;
}
