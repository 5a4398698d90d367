// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: 32-bit and smaller enums: signed ones (negative values, INT_MIN),
 * unsigned ones (values above INT_MAX), packed 1- and 2-byte enums, duplicate
 * and unsorted values. BTF ENUM carries signedness in kflag; values keep their
 * source order.
 */

enum en_signed {
	EN_NEG = -5,
	EN_ZERO = 0,
	EN_POS = 7,
};

enum en_unsigned {
	EN_U_SMALL = 1,
	EN_U_BIG = 0xffffffffu,
};

enum en_limits {
	EN_MIN = -2147483647 - 1,
	EN_MAX = 2147483647,
};

enum __attribute__((packed)) en_packed {
	EN_P_A = 1,
	EN_P_B = 255,
};

enum __attribute__((packed)) en_packed_signed {
	EN_PS_NEG = -1,
	EN_PS_POS = 100,
};

enum __attribute__((packed)) en_packed16 {
	EN_P16_A = 0,
	EN_P16_B = 256,
};

enum en_dups {
	EN_D_THREE = 3,
	EN_D_ALSO_THREE = 3,
	EN_D_ONE = 1,
};

struct en_user {
	enum en_signed s;
	enum en_packed p;
	enum en_packed_signed ps;
	enum en_packed16 p16;
	enum en_unsigned u;
	enum en_limits l;
	enum en_dups d;
	enum en_packed p2;
};

struct en_user en_user_var;
