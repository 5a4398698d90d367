// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_decl_tag and btf_type_tag annotations (see dwarf_annot.h).
 */
#include <string.h>
#include <dwarf.h>
#include "dwarf_annot.h"

const char *dwl_annotation(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *which)
{
	int tag = dwl_tag(c, die);
	Dwarf_Attribute attr;
	const char *name;

	if (tag != DW_TAG_LLVM_annotation && tag != DWL_TAG_GNU_annotation)
		return NULL;
	name = dwl_diename(c, die);
	if (!name || strcmp(name, which))
		return NULL;
	return dwarf_formstring(dwl_attr(c, die, DW_AT_const_value, &attr));
}

void dwl_scan_unit(Dwarf_Die *cudie, bool *annotated, bool *sig)
{
	Dwarf_Off off = 0;
	size_t len, i;

	*annotated = *sig = false;
	for (;;) {
		Dwarf_Abbrev *a = dwarf_getabbrev(cudie, off, &len);
		unsigned int tag, name, form;

		if (a == DWARF_END_ABBREV)
			return;
		if (!a || !len) {
			*annotated = *sig = true;
			return;
		}
		tag = dwarf_getabbrevtag(a);
		if (tag == DW_TAG_LLVM_annotation || tag == DWL_TAG_GNU_annotation)
			*annotated = true;
		/* not dwarf_getattrcnt(): libdw 0.188 miscounts with implicit constants */
		for (i = 0; !*sig && dwarf_getabbrevattr(a, i, &name, &form, NULL) == 0; i++)
			if (name == DW_AT_signature)
				*sig = true;
		off += len;
	}
}

int dwl_add_decl_tag(struct dwl_cu_ctx *c, const char *value, enum tm_tag_target kind,
		     uint32_t target, int component_idx)
{
	int idx = tm_cu__add_decl_tag(c->cu);
	struct tm_decl_tag *t;

	if (idx < 0)
		return idx;
	t = &c->cu->tags[idx];
	t->value = value;
	t->target_kind = kind;
	t->target = target;
	t->component_idx = component_idx;
	return 0;
}

int dwl_add_decl_tags(struct dwl_cu_ctx *c, Dwarf_Die *die, enum tm_tag_target kind,
		      uint32_t target, int component_idx)
{
	Dwarf_Die child;

	if (!dwl_may_annotate(c, die))
		return 0;
	if (!dwl_haschildren(c, die) || dwl_child(c, die, &child) != 0)
		return dwl_gnu_decl_tags(c, die, kind, target, component_idx);
	do {
		const char *v = dwl_annotation(c, &child, "btf_decl_tag");
		int err;

		if (!v)
			continue;
		err = dwl_add_decl_tag(c, v, kind, target, component_idx);
		if (err < 0)
			return err;
	} while (dwl_siblingof(c, &child) == 0);
	return dwl_gnu_decl_tags(c, die, kind, target, component_idx);
}
