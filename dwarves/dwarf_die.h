/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The DIE level of the loader, private to dwarves/ (dwarf_die.c): model
 * ids of type DIEs and the references to them, the diagnostics that name a
 * DIE, the one-pass attribute collection, and reading children safely.
 * dwarf_types.c and dwarf_funcs.c convert DIEs with these.
 */
#ifndef D2B_DWARF_DIE_H
#define D2B_DWARF_DIE_H

#include "dwarf_internal.h"

/*
 * The attributes the loader reads of a member or composite DIE, collected
 * in one pass over the DIE (dwarf_attr() walks the attribute list anew for
 * every attribute asked for). A DIE that names an abstract origin or a
 * specification may inherit attributes from there: attrs_read() tells
 * with @indirect, and callers then ask libdw, which follows it.
 */
enum dwl_attr_slot {
	DWL_A_NAME,
	DWL_A_TYPE,
	DWL_A_BYTE_SIZE,
	DWL_A_BIT_SIZE,
	DWL_A_DATA_MEMBER_LOCATION,
	DWL_A_DATA_BIT_OFFSET,
	DWL_A_BIT_OFFSET,
	DWL_A_DECLARATION,
	DWL_A_EXTERNAL,
	DWL_A_ENCODING,
	DWL_A_NR,
};

struct dwl_attrs {
	uint32_t present; /* bit per enum dwl_attr_slot */
	bool indirect;	  /* DW_AT_abstract_origin or DW_AT_specification */
	Dwarf_Attribute a[DWL_A_NR];
};

/* dwl_attr_slot() - the slot of attribute @at, DWL_SLOT_INDIRECT or DWL_SLOT_NONE */
int dwl_attr_slot(unsigned int at);
/* dwl_attrs_read() - collect @die's attributes; an unreadable list is an error */
int dwl_attrs_read(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs);
Dwarf_Attribute *dwl_attrs_get(struct dwl_attrs *attrs, enum dwl_attr_slot s);
/* DW_AT_type of a DIE whose attributes were collected (0: void) */
int dwl_attrs_type_ref(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs, tm_id *out);
/* DW_AT_name of a DIE whose attributes were collected; an unreadable one is an error */
int dwl_attrs_name(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs,
		   const char **name);
bool dwl_attrs_udata(struct dwl_attrs *attrs, enum dwl_attr_slot s, uint64_t *v);
/* DW_AT_byte_size of a DIE whose attributes were collected, 0 when absent */
uint64_t dwl_attrs_byte_size(struct dwl_attrs *attrs);

/*
 * Children: true when there is a DIE; on a read error (which must not end
 * a member list silently) the error is recorded in c->err (printed).
 */
bool dwl_first_child(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *child);
bool dwl_next_sibling(struct dwl_cu_ctx *c, Dwarf_Die *die);
/* dwl_check_name() - an unreadable DW_AT_name is corruption, not "anonymous" */
int dwl_check_name(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *name);
/* dwl_err_off() - dwl_err_die() for the DIE at offset @off */
int dwl_err_off(struct dwl_cu_ctx *c, uint64_t off, int err, const char *fmt, ...) __printf(4, 5);
/* dwl_warn_tag_once() - warn once per tag that @die's tag is not converted (@what) */
void dwl_warn_tag_once(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *what);

#endif
