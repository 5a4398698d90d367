/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_decl_tag and btf_type_tag annotation DIEs (DW_TAG_LLVM_annotation,
 * gcc's DW_TAG_GNU_annotation), private to dwarves/: used by the type
 * conversion (dwarf_types.c), subprograms and variables (dwarf_funcs.c) and
 * the loader's unit scan, so that these do not call each other.
 */
#ifndef D2B_DWARF_ANNOT_H
#define D2B_DWARF_ANNOT_H

#include "dwarf_internal.h"

/*
 * dwl_scan_unit() - what @cudie's abbreviation table declares: annotation
 * DIEs (@annotated), DW_AT_signature attributes (@sig). An unreadable table
 * rules nothing out.
 */
void dwl_scan_unit(Dwarf_Die *cudie, bool *annotated, bool *sig);
/* dwl_annotation() - value of a btf_decl_tag/btf_type_tag annotation DIE, NULL otherwise */
const char *dwl_annotation(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *which);

/*
 * dwl_add_decl_tag() - one btf_decl_tag @value on @target (of @kind, member
 * or parameter @component_idx, -1 for the whole) into the unit's tag list
 */
int dwl_add_decl_tag(struct dwl_cu_ctx *c, const char *value, enum tm_tag_target kind,
		     uint32_t target, int component_idx);
/* dwl_add_decl_tags() - btf_decl_tag annotations among @die's children */
int dwl_add_decl_tags(struct dwl_cu_ctx *c, Dwarf_Die *die, enum tm_tag_target kind,
		      uint32_t target, int component_idx);
/* gcc's DW_AT_GNU_annotation chains (dwarf_gnu_annot.c) */
/* dwl_gnu_annotation_next() - the annotation @die's DW_AT_GNU_annotation names, into @next */
bool dwl_gnu_annotation_next(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *next);
/* dwl_gnu_decl_tags() - the btf_decl_tag annotations of @die's chain, as dwl_add_decl_tags() */
int dwl_gnu_decl_tags(struct dwl_cu_ctx *c, Dwarf_Die *die, enum tm_tag_target kind,
		      uint32_t target, int component_idx);
/*
 * dwl_gnu_type_tags() - TYPE_TAGs for the btf_type_tag chain of pointer
 * @die: *@ref (the pointee) becomes the first tag, which leads through the
 * others to the pointee
 */
int dwl_gnu_type_tags(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id *ref);

#endif
