// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of kfunc tagging after dedup (btf_encoder.c tag_kfuncs(),
 * kfunc_attrs.c): DECL_TAG "bpf_kfunc"/"bpf_fastcall" with decl_tag_kfuncs,
 * and with attributes the address_space(1) attributes of bpf_arena kfuncs:
 * a prototype used by the kfunc alone changes in place, a shared one stays
 * for its other users, equal new prototypes are one, and a prototype left
 * without users is dropped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_encoder.h"
#include "encoder_helpers.h"
#include "kfunc_attrs.h"
#include "test.h"

#define KFUNCS (LEGACY | BTF_FEAT_DECL_TAG_KFUNCS)
#define ARENA (KFUNCS | BTF_FEAT_ATTRIBUTES)

/*
 * void *bpf_alloc(void *map, void *addr, int n)	KF_ARENA_RET | KF_ARENA_ARG1
 * void bpf_free(void *map, char *ptr)			KF_ARENA_ARG2 | KF_FASTCALL
 * int bpf_plain(void *p)				a kfunc without arena flags
 * int helper(void *p)					not a kfunc, same prototype
 */
static struct tm_cu *cu_arena(void)
{
	struct tm_cu *cu = cu_new("arena.c", 0);
	tm_id i_int, c_char, p_void, p_char, p;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	c_char = t_int(cu, "char", 1, TM_F_SIGNED);
	p_void = t_add(cu, TM_PTR, NULL, 0, 8);
	p_char = t_add(cu, TM_PTR, NULL, c_char, 8);
	p = t_proto(cu, p_void, false);
	t_param(cu, p, "map", p_void);
	t_param(cu, p, "addr", p_void);
	t_param(cu, p, "n", i_int);
	f_add(cu, "bpf_alloc", p, TM_FN_EXTERNAL);
	p = t_proto(cu, 0, false);
	t_param(cu, p, "map", p_void);
	t_param(cu, p, "ptr", p_char);
	f_add(cu, "bpf_free", p, TM_FN_EXTERNAL);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, "p", p_void);
	f_add(cu, "bpf_plain", p, TM_FN_EXTERNAL);
	f_add(cu, "helper", p, TM_FN_EXTERNAL);
	return cu;
}

/* the function symbols of cu_arena(), sorted by name, and its kfunc set */
static struct elf_sym_func arena_syms[] = {
	{"bpf_alloc", 0x1000},
	{"bpf_free", 0x1100},
	{"bpf_plain", 0x1200},
	{"helper", 0x1300},
};
static struct elf_kfunc arena_kfuncs[] = {
	{(char *)"bpf_alloc", KF_ARENA_RET | KF_ARENA_ARG1},
	{(char *)"bpf_free", KF_ARENA_ARG2 | KF_FASTCALL},
	{(char *)"bpf_plain", 0},
};
static struct elf_symtab arena_symtab = {
	.funcs = arena_syms,
	.nr_funcs = 4,
	.kfuncs = arena_kfuncs,
	.nr_kfuncs = 3,
};

/* the types of cu_arena() before the attributes */
#define ARENA_TYPES                                                                                \
	"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"                          \
	"[2] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"                          \
	"[3] PTR '(anon)' type_id=0\n"                                                             \
	"[4] PTR '(anon)' type_id=2\n"

static int run_arena(struct run *r, uint32_t features)
{
	struct btf_encoder_opts o = opts_of(features);
	struct tm_cu *cu = cu_arena();

	return run_encode(r, &o, NULL, NULL, &arena_symtab, &cu, 1);
}

/* decl_tag_kfuncs without attributes: tags, prototypes as they are */
static void test_kfuncs__decl_tags_only(void)
{
	struct run r = {};

	ASSERT_OK(run_arena(&r, KFUNCS));
	ASSERT_STREQ(r.dump, ARENA_TYPES "[5] FUNC_PROTO '(anon)' ret_type_id=3 vlen=3\n"
					 "\t'map' type_id=3\n"
					 "\t'addr' type_id=3\n"
					 "\t'n' type_id=1\n"
					 "[6] FUNC_PROTO '(anon)' ret_type_id=0 vlen=2\n"
					 "\t'map' type_id=3\n"
					 "\t'ptr' type_id=4\n"
					 "[7] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
					 "\t'p' type_id=3\n"
					 "[8] FUNC 'bpf_alloc' type_id=5 linkage=static\n"
					 "[9] FUNC 'bpf_free' type_id=6 linkage=static\n"
					 "[10] FUNC 'bpf_plain' type_id=7 linkage=static\n"
					 "[11] FUNC 'helper' type_id=7 linkage=static\n"
					 "[12] DECL_TAG 'bpf_kfunc' type_id=8 component_idx=-1\n"
					 "[13] DECL_TAG 'bpf_kfunc' type_id=9 component_idx=-1\n"
					 "[14] DECL_TAG 'bpf_fastcall' type_id=9 component_idx=-1\n"
					 "[15] DECL_TAG 'bpf_kfunc' type_id=10 component_idx=-1\n");
cleanup:
	run_free(&r);
}

/*
 * attributes: bpf_alloc returns and takes as first argument PTR [14] ->
 * TYPE_TAG [13] (kind_flag 1) -> void, bpf_free's second argument is
 * PTR [18] -> TYPE_TAG [17] -> char; both prototypes were theirs alone and
 * change in place. bpf_plain and helper keep theirs; the untagged PTRs stay.
 * The kfuncs are visited in ID order, tags and attributes of each together.
 */
static void test_kfuncs__arena_attrs(void)
{
	struct run r = {};

	ASSERT_OK(run_arena(&r, ARENA));
	ASSERT_STREQ(r.dump, ARENA_TYPES "[5] FUNC_PROTO '(anon)' ret_type_id=14 vlen=3\n"
					 "\t'map' type_id=14\n"
					 "\t'addr' type_id=3\n"
					 "\t'n' type_id=1\n"
					 "[6] FUNC_PROTO '(anon)' ret_type_id=0 vlen=2\n"
					 "\t'map' type_id=3\n"
					 "\t'ptr' type_id=18\n"
					 "[7] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
					 "\t'p' type_id=3\n"
					 "[8] FUNC 'bpf_alloc' type_id=5 linkage=static\n"
					 "[9] FUNC 'bpf_free' type_id=6 linkage=static\n"
					 "[10] FUNC 'bpf_plain' type_id=7 linkage=static\n"
					 "[11] FUNC 'helper' type_id=7 linkage=static\n"
					 "[12] DECL_TAG 'bpf_kfunc' type_id=8 component_idx=-1\n"
					 "[13] TYPE_TAG 'address_space(1)' type_id=0 kind_flag=1\n"
					 "[14] PTR '(anon)' type_id=13\n"
					 "[15] DECL_TAG 'bpf_kfunc' type_id=9 component_idx=-1\n"
					 "[16] DECL_TAG 'bpf_fastcall' type_id=9 component_idx=-1\n"
					 "[17] TYPE_TAG 'address_space(1)' type_id=2 kind_flag=1\n"
					 "[18] PTR '(anon)' type_id=17\n"
					 "[19] DECL_TAG 'bpf_kfunc' type_id=10 component_idx=-1\n");
cleanup:
	run_free(&r);
}

/* pahole: --skip_encoding_btf_decl_tag drops the kfunc tags, not the attributes */
static void test_kfuncs__arena_attrs_without_decl_tags(void)
{
	struct run r = {};

	ASSERT_OK(run_arena(&r, ARENA & ~BTF_FEAT_DECL_TAG));
	ASSERT_NULL(strstr(r.dump, "DECL_TAG"));
	ASSERT_STRSTR(r.dump, "[5] FUNC_PROTO '(anon)' ret_type_id=13 vlen=3\n"
			      "\t'map' type_id=13\n");
	ASSERT_STRSTR(r.dump, "[12] TYPE_TAG 'address_space(1)' type_id=0 kind_flag=1\n"
			      "[13] PTR '(anon)' type_id=12\n");
cleanup:
	run_free(&r);
}

/* attributes needs decl_tag_kfuncs (pahole reads .BTF_ids only for that) */
static void test_kfuncs__attributes_alone(void)
{
	struct run r = {};

	ASSERT_OK(run_arena(&r, LEGACY | BTF_FEAT_ATTRIBUTES));
	ASSERT_NULL(strstr(r.dump, "TAG"));
	ASSERT_STRSTR(r.dump, "[5] FUNC_PROTO '(anon)' ret_type_id=3 vlen=3\n");
cleanup:
	run_free(&r);
}

/*
 * int bpf_sh(void *p), int user(void *p): one prototype; bpf_sh (ARG1) gets
 * a new one, user keeps the old. int bpf_a(void *q), int bpf_b(void *q),
 * both ARG1: one prototype, two kfuncs: the first gets a new one, the
 * second the same one, and the old one is left to nobody and dropped.
 */
static struct tm_cu *cu_shared(void)
{
	struct tm_cu *cu = cu_new("shared.c", 0);
	tm_id i_int, p_void, p;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	p_void = t_add(cu, TM_PTR, NULL, 0, 8);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, "p", p_void);
	f_add(cu, "bpf_sh", p, TM_FN_EXTERNAL);
	f_add(cu, "user", p, TM_FN_EXTERNAL);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, "q", p_void);
	f_add(cu, "bpf_a", p, TM_FN_EXTERNAL);
	f_add(cu, "bpf_b", p, TM_FN_EXTERNAL);
	return cu;
}

static void test_kfuncs__arena_shared_protos(void)
{
	struct elf_sym_func syms[] = {
		{"bpf_a", 0x1200}, {"bpf_b", 0x1300}, {"bpf_sh", 0x1000}, {"user", 0x1100}};
	struct elf_kfunc kfuncs[] = {
		{(char *)"bpf_a", KF_ARENA_ARG1},
		{(char *)"bpf_b", KF_ARENA_ARG1},
		{(char *)"bpf_sh", KF_ARENA_ARG1},
	};
	struct elf_symtab st = {.funcs = syms, .nr_funcs = 4, .kfuncs = kfuncs, .nr_kfuncs = 3};
	struct btf_encoder_opts o = opts_of(ARENA & ~BTF_FEAT_DECL_TAG);
	struct tm_cu *cu = cu_shared();
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, &st, &cu, 1));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] PTR '(anon)' type_id=0\n"
			     "[3] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'p' type_id=2\n"
			     "[4] FUNC 'bpf_sh' type_id=10 linkage=static\n"
			     "[5] FUNC 'user' type_id=3 linkage=static\n"
			     "[6] FUNC 'bpf_a' type_id=11 linkage=static\n"
			     "[7] FUNC 'bpf_b' type_id=11 linkage=static\n"
			     "[8] TYPE_TAG 'address_space(1)' type_id=0 kind_flag=1\n"
			     "[9] PTR '(anon)' type_id=8\n"
			     "[10] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'p' type_id=9\n"
			     "[11] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'q' type_id=9\n");
	/* no prototype is left with the untagged 'q' */
	ASSERT_EQ(btf__type_cnt(r.btf), 12);
cleanup:
	run_free(&r);
}

/* a flagged slot that is not a pointer fails the encoding (as in pahole), naming the kfunc */
static void test_kfuncs__arena_not_a_pointer(void)
{
	static const uint32_t bad_flags[] = {KF_ARENA_RET, KF_ARENA_ARG1, KF_ARENA_ARG2};
	static const char *const why[] = {
		"has KF_ARENA_RET but its return type is not a pointer",
		"has KF_ARENA_ARG1 but its first parameter is not a pointer",
		"has KF_ARENA_ARG2 but its second parameter is not a pointer",
	};
	struct elf_sym_func syms[] = {{"bpf_bad", 0x1000}};
	struct elf_kfunc kfuncs[] = {{(char *)"bpf_bad", 0}};
	struct elf_symtab st = {.funcs = syms, .nr_funcs = 1, .kfuncs = kfuncs, .nr_kfuncs = 1};
	struct btf_encoder_opts o = opts_of(ARENA);
	char *err_out = NULL;
	struct run r = {};
	unsigned int i;

	for (i = 0; i < 3; i++) {
		/* int bpf_bad(int x): no pointer anywhere, and no second parameter */
		struct tm_cu *cu = cu_new("bad.c", 0);
		tm_id i_int = t_int(cu, "int", 4, TM_F_SIGNED), p = t_proto(cu, i_int, false);

		t_param(cu, p, "x", i_int);
		f_add(cu, "bpf_bad", p, TM_FN_EXTERNAL);
		kfuncs[0].flags = bad_flags[i];
		ASSERT_OK(capture_stderr_begin());
		ASSERT_EQ(run_encode(&r, &o, NULL, NULL, &st, &cu, 1), -EINVAL);
		err_out = capture_stderr_end();
		ASSERT_STRSTR(err_out, "test.o: kfunc 'bpf_bad' (FUNC [3]) ");
		ASSERT_STRSTR(err_out, why[i]);
		free(err_out);
		err_out = NULL;
		run_free(&r);
	}
cleanup:
	free(capture_stderr_end());
	free(err_out);
	run_free(&r);
}

static const struct unit_test unit_tests_kfuncs[] = {
	TEST(kfuncs, decl_tags_only),
	TEST(kfuncs, arena_attrs),
	TEST(kfuncs, arena_attrs_without_decl_tags),
	TEST(kfuncs, attributes_alone),
	TEST(kfuncs, arena_shared_protos),
	TEST(kfuncs, arena_not_a_pointer),
};
UNIT_MODULE(kfuncs);
