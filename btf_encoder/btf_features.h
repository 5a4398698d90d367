/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The BTF feature table: pahole's --btf_features names, which of them
 * "default" holds, and what plain -J encodes when no list is given.
 */
#ifndef D2B_BTF_FEATURES_H
#define D2B_BTF_FEATURES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct btf_feature_def {
	const char *name;
	uint32_t bit;	 /* enum btf_feature */
	bool in_default; /* part of --btf_features=default */
	bool available;	 /* implemented; others are accepted and ignored, as pahole does */
	const char *help;
};

extern const struct btf_feature_def btf_feature_defs[];
extern const unsigned int btf_feature_nr_defs;

/* what -J encodes without --btf_features: pahole's legacy defaults */
uint32_t btf_features__legacy(void);
/* everything "default" names */
uint32_t btf_features__default(void);

/**
 * btf_features__parse() - add the features of a comma-separated @list to *@bits
 * @strict:	unknown names are an error (else they are ignored with a warning at -V)
 * "default" adds the default set, a leading "+" means default plus the rest.
 * Return: 0 or -EINVAL (message printed).
 */
int btf_features__parse(const char *list, bool strict, uint32_t *bits);
void btf_features__print(FILE *f);

#endif
