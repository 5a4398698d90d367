// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: bitfields: unsigned and signed ones, bitfields that cross byte
 * and storage-unit boundaries (packed), 64-bit storage units, a zero-width
 * bitfield, an unnamed padding bitfield, _Bool and enum bitfields. DWARF 4
 * (gcc) describes them with DW_AT_bit_offset, DWARF 5 with data_bit_offset.
 */

typedef unsigned long long bf_u64;

enum bf_color {
	BF_RED,
	BF_GREEN,
	BF_BLUE,
};

struct bf_basic {
	unsigned int a : 3;
	unsigned int b : 5;
	unsigned int c : 24;
	unsigned int d;
};

struct bf_signed {
	int s1 : 4;
	int s2 : 12;
	signed char sc : 3;
	int one : 1;
	int last : 9;
};

/* mid crosses byte boundaries inside its int; hi goes into the last byte */
struct bf_mixed {
	unsigned char lo : 7;
	unsigned int mid : 20;
	unsigned char hi : 4;
};

/* packed: b straddles the 32-bit unit of a, c straddles a byte boundary */
struct __attribute__((packed)) bf_packed {
	unsigned int a : 30;
	unsigned int b : 4;
	unsigned char c : 6;
};

struct bf_wide {
	bf_u64 lo : 40;
	bf_u64 hi : 30;
	bf_u64 rest : 60;
};

/* packed: hi straddles the first 64-bit unit */
struct __attribute__((packed)) bf_wide_packed {
	bf_u64 lo : 40;
	bf_u64 hi : 30;
};

/* ":0" moves b to the next unit; the unnamed "int : 3" is not a member */
struct bf_zero {
	unsigned int a : 4;
	unsigned int : 0;
	unsigned int b : 4;
	unsigned char c;
	int : 3;
	int d : 5;
};

struct bf_flags {
	_Bool on : 1;
	_Bool dirty : 1;
	enum bf_color color : 2;
	unsigned int count : 28;
	char tail;
};

struct bf_basic bf_basic_var;
struct bf_signed bf_signed_var;
struct bf_mixed bf_mixed_var;
struct bf_packed bf_packed_var;
struct bf_wide bf_wide_var;
struct bf_wide_packed bf_wide_packed_var;
struct bf_zero bf_zero_var;
struct bf_flags bf_flags_var;
