// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: the C integer and floating types that become BTF INTs (floats
 * too, unless --btf_gen_floats). gcc and clang name some of them differently
 * in DWARF ("long unsigned int" / "unsigned long"), so the goldens of the
 * names that differ are per compiler. Wider types are in wide_types.c.
 */

struct bt_all {
	char c;
	signed char sc;
	unsigned char uc;
	_Bool b;
	short s;
	unsigned short us;
	int i;
	unsigned int ui;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	float f;
	double d;
};

struct bt_all bt_all_var;

/* the same types as standalone globals: the INTs exist without the struct */
char bt_c;
signed char bt_sc;
unsigned char bt_uc;
_Bool bt_b;
short bt_s;
unsigned short bt_us;
int bt_i;
unsigned int bt_ui;
long bt_l;
unsigned long bt_ul;
long long bt_ll;
unsigned long long bt_ull;
float bt_f;
double bt_d;
