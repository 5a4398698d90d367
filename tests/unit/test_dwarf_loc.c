// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of the location expression and list reader
 * (dwarves/dwarf_loc.c), on hand-assembled section bytes of both byte
 * orders, DWARF 4 and 5, 32- and 64-bit addresses.
 */
#include <errno.h>
#include <dwarf.h>
#include "dwarf_loc.h"
#include "test.h"

static const struct dwl_loc_fmt le5 = {.version = 5, .addr_size = 8, .offset_size = 4};
static const struct dwl_loc_fmt be5 = {
	.version = 5, .addr_size = 8, .offset_size = 4, .big_endian = true};
static const struct dwl_loc_fmt le4 = {.version = 4, .addr_size = 8, .offset_size = 4};
static const struct dwl_loc_fmt be4_32 = {
	.version = 4, .addr_size = 4, .offset_size = 4, .big_endian = true};

static void test_dwarf_loc__expr_ops(void)
{
	/* breg3 -8; stack_value; reg5; piece 8; const2u 0x1234; addr; bregx 17 +3 */
	/* clang-format off */
	static const uint8_t e[] = {
		DW_OP_breg3, 0x78, DW_OP_stack_value, DW_OP_reg5, DW_OP_piece, 8,
		DW_OP_const2u, 0x34, 0x12, DW_OP_addr, 1, 2, 3, 4, 5, 6, 7, 8,
		DW_OP_bregx, 17, 3,
	};
	/* clang-format on */
	struct dwl_op ops[8];

	ASSERT_EQ(dwl_expr__decode(e, sizeof(e), &le5, ops, 8), 7);
	ASSERT_EQ(ops[0].atom, DW_OP_breg3);
	ASSERT_EQ((int64_t)ops[0].number, -8);
	ASSERT_EQ(ops[1].atom, DW_OP_stack_value);
	ASSERT_EQ(ops[2].atom, DW_OP_reg5);
	ASSERT_EQ(ops[3].atom, DW_OP_piece);
	ASSERT_EQ(ops[3].number, 8);
	ASSERT_EQ(ops[4].number, 0x1234);
	ASSERT_EQ(ops[5].atom, DW_OP_addr);
	ASSERT_EQ(ops[5].number, 0x0807060504030201ull);
	ASSERT_EQ(ops[6].number, 17);
	ASSERT_EQ(ops[6].number2, 3);
	/* the same bytes in a big-endian file: fixed-size operands turn round */
	ASSERT_EQ(dwl_expr__decode(e, sizeof(e), &be5, ops, 8), 7);
	ASSERT_EQ(ops[4].number, 0x3412);
	ASSERT_EQ(ops[5].number, 0x0102030405060708ull);
	/* a 4-byte address takes 4 bytes */
	ASSERT_EQ(dwl_expr__decode(e + 9, 5, &be4_32, ops, 8), 1);
	ASSERT_EQ(ops[0].number, 0x01020304);
	ASSERT_EQ(dwl_expr__decode(e + 9, 9, &be4_32, ops, 8), -EINVAL); /* 0x05: reserved */
cleanup:;
}

static void test_dwarf_loc__expr_count_and_errors(void)
{
	static const uint8_t pieces[] = {DW_OP_reg5, DW_OP_piece, 8, DW_OP_reg4, DW_OP_piece, 8};
	static const uint8_t truncated[] = {DW_OP_const4u, 1, 2, 3};
	static const uint8_t reserved[] = {DW_OP_reg0, 0x01};
	static const uint8_t long_uleb[] = {DW_OP_constu, 0x80, 0x80};
	/* gcc's "uninitialized" mark: libdw 0.188 rejects the expression, so do we */
	static const uint8_t uninit[] = {DW_OP_reg4, DW_OP_GNU_uninit, DW_OP_piece, 8};
	struct dwl_op ops[2];

	/* too small an array: the count still comes back, the first two are filled */
	ASSERT_EQ(dwl_expr__decode(pieces, sizeof(pieces), &le5, ops, 2), 4);
	ASSERT_EQ(ops[0].atom, DW_OP_reg5);
	ASSERT_EQ(ops[1].number, 8);
	ASSERT_EQ(dwl_expr__decode(pieces, sizeof(pieces), &le5, NULL, 0), 4);
	ASSERT_EQ(dwl_expr__decode(pieces, 0, &le5, ops, 2), 0);
	ASSERT_EQ(dwl_expr__decode(truncated, sizeof(truncated), &le5, ops, 2), -EINVAL);
	ASSERT_EQ(dwl_expr__decode(reserved, sizeof(reserved), &le5, ops, 2), -EINVAL);
	ASSERT_EQ(dwl_expr__decode(long_uleb, sizeof(long_uleb), &le5, ops, 2), -EINVAL);
	ASSERT_EQ(dwl_expr__decode(uninit, sizeof(uninit), &le5, ops, 2), -EINVAL);
cleanup:;
}

static void test_dwarf_loc__expr_blocks(void)
{
	/* entry_value(reg4); stack_value; implicit_value 2 bytes; const_type die 0x2a, 1 byte */
	/* clang-format off */
	static const uint8_t e[] = {
		DW_OP_entry_value, 1, DW_OP_reg4, DW_OP_stack_value,
		DW_OP_implicit_value, 2, 0xaa, 0xbb,
		DW_OP_GNU_const_type, 0x2a, 1, 0x7f,
		DW_OP_GNU_entry_value, 2, DW_OP_breg1, 0,
	};
	/* clang-format on */
	static const uint8_t bad_block[] = {DW_OP_entry_value, 3, DW_OP_reg4};
	struct dwl_op ops[8], inner[2];

	ASSERT_EQ(dwl_expr__decode(e, sizeof(e), &le5, ops, 8), 5);
	ASSERT_EQ(ops[0].atom, DW_OP_entry_value);
	ASSERT_EQ(ops[0].number, 1);
	ASSERT_TRUE(ops[0].block == e + 2);
	ASSERT_EQ(dwl_expr__decode(ops[0].block, ops[0].number, &le5, inner, 2), 1);
	ASSERT_EQ(inner[0].atom, DW_OP_reg4);
	ASSERT_EQ(ops[1].atom, DW_OP_stack_value);
	ASSERT_TRUE(ops[2].block == e + 6);
	ASSERT_EQ(ops[2].number, 2);
	ASSERT_EQ(ops[3].number2, 0x2a);
	ASSERT_EQ(ops[3].number, 1);
	ASSERT_TRUE(ops[3].block == e + 11);
	ASSERT_EQ(dwl_expr__decode(ops[4].block, ops[4].number, &le5, inner, 2), 1);
	ASSERT_EQ(inner[0].atom, DW_OP_breg1);
	ASSERT_EQ(dwl_expr__decode(bad_block, sizeof(bad_block), &le5, ops, 8), -EINVAL);
cleanup:;
}

static void test_dwarf_loc__loclists_v5(void)
{
	/*
	 * at 0: base_addressx 3; offset_pair 0x10 0x20 [reg5];
	 *       startx_length 1 8 [breg7 8; stack_value]; start_length addr 4 [];
	 *       start_end addr addr [lit1]; end_of_list
	 */
	/* clang-format off */
	static const uint8_t s[] = {
		/* 0 */ 0xee,
		/* 1 */ DW_LLE_base_addressx, 3,
		DW_LLE_offset_pair, 0x10, 0x20, 1, DW_OP_reg5,
		DW_LLE_startx_length, 1, 8, 3, DW_OP_breg7, 8, DW_OP_stack_value,
		DW_LLE_start_length, 1, 2, 3, 4, 5, 6, 7, 8, 4, 0,
		DW_LLE_start_end, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9, 1, DW_OP_lit1,
		DW_LLE_end_of_list,
		DW_LLE_default_location, 1, DW_OP_reg0, DW_LLE_end_of_list,
	};
	/* clang-format on */
	struct dwl_loclist l;
	const uint8_t *expr;
	size_t len;

	dwl_loclist__init(&l, s, sizeof(s), 1, &le5);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 1);
	ASSERT_EQ(len, 1);
	ASSERT_EQ(expr[0], DW_OP_reg5);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 1);
	ASSERT_EQ(len, 3);
	ASSERT_EQ(expr[0], DW_OP_breg7);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 1);
	ASSERT_EQ(len, 0);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 1);
	ASSERT_EQ(len, 1);
	ASSERT_EQ(expr[0], DW_OP_lit1);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 0);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 0); /* stays at its end */
	/* kinds compilers do not emit: the walk fails and stays failed */
	dwl_loclist__init(&l, s, sizeof(s), sizeof(s) - 4, &le5);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), -EINVAL);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), -EINVAL);
	/* an entry running past the section, an offset past it */
	dwl_loclist__init(&l, s, 6, 1, &le5);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), -EINVAL);
	dwl_loclist__init(&l, s, sizeof(s), sizeof(s), &le5);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), -EINVAL);
	dwl_loclist__init(&l, NULL, 0, 0, &le5);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), -EINVAL);
cleanup:;
}

static void test_dwarf_loc__loc_v4(void)
{
	/* little-endian, 8-byte addresses: base selection, one entry, end */
	/* clang-format off */
	static const uint8_t le[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x10, 0, 0, 0, 0, 0, 0,
		0x04, 0, 0, 0, 0, 0, 0, 0, 0x09, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00,
		DW_OP_reg5, DW_OP_nop,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	/* clang-format on */
	/* big-endian, 4-byte addresses: entry with a 2-byte length in file order */
	/* clang-format off */
	static const uint8_t be[] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x10, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, DW_OP_reg3,
		0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00,
		0, 0, 0, 0, 0, 0, 0, 0,
	};
	/* clang-format on */
	struct dwl_loclist l;
	const uint8_t *expr;
	size_t len;

	dwl_loclist__init(&l, le, sizeof(le), 0, &le4);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 1);
	ASSERT_EQ(len, 2);
	ASSERT_EQ(expr[0], DW_OP_reg5);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 0);
	/* (begin 0, end 4): not the end, a real entry */
	dwl_loclist__init(&l, be, sizeof(be), 0, &be4_32);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 1);
	ASSERT_EQ(len, 1);
	ASSERT_EQ(expr[0], DW_OP_reg3);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 1);
	ASSERT_EQ(len, 0);
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), 0);
	/* the same bytes read as little-endian: length 0x100 runs past the end */
	dwl_loclist__init(&l, be, sizeof(be), 8,
			  &(struct dwl_loc_fmt){.version = 4, .addr_size = 4});
	ASSERT_EQ(dwl_loclist__next(&l, &expr, &len), -EINVAL);
cleanup:;
}

static void test_dwarf_loc__loclists_index(void)
{
	/* a 32-bit table header (12 bytes), 2 offsets, lists */
	/* clang-format off */
	static const uint8_t s[] = {
		0x20, 0, 0, 0, 5, 0, 8, 0, 2, 0, 0, 0,
		/* 12 */ 8, 0, 0, 0, 9, 0, 0, 0,
		/* 20 */ DW_LLE_end_of_list, DW_LLE_end_of_list,
	};
	/* clang-format on */
	/* big-endian 64-bit DWARF offsets, base given */
	/* clang-format off */
	static const uint8_t b[] = {
		0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x04,
	};
	/* clang-format on */
	struct dwl_loc_fmt f64 = {
		.version = 5, .addr_size = 8, .offset_size = 8, .big_endian = true};
	uint64_t off = 0;

	ASSERT_OK(dwl_loclists__index(s, sizeof(s), 12, 1, &le5, &off));
	ASSERT_EQ(off, 21);
	ASSERT_OK(dwl_loclists__index(s, sizeof(s), 0, 0, &le5, &off)); /* base: after the header */
	ASSERT_EQ(off, 20);
	ASSERT_EQ(dwl_loclists__index(s, sizeof(s), 12, 3, &le5, &off), -EINVAL);
	ASSERT_EQ(dwl_loclists__index(s, sizeof(s), 40, 0, &le5, &off), -EINVAL);
	ASSERT_OK(dwl_loclists__index(b, sizeof(b), 0x8, 0, &f64, &off));
	ASSERT_EQ(off, 0x0c);
	ASSERT_EQ(dwl_loclists__index(b, sizeof(b), 0x8, 1, &f64, &off), -EINVAL);
cleanup:;
}

static const struct unit_test unit_tests_dwarf_loc[] = {
	TEST(dwarf_loc, expr_ops),    TEST(dwarf_loc, expr_count_and_errors),
	TEST(dwarf_loc, expr_blocks), TEST(dwarf_loc, loclists_v5),
	TEST(dwarf_loc, loc_v4),      TEST(dwarf_loc, loclists_index),
};
UNIT_MODULE(dwarf_loc);
