// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of split BTF encoding on a small hand-built base: types equal
 * to the base's vanish, new types refer to base IDs, declarations meet
 * definitions as in libbpf's split dedup, and what libbpf 1.1's dedup left
 * behind is folded too (btf/split_fold.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include "btf_encoder.h"
#include "encoder_helpers.h"
#include "test.h"

/* ---- split BTF ------------------------------------------------------------- */

/* base: [1] int, [2] struct s { int a; }, [3] struct s *, [4] long */
static struct btf *make_base(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	if (btf__add_int(b, "int", 4, BTF_INT_SIGNED) != 1 || btf__add_struct(b, "s", 4) != 2 ||
	    btf__add_field(b, "a", 1, 0, 0) || btf__add_ptr(b, 2) != 3 ||
	    btf__add_int(b, "long", 8, BTF_INT_SIGNED) != 4) {
		btf__free(b);
		return NULL;
	}
	return b;
}

/* int, struct s { int a; }, struct s * in model form */
static struct tm_cu *cu_like_base(uint32_t index)
{
	struct tm_cu *cu = cu_new("mod.c", index);
	tm_id i_int, s;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	s = t_comp(cu, TM_STRUCT, "s", 4);
	t_member(cu, s, "a", i_int, 0, 0);
	t_add(cu, TM_PTR, NULL, s, 0);
	return cu;
}

static void test_split__equal_to_base_is_empty(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct btf *base = make_base();
	struct tm_cu *cu;
	struct run r = {};

	ASSERT_NONNULL(base);
	cu = cu_like_base(0);
	ASSERT_OK(run_encode(&r, &o, base, NULL, NULL, &cu, 1));
	ASSERT_STREQ(r.dump, "");
	ASSERT_EQ(btf__type_cnt(r.btf), 5);
	ASSERT_TRUE(btf__base_btf(r.btf) == base);
cleanup:
	run_free(&r);
	btf__free(base);
}

static void test_split__equal_to_base_folded(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct btf *base = make_base();
	struct base_index *idx = NULL;
	struct tm_cu *cus[2];
	struct run r = {};

	ASSERT_NONNULL(base);
	ASSERT_OK(base_index__new(base, &idx));
	cus[0] = cu_like_base(0);
	cus[1] = cu_like_base(1);
	ASSERT_OK(run_encode(&r, &o, base, idx, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "");
	ASSERT_EQ(btf__type_cnt(r.btf), 5);
cleanup:
	run_free(&r);
	base_index__free(idx);
	btf__free(base);
}

/* new types refer to base IDs; the split part starts after the base */
static void test_split__new_types_refer_to_base(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct btf *base = make_base();
	struct base_index *idx = NULL;
	struct tm_cu *cu;
	struct run r = {};
	tm_id ps, l, t, proto;

	ASSERT_NONNULL(base);
	ASSERT_OK(base_index__new(base, &idx));
	cu = cu_like_base(0);
	ps = 3;
	l = t_int(cu, "long", 8, TM_F_SIGNED);
	/* struct t { struct s *p; long n; }; long mod_fn(struct t *t) */
	t = t_comp(cu, TM_STRUCT, "t", 16);
	t_member(cu, t, "p", ps, 0, 0);
	t_member(cu, t, "n", l, 64, 0);
	proto = t_proto(cu, l, false);
	t_param(cu, proto, "t", t_add(cu, TM_PTR, NULL, t, 0));
	f_add(cu, "mod_fn", proto, TM_FN_EXTERNAL);
	ASSERT_OK(run_encode(&r, &o, base, idx, NULL, &cu, 1));
	ASSERT_STREQ(r.dump, "[5] STRUCT 't' size=16 vlen=2\n"
			     "\t'p' type_id=3 bits_offset=0\n"
			     "\t'n' type_id=4 bits_offset=64\n"
			     "[6] FUNC_PROTO '(anon)' ret_type_id=4 vlen=1\n"
			     "\t't' type_id=7\n"
			     "[7] PTR '(anon)' type_id=5\n"
			     "[8] FUNC 'mod_fn' type_id=6 linkage=static\n");
cleanup:
	run_free(&r);
	base_index__free(idx);
	btf__free(base);
}

/*
 * A struct whose two pointer members are two distinct but identical PTR
 * types in the CU (compilers emit such duplicates). libbpf 1.1's dedup
 * hypothesis maps the base's single PTR to the first and then rejects the
 * second, so the struct stays in the split BTF; the fold pass removes it.
 */
static struct tm_cu *cu_dup_ptrs(void)
{
	struct tm_cu *cu = cu_new("mod.c", 0);
	tm_id i_int, s, q;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	s = t_comp(cu, TM_STRUCT, "s", 4);
	t_member(cu, s, "a", i_int, 0, 0);
	q = t_comp(cu, TM_STRUCT, "q", 16);
	t_member(cu, q, "x", t_add(cu, TM_PTR, NULL, s, 0), 0, 0);
	t_member(cu, q, "y", t_add(cu, TM_PTR, NULL, s, 0), 64, 0);
	return cu;
}

/* base of cu_dup_ptrs(): [1] int, [2] struct s, [3] struct s *, [4] struct q */
static struct btf *make_base_q(void)
{
	struct btf *b = make_base();

	if (b && (btf__add_struct(b, "q", 16) != 5 || btf__add_field(b, "x", 3, 0, 0) ||
		  btf__add_field(b, "y", 3, 64, 0))) {
		btf__free(b);
		return NULL;
	}
	return b;
}

static void test_split__fold_dedup_leftover(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct btf *base = make_base_q();
	struct base_index *idx = NULL;
	struct tm_cu *cu;
	struct run r = {};

	ASSERT_NONNULL(base);
	ASSERT_OK(base_index__new(base, &idx));
	cu = cu_dup_ptrs();
	ASSERT_OK(run_encode(&r, &o, base, idx, NULL, &cu, 1));
	ASSERT_STREQ(r.dump, "");
cleanup:
	run_free(&r);
	base_index__free(idx);
	btf__free(base);
}

/*
 * A module that only declares struct s: the FWD becomes the base's unique
 * struct s, and the pointer to it the base's pointer.
 */
static void test_split__fwd_to_unique_base_struct(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct btf *base = make_base();
	struct tm_cu *cu = cu_new("mod.c", 0);
	struct run r = {};
	tm_id fwd, u;

	ASSERT_NONNULL(base);
	fwd = t_add(cu, TM_FWD, "s", 0, 0);
	u = t_comp(cu, TM_STRUCT, "u", 8);
	t_member(cu, u, "p", t_add(cu, TM_PTR, NULL, fwd, 0), 0, 0);
	ASSERT_OK(run_encode(&r, &o, base, NULL, NULL, &cu, 1));
	ASSERT_STREQ(r.dump, "[5] STRUCT 'u' size=8 vlen=1\n"
			     "\t'p' type_id=3 bits_offset=0\n");
cleanup:
	run_free(&r);
	btf__free(base);
}

/*
 * base: [1] int, [2] FWD d, [3] struct d *, [4] struct h { struct d *p; },
 * [5] struct k { struct h *h; struct d *q; }, [6] struct h *
 */
static struct btf *make_base_declares(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	if (btf__add_int(b, "int", 4, BTF_INT_SIGNED) != 1 || btf__add_fwd(b, "d", 0) != 2 ||
	    btf__add_ptr(b, 2) != 3 || btf__add_struct(b, "h", 8) != 4 ||
	    btf__add_field(b, "p", 3, 0, 0) || btf__add_struct(b, "k", 16) != 5 ||
	    btf__add_field(b, "h", 6, 0, 0) || btf__add_field(b, "q", 3, 64, 0) ||
	    btf__add_ptr(b, 4) != 6) {
		btf__free(b);
		return NULL;
	}
	return b;
}

/*
 * The module defines struct d where the base only declares it. Its struct
 * h, which points to the definition, stays in the module (it knows more
 * than the base's), as in libbpf 1.1; from then on the base's declaration
 * stands for the module's d, so the module's struct k, met later, is the
 * base's k. Each pointer is the base's when its target is.
 */
static void test_split__definition_where_base_declares(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct btf *base = make_base_declares();
	struct tm_cu *cu = cu_new("mod.c", 0);
	struct run r = {};
	tm_id i_int, d, pd, h, k;

	ASSERT_NONNULL(base);
	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	d = t_comp(cu, TM_STRUCT, "d", 4);
	t_member(cu, d, "x", i_int, 0, 0);
	pd = t_add(cu, TM_PTR, NULL, d, 0);
	h = t_comp(cu, TM_STRUCT, "h", 8);
	t_member(cu, h, "p", pd, 0, 0);
	k = t_comp(cu, TM_STRUCT, "k", 16);
	t_member(cu, k, "h", t_add(cu, TM_PTR, NULL, h, 0), 0, 0);
	t_member(cu, k, "q", pd, 64, 0);
	ASSERT_OK(run_encode(&r, &o, base, NULL, NULL, &cu, 1));
	ASSERT_STREQ(r.dump, "[7] STRUCT 'd' size=4 vlen=1\n"
			     "\t'x' type_id=1 bits_offset=0\n"
			     "[8] PTR '(anon)' type_id=7\n"
			     "[9] STRUCT 'h' size=8 vlen=1\n"
			     "\t'p' type_id=8 bits_offset=0\n"
			     "[10] PTR '(anon)' type_id=9\n");
cleanup:
	run_free(&r);
	btf__free(base);
}

/* an enum the module only declares is the base's enum of that name and size */
static void test_split__declared_enum_is_base_enum(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct btf *base = make_base();
	struct tm_cu *cu = cu_new("mod.c", 0);
	struct run r = {};
	tm_id e, w;

	ASSERT_NONNULL(base);
	ASSERT_EQ(btf__add_enum(base, "e", 4), 5);
	ASSERT_OK(btf__add_enum_value(base, "E_A", 0));
	ASSERT_OK(btf__add_enum_value(base, "E_B", 1));
	e = t_enum(cu, "e", 4, false);
	w = t_comp(cu, TM_STRUCT, "w", 4);
	t_member(cu, w, "v", e, 0, 0);
	ASSERT_OK(run_encode(&r, &o, base, NULL, NULL, &cu, 1));
	ASSERT_STREQ(r.dump, "[6] STRUCT 'w' size=4 vlen=1\n"
			     "\t'v' type_id=5 bits_offset=0\n");
cleanup:
	run_free(&r);
	btf__free(base);
}

static void test_split__base_has_flat_arrays(void)
{
	struct btf *b = btf__new_empty();

	ASSERT_NONNULL(b);
	ASSERT_TRUE(btf_encoder__base_has_flat_arrays(b)); /* no arrays at all */
	ASSERT_EQ(btf__add_int(b, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_array(b, 1, 1, 6), 2);
	ASSERT_TRUE(btf_encoder__base_has_flat_arrays(b));
	ASSERT_EQ(btf__add_array(b, 1, 2, 2), 3); /* int [2][6] */
	ASSERT_FALSE(btf_encoder__base_has_flat_arrays(b));
cleanup:
	btf__free(b);
}

static const struct unit_test unit_tests_split[] = {
	TEST(split, equal_to_base_is_empty),	 TEST(split, equal_to_base_folded),
	TEST(split, new_types_refer_to_base),	 TEST(split, fold_dedup_leftover),
	TEST(split, fwd_to_unique_base_struct),	 TEST(split, definition_where_base_declares),
	TEST(split, declared_enum_is_base_enum), TEST(split, base_has_flat_arrays),
};
UNIT_MODULE(split);
