// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The BTF feature table and --btf_features parsing (see btf_features.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "btf_encoder.h"
#include "btf_features.h"
#include "log.h"

const struct btf_feature_def btf_feature_defs[] = {
	{"encode_force", BTF_FEAT_ENCODE_FORCE, true, true,
	 "skip invalid symbols instead of failing"},
	{"var", BTF_FEAT_VAR, true, true, "VARs and DATASEC for per-CPU variables"},
	{"float", BTF_FEAT_FLOAT, true, true, "FLOAT types (else floats become INTs)"},
	{"decl_tag", BTF_FEAT_DECL_TAG, true, true, "DECL_TAGs from btf_decl_tag attributes"},
	{"type_tag", BTF_FEAT_TYPE_TAG, true, true, "TYPE_TAGs from btf_type_tag attributes"},
	{"enum64", BTF_FEAT_ENUM64, true, true, "ENUM64 for 64-bit enums"},
	{"optimized_func", BTF_FEAT_OPTIMIZED_FUNC, true, true,
	 "match optimized clones (.isra, .constprop) to their source function"},
	{"consistent_func", BTF_FEAT_CONSISTENT_FUNC, true, true,
	 "leave out functions whose prototypes differ between CUs"},
	{"decl_tag_kfuncs", BTF_FEAT_DECL_TAG_KFUNCS, true, true,
	 "bpf_kfunc DECL_TAGs for the kfuncs listed in .BTF_ids"},
	{"reproducible_build", BTF_FEAT_REPRODUCIBLE, false, true,
	 "accepted for compatibility: the output is always reproducible"},
	{"global_var", BTF_FEAT_GLOBAL_VAR, false, true,
	 "VARs and DATASECs for all global variables"},
	{"distilled_base", BTF_FEAT_DISTILLED_BASE, false, true,
	 "with --btf_base and -J: .BTF on a distilled base, written as .BTF.base"},
	{"attributes", BTF_FEAT_ATTRIBUTES, false, true,
	 "with decl_tag_kfuncs: address_space(1) attributes on bpf_arena kfunc pointers"},
	{"true_signature", BTF_FEAT_TRUE_SIGNATURE, false, true,
	 "clones as FUNCs of their symbol name (foo.isra.0) with the signature the code has"},
};

const unsigned int btf_feature_nr_defs = sizeof(btf_feature_defs) / sizeof(btf_feature_defs[0]);

uint32_t btf_features__legacy(void)
{
	return BTF_FEAT_VAR | BTF_FEAT_DECL_TAG | BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64;
}

uint32_t btf_features__default(void)
{
	uint32_t bits = 0;
	unsigned int i;

	for (i = 0; i < btf_feature_nr_defs; i++)
		if (btf_feature_defs[i].in_default && btf_feature_defs[i].available)
			bits |= btf_feature_defs[i].bit;
	return bits;
}

static int parse_one(const char *name, bool strict, uint32_t *bits)
{
	unsigned int i;

	if (!strcmp(name, "default") || !strcmp(name, "all")) {
		*bits |= btf_features__default();
		if (!strcmp(name, "all"))
			for (i = 0; i < btf_feature_nr_defs; i++)
				if (btf_feature_defs[i].available)
					*bits |= btf_feature_defs[i].bit;
		return 0;
	}
	for (i = 0; i < btf_feature_nr_defs; i++) {
		if (!strcmp(name, btf_feature_defs[i].name)) {
			if (!btf_feature_defs[i].available) {
				pr_info("BTF feature '%s' is not implemented yet, ignored", name);
				return 0;
			}
			*bits |= btf_feature_defs[i].bit;
			return 0;
		}
	}
	if (strict) {
		pr_err("unknown BTF feature '%s' (supported: see --supported_btf_features)", name);
		return -EINVAL;
	}
	pr_info("unknown BTF feature '%s' ignored", name);
	return 0;
}

int btf_features__parse(const char *list, bool strict, uint32_t *bits)
{
	char *copy, *tok, *save = NULL;
	int err = 0;

	if (list[0] == '+') {
		*bits |= btf_features__default();
		list++;
	}
	copy = strdup(list);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save))
		err = parse_one(tok, strict, bits);
	free(copy);
	return err;
}

void btf_features__print(FILE *f)
{
	unsigned int i;

	const char *sep = "";

	for (i = 0; i < btf_feature_nr_defs; i++) {
		if (!btf_feature_defs[i].available)
			continue;
		fprintf(f, "%s%s", sep, btf_feature_defs[i].name);
		sep = ",";
	}
	fputc('\n', f);
}
