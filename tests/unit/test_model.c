// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of the type model (dwarves/dwarves.h, model.c).
 */
#include <stdlib.h>
#include "dwarves.h"
#include "test.h"

static void test_model__new_cu(void)
{
	struct tm_cu *cu = tm_cu__new("a.c", 7);

	ASSERT_NONNULL(cu);
	ASSERT_STREQ(cu->name, "a.c");
	ASSERT_EQ(cu->index, 7);
	ASSERT_EQ(cu->addr_size, 8);
	ASSERT_EQ(cu->nr_types, 1); /* void only */
	ASSERT_EQ(cu->types[0].kind, TM_VOID);
	ASSERT_EQ(cu->nr_members, 0);
	ASSERT_EQ(cu->nr_enums, 0);
	ASSERT_EQ(cu->nr_params, 0);
	ASSERT_EQ(cu->nr_funcs, 0);
	ASSERT_EQ(cu->nr_vars, 0);
	ASSERT_EQ(cu->nr_tags, 0);
cleanup:
	tm_cu__free(cu);
	tm_cu__free(NULL); /* allowed, like free() */
}

static void test_model__add_type(void)
{
	struct tm_cu *cu = tm_cu__new(NULL, 0);
	int id;

	ASSERT_NONNULL(cu);
	ASSERT_EQ(tm_cu__add_type(cu, TM_INT), 1);
	ASSERT_EQ(tm_cu__add_type(cu, TM_PTR), 2);
	id = tm_cu__add_type(cu, TM_STRUCT);
	ASSERT_EQ(id, 3);
	ASSERT_EQ(cu->nr_types, 4);
	ASSERT_EQ(cu->types[1].kind, TM_INT);
	ASSERT_EQ(cu->types[2].kind, TM_PTR);
	/* new elements are zeroed but for the kind */
	ASSERT_EQ(cu->types[id].kind, TM_STRUCT);
	ASSERT_EQ(cu->types[id].flags, 0);
	ASSERT_EQ(cu->types[id].ref, 0);
	ASSERT_NULL(cu->types[id].name);
	ASSERT_EQ(cu->types[id].size, 0);
	ASSERT_EQ(cu->types[id].first, 0);
	ASSERT_EQ(cu->types[id].nr, 0);
	ASSERT_EQ(cu->types[id].die_off, 0);
	ASSERT_TRUE(tm_cu__type(cu, 2) == &cu->types[2]);
cleanup:
	tm_cu__free(cu);
}

static void test_model__add_many_types(void)
{
	struct tm_cu *cu = tm_cu__new(NULL, 0);
	tm_id id;
	struct tm_type *t;
	uint32_t i, n = 0;

	ASSERT_NONNULL(cu);
	for (i = 1; i <= 5000; i++) {
		int r = tm_cu__add_type(cu, TM_INT);

		ASSERT_EQ(r, i);
		cu->types[r].size = i; /* pointers move: index again each time */
	}
	ASSERT_EQ(cu->nr_types, 5001);
	ASSERT_TRUE(cu->cap_types >= 5001);
	tm_cu__for_each_type (cu, id, t) {
		ASSERT_EQ(t->size, id);
		n++;
	}
	ASSERT_EQ(n, 5000);
cleanup:
	tm_cu__free(cu);
}

static void test_model__add_side_arrays(void)
{
	struct tm_cu *cu = tm_cu__new(NULL, 0);
	int i;

	ASSERT_NONNULL(cu);
	for (i = 0; i < 40; i++) {
		ASSERT_EQ(tm_cu__add_member(cu), i);
		ASSERT_EQ(tm_cu__add_enumerator(cu), i);
		ASSERT_EQ(tm_cu__add_param(cu), i);
		ASSERT_EQ(tm_cu__add_func(cu), i);
		ASSERT_EQ(tm_cu__add_var(cu), i);
		ASSERT_EQ(tm_cu__add_decl_tag(cu), i);
	}
	ASSERT_EQ(cu->nr_members, 40);
	ASSERT_EQ(cu->nr_enums, 40);
	ASSERT_EQ(cu->nr_params, 40);
	ASSERT_EQ(cu->nr_funcs, 40);
	ASSERT_EQ(cu->nr_vars, 40);
	ASSERT_EQ(cu->nr_tags, 40);
	ASSERT_NULL(cu->members[39].name);
	ASSERT_EQ(cu->members[39].bit_offset, 0);
	ASSERT_EQ(cu->enums[39].value, 0);
	ASSERT_NULL(cu->funcs[39].name);
	ASSERT_FALSE(cu->vars[39].external);
	ASSERT_EQ(cu->tags[39].component_idx, 0);
cleanup:
	tm_cu__free(cu);
}

/* int <- const <- volatile <- typedef <- type_tag <- restrict <- ptr */
static void test_model__skip_mods(void)
{
	struct tm_cu *cu = tm_cu__new(NULL, 0);
	tm_id i_int, c, v, td, tag, r, p, self;

	ASSERT_NONNULL(cu);
	i_int = tm_cu__add_type(cu, TM_INT);
	c = tm_cu__add_type(cu, TM_CONST);
	cu->types[c].ref = i_int;
	v = tm_cu__add_type(cu, TM_VOLATILE);
	cu->types[v].ref = c;
	td = tm_cu__add_type(cu, TM_TYPEDEF);
	cu->types[td].ref = v;
	tag = tm_cu__add_type(cu, TM_TYPE_TAG);
	cu->types[tag].ref = td;
	r = tm_cu__add_type(cu, TM_RESTRICT);
	cu->types[r].ref = tag;
	p = tm_cu__add_type(cu, TM_PTR);
	cu->types[p].ref = r;
	ASSERT_EQ(tm_cu__skip_mods(cu, r), i_int);
	ASSERT_EQ(tm_cu__skip_mods(cu, tag), i_int);
	ASSERT_EQ(tm_cu__skip_mods(cu, i_int), i_int);
	ASSERT_EQ(tm_cu__skip_mods(cu, p), p); /* a pointer is a real type */
	ASSERT_EQ(tm_cu__skip_mods(cu, 0), 0);
	/* const void */
	c = tm_cu__add_type(cu, TM_CONST);
	ASSERT_EQ(tm_cu__skip_mods(cu, c), 0);
	/* a corrupt cycle ends (depth limit) instead of hanging */
	self = tm_cu__add_type(cu, TM_TYPEDEF);
	cu->types[self].ref = self;
	ASSERT_EQ(tm_cu__skip_mods(cu, self), self);
cleanup:
	tm_cu__free(cu);
}

static void test_model__type_size(void)
{
	struct tm_cu *cu = tm_cu__new(NULL, 0);
	tm_id i_int, p, arr, arr2, td, st, fwd, proto, en, c, fl, apt, un;

	ASSERT_NONNULL(cu);
	i_int = tm_cu__add_type(cu, TM_INT);
	cu->types[i_int].size = 4;
	p = tm_cu__add_type(cu, TM_PTR);
	cu->types[p].ref = i_int;
	arr = tm_cu__add_type(cu, TM_ARRAY); /* int [3] (inner) */
	cu->types[arr].ref = i_int;
	cu->types[arr].nr = 3;
	arr2 = tm_cu__add_type(cu, TM_ARRAY); /* int [2][3] */
	cu->types[arr2].ref = arr;
	cu->types[arr2].nr = 2;
	st = tm_cu__add_type(cu, TM_STRUCT);
	cu->types[st].size = 16;
	td = tm_cu__add_type(cu, TM_TYPEDEF);
	cu->types[td].ref = st;
	fwd = tm_cu__add_type(cu, TM_FWD);
	cu->types[fwd].size = 99; /* ignored: a declaration has no size */
	proto = tm_cu__add_type(cu, TM_FUNC_PROTO);
	en = tm_cu__add_type(cu, TM_ENUM);
	cu->types[en].size = 8;
	c = tm_cu__add_type(cu, TM_CONST);
	cu->types[c].ref = en;
	fl = tm_cu__add_type(cu, TM_FLOAT);
	cu->types[fl].size = 16;
	apt = tm_cu__add_type(cu, TM_ARRAY); /* int *[5] */
	cu->types[apt].ref = p;
	cu->types[apt].nr = 5;
	un = tm_cu__add_type(cu, TM_UNION);
	cu->types[un].size = 12;

	ASSERT_EQ(tm_cu__type_size(cu, i_int), 4);
	ASSERT_EQ(tm_cu__type_size(cu, p), 8);
	ASSERT_EQ(tm_cu__type_size(cu, arr), 12);
	ASSERT_EQ(tm_cu__type_size(cu, arr2), 24);
	ASSERT_EQ(tm_cu__type_size(cu, td), 16);
	ASSERT_EQ(tm_cu__type_size(cu, fwd), 0);
	ASSERT_EQ(tm_cu__type_size(cu, proto), 0);
	ASSERT_EQ(tm_cu__type_size(cu, en), 8);
	ASSERT_EQ(tm_cu__type_size(cu, c), 8);
	ASSERT_EQ(tm_cu__type_size(cu, fl), 16);
	ASSERT_EQ(tm_cu__type_size(cu, apt), 40);
	ASSERT_EQ(tm_cu__type_size(cu, un), 12);
	ASSERT_EQ(tm_cu__type_size(cu, 0), 0);
	/* pointers follow the CU's address size */
	cu->addr_size = 4;
	ASSERT_EQ(tm_cu__type_size(cu, p), 4);
	ASSERT_EQ(tm_cu__type_size(cu, apt), 20);
cleanup:
	tm_cu__free(cu);
}

static void test_model__kind_names(void)
{
	ASSERT_STREQ(tm_kind__name(TM_VOID), "void");
	ASSERT_STREQ(tm_kind__name(TM_STRUCT), "struct");
	ASSERT_STREQ(tm_kind__name(TM_FUNC_PROTO), "func_proto");
	ASSERT_STREQ(tm_kind__name(TM_TYPE_TAG), "type_tag");
	ASSERT_STREQ(tm_kind__name(TM_KIND_MAX), "?");
	ASSERT_STREQ(tm_kind__name((enum tm_kind)200), "?");
cleanup:;
}

static const struct unit_test unit_tests_model[] = {
	TEST(model, new_cu),	      TEST(model, add_type),  TEST(model, add_many_types),
	TEST(model, add_side_arrays), TEST(model, skip_mods), TEST(model, type_size),
	TEST(model, kind_names),
};
UNIT_MODULE(model);
