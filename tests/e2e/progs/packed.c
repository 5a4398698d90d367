// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: packed and re-aligned layouts: a packed struct with misaligned
 * members, a packed struct inside a normal one, packed plus aligned(4),
 * #pragma pack(2), a packed single member and a packed union.
 */

struct __attribute__((packed)) pk_basic {
	char c;
	int i;
	char d;
	unsigned int u;
};

struct pk_holder {
	char c;
	struct pk_basic p;
	int after;
};

struct __attribute__((packed, aligned(4))) pk_aligned {
	char c;
	int i;
};

#pragma pack(push, 2)
struct pk_pragma {
	char c;
	int i;
	char d;
};
#pragma pack(pop)

struct pk_member {
	char c;
	int i __attribute__((packed));
	char d;
};

union __attribute__((packed)) pk_union {
	char c;
	int i;
};

struct pk_union_holder {
	char c;
	union pk_union u;
};

struct pk_holder pk_holder_var;
struct pk_aligned pk_aligned_var;
struct pk_pragma pk_pragma_var;
struct pk_member pk_member_var;
struct pk_union_holder pk_union_holder_var;
