// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: types wider than a machine word or not plain scalars: long
 * double and __int128 (16-byte INTs), and _Complex, which we encode as an
 * ARRAY of two of its real type. The BPF target lays these out differently
 * from x86-64, so this program has no clang -target bpf oracle.
 */

struct wt_wide {
	char c;
	long double ld;
	__int128 i128;
	_Complex double cd;
	_Complex float cf;
	float f;
};

struct wt_wide wt_wide_var;
/* gcc names it "__int128 unsigned", clang "unsigned __int128" */
unsigned __int128 wt_u128;
long double wt_ld;
_Complex double wt_cd;
