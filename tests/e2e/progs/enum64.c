// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: enums with values that need 64 bits (a GNU extension before
 * C23), which become BTF ENUM64: unsigned above 2^32 up to UINT64_MAX, and
 * signed down to INT64_MIN. clang 14's BPF backend has no ENUM64 (it writes a
 * truncated 8-byte ENUM), so this program has no clang -target bpf oracle.
 */

enum e64_unsigned {
	E64_ONE = 1,
	E64_BIG = 0x100000000ULL,
	E64_UMAX = 0xffffffffffffffffULL,
};

enum e64_signed {
	E64_NEG = -1,
	E64_LARGE = 0x123456789LL,
};

enum e64_limits {
	E64_MIN = -0x7fffffffffffffffLL - 1,
	E64_MAX = 0x7fffffffffffffffLL,
};

struct e64_user {
	int tag;
	enum e64_unsigned u;
	enum e64_signed s;
	enum e64_limits l;
};

struct e64_user e64_user_var;
