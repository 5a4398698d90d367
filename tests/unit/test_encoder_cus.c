// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of the BTF encoder over functions, variables and several CUs:
 * which functions get a FUNC (symbols, the first-definition rule,
 * consistent_func), per-CPU and global VARs with their DATASECs, type IDs
 * of later CUs renumbered and deduplicated onto earlier ones, and encoding
 * on several threads.
 */
#include <elf.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include "btf_encoder.h"
#include "encoder_helpers.h"
#include "test.h"

/* ---- functions ----------------------------------------------------------- */

/*
 * int f_ext(int a); static int f_static(int b); int f_unnamed(int);
 * static int f_sym_static(int c); int f_nosym(int d)
 */
static struct tm_cu *cu_funcs(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	tm_id i_int, p;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, "a", i_int);
	f_add(cu, "f_ext", p, TM_FN_EXTERNAL);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, "b", i_int);
	f_add(cu, "f_static", p, 0);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, NULL, i_int);
	f_add(cu, "f_unnamed", p, TM_FN_EXTERNAL | TM_FN_UNNAMED_PARAM);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, "c", i_int);
	f_add(cu, "f_sym_static", p, 0);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, "d", i_int);
	f_add(cu, "f_nosym", p, TM_FN_EXTERNAL);
	return cu;
}

/* no symbol table: FUNCs for external functions whose parameters are named */
static void test_encoder__funcs_without_symtab(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY, cu_funcs()));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'a' type_id=1\n"
			     "[3] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'd' type_id=1\n"
			     "[4] FUNC 'f_ext' type_id=2 linkage=static\n"
			     "[5] FUNC 'f_nosym' type_id=3 linkage=static\n");
cleanup:
	run_free(&r);
}

/* a symbol table without function symbols: the same rule */
static void test_encoder__funcs_empty_symtab(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct elf_symtab st = {};
	struct tm_cu *cu = cu_funcs();
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, &st, &cu, 1));
	ASSERT_STRSTR(r.dump, "FUNC 'f_ext'");
	ASSERT_STRSTR(r.dump, "FUNC 'f_nosym'");
	ASSERT_EQ(btf__find_by_name_kind(r.btf, "f_static", BTF_KIND_FUNC), -ENOENT);
	ASSERT_EQ(btf__type_cnt(r.btf), 6);
cleanup:
	run_free(&r);
}

/* with function symbols: FUNCs for the functions that have one, static or not */
static void test_encoder__funcs_with_symtab(void)
{
	/* sorted by name, as elf_symtab__new() leaves them */
	struct elf_sym_func syms[] = {
		{"f_ext", 0x1000},
		{"f_sym_static", 0x1300},
		{"f_unnamed", 0x1200},
		{"unrelated", 0x2000},
	};
	struct elf_symtab st = {.funcs = syms, .nr_funcs = 4};
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cu = cu_funcs();
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, &st, &cu, 1));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'a' type_id=1\n"
			     "[3] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'c' type_id=1\n"
			     "[4] FUNC 'f_ext' type_id=2 linkage=static\n"
			     "[5] FUNC 'f_sym_static' type_id=3 linkage=static\n");
cleanup:
	run_free(&r);
}

/* ---- variables ------------------------------------------------------------ */

/* sections: 1 .text, 2 .data..percpu, 3 .data, 4 .bss, 5 .rodata */
static struct elf_sec_info test_secs[] = {
	{NULL, 0, 0, SHT_NULL, 0},
	{".text", 0x1000, 0x1000, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR},
	{".data..percpu", 0x4000, 0x100, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE},
	{".data", 0x5000, 0x100, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE},
	{".bss", 0x6000, 0x100, SHT_NOBITS, SHF_ALLOC | SHF_WRITE},
	{".rodata", 0x7000, 0x100, SHT_PROGBITS, SHF_ALLOC},
};

/* sorted by section, then offset */
static struct elf_sym_var test_sym_vars[] = {
	{"pcpu_a", 0x0, 4, 2}, {"pcpu_b", 0x8, 16, 2}, {"g_data", 0x10, 8, 3},
	{"g_bss", 0x0, 4, 4},  {"g_ro", 0x20, 4, 5},
};

static const struct elf_symtab test_symtab = {
	.vars = test_sym_vars,
	.nr_vars = 5,
	.secs = test_secs,
	.nr_secs = 6,
	.percpu_shndx = 2,
};

/*
 * DEFINE_PER_CPU(struct pair, pcpu_b); DEFINE_PER_CPU(int, pcpu_a);
 * static long g_data; int g_bss; const int g_ro; extern int decl_only;
 * a per-CPU address without a symbol of that name; a decl tag on pcpu_a.
 */
static struct tm_cu *cu_vars(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	tm_id i_int, l, s;
	int v;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	l = t_int(cu, "long", 8, TM_F_SIGNED);
	s = t_comp(cu, TM_STRUCT, "pair", 16);
	t_member(cu, s, "x", l, 0, 0);
	t_member(cu, s, "y", l, 64, 0);
	v_add(cu, "pcpu_b", s, true, 0x4008, 16);
	v = v_add(cu, "pcpu_a", i_int, true, 0x4000, 4);
	v_add(cu, "g_data", l, false, 0x5010, 8);
	v_add(cu, "g_bss", i_int, true, 0x6000, 4);
	v_add(cu, "g_ro", t_add(cu, TM_CONST, NULL, i_int, 0), true, 0x7020, 4);
	v_add(cu, "decl_only", i_int, true, 0, 4);
	v_add(cu, "pcpu_nosym", i_int, false, 0x4020, 4);
	tag_add(cu, "on_var", TM_TAG_VAR, v, -1);
	return cu;
}

static void test_encoder__vars_percpu(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cu = cu_vars();
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, &test_symtab, &cu, 1));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[3] STRUCT 'pair' size=16 vlen=2\n"
			     "\t'x' type_id=2 bits_offset=0\n"
			     "\t'y' type_id=2 bits_offset=64\n"
			     "[4] CONST '(anon)' type_id=1\n"
			     "[5] VAR 'pcpu_b' type_id=3, linkage=global\n"
			     "[6] VAR 'pcpu_a' type_id=1, linkage=global\n"
			     "[7] DECL_TAG 'on_var' type_id=6 component_idx=-1\n"
			     "[8] DATASEC '.data..percpu' size=24 vlen=2\n"
			     "\ttype_id=6 offset=0 size=4 (VAR 'pcpu_a')\n"
			     "\ttype_id=5 offset=8 size=16 (VAR 'pcpu_b')\n");
cleanup:
	run_free(&r);
}

static void test_encoder__vars_global(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY | BTF_FEAT_GLOBAL_VAR);
	struct tm_cu *cu = cu_vars();
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, &test_symtab, &cu, 1));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[3] STRUCT 'pair' size=16 vlen=2\n"
			     "\t'x' type_id=2 bits_offset=0\n"
			     "\t'y' type_id=2 bits_offset=64\n"
			     "[4] CONST '(anon)' type_id=1\n"
			     "[5] VAR 'pcpu_b' type_id=3, linkage=global\n"
			     "[6] VAR 'pcpu_a' type_id=1, linkage=global\n"
			     "[7] VAR 'g_data' type_id=2, linkage=static\n"
			     "[8] VAR 'g_bss' type_id=1, linkage=global\n"
			     "[9] VAR 'g_ro' type_id=4, linkage=global\n"
			     "[10] DECL_TAG 'on_var' type_id=6 component_idx=-1\n"
			     "[11] DATASEC '.data..percpu' size=24 vlen=2\n"
			     "\ttype_id=6 offset=0 size=4 (VAR 'pcpu_a')\n"
			     "\ttype_id=5 offset=8 size=16 (VAR 'pcpu_b')\n"
			     "[12] DATASEC '.data' size=24 vlen=1\n"
			     "\ttype_id=7 offset=16 size=8 (VAR 'g_data')\n"
			     "[13] DATASEC '.bss' size=4 vlen=1\n"
			     "\ttype_id=8 offset=0 size=4 (VAR 'g_bss')\n"
			     "[14] DATASEC '.rodata' size=36 vlen=1\n"
			     "\ttype_id=9 offset=32 size=4 (VAR 'g_ro')\n");
cleanup:
	run_free(&r);
}

static void test_encoder__vars_off(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY & ~BTF_FEAT_VAR);
	struct tm_cu *cu = cu_vars();
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, &test_symtab, &cu, 1));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[3] STRUCT 'pair' size=16 vlen=2\n"
			     "\t'x' type_id=2 bits_offset=0\n"
			     "\t'y' type_id=2 bits_offset=64\n"
			     "[4] CONST '(anon)' type_id=1\n");
cleanup:
	run_free(&r);
}

/* ---- several CUs ------------------------------------------------------------ */

/* CU 1: struct node { int v; struct node *next; } */
static struct tm_cu *cu_node1(void)
{
	struct tm_cu *cu = cu_new("one.c", 0);
	tm_id i_int, s;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	s = t_comp(cu, TM_STRUCT, "node", 16);
	t_member(cu, s, "v", i_int, 0, 0);
	t_member(cu, s, "next", t_add(cu, TM_PTR, NULL, s, 0), 64, 0);
	return cu;
}

/*
 * CU 2, in another order: long, int, struct node *, struct node,
 * struct list { struct node *head; long n; }, int list_len(struct list *l)
 */
static struct tm_cu *cu_node2(void)
{
	struct tm_cu *cu = cu_new("two.c", 1);
	tm_id l, i_int, p, s, list, proto;

	l = t_int(cu, "long", 8, TM_F_SIGNED);
	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	p = t_add(cu, TM_PTR, NULL, 0, 0);
	s = t_comp(cu, TM_STRUCT, "node", 16);
	cu->types[p].ref = s;
	t_member(cu, s, "v", i_int, 0, 0);
	t_member(cu, s, "next", p, 64, 0);
	list = t_comp(cu, TM_STRUCT, "list", 16);
	t_member(cu, list, "head", p, 0, 0);
	t_member(cu, list, "n", l, 64, 0);
	proto = t_proto(cu, i_int, false);
	t_param(cu, proto, "l", t_add(cu, TM_PTR, NULL, list, 0));
	f_add(cu, "list_len", proto, TM_FN_EXTERNAL);
	return cu;
}

/* CU 2's types are renumbered on append and deduplicated onto CU 1's */
static void test_encoder__two_cus_remap(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2] = {cu_node1(), cu_node2()};
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] STRUCT 'node' size=16 vlen=2\n"
			     "\t'v' type_id=1 bits_offset=0\n"
			     "\t'next' type_id=3 bits_offset=64\n"
			     "[3] PTR '(anon)' type_id=2\n"
			     "[4] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[5] STRUCT 'list' size=16 vlen=2\n"
			     "\t'head' type_id=3 bits_offset=0\n"
			     "\t'n' type_id=4 bits_offset=64\n"
			     "[6] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'l' type_id=7\n"
			     "[7] PTR '(anon)' type_id=5\n"
			     "[8] FUNC 'list_len' type_id=6 linkage=static\n");
cleanup:
	run_free(&r);
}

/* the same CUs the other way round: the other CU's IDs come first */
static void test_encoder__two_cus_reversed(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2] = {cu_node2(), cu_node1()};
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[2] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[3] PTR '(anon)' type_id=4\n"
			     "[4] STRUCT 'node' size=16 vlen=2\n"
			     "\t'v' type_id=2 bits_offset=0\n"
			     "\t'next' type_id=3 bits_offset=64\n"
			     "[5] STRUCT 'list' size=16 vlen=2\n"
			     "\t'head' type_id=3 bits_offset=0\n"
			     "\t'n' type_id=1 bits_offset=64\n"
			     "[6] FUNC_PROTO '(anon)' ret_type_id=2 vlen=1\n"
			     "\t'l' type_id=7\n"
			     "[7] PTR '(anon)' type_id=5\n"
			     "[8] FUNC 'list_len' type_id=6 linkage=static\n");
cleanup:
	run_free(&r);
}

/*
 * CU 1 only declares struct s (struct t { struct s *p; }), CU 2 defines it:
 * dedup resolves the declaration and struct t is one type.
 */
static void test_encoder__two_cus_fwd_resolved(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2];
	struct run r = {};
	tm_id ss, t, i_int;
	int i;

	for (i = 0; i < 2; i++) {
		cus[i] = cu_new(i ? "def.c" : "decl.c", i);
		i_int = t_int(cus[i], "int", 4, TM_F_SIGNED);
		if (i) {
			ss = t_comp(cus[i], TM_STRUCT, "s", 4);
			t_member(cus[i], ss, "a", i_int, 0, 0);
		} else {
			ss = t_add(cus[i], TM_FWD, "s", 0, 0);
		}
		t = t_comp(cus[i], TM_STRUCT, "t", 8);
		t_member(cus[i], t, "p", t_add(cus[i], TM_PTR, NULL, ss, 0), 0, 0);
	}
	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] STRUCT 't' size=8 vlen=1\n"
			     "\t'p' type_id=3 bits_offset=0\n"
			     "[3] PTR '(anon)' type_id=4\n"
			     "[4] STRUCT 's' size=4 vlen=1\n"
			     "\t'a' type_id=1 bits_offset=0\n");
cleanup:
	run_free(&r);
}

/* same name, different layout: both stay */
static void test_encoder__two_cus_same_name_differ(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2];
	struct run r = {};
	tm_id s;
	int i;

	for (i = 0; i < 2; i++) {
		cus[i] = cu_new(i ? "b.c" : "a.c", i);
		s = t_comp(cus[i], TM_STRUCT, "s", i ? 8 : 4);
		t_member(cus[i], s, "a",
			 i ? t_int(cus[i], "long", 8, TM_F_SIGNED)
			   : t_int(cus[i], "int", 4, TM_F_SIGNED),
			 0, 0);
		t_add(cus[i], TM_TYPEDEF, "s_t", s, 0);
	}
	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] STRUCT 's' size=4 vlen=1\n"
			     "\t'a' type_id=2 bits_offset=0\n"
			     "[2] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[3] TYPEDEF 's_t' type_id=1\n"
			     "[4] STRUCT 's' size=8 vlen=1\n"
			     "\t'a' type_id=5 bits_offset=0\n"
			     "[5] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[6] TYPEDEF 's_t' type_id=4\n");
cleanup:
	run_free(&r);
}

/* the index int a CU without "int" adds merges with another CU's int */
static void test_encoder__fake_index_int_dedups(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2];
	struct run r = {};

	cus[0] = cu_new("one.c", 0);
	t_array(cus[0], t_int(cus[0], "char", 1, TM_F_SIGNED), 4, false);
	cus[1] = cu_new("two.c", 1);
	t_int(cus[1], "int", 4, TM_F_SIGNED);
	t_array(cus[1], t_int(cus[1], "char", 1, TM_F_SIGNED), 4, false);
	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
			     "[2] ARRAY '(anon)' type_id=1 index_type_id=3 nr_elems=4\n"
			     "[3] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n");
cleanup:
	run_free(&r);
}

/*
 * CU 1: int dup(int a) tagged "first"; CU 2: long dup(long b) tagged
 * "second", int other(long c). The first CU's dup wins; the second's
 * prototype and tag go with it.
 */
static struct tm_cu *cu_dup(uint32_t index, bool first)
{
	struct tm_cu *cu = cu_new(first ? "one.c" : "two.c", index);
	tm_id t, p;
	int fn;

	t = first ? t_int(cu, "int", 4, TM_F_SIGNED) : t_int(cu, "long", 8, TM_F_SIGNED);
	p = t_proto(cu, t, false);
	t_param(cu, p, first ? "a" : "b", t);
	fn = f_add(cu, "dup", p, TM_FN_EXTERNAL);
	tag_add(cu, first ? "first" : "second", TM_TAG_FUNC, fn, -1);
	if (!first) {
		p = t_proto(cu, t_int(cu, "int", 4, TM_F_SIGNED), false);
		t_param(cu, p, "c", t);
		f_add(cu, "other", p, TM_FN_EXTERNAL);
	}
	return cu;
}

static void test_encoder__duplicate_func_first_wins(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2] = {cu_dup(0, true), cu_dup(1, false)};
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'a' type_id=1\n"
			     "[3] FUNC 'dup' type_id=2 linkage=static\n"
			     "[4] DECL_TAG 'first' type_id=3 component_idx=-1\n"
			     "[5] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[6] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'c' type_id=5\n"
			     "[7] FUNC 'other' type_id=6 linkage=static\n");
cleanup:
	run_free(&r);
}

/* the same, checked as properties that do not depend on type order */
static void test_encoder__duplicate_func_properties(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[3] = {cu_dup(0, true), cu_dup(1, false), cu_dup(2, false)};
	const struct btf_type *t, *proto;
	struct run r = {};
	uint32_t i, n, nr_dup = 0, nr_tags = 0;

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 3));
	n = btf__type_cnt(r.btf);
	for (i = 1; i < n; i++) {
		t = btf__type_by_id(r.btf, i);
		if (btf_is_func(t) && !strcmp(btf__name_by_offset(r.btf, t->name_off), "dup")) {
			nr_dup++;
			proto = btf__type_by_id(r.btf, t->type);
			ASSERT_EQ(btf_vlen(proto), 1);
			ASSERT_STREQ(btf__name_by_offset(r.btf, btf_params(proto)[0].name_off),
				     "a");
		}
		if (btf_is_decl_tag(t)) {
			nr_tags++;
			ASSERT_STREQ(btf__name_by_offset(r.btf, t->name_off), "first");
		}
	}
	ASSERT_EQ(nr_dup, 1);
	ASSERT_EQ(nr_tags, 1);
	ASSERT_TRUE(btf__find_by_name_kind(r.btf, "other", BTF_KIND_FUNC) > 0);
cleanup:
	run_free(&r);
}

/*
 * consistent_func (--skip_encoding_btf_inconsistent_proto): a name whose
 * definitions disagree on the prototype gets no FUNC at all; its
 * prototypes and decl tags go too.
 */
static void test_encoder__consistent_func_drops_disagreeing(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY | BTF_FEAT_CONSISTENT_FUNC);
	struct tm_cu *cus[2] = {cu_dup(0, true), cu_dup(1, false)};
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
			     "[3] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'c' type_id=2\n"
			     "[4] FUNC 'other' type_id=3 linkage=static\n");
cleanup:
	run_free(&r);
}

/* int same(int NAME) in two CUs: @with_addr says whether this one has code */
static struct tm_cu *cu_same(uint32_t index, const char *param, bool with_addr)
{
	struct tm_cu *cu = cu_new(param, index);
	tm_id i_int, p;
	int fn;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	p = t_proto(cu, i_int, false);
	t_param(cu, p, param, i_int);
	fn = f_add(cu, "same", p, TM_FN_EXTERNAL);
	if (!with_addr)
		cu->funcs[fn].flags &= ~TM_FN_HAS_ADDR;
	return cu;
}

/* agreeing prototypes (parameter names aside): one FUNC, the first CU's */
static void test_encoder__consistent_func_keeps_agreeing(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY | BTF_FEAT_CONSISTENT_FUNC);
	struct tm_cu *cus[2] = {cu_same(0, "a", true), cu_same(1, "b", true)};
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'a' type_id=1\n"
			     "[3] FUNC 'same' type_id=2 linkage=static\n");
cleanup:
	run_free(&r);
}

/* with consistent_func, a definition with code is preferred to an earlier one without */
static void test_encoder__consistent_func_prefers_code(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY | BTF_FEAT_CONSISTENT_FUNC);
	struct tm_cu *cus[2] = {cu_same(0, "a", false), cu_same(1, "b", true)};
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'b' type_id=1\n"
			     "[3] FUNC 'same' type_id=2 linkage=static\n");
cleanup:
	run_free(&r);
}

/* without it (pahole's legacy rule) the first definition wins, code or not */
static void test_encoder__legacy_first_func_wins(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2] = {cu_same(0, "a", false), cu_same(1, "b", true)};
	struct run r = {};

	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
			     "\t'a' type_id=1\n"
			     "[3] FUNC 'same' type_id=2 linkage=static\n");
cleanup:
	run_free(&r);
}

/* a variable seen by two CUs at the same place is described once */
static void test_encoder__var_in_two_cus(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cus[2];
	struct run r = {};
	int i;

	for (i = 0; i < 2; i++) {
		cus[i] = cu_new(i ? "two.c" : "one.c", i);
		v_add(cus[i], "pcpu_a", t_int(cus[i], "int", 4, TM_F_SIGNED), true, 0x4000, 4);
	}
	ASSERT_OK(run_encode(&r, &o, NULL, NULL, &test_symtab, cus, 2));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] VAR 'pcpu_a' type_id=1, linkage=global\n"
			     "[3] DATASEC '.data..percpu' size=4 vlen=1\n"
			     "\ttype_id=2 offset=0 size=4 (VAR 'pcpu_a')\n");
cleanup:
	run_free(&r);
}

/* ---- threads ------------------------------------------------------------ */

static struct tm_cu *cu_dup_first(void)
{
	return cu_dup(0, true);
}

static struct tm_cu *cu_dup_second(void)
{
	return cu_dup(0, false);
}

static struct tm_cu *cu_same_nocode(void)
{
	return cu_same(0, "x", false);
}

static struct tm_cu *(*const parallel_cus[])(void) = {
	cu_node1, cu_funcs,	 cu_dup_first,	 cu_node2,
	cu_vars,  cu_dup_second, cu_same_nocode, cu_node1,
};
#define NR_PAR (sizeof(parallel_cus) / sizeof(parallel_cus[0]))

struct par_job {
	const struct btf_encoder *enc;
	struct tm_cu *cu;
	struct btf_encoder_cu *ecu;
	int err;
};

static void *par_encode(void *arg)
{
	struct par_job *j = arg;
	struct tm_cu *cu = j->cu;

	j->cu = NULL; /* consumed whatever the result */
	j->err = btf_encoder__encode_cu(j->enc, cu, &j->ecu);
	return NULL;
}

/*
 * btf_encoder__encode_cu() on several threads at once, results appended in
 * CU order: the same bytes as encoding one CU after the other.
 */
static void test_encoder__parallel_same_bytes(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY | BTF_FEAT_FLOAT);
	struct tm_cu *cus[NR_PAR];
	struct par_job jobs[NR_PAR] = {};
	pthread_t th[NR_PAR];
	struct btf_encoder *enc = NULL;
	struct run seq = {};
	const void *a, *b;
	uint32_t sa, sb;
	unsigned int i, started = 0;

	for (i = 0; i < NR_PAR; i++) {
		cus[i] = parallel_cus[i]();
		cus[i]->index = i;
	}
	ASSERT_OK(run_encode(&seq, &o, NULL, NULL, &test_symtab, cus, NR_PAR));
	ASSERT_OK(btf_encoder__new(&o, NULL, &test_symtab, &enc));
	for (i = 0; i < NR_PAR; i++) {
		jobs[i].enc = enc;
		jobs[i].cu = parallel_cus[i]();
		jobs[i].cu->index = i;
	}
	for (; started < NR_PAR; started++)
		ASSERT_OK(pthread_create(&th[started], NULL, par_encode, &jobs[started]));
	for (; started > 0; started--)
		pthread_join(th[started - 1], NULL);
	for (i = 0; i < NR_PAR; i++) {
		ASSERT_OK(jobs[i].err);
		ASSERT_OK(btf_encoder__add_cu(enc, jobs[i].ecu));
		jobs[i].ecu = NULL;
	}
	ASSERT_OK(btf_encoder__finish(enc));
	a = btf__raw_data(seq.btf, &sa);
	b = btf__raw_data(btf_encoder__btf(enc), &sb);
	ASSERT_NONNULL(a);
	ASSERT_NONNULL(b);
	ASSERT_EQ(sa, sb);
	ASSERT_TRUE(!memcmp(a, b, sa));
cleanup:
	for (; started > 0; started--)
		pthread_join(th[started - 1], NULL);
	for (i = 0; i < NR_PAR; i++) {
		btf_encoder_cu__free(jobs[i].ecu); /* not appended */
		tm_cu__free(jobs[i].cu);	   /* thread not started */
	}
	btf_encoder__free(enc);
	run_free(&seq);
}

static const struct unit_test unit_tests_encoder_cus[] = {
	TEST(encoder, funcs_without_symtab),
	TEST(encoder, funcs_empty_symtab),
	TEST(encoder, funcs_with_symtab),
	TEST(encoder, vars_percpu),
	TEST(encoder, vars_global),
	TEST(encoder, vars_off),
	TEST(encoder, two_cus_remap),
	TEST(encoder, two_cus_reversed),
	TEST(encoder, two_cus_fwd_resolved),
	TEST(encoder, two_cus_same_name_differ),
	TEST(encoder, fake_index_int_dedups),
	TEST(encoder, duplicate_func_first_wins),
	TEST(encoder, duplicate_func_properties),
	TEST(encoder, consistent_func_drops_disagreeing),
	TEST(encoder, consistent_func_keeps_agreeing),
	TEST(encoder, consistent_func_prefers_code),
	TEST(encoder, legacy_first_func_wins),
	TEST(encoder, parallel_same_bytes),
	TEST(encoder, var_in_two_cus),
};
UNIT_MODULE(encoder_cus);
