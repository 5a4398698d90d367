// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Subprograms and variables -> model. Attributes
 * are read through DW_AT_abstract_origin and DW_AT_specification, so an
 * out-of-line instance of an inline function or a variable defined after
 * its declaration gets its name, type and linkage from the origin.
 */
#include <errno.h>
#include <string.h>
#include <dwarf.h>
#include "dwarf_annot.h"
#include "dwarf_die.h"
#include "dwarf_loc.h"

static bool flag_integrate(struct dwl_cu_ctx *c, Dwarf_Die *die, int at)
{
	Dwarf_Attribute attr;
	bool v = false;

	if (!dwl_attr_integrate(c, die, at, &attr))
		return false;
	return dwarf_formflag(&attr, &v) == 0 && v;
}

static const char *name_integrate(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	Dwarf_Attribute attr;

	return dwarf_formstring(dwl_attr_integrate(c, die, DW_AT_name, &attr));
}

/*
 * dwarf_entrypc() (libdw 0.188) from the loader's decoding: the address of
 * DW_AT_entry_pc, else of DW_AT_low_pc
 */
static bool entry_pc(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Addr *addr)
{
	Dwarf_Attribute attr;

	return dwarf_formaddr(dwl_attr(c, die, DW_AT_entry_pc, &attr)
				      ?: dwl_attr(c, die, DW_AT_low_pc, &attr),
			      addr) == 0;
}

static int param_decl_tags(struct dwl_cu_ctx *c, Dwarf_Die *die, uint32_t fidx)
{
	Dwarf_Die child;
	int idx = 0, err = 0;

	if (!dwl_may_annotate(c, die) || dwl_child(c, die, &child) != 0)
		return 0;
	do {
		if (dwl_tag(c, &child) != DW_TAG_formal_parameter)
			continue;
		err = dwl_add_decl_tags(c, &child, TM_TAG_FUNC, fidx, idx++);
	} while (!err && dwl_siblingof(c, &child) == 0);
	return err;
}

int dwl_add_func(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	const char *name;
	bool unnamed = false;
	Dwarf_Die params_die = *die;
	bool has_origin = false;
	uint32_t loc_flags = 0;
	struct tm_func *fn;
	Dwarf_Addr addr;
	int fidx, proto, err;
	tm_id ret;

	if (dwl_hasattr(c, die, DW_AT_declaration))
		return 0;
	name = name_integrate(c, die);
	if (!name)
		return 0;
	err = dwl_type_ref(c, die, DW_AT_type, &ret);
	if (err)
		return err;
	proto = tm_cu__add_type(c->cu, TM_FUNC_PROTO);
	if (proto < 0)
		return proto;
	c->cu->types[proto].ref = ret;
	c->cu->types[proto].die_off = dwarf_dieoffset(die);
	/*
	 * an out-of-line instance of an inline function may list its parameters
	 * in another order than the function does: the abstract instance has
	 * the declared order
	 */
	{
		Dwarf_Attribute attr;
		Dwarf_Die origin;

		if (dwl_attr(c, die, DW_AT_abstract_origin, &attr) &&
		    dwarf_formref_die(&attr, &origin) && dwl_haschildren(c, &origin)) {
			params_die = origin;
			has_origin = true;
		}
	}
	err = dwl_conv_params(c, &params_die, proto, true, &unnamed);
	err = err ?: dwl_param_locs(c, die, has_origin ? &params_die : NULL, proto, &loc_flags);
	if (err)
		return err;
	fidx = tm_cu__add_func(c->cu);
	if (fidx < 0)
		return fidx;
	fn = &c->cu->funcs[fidx];
	fn->name = name;
	fn->proto = proto;
	fn->die_off = dwarf_dieoffset(die);
	fn->flags |= loc_flags;
	if (flag_integrate(c, die, DW_AT_external))
		fn->flags |= TM_FN_EXTERNAL;
	if (unnamed)
		fn->flags |= TM_FN_UNNAMED_PARAM;
	if (dwl_hasattr(c, die, DW_AT_inline))
		fn->flags |= TM_FN_INLINE;
	{
		Dwarf_Attribute attr;
		Dwarf_Word cc;

		if (dwl_attr_integrate(c, die, DW_AT_calling_convention, &attr) &&
		    dwarf_formudata(&attr, &cc) == 0 && cc == DW_CC_nocall)
			fn->flags |= TM_FN_NOCALL;
	}
	if (entry_pc(c, die, &addr)) {
		fn->flags |= TM_FN_HAS_ADDR;
		fn->addr = addr;
	} else {
		/* code split in ranges (hot/cold): the entry is the first range */
		Dwarf_Addr base, start, end;

		if (dwarf_ranges(die, 0, &base, &start, &end) > 0) {
			fn->flags |= TM_FN_HAS_ADDR;
			fn->addr = start;
		}
	}
	err = dwl_add_decl_tags(c, die, TM_TAG_FUNC, fidx, -1);
	return err ?: param_decl_tags(c, &params_die, fidx);
}

/*
 * the address of a variable whose location is one DW_OP_addr (or addrx,
 * resolved through .debug_addr by libdw). The expression is decoded here
 * (dwarf_loc.h): libdw would keep each one it decodes until the end.
 */
static bool var_address(struct dwl_cu_ctx *c, Dwarf_Die *die, uint64_t *addr)
{
	Dwarf_Attribute attr, res;
	struct dwl_loc_fmt fmt = {0};
	struct dwl_op op;
	Dwarf_Block block;
	Dwarf_Half version;
	uint8_t addr_size, offset_size;
	Dwarf_Die cu_die;
	Dwarf_Op *ops;
	size_t nops;
	Dwarf_Addr a;

	if (!dwl_attr(c, die, DW_AT_location, &attr) || attr.form == DW_FORM_data16 ||
	    dwarf_formblock(&attr, &block) != 0 ||
	    !dwarf_cu_die(attr.cu, &cu_die, &version, NULL, &addr_size, &offset_size, NULL, NULL))
		return false;
	fmt.version = version;
	fmt.addr_size = addr_size;
	fmt.offset_size = offset_size;
	fmt.big_endian = c->big_endian;
	if (dwl_expr__decode(block.data, block.length, &fmt, &op, 1) != 1)
		return false;
	switch (op.atom) {
	case DW_OP_addr:
		*addr = op.number;
		return true;
	case DW_OP_addrx:
	case DW_OP_GNU_addr_index:
		if (dwarf_getlocation(&attr, &ops, &nops) != 0 || nops != 1 ||
		    dwarf_getlocation_attr(&attr, &ops[0], &res) != 0 ||
		    dwarf_formaddr(&res, &a) != 0)
			return false;
		*addr = a;
		return true;
	default:
		return false;
	}
}

int dwl_add_var(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	const char *name;
	struct tm_var *v;
	uint64_t addr = 0;
	bool has_addr;
	tm_id type;
	int idx, err;

	if (dwl_hasattr(c, die, DW_AT_declaration))
		return 0;
	has_addr = var_address(c, die, &addr);
	if (!has_addr)
		return 0; /* constants, locals promoted to registers: no storage to describe */
	name = name_integrate(c, die);
	if (!name)
		return 0;
	err = dwl_type_ref(c, die, DW_AT_type, &type);
	if (err)
		return err;
	idx = tm_cu__add_var(c->cu);
	if (idx < 0)
		return idx;
	v = &c->cu->vars[idx];
	v->name = name;
	v->type = type;
	v->external = flag_integrate(c, die, DW_AT_external);
	v->has_addr = true;
	v->addr = addr;
	v->die_off = dwarf_dieoffset(die);
	return dwl_add_decl_tags(c, die, TM_TAG_VAR, idx, -1);
}
