// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The object the robustness tests corrupt (robust_gen.c patches its DWARF)
 * and the absurd-size variants (-DFX_HUGE_ARRAY, -DFX_HUGE_STRUCT,
 * -DFX_FAR_MEMBER), which compilers accept but BTF cannot describe.
 */
typedef int fx_int;
typedef int fx_arr[4];

struct fx_s {
	int a;
	unsigned int b : 3;
	unsigned int c : 5;
	const int *p;
	fx_arr arr;
	struct fx_s *next;
};

enum fx_e { FX_A, FX_B = 5 };

fx_int fx_global;
fx_arr fx_array_var;
struct fx_s fx_s_var;
enum fx_e fx_e_var;
const int *fx_cptr;

int fx_func(struct fx_s *s, fx_int x)
{
	return s->a + x;
}

#ifdef FX_HUGE_ARRAY
/* 2^40 elements: more than BTF's 32-bit element count */
typedef char fx_huge_arr[1ULL << 40];
fx_huge_arr *fx_huge_ptr;
#endif

#ifdef FX_HUGE_STRUCT
/* 8 GiB: more than BTF's 32-bit size */
struct fx_huge_s {
	char pad[1ULL << 33];
	int x;
};
struct fx_huge_s *fx_huge_s_ptr;
#endif

#ifdef FX_FAR_MEMBER
/* x starts at bit 2^32: more than BTF's 32-bit member offset */
struct fx_far_s {
	char pad[1ULL << 29];
	int x;
};
struct fx_far_s *fx_far_ptr;
#endif
