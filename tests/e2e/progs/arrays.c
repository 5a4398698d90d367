// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: arrays: one-dimensional, multi-dimensional (encoded as nested
 * ARRAYs, outermost first), of structs and of pointers, a pointer to an
 * array, a typedef'd row type, a flexible array member and a GNU
 * zero-length array (both have 0 elements in BTF).
 */

struct ar_elem {
	int k;
	char v;
};

struct ar_s {
	int one[3];
	int two[2][3];
	char three[2][3][4];
	struct ar_elem elems[2];
	int *ptrs[4];
	int (*to_arr)[5];
	int single[1];
};

struct ar_flex {
	int n;
	int data[];
};

struct ar_zero {
	int n;
	char z[0];
};

typedef int ar_row[3];

struct ar_s ar_s_var;
struct ar_flex ar_flex_var;
struct ar_zero ar_zero_var;
ar_row ar_rows[2];
char ar_str[16];
unsigned int ar_matrix[4][4];
