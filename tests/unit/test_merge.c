// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of btf_merge (btf/btf_merge.h): type references renumbered
 * through an ID map; and btf_fwds__resolve().
 */
#include <errno.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include "btf_fwds.h"
#include "btf_merge.h"
#include "test.h"

static void test_merge__remap_type(void)
{
	struct btf *b = btf__new_empty();
	uint32_t map[4] = {0, 7, 8, 9};
	struct btf_type *t;
	int id;

	ASSERT_NONNULL(b);
	ASSERT_EQ(btf__add_int(b, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_ptr(b, 1), 2);
	ASSERT_EQ(btf__add_array(b, 1, 2, 5), 3);
	id = btf__add_func_proto(b, 0);
	ASSERT_EQ(id, 4);
	ASSERT_OK(btf__add_func_param(b, "a", 1));
	ASSERT_OK(btf__add_func_param(b, "b", 3));
	ASSERT_OK(btf__add_func_param(b, NULL, 0)); /* ... */

	t = (struct btf_type *)btf__type_by_id(b, 2);
	ASSERT_OK(btf_merge__remap_type(t, map, 4));
	ASSERT_EQ(t->type, 7);
	t = (struct btf_type *)btf__type_by_id(b, 3);
	ASSERT_OK(btf_merge__remap_type(t, map, 4));
	ASSERT_EQ(btf_array(t)->type, 8);
	ASSERT_EQ(btf_array(t)->index_type, 7);
	t = (struct btf_type *)btf__type_by_id(b, 4);
	ASSERT_OK(btf_merge__remap_type(t, map, 4));
	ASSERT_EQ(t->type, 0); /* void stays void */
	ASSERT_EQ(btf_params(t)[0].type, 7);
	ASSERT_EQ(btf_params(t)[1].type, 9);
	ASSERT_EQ(btf_params(t)[2].type, 0);
	/* out of the map, or mapped to nothing */
	t = (struct btf_type *)btf__type_by_id(b, 2);
	t->type = 4;
	ASSERT_EQ(btf_merge__remap_type(t, map, 4), -EINVAL);
	map[1] = 0;
	t->type = 1;
	ASSERT_EQ(btf_merge__remap_type(t, map, 4), -EINVAL);
	/* an INT refers to nothing */
	t = (struct btf_type *)btf__type_by_id(b, 1);
	ASSERT_OK(btf_merge__remap_type(t, map, 4));
cleanup:
	btf__free(b);
}

/*
 * btf_fwds__resolve(): references to FWD 'X' go to the first definition of
 * X when all definitions of X have one shape; FWD 'Y', defined with two
 * shapes, and FWD 'U' (a union; X is a struct) keep their users.
 */
static void test_merge__resolve_fwds(void)
{
	struct btf *b = btf__new_empty();
	char *dump = NULL;
	uint32_t n = 0;

	ASSERT_TRUE(b != NULL);
	ASSERT_EQ(btf__add_int(b, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_fwd(b, "X", BTF_FWD_STRUCT), 2);
	ASSERT_EQ(btf__add_ptr(b, 2), 3);
	/* a copy of X whose member refers back to the declaration */
	ASSERT_EQ(btf__add_struct(b, "X", 16), 4);
	ASSERT_OK(btf__add_field(b, "self", 3, 0, 0));
	ASSERT_OK(btf__add_field(b, "v", 1, 64, 0));
	ASSERT_EQ(btf__add_ptr(b, 6), 5);
	ASSERT_EQ(btf__add_struct(b, "X", 16), 6);
	ASSERT_OK(btf__add_field(b, "self", 5, 0, 0));
	ASSERT_OK(btf__add_field(b, "v", 1, 64, 0));
	ASSERT_EQ(btf__add_fwd(b, "Y", BTF_FWD_STRUCT), 7);
	ASSERT_EQ(btf__add_struct(b, "Y", 4), 8);
	ASSERT_OK(btf__add_field(b, "a", 1, 0, 0));
	ASSERT_EQ(btf__add_struct(b, "Y", 4), 9);
	ASSERT_OK(btf__add_field(b, "b", 1, 0, 0));
	ASSERT_EQ(btf__add_fwd(b, "X", BTF_FWD_UNION), 10);
	ASSERT_EQ(btf__add_struct(b, "S", 24), 11);
	ASSERT_OK(btf__add_field(b, "y", 7, 0, 0));
	ASSERT_OK(btf__add_field(b, "u", 10, 64, 0));
	ASSERT_OK(btf__add_field(b, "x", 2, 128, 0));

	ASSERT_OK(btf_fwds__resolve(b, 1, &n));
	ASSERT_EQ(n, 1);
	ASSERT_EQ(btf__type_by_id(b, 3)->type, 4);
	ASSERT_EQ(btf_members(btf__type_by_id(b, 11))[0].type, 7);
	ASSERT_EQ(btf_members(btf__type_by_id(b, 11))[1].type, 10);
	ASSERT_EQ(btf_members(btf__type_by_id(b, 11))[2].type, 4);
	/* the two copies of X are now one for libbpf's dedup */
	ASSERT_OK(btf__dedup(b, NULL));
	dump = unit_dump_btf(b, 1);
	ASSERT_TRUE(dump != NULL);
	ASSERT_STREQ(dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			   "[2] PTR '(anon)' type_id=3\n"
			   "[3] STRUCT 'X' size=16 vlen=2\n"
			   "\t'self' type_id=2 bits_offset=0\n"
			   "\t'v' type_id=1 bits_offset=64\n"
			   "[4] FWD 'Y' fwd_kind=struct\n"
			   "[5] STRUCT 'Y' size=4 vlen=1\n"
			   "\t'a' type_id=1 bits_offset=0\n"
			   "[6] STRUCT 'Y' size=4 vlen=1\n"
			   "\t'b' type_id=1 bits_offset=0\n"
			   "[7] FWD 'X' fwd_kind=union\n"
			   "[8] STRUCT 'S' size=24 vlen=3\n"
			   "\t'y' type_id=4 bits_offset=0\n"
			   "\t'u' type_id=7 bits_offset=64\n"
			   "\t'x' type_id=3 bits_offset=128\n");
cleanup:
	free(dump);
	btf__free(b);
}

static const struct unit_test unit_tests_merge[] = {
	TEST(merge, remap_type),
	TEST(merge, resolve_fwds),
};
UNIT_MODULE(merge);
