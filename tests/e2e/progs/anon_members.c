// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: anonymous struct and union members (C11), nested anonymous
 * members, and a named member of an anonymous struct type. Anonymous members
 * have an empty name and their type is expanded in place in the dump.
 */

struct am_s {
	int kind;
	union {
		int i;
		unsigned int u;
		char c;
	};
	struct {
		int x;
		int y;
	};
	union {
		struct {
			char a;
			char b;
		};
		unsigned int ab;
	};
	struct {
		int inner;
	} named;
};

union am_u {
	struct {
		int lo;
		int hi;
	};
	double d;
};

struct am_s am_s_var;
union am_u am_u_var;
