// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: typedefs of base, qualified, pointer, array and anonymous
 * struct/union/enum types, and chains of typedefs of typedefs, which must stay
 * chains (each TYPEDEF names the previous one, not the final type).
 */

typedef int td_int;
typedef td_int td_int2;
typedef td_int2 td_int3;
typedef unsigned int td_uint;
typedef const td_int td_cint;
typedef td_int *td_intp;
typedef td_int td_arr4[4];

typedef struct td_point {
	int x;
	int y;
} td_point_t;
typedef td_point_t td_point2_t;

typedef struct {
	int a;
	char b;
} td_anon_t;

typedef union {
	int i;
	unsigned int u;
} td_anon_u;

typedef enum {
	TD_RED,
	TD_GREEN,
} td_anon_e;

struct td_user {
	td_int3 a;
	td_cint b;
	td_intp p;
	td_point2_t pt;
	td_anon_t an;
	td_anon_u au;
	td_anon_e ae;
	td_arr4 arr;
	td_uint u;
};

struct td_user td_var;
td_point_t td_point_var;
