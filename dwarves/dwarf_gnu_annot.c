// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * gcc's form of btf_decl_tag/btf_type_tag (gcc 16 and later).
 *
 * clang hangs DW_TAG_LLVM_annotation DIEs below the DIE they annotate.
 * gcc puts DW_TAG_GNU_annotation DIEs (0x6001) at the top level of the unit
 * and points at the first from the annotated DIE with DW_AT_GNU_annotation
 * (0x2139); each annotation points at the next the same way. Decl tags on a
 * struct, member, function, parameter, typedef or variable follow the chain
 * past annotations of other names; a pointer's chain of btf_type_tag
 * annotations is already in BTF order, from the pointer towards the
 * pointee, and ends at the first annotation of another name (as pahole
 * reads it).
 */
#include <errno.h>
#include <dwarf.h>
#include "dwarf_annot.h"

#define DWL_AT_GNU_annotation 0x2139
/* a longer chain is taken for a loop in corrupt DWARF and ends there */
#define DWL_MAX_CHAIN 64

bool dwl_gnu_annotation_next(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *next)
{
	Dwarf_Attribute attr;

	return dwl_attr(c, die, DWL_AT_GNU_annotation, &attr) && dwarf_formref_die(&attr, next) &&
	       dwl_tag(c, next) == DWL_TAG_GNU_annotation;
}

int dwl_gnu_decl_tags(struct dwl_cu_ctx *c, Dwarf_Die *die, enum tm_tag_target kind,
		      uint32_t target, int component_idx)
{
	Dwarf_Die cur = *die, next;
	unsigned int n;

	for (n = 0; n < DWL_MAX_CHAIN && dwl_gnu_annotation_next(c, &cur, &next); n++) {
		const char *v = dwl_annotation(c, &next, "btf_decl_tag");

		if (v) {
			int err = dwl_add_decl_tag(c, v, kind, target, component_idx);

			if (err < 0)
				return err;
		}
		cur = next;
	}
	return 0;
}

int dwl_gnu_type_tags(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id *ref)
{
	const char *vals[DWL_MAX_CHAIN];
	Dwarf_Off offs[DWL_MAX_CHAIN];
	Dwarf_Die cur = *die, next;
	unsigned int n = 0;

	while (n < DWL_MAX_CHAIN && dwl_gnu_annotation_next(c, &cur, &next)) {
		vals[n] = dwl_annotation(c, &next, "btf_type_tag");
		if (!vals[n])
			break;
		offs[n++] = dwarf_dieoffset(&next);
		cur = next;
	}
	/* built from the pointee: the chain's last tag refers to it */
	while (n--) {
		int tid = tm_cu__add_type(c->cu, TM_TYPE_TAG);

		if (tid < 0)
			return tid;
		c->cu->types[tid].name = vals[n];
		c->cu->types[tid].ref = *ref;
		c->cu->types[tid].die_off = offs[n];
		*ref = tid;
	}
	return 0;
}
