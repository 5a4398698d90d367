// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of the BTF encoder (btf_encoder/btf_encoder.h), one CU at a
 * time: every type kind, with and without the features that change it, and
 * the errors. Model CUs are built by hand, encoded, finished, and the final
 * BTF is compared with golden text in bpftool's raw format. No DWARF, no
 * compiler. The goldens are the final, deduplicated BTF.
 */
#include <errno.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include "btf_encoder.h"
#include "encoder_helpers.h"
#include "test.h"

/* ---- types -------------------------------------------------------------- */

static void test_encoder__ints_and_qualifiers(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id i_int, u_int, ch, b, ull, i128;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	u_int = t_int(cu, "unsigned int", 4, 0);
	ch = t_int(cu, "char", 1, TM_F_SIGNED | TM_F_CHAR);
	b = t_int(cu, "_Bool", 1, TM_F_BOOL);
	ull = t_int(cu, "long long unsigned int", 8, 0);
	i128 = t_int(cu, "__int128", 16, TM_F_SIGNED);
	t_add(cu, TM_PTR, NULL, ch, 0);
	t_add(cu, TM_CONST, NULL, i_int, 0);
	t_add(cu, TM_VOLATILE, NULL, u_int, 0);
	t_add(cu, TM_RESTRICT, NULL, 7, 0); /* char *restrict */
	t_add(cu, TM_TYPEDEF, "u64", ull, 0);
	t_add(cu, TM_PTR, NULL, 0, 0);	 /* void * */
	t_add(cu, TM_CONST, NULL, 0, 0); /* const void */
	(void)b;
	(void)i128;
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(
		r.dump,
		"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[2] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none)\n"
		"[3] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
		"[4] INT '_Bool' size=1 bits_offset=0 nr_bits=8 encoding=BOOL\n"
		"[5] INT 'long long unsigned int' size=8 bits_offset=0 nr_bits=64 encoding=(none)\n"
		"[6] INT '__int128' size=16 bits_offset=0 nr_bits=128 encoding=SIGNED\n"
		"[7] PTR '(anon)' type_id=3\n"
		"[8] CONST '(anon)' type_id=1\n"
		"[9] VOLATILE '(anon)' type_id=2\n"
		"[10] RESTRICT '(anon)' type_id=7\n"
		"[11] TYPEDEF 'u64' type_id=5\n"
		"[12] PTR '(anon)' type_id=0\n"
		"[13] CONST '(anon)' type_id=0\n");
	ASSERT_EQ(btf__pointer_size(r.btf), 8);
	ASSERT_EQ(btf__endianness(r.btf), BTF_LITTLE_ENDIAN);
cleanup:
	run_free(&r);
}

/* a base type BTF cannot express becomes a 4-byte int, with a warning */
static void test_encoder__odd_int_sanitized(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	char *err_out = NULL;

	t_int(cu, "DW_ATE_unsigned_24", 3, 0);
	t_int(cu, "DW_ATE_signed_256", 32, TM_F_SIGNED);
	ASSERT_OK(capture_stderr_begin());
	ASSERT_OK(run_one(&r, LEGACY, cu));
	err_out = capture_stderr_end();
	ASSERT_STREQ(r.dump, "[1] INT '__SANITIZED_FAKE_INT__' size=4 bits_offset=0 nr_bits=32 "
			     "encoding=SIGNED\n");
	ASSERT_STRSTR(err_out, "DIE 0x1010: base type 'DW_ATE_unsigned_24' of 3 bytes");
	ASSERT_STRSTR(err_out, "DIE 0x1020: base type 'DW_ATE_signed_256' of 32 bytes");
cleanup:
	free(capture_stderr_end());
	free(err_out);
	run_free(&r);
}

static void test_encoder__struct_bitfields(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id i_int, u_int, ch, s, plain;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	u_int = t_int(cu, "unsigned int", 4, 0);
	ch = t_int(cu, "char", 1, TM_F_SIGNED);
	/* struct bf { unsigned a:3, b:5; int c; char d:2; unsigned e:20; } */
	s = t_comp(cu, TM_STRUCT, "bf", 12);
	t_member(cu, s, "a", u_int, 0, 3);
	t_member(cu, s, "b", u_int, 3, 5);
	t_member(cu, s, "c", i_int, 32, 0);
	t_member(cu, s, "d", ch, 64, 2);
	t_member(cu, s, "e", u_int, 66, 20);
	/* struct plain { char x; int y; } */
	plain = t_comp(cu, TM_STRUCT, "plain", 8);
	t_member(cu, plain, "x", ch, 0, 0);
	t_member(cu, plain, "y", i_int, 32, 0);
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump,
		     "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		     "[2] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none)\n"
		     "[3] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
		     "[4] STRUCT 'bf' size=12 vlen=5\n"
		     "\t'a' type_id=2 bits_offset=0 bitfield_size=3\n"
		     "\t'b' type_id=2 bits_offset=3 bitfield_size=5\n"
		     "\t'c' type_id=1 bits_offset=32\n"
		     "\t'd' type_id=3 bits_offset=64 bitfield_size=2\n"
		     "\t'e' type_id=2 bits_offset=66 bitfield_size=20\n"
		     "[5] STRUCT 'plain' size=8 vlen=2\n"
		     "\t'x' type_id=3 bits_offset=0\n"
		     "\t'y' type_id=1 bits_offset=32\n");
	/* kind_flag only where there are bitfields */
	ASSERT_TRUE(btf_kflag(btf__type_by_id(r.btf, 4)));
	ASSERT_FALSE(btf_kflag(btf__type_by_id(r.btf, 5)));
cleanup:
	run_free(&r);
}

/* struct outer { int k; union { int i; float f; }; struct outer *next; }, anonymous members */
static void test_encoder__union_and_anon_members(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id i_int, fl, u, s, p;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	fl = t_add(cu, TM_FLOAT, "float", 0, 4);
	s = t_comp(cu, TM_STRUCT, "outer", 16);
	p = t_add(cu, TM_PTR, NULL, s, 0);
	u = t_comp(cu, TM_UNION, NULL, 4);
	t_member(cu, u, "i", i_int, 0, 0);
	t_member(cu, u, "f", fl, 0, 0);
	/* the struct's members come after the union's in the side array: rebuild */
	cu->types[s].first = cu->nr_members;
	t_member(cu, s, "k", i_int, 0, 0);
	t_member(cu, s, NULL, u, 32, 0);
	t_member(cu, s, "next", p, 64, 0);
	ASSERT_OK(run_one(&r, LEGACY | BTF_FEAT_FLOAT, cu));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] FLOAT 'float' size=4\n"
			     "[3] STRUCT 'outer' size=16 vlen=3\n"
			     "\t'k' type_id=1 bits_offset=0\n"
			     "\t'(anon)' type_id=5 bits_offset=32\n"
			     "\t'next' type_id=4 bits_offset=64\n"
			     "[4] PTR '(anon)' type_id=3\n"
			     "[5] UNION '(anon)' size=4 vlen=2\n"
			     "\t'i' type_id=1 bits_offset=0\n"
			     "\t'f' type_id=2 bits_offset=0\n");
cleanup:
	run_free(&r);
}

static void test_encoder__enum_negative(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id e, u, small;

	/* enum sgn { NEG = -1, ZERO, MIN = INT_MIN, MAX = INT_MAX } */
	e = t_enum(cu, "sgn", 4, true);
	t_enumerator(cu, e, "NEG", (uint64_t)-1LL);
	t_enumerator(cu, e, "ZERO", 0);
	t_enumerator(cu, e, "MIN", (uint64_t)(int64_t)INT32_MIN);
	t_enumerator(cu, e, "MAX", INT32_MAX);
	/* enum uns { BIG = 0xffffffff } */
	u = t_enum(cu, "uns", 4, false);
	t_enumerator(cu, u, "BIG", 0xffffffffULL);
	/* a signed enum without negative values, and a 1-byte enum */
	small = t_enum(cu, "small", 1, true);
	t_enumerator(cu, small, "S1", 1);
	e = t_enum(cu, NULL, 4, false);
	t_enumerator(cu, e, "ANON_A", 7);
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump, "[1] ENUM 'sgn' encoding=SIGNED size=4 vlen=4\n"
			     "\t'NEG' val=-1\n"
			     "\t'ZERO' val=0\n"
			     "\t'MIN' val=-2147483648\n"
			     "\t'MAX' val=2147483647\n"
			     "[2] ENUM 'uns' encoding=UNSIGNED size=4 vlen=1\n"
			     "\t'BIG' val=4294967295\n"
			     "[3] ENUM 'small' encoding=UNSIGNED size=1 vlen=1\n"
			     "\t'S1' val=1\n"
			     "[4] ENUM '(anon)' encoding=UNSIGNED size=4 vlen=1\n"
			     "\t'ANON_A' val=7\n");
cleanup:
	run_free(&r);
}

static struct tm_cu *cu_enum64(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	tm_id e;

	/* enum s64e { M5 = -5, TOP = LLONG_MAX } : long */
	e = t_enum(cu, "s64e", 8, true);
	t_enumerator(cu, e, "M5", (uint64_t)-5LL);
	t_enumerator(cu, e, "TOP", INT64_MAX);
	/* enum u64e { HIGH = 1ULL << 63, LOW = 1 } : unsigned long */
	e = t_enum(cu, "u64e", 8, false);
	t_enumerator(cu, e, "HIGH", 1ULL << 63);
	t_enumerator(cu, e, "LOW", 1);
	return cu;
}

static void test_encoder__enum64_on(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY, cu_enum64()));
	ASSERT_STREQ(r.dump, "[1] ENUM64 's64e' encoding=SIGNED size=8 vlen=2\n"
			     "\t'M5' val=-5LL\n"
			     "\t'TOP' val=9223372036854775807LL\n"
			     "[2] ENUM64 'u64e' encoding=UNSIGNED size=8 vlen=2\n"
			     "\t'HIGH' val=9223372036854775808ULL\n"
			     "\t'LOW' val=1ULL\n");
cleanup:
	run_free(&r);
}

/* --skip_encoding_btf_enum64: 8-byte ENUMs, values keep their low 32 bits */
static void test_encoder__enum64_off(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY & ~BTF_FEAT_ENUM64, cu_enum64()));
	ASSERT_STREQ(r.dump, "[1] ENUM 's64e' encoding=UNSIGNED size=8 vlen=2\n"
			     "\t'M5' val=4294967291\n"
			     "\t'TOP' val=4294967295\n"
			     "[2] ENUM 'u64e' encoding=UNSIGNED size=8 vlen=2\n"
			     "\t'HIGH' val=0\n"
			     "\t'LOW' val=1\n");
cleanup:
	run_free(&r);
}

static void test_encoder__fwd(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id f;

	f = t_add(cu, TM_FWD, "fs", 0, 0);
	t_add(cu, TM_PTR, NULL, f, 0);
	f = t_add(cu, TM_FWD, "fu", 0, 0);
	cu->types[f].flags = TM_F_FWD_UNION;
	/* anonymous declarations: BTF has no nameless FWD, an empty aggregate says the same */
	t_add(cu, TM_FWD, NULL, 0, 0);
	f = t_add(cu, TM_FWD, NULL, 0, 0);
	cu->types[f].flags = TM_F_FWD_UNION;
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump, "[1] FWD 'fs' fwd_kind=struct\n"
			     "[2] PTR '(anon)' type_id=1\n"
			     "[3] FWD 'fu' fwd_kind=union\n"
			     "[4] STRUCT '(anon)' size=0 vlen=0\n"
			     "[5] UNION '(anon)' size=0 vlen=0\n");
cleanup:
	run_free(&r);
}

/* int m[2][3]; char c[4][5][6]; struct a { int x[2][3]; } */
static struct tm_cu *cu_arrays(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	tm_id i_int, ch, in, out, s;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	ch = t_int(cu, "char", 1, TM_F_SIGNED);
	in = t_array(cu, i_int, 3, true);
	out = t_array(cu, in, 2, false);
	in = t_array(cu, ch, 6, true);
	in = t_array(cu, in, 5, true);
	t_array(cu, in, 4, false);
	s = t_comp(cu, TM_STRUCT, "a", 24);
	t_member(cu, s, "x", out, 0, 0);
	return cu;
}

static void test_encoder__arrays_nested(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY, cu_arrays()));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
			     "[3] ARRAY '(anon)' type_id=1 index_type_id=1 nr_elems=3\n"
			     "[4] ARRAY '(anon)' type_id=3 index_type_id=1 nr_elems=2\n"
			     "[5] ARRAY '(anon)' type_id=2 index_type_id=1 nr_elems=6\n"
			     "[6] ARRAY '(anon)' type_id=5 index_type_id=1 nr_elems=5\n"
			     "[7] ARRAY '(anon)' type_id=6 index_type_id=1 nr_elems=4\n"
			     "[8] STRUCT 'a' size=24 vlen=1\n"
			     "\t'x' type_id=4 bits_offset=0\n");
cleanup:
	run_free(&r);
}

static void test_encoder__arrays_flat(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cu = cu_arrays();
	struct run r = {};

	o.flat_arrays = true;
	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, &cu, 1));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
			     "[3] ARRAY '(anon)' type_id=1 index_type_id=1 nr_elems=6\n"
			     "[4] ARRAY '(anon)' type_id=2 index_type_id=1 nr_elems=120\n"
			     "[5] STRUCT 'a' size=24 vlen=1\n"
			     "\t'x' type_id=3 bits_offset=0\n");
cleanup:
	run_free(&r);
}

/* a CU without "int" gets one for the array index (pahole: __ARRAY_SIZE_TYPE__) */
static void test_encoder__array_index_without_int(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id ch, l;

	ch = t_int(cu, "char", 1, TM_F_SIGNED);
	l = t_int(cu, "long", 8, TM_F_SIGNED);
	t_int(cu, "unsigned int", 4, 0); /* not "int": unsigned */
	t_array(cu, ch, 16, false);
	t_array(cu, l, 2, false);
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump,
		     "[1] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
		     "[2] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED\n"
		     "[3] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none)\n"
		     "[4] ARRAY '(anon)' type_id=1 index_type_id=6 nr_elems=16\n"
		     "[5] ARRAY '(anon)' type_id=2 index_type_id=6 nr_elems=2\n"
		     "[6] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n");
cleanup:
	run_free(&r);
}

/* no array, no int: nothing is added */
static void test_encoder__no_index_without_arrays(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};

	t_int(cu, "char", 1, TM_F_SIGNED);
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump, "[1] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n");
cleanup:
	run_free(&r);
}

/* the CU's own int is the index even when it comes after the array */
static void test_encoder__array_index_forward(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id ch;

	ch = t_int(cu, "char", 1, TM_F_SIGNED);
	t_array(cu, ch, 8, false);
	t_int(cu, "int", 4, TM_F_SIGNED);
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump, "[1] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
			     "[2] ARRAY '(anon)' type_id=1 index_type_id=3 nr_elems=8\n"
			     "[3] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n");
cleanup:
	run_free(&r);
}

/* typedef int (*fn_t)(int, const char *, ...); typedef void (*vfn_t)(void); */
static void test_encoder__func_proto_variadic(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};
	tm_id i_int, ch, cch, pcch, proto, vproto;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	ch = t_int(cu, "char", 1, TM_F_SIGNED);
	cch = t_add(cu, TM_CONST, NULL, ch, 0);
	pcch = t_add(cu, TM_PTR, NULL, cch, 0);
	proto = t_proto(cu, i_int, true);
	t_param(cu, proto, NULL, i_int);
	t_param(cu, proto, NULL, pcch);
	t_add(cu, TM_TYPEDEF, "fn_t", t_add(cu, TM_PTR, NULL, proto, 0), 0);
	vproto = t_proto(cu, 0, false);
	t_add(cu, TM_TYPEDEF, "vfn_t", t_add(cu, TM_PTR, NULL, vproto, 0), 0);
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'char' size=1 bits_offset=0 nr_bits=8 encoding=SIGNED\n"
			     "[3] CONST '(anon)' type_id=2\n"
			     "[4] PTR '(anon)' type_id=3\n"
			     "[5] FUNC_PROTO '(anon)' ret_type_id=1 vlen=3\n"
			     "\t'(anon)' type_id=1\n"
			     "\t'(anon)' type_id=4\n"
			     "\t'(anon)' type_id=0\n"
			     "[6] PTR '(anon)' type_id=5\n"
			     "[7] TYPEDEF 'fn_t' type_id=6\n"
			     "[8] FUNC_PROTO '(anon)' ret_type_id=0 vlen=0\n"
			     "[9] PTR '(anon)' type_id=8\n"
			     "[10] TYPEDEF 'vfn_t' type_id=9\n");
cleanup:
	run_free(&r);
}

/* int __tag("user") __tag("rcu") *p; struct s { int __tag("user") *q; } */
static struct tm_cu *cu_type_tags(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	tm_id i_int, t1, t2, s, p;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	t1 = t_add(cu, TM_TYPE_TAG, "user", i_int, 0);
	t2 = t_add(cu, TM_TYPE_TAG, "rcu", t1, 0);
	p = t_add(cu, TM_PTR, NULL, t2, 0);
	s = t_comp(cu, TM_STRUCT, "s", 16);
	t_member(cu, s, "p", p, 0, 0);
	t_member(cu, s, "q", t_add(cu, TM_PTR, NULL, t1, 0), 64, 0);
	return cu;
}

static void test_encoder__type_tag_on(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY, cu_type_tags()));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] TYPE_TAG 'user' type_id=1\n"
			     "[3] TYPE_TAG 'rcu' type_id=2\n"
			     "[4] PTR '(anon)' type_id=3\n"
			     "[5] STRUCT 's' size=16 vlen=2\n"
			     "\t'p' type_id=4 bits_offset=0\n"
			     "\t'q' type_id=6 bits_offset=64\n"
			     "[6] PTR '(anon)' type_id=2\n");
cleanup:
	run_free(&r);
}

/* without TYPE_TAG the tags vanish and references go to what they tag */
static void test_encoder__type_tag_off(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY & ~BTF_FEAT_TYPE_TAG, cu_type_tags()));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] PTR '(anon)' type_id=1\n"
			     "[3] STRUCT 's' size=16 vlen=2\n"
			     "\t'p' type_id=2 bits_offset=0\n"
			     "\t'q' type_id=2 bits_offset=64\n");
cleanup:
	run_free(&r);
}

static struct tm_cu *cu_floats(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);

	t_add(cu, TM_FLOAT, "float", 0, 4);
	t_add(cu, TM_FLOAT, "double", 0, 8);
	t_add(cu, TM_FLOAT, "long double", 0, 16);
	t_add(cu, TM_FLOAT, "_Float16", 0, 2);
	return cu;
}

static void test_encoder__float_on(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY | BTF_FEAT_FLOAT, cu_floats()));
	ASSERT_STREQ(r.dump, "[1] FLOAT 'float' size=4\n"
			     "[2] FLOAT 'double' size=8\n"
			     "[3] FLOAT 'long double' size=16\n"
			     "[4] FLOAT '_Float16' size=2\n");
cleanup:
	run_free(&r);
}

/* without FLOAT (plain -J): floats are INTs without encoding, as pahole writes them */
static void test_encoder__float_off(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY, cu_floats()));
	ASSERT_STREQ(r.dump,
		     "[1] INT 'float' size=4 bits_offset=0 nr_bits=32 encoding=(none)\n"
		     "[2] INT 'double' size=8 bits_offset=0 nr_bits=64 encoding=(none)\n"
		     "[3] INT 'long double' size=16 bits_offset=0 nr_bits=128 encoding=(none)\n"
		     "[4] INT '_Float16' size=2 bits_offset=0 nr_bits=16 encoding=(none)\n");
cleanup:
	run_free(&r);
}

/* i386's 12-byte long double: a FLOAT, or a sanitized int when floats are off */
static void test_encoder__float_12_bytes(void)
{
	struct tm_cu *cu;
	struct run r = {};
	char *err_out = NULL;

	cu = cu_new("a.c", 0);
	t_add(cu, TM_FLOAT, "long double", 0, 12);
	ASSERT_OK(run_one(&r, LEGACY | BTF_FEAT_FLOAT, cu));
	ASSERT_STREQ(r.dump, "[1] FLOAT 'long double' size=12\n");
	run_free(&r);
	cu = cu_new("a.c", 0);
	t_add(cu, TM_FLOAT, "long double", 0, 12);
	ASSERT_OK(capture_stderr_begin());
	ASSERT_OK(run_one(&r, LEGACY, cu));
	err_out = capture_stderr_end();
	ASSERT_STREQ(r.dump, "[1] INT '__SANITIZED_FAKE_INT__' size=4 bits_offset=0 nr_bits=32 "
			     "encoding=SIGNED\n");
	ASSERT_STRSTR(err_out, "'long double' of 12 bytes");
cleanup:
	free(capture_stderr_end());
	free(err_out);
	run_free(&r);
}

/*
 * struct tagged { int a; int b; } with decl tags on itself and on member 1;
 * int fn(int x, int y) with decl tags on itself and on parameter 1.
 */
static struct tm_cu *cu_decl_tags(void)
{
	struct tm_cu *cu = cu_new("a.c", 0);
	tm_id i_int, s, proto;
	int fn;

	i_int = t_int(cu, "int", 4, TM_F_SIGNED);
	s = t_comp(cu, TM_STRUCT, "tagged", 8);
	t_member(cu, s, "a", i_int, 0, 0);
	t_member(cu, s, "b", i_int, 32, 0);
	proto = t_proto(cu, i_int, false);
	t_param(cu, proto, "x", i_int);
	t_param(cu, proto, "y", i_int);
	fn = f_add(cu, "fn", proto, TM_FN_EXTERNAL);
	tag_add(cu, "on_struct", TM_TAG_TYPE, s, -1);
	tag_add(cu, "on_member", TM_TAG_TYPE, s, 1);
	tag_add(cu, "on_func", TM_TAG_FUNC, fn, -1);
	tag_add(cu, "on_param", TM_TAG_FUNC, fn, 1);
	return cu;
}

static void test_encoder__decl_tags_on(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY, cu_decl_tags()));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] STRUCT 'tagged' size=8 vlen=2\n"
			     "\t'a' type_id=1 bits_offset=0\n"
			     "\t'b' type_id=1 bits_offset=32\n"
			     "[3] FUNC_PROTO '(anon)' ret_type_id=1 vlen=2\n"
			     "\t'x' type_id=1\n"
			     "\t'y' type_id=1\n"
			     "[4] FUNC 'fn' type_id=3 linkage=static\n"
			     "[5] DECL_TAG 'on_struct' type_id=2 component_idx=-1\n"
			     "[6] DECL_TAG 'on_member' type_id=2 component_idx=1\n"
			     "[7] DECL_TAG 'on_func' type_id=4 component_idx=-1\n"
			     "[8] DECL_TAG 'on_param' type_id=4 component_idx=1\n");
cleanup:
	run_free(&r);
}

static void test_encoder__decl_tags_off(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY & ~BTF_FEAT_DECL_TAG, cu_decl_tags()));
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] STRUCT 'tagged' size=8 vlen=2\n"
			     "\t'a' type_id=1 bits_offset=0\n"
			     "\t'b' type_id=1 bits_offset=32\n"
			     "[3] FUNC_PROTO '(anon)' ret_type_id=1 vlen=2\n"
			     "\t'x' type_id=1\n"
			     "\t'y' type_id=1\n"
			     "[4] FUNC 'fn' type_id=3 linkage=static\n");
cleanup:
	run_free(&r);
}

static void test_encoder__empty_cu(void)
{
	struct run r = {};

	ASSERT_OK(run_one(&r, LEGACY, cu_new("empty.c", 0)));
	ASSERT_STREQ(r.dump, "");
	ASSERT_EQ(btf__type_cnt(r.btf), 1);
cleanup:
	run_free(&r);
}

static void test_encoder__target_options(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cu = cu_new("a.c", 0);
	struct run r = {};

	t_add(cu, TM_PTR, NULL, t_int(cu, "int", 4, TM_F_SIGNED), 0);
	o.addr_size = 4;
	o.big_endian = true;
	ASSERT_OK(run_encode(&r, &o, NULL, NULL, NULL, &cu, 1));
	ASSERT_EQ(btf__pointer_size(r.btf), 4);
	ASSERT_EQ(btf__endianness(r.btf), BTF_BIG_ENDIAN);
	ASSERT_STREQ(r.dump, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] PTR '(anon)' type_id=1\n");
cleanup:
	run_free(&r);
}

/* ---- errors ------------------------------------------------------------------ */

/* BTF bitfields are at most 255 bits: the error names the CU and the DIE */
static void test_encoder__bitfield_too_wide(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cu = cu_new("wide.c", 0);
	struct btf_encoder *enc = NULL;
	struct btf_encoder_cu *ecu = (void *)1;
	char *err_out = NULL;
	tm_id u, s;
	int err;

	u = t_int(cu, "unsigned int", 4, 0);
	s = t_comp(cu, TM_STRUCT, "wide", 64);
	t_member(cu, s, "ok", u, 0, 255);
	t_member(cu, s, "too_wide", u, 256, 256);
	ASSERT_OK(btf_encoder__new(&o, NULL, NULL, &enc));
	ASSERT_OK(capture_stderr_begin());
	err = btf_encoder__encode_cu(enc, cu, &ecu);
	cu = NULL; /* consumed */
	err_out = capture_stderr_end();
	ASSERT_EQ(err, -EINVAL);
	ASSERT_NULL(ecu);
	ASSERT_STRSTR(err_out, "test.o");
	ASSERT_STRSTR(err_out, "CU 'wide.c'");
	ASSERT_STRSTR(err_out, "DIE 0x1020");
	ASSERT_STRSTR(err_out, "'wide'");
cleanup:
	free(capture_stderr_end());
	free(err_out);
	tm_cu__free(cu);
	btf_encoder__free(enc);
}

/*
 * A struct with bitfields has kind_flag set, and then a member's offset
 * field holds the bitfield size in its top 8 bits: member offsets of 2^24
 * bits (2 MiB) and more cannot be written that way. Such a struct is written
 * without kind_flag: 32-bit offsets, and each bitfield's type an INT of the
 * bitfield's width (an enum bitfield's INT has the enum's size and sign).
 */
static void test_encoder__bitfield_struct_offset_too_big(void)
{
	struct tm_cu *cu = cu_new("big.c", 0);
	struct run r = {};
	tm_id u, i, e, td, s;

	u = t_int(cu, "unsigned int", 4, 0);
	i = t_int(cu, "int", 4, TM_F_SIGNED);
	e = t_enum(cu, "col", 4, false);
	t_enumerator(cu, e, "RED", 0);
	td = t_add(cu, TM_TYPEDEF, "s32", i, 0);
	s = t_comp(cu, TM_STRUCT, "big", 3 << 20);
	t_member(cu, s, "flag", u, 0, 1);
	t_member(cu, s, "far", u, 20ULL << 20, 0); /* byte offset 2.5 MiB */
	t_member(cu, s, "bf", td, (20ULL << 20) + 35, 7);
	t_member(cu, s, "ebf", e, (20ULL << 20) + 42, 2);
	ASSERT_OK(run_one(&r, LEGACY, cu));
	ASSERT_STREQ(r.dump,
		     "[1] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none)\n"
		     "[2] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		     "[3] ENUM 'col' encoding=UNSIGNED size=4 vlen=1\n"
		     "\t'RED' val=0\n"
		     "[4] TYPEDEF 's32' type_id=2\n"
		     "[5] STRUCT 'big' size=3145728 vlen=4\n"
		     "\t'flag' type_id=6 bits_offset=0\n"
		     "\t'far' type_id=1 bits_offset=20971520\n"
		     "\t'bf' type_id=7 bits_offset=20971555\n"
		     "\t'ebf' type_id=8 bits_offset=20971562\n"
		     "[6] INT 'unsigned int' size=4 bits_offset=0 nr_bits=1 encoding=(none)\n"
		     "[7] INT 'int' size=4 bits_offset=0 nr_bits=7 encoding=SIGNED\n"
		     "[8] INT 'unsigned int' size=4 bits_offset=0 nr_bits=2 encoding=(none)\n");
	ASSERT_FALSE(btf_kflag(btf__type_by_id(r.btf, 5)));
cleanup:
	run_free(&r);
}

static void test_encoder__struct_too_big(void)
{
	struct btf_encoder_opts o = opts_of(LEGACY);
	struct tm_cu *cu = cu_new("big.c", 0);
	struct btf_encoder *enc = NULL;
	struct btf_encoder_cu *ecu = NULL;
	char *err_out = NULL;
	int err;

	t_comp(cu, TM_STRUCT, "huge", 1ULL << 32);
	ASSERT_OK(btf_encoder__new(&o, NULL, NULL, &enc));
	ASSERT_OK(capture_stderr_begin());
	err = btf_encoder__encode_cu(enc, cu, &ecu);
	err_out = capture_stderr_end();
	ASSERT_ERR(err);
	ASSERT_NULL(ecu);
	ASSERT_STRSTR(err_out, "DIE 0x1010");
cleanup:
	free(capture_stderr_end());
	free(err_out);
	btf_encoder__free(enc);
}

static const struct unit_test unit_tests_encoder[] = {
	TEST(encoder, ints_and_qualifiers),
	TEST(encoder, odd_int_sanitized),
	TEST(encoder, struct_bitfields),
	TEST(encoder, union_and_anon_members),
	TEST(encoder, enum_negative),
	TEST(encoder, enum64_on),
	TEST(encoder, enum64_off),
	TEST(encoder, fwd),
	TEST(encoder, arrays_nested),
	TEST(encoder, arrays_flat),
	TEST(encoder, array_index_without_int),
	TEST(encoder, no_index_without_arrays),
	TEST(encoder, array_index_forward),
	TEST(encoder, func_proto_variadic),
	TEST(encoder, type_tag_on),
	TEST(encoder, type_tag_off),
	TEST(encoder, float_on),
	TEST(encoder, float_off),
	TEST(encoder, float_12_bytes),
	TEST(encoder, decl_tags_on),
	TEST(encoder, decl_tags_off),
	TEST(encoder, empty_cu),
	TEST(encoder, target_options),
	TEST(encoder, bitfield_too_wide),
	TEST(encoder, bitfield_struct_offset_too_big),
	TEST(encoder, struct_too_big),
};
UNIT_MODULE(encoder);
