// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: _Atomic, which BTF cannot express: an _Atomic T must come out as
 * T itself (pahole 1.24 writes void). clang 14's BPF backend writes void as
 * well, so this program has no clang -target bpf oracle.
 */

struct at_counters {
	_Atomic int ai;
	_Atomic unsigned int au;
	_Atomic(int *) aip;
	const _Atomic int cai;
	int plain;
};

struct at_counters at_counters_var;
_Atomic int at_atomic_int;
_Atomic char at_atomic_char;
