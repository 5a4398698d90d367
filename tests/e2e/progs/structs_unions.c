// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: named structs and unions: padding and alignment, nesting by
 * value, a self-referencing list node, a union of mixed sizes, an empty
 * struct (GNU C: size 0) and a member with a larger alignment attribute.
 */

struct su_pad {
	char c;
	int i;
	char d;
};

struct su_list {
	int val;
	struct su_list *next;
};

union su_u {
	char c;
	int i;
	double d;
	struct su_pad p;
};

struct su_empty {};

struct su_aligned {
	char c;
	int x __attribute__((aligned(16)));
};

struct su_outer {
	struct su_pad p;
	union su_u u;
	struct su_list *head;
	struct su_empty e;
	char tail;
	struct su_aligned al;
};

union su_nested_u {
	struct su_list l;
	union su_u u;
	unsigned char bytes;
};

struct su_outer su_outer_var;
union su_nested_u su_nested_var;
