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
#include <stdlib.h>
#include <string.h>
#include <dwarf.h>
#include <gelf.h>
#include "dwarf_internal.h"
#include "dwarf_loc.h"

#define MAX_ORIGIN_PARAMS 128

#define MAX_STACK_OPS 32

/*
 * Where a function's location lists are: the unit's encoding and its
 * .debug_loc or .debug_loclists, looked up at the first list (see
 * dwarf_loc.h for why libdw's dwarf_getlocations() is not used)
 */
struct loc_src {
	struct dwl_cu_ctx *c;
	bool ready;
	struct dwl_loc_fmt fmt;
	uint8_t addr_size; /* the model's (struct tm_cu) */
	const uint8_t *sec;
	size_t size;
	Dwarf_Die cu_die;
};

/* the section index last found per section kind (0: loc, 1: loclists), per thread */
static __thread size_t last_ndx[2];

/* is section @ndx of @elf named @name or its .zdebug twin? Its bytes into @out */
static bool sec_named(Elf *elf, size_t shstrndx, size_t ndx, const char *name, Elf_Data **out)
{
	Elf_Scn *scn = elf_getscn(elf, ndx);
	GElf_Shdr sh;
	const char *s;

	if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
		return false;
	s = elf_strptr(elf, shstrndx, sh.sh_name);
	if (!s || (strcmp(s, name) && (strncmp(s, ".z", 2) || strcmp(s + 2, name + 1))))
		return false;
	*out = elf_getdata(scn, NULL);
	return *out && (*out)->d_buf;
}

/*
 * the bytes of @name in @elf; the index found last time is tried first
 * and checked by name, so a cache left from another file is never trusted
 */
static void find_section(Elf *elf, const char *name, size_t *last, struct loc_src *ls)
{
	Elf_Data *d = NULL;
	size_t shstrndx, nr, i;

	if (!elf || elf_getshdrstrndx(elf, &shstrndx) || elf_getshdrnum(elf, &nr))
		return;
	if (*last && *last < nr && sec_named(elf, shstrndx, *last, name, &d))
		goto found;
	for (i = 1; i < nr; i++) {
		if (sec_named(elf, shstrndx, i, name, &d)) {
			*last = i;
			goto found;
		}
	}
	return;
found:
	ls->sec = d->d_buf;
	ls->size = d->d_size;
}

static void loc_src_init(struct dwl_cu_ctx *c, Dwarf_Attribute *attr, struct loc_src *ls)
{
	Dwarf_Half version;
	uint8_t addr_size, offset_size;
	bool v5;

	ls->ready = true;
	ls->c = c;
	ls->addr_size = c->cu->addr_size;
	if (!dwarf_cu_die(attr->cu, &ls->cu_die, &version, NULL, &addr_size, &offset_size, NULL,
			  NULL))
		return;
	ls->fmt.version = version;
	ls->fmt.addr_size = addr_size;
	ls->fmt.offset_size = offset_size;
	ls->fmt.big_endian = c->big_endian;
	v5 = version >= 5;
	find_section(dwarf_getelf(dwarf_cu_getdwarf(attr->cu)),
		     v5 ? ".debug_loclists" : ".debug_loc", &last_ndx[v5], ls);
}

/* the offset a DW_FORM_sec_offset, loclistx (or DWARF 2/3 data4/data8) list starts at */
static bool list_offset(struct loc_src *ls, Dwarf_Attribute *attr, uint64_t *off)
{
	const uint8_t *v = attr->valp;
	unsigned int i, n;
	uint64_t idx = 0, base = 0;
	Dwarf_Attribute battr;
	Dwarf_Word w;

	switch (attr->form) {
	case DW_FORM_sec_offset:
		n = ls->fmt.offset_size;
		break;
	case DW_FORM_data4:
	case DW_FORM_data8:
		if (ls->fmt.version >= 4)
			return false;
		n = attr->form == DW_FORM_data4 ? 4 : 8;
		break;
	case DW_FORM_loclistx:
		for (i = 0; i < 10; i++) {
			idx |= (uint64_t)(v[i] & 0x7f) << (7 * i);
			if (!(v[i] & 0x80))
				break;
		}
		if (dwl_attr(ls->c, &ls->cu_die, DW_AT_loclists_base, &battr) &&
		    dwarf_formudata(&battr, &w) == 0)
			base = w;
		return dwl_loclists__index(ls->sec, ls->size, base, idx, &ls->fmt, off) == 0;
	default:
		return false;
	}
	*off = 0;
	for (i = 0; i < n; i++)
		*off |= (uint64_t)v[ls->fmt.big_endian ? n - 1 - i : i] << (8 * i);
	return true;
}

static uint64_t param_type_size(struct dwl_cu_ctx *c, Dwarf_Die *die);

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

static bool has_stack_value(const struct dwl_op *ops, size_t n)
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
static void decode_multi(struct tm_param *p, const struct dwl_op *ops, size_t n, uint64_t size,
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

/* DW_OP_entry_value(DW_OP_regN): N, else -1 */
static int entry_value_reg(const struct dwl_op *op, const struct dwl_loc_fmt *fmt)
{
	struct dwl_op inner;

	if (!op->block || dwl_expr__decode(op->block, op->number, fmt, &inner, 1) != 1 ||
	    !is_reg(inner.atom))
		return -1;
	return inner.atom - DW_OP_reg0;
}

/* one entry's expression @ops[0..@n) into @p; @first: the entry covering the function's entry */
static void decode_entry(struct tm_param *p, const struct dwl_op *ops, size_t n, bool first,
			 Dwarf_Die *die, const struct loc_src *ls)
{
	bool sv = ops[n - 1].atom == DW_OP_stack_value;
	int reg;

	if (n == 2 && sv)
		n--;
	if (n != 1) {
		if (first)
			decode_multi(p, ops, n, param_type_size(ls->c, die), ls->addr_size);
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
	} else if (ops[0].atom == DW_OP_entry_value || ops[0].atom == DW_OP_GNU_entry_value) {
		/* the value the register had on entry: wherever the list says it is */
		reg = entry_value_reg(&ops[0], &ls->fmt);
		if (reg >= 0) {
			if (p->loc_reg == TM_NO_REG)
				p->loc_flags |= TM_LOC_ENTRY_VALUE;
			set_reg(p, reg);
		}
	}
}

/* decode expression @expr[0..@len) and apply it; Return: false when it is malformed */
static bool apply_expr(struct tm_param *p, const uint8_t *expr, size_t len, bool first,
		       Dwarf_Die *die, const struct loc_src *ls)
{
	struct dwl_op stack_ops[MAX_STACK_OPS], *ops = stack_ops;
	int n = dwl_expr__decode(expr, len, &ls->fmt, ops, MAX_STACK_OPS);

	if (n < 0)
		return false;
	if (n > MAX_STACK_OPS) {
		ops = malloc((size_t)n * sizeof(*ops));
		if (!ops)
			return false; /* a location lost to ENOMEM only makes it "optimized" */
		dwl_expr__decode(expr, len, &ls->fmt, ops, (size_t)n);
	}
	if (n)
		decode_entry(p, ops, (size_t)n, first, die, ls);
	if (ops != stack_ops)
		free(ops);
	return true;
}

/*
 * the entry location of @p from its DW_AT_location @attr: one expression,
 * or a location list whose entries are taken in order (an entry that is
 * malformed ends the list)
 */
static void decode_location(struct dwl_cu_ctx *c, struct loc_src *ls, Dwarf_Attribute *attr,
			    struct tm_param *p, Dwarf_Die *die)
{
	struct dwl_loclist l;
	const uint8_t *expr;
	Dwarf_Block block;
	size_t len;
	uint64_t off;
	bool first = true;

	if (!ls->ready)
		loc_src_init(c, attr, ls);
	if (!ls->fmt.version)
		return;
	if (attr->form != DW_FORM_data16 && dwarf_formblock(attr, &block) == 0) {
		apply_expr(p, block.data, block.length, true, die, ls);
		return;
	}
	if (!list_offset(ls, attr, &off))
		return;
	dwl_loclist__init(&l, ls->sec, ls->size, off, &ls->fmt);
	while (dwl_loclist__next(&l, &expr, &len) > 0) {
		if (!apply_expr(p, expr, len, first, die, ls))
			break;
		first = false;
	}
	/* the section's pages behind the units read are given back (dwarf_pages.h) */
	dwl_note_reach(c, DWL_S_LOCLISTS, l.p);
}

/* byte size of the type of parameter @die, through typedefs and qualifiers; 0 if unknown */
static uint64_t param_type_size(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	Dwarf_Die t;
	Dwarf_Word sz;
	int depth;

	if (!dwl_attr_integrate(c, die, DW_AT_type, &attr) || !dwarf_formref_die(&attr, &t))
		return 0;
	for (depth = 0; depth < 16; depth++) {
		if (dwl_attr(c, &t, DW_AT_byte_size, &attr) && dwarf_formudata(&attr, &sz) == 0)
			return sz;
		if (!dwl_attr(c, &t, DW_AT_type, &attr) || !dwarf_formref_die(&attr, &t))
			return 0;
	}
	return 0;
}

/* the formal parameters of @origin, by DIE offset, in order; Return: their count */
static uint32_t origin_params(struct dwl_cu_ctx *c, Dwarf_Die *origin, Dwarf_Off *offs)
{
	Dwarf_Die child;
	uint32_t n = 0;

	if (dwl_child(c, origin, &child) != 0)
		return 0;
	do {
		if (dwl_tag(c, &child) == DW_TAG_formal_parameter && n < MAX_ORIGIN_PARAMS)
			offs[n++] = dwarf_dieoffset(&child);
	} while (dwl_siblingof(c, &child) == 0);
	return n;
}

int dwl_param_locs(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *origin, tm_id proto,
		   uint32_t *fn_flags)
{
	const struct tm_type *pt = &c->cu->types[proto];
	Dwarf_Off offs[MAX_ORIGIN_PARAMS];
	struct loc_src ls = {0};
	uint32_t nr_origin = origin ? origin_params(c, origin, offs) : 0, pos = 0, i;
	Dwarf_Die child;

	for (i = 0; i < pt->nr; i++) {
		c->cu->params[pt->first + i].loc_reg = TM_NO_REG;
		c->cu->params[pt->first + i].loc_pos = TM_NO_POS;
	}
	if (!dwl_haschildren(c, die) || dwl_child(c, die, &child) != 0)
		return 0;
	do {
		Dwarf_Attribute attr, oattr;
		Dwarf_Die odie;
		struct tm_param *p;
		uint32_t idx = pos;

		if (dwl_tag(c, &child) != DW_TAG_formal_parameter)
			continue;
		if (origin && dwl_attr(c, &child, DW_AT_abstract_origin, &oattr) &&
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
		if (dwl_attr(c, &child, DW_AT_const_value, &attr))
			p->loc_flags |= TM_LOC_CONST_VALUE;
		if (dwl_attr(c, &child, DW_AT_location, &attr)) {
			p->loc_flags |= TM_LOC_PRESENT;
			decode_location(c, &ls, &attr, p, &child);
		}
	} while (dwl_siblingof(c, &child) == 0);
	return 0;
}
