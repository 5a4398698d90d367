// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: pointers and the qualifiers const, volatile and restrict, in
 * members and globals (_Atomic is in atomic.c). gcc writes "const volatile" as
 * volatile(const(T)) and clang as const(volatile(T)), so that pointer is a
 * global of its own and only its PTR/CONST/VOLATILE lines differ between the
 * compilers.
 */

struct pcv_node {
	int v;
};

struct pcv_ptrs {
	int *ip;
	int **ipp;
	void *vp;
	const char *cstr;
	char *const cptr;
	volatile int vi;
	const int ci;
	int *restrict rp;
	struct pcv_node *np;
	const struct pcv_node *cnp;
};

struct pcv_ptrs pcv_var;
/* without a use by value, clang -target bpf writes pcv_node as a FWD */
struct pcv_node pcv_node_var;
const int pcv_const_int = 3;
volatile unsigned int pcv_volatile_uint;
int *restrict pcv_restrict_ptr;
const char *const pcv_const_ptr_const_char = "x";
void **pcv_void_ptr_ptr;
const volatile int *pcv_cv_ptr;
