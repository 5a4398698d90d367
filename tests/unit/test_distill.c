// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of btf_distill (btf/btf_distill.h): distilled base BTF
 * made from hand-built base and split BTF, checked as exact raw dumps, and
 * the kernel's relocation of the result onto the same base, onto a base
 * that numbers its types differently, and onto bases it must refuse.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "btf_distill.h"
#include "test.h"

/*
 * The base. Used by the split BTF below: [2] by value, [3] only through the
 * PTR [4], [5]..[6] an anonymous struct behind a typedef (and CONST [16]),
 * [7] ENUM, [8] ENUM64, [9] FLOAT, "dup" twice ([10] by value from the
 * anonymous struct, [11] through the PTR [12]), [15] a FWD, [17] an ARRAY.
 * Not used: [13], [14], [18], [19].
 */
static struct btf *make_base(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	if (btf__add_int(b, "int", 4, BTF_INT_SIGNED) != 1 || btf__add_struct(b, "emb", 8) != 2 ||
	    btf__add_field(b, "a", 1, 0, 0) || btf__add_field(b, "b", 1, 32, 0) ||
	    btf__add_struct(b, "ptr_only", 16) != 3 || btf__add_field(b, "x", 1, 0, 0) ||
	    btf__add_ptr(b, 3) != 4 || btf__add_struct(b, NULL, 8) != 5 ||
	    btf__add_field(b, "v", 1, 0, 0) || btf__add_field(b, "w", 10, 32, 0) ||
	    btf__add_typedef(b, "anon_t", 5) != 6 || btf__add_enum(b, "color", 4) != 7 ||
	    btf__add_enum_value(b, "RED", 0) || btf__add_enum_value(b, "GREEN", 1) ||
	    btf__add_enum64(b, "big", 8, false) != 8 ||
	    btf__add_enum64_value(b, "HUGE", 1ULL << 40) || btf__add_float(b, "double", 8) != 9 ||
	    btf__add_struct(b, "dup", 4) != 10 || btf__add_field(b, "i", 1, 0, 0) ||
	    btf__add_struct(b, "dup", 8) != 11 || btf__add_field(b, "i", 1, 0, 0) ||
	    btf__add_field(b, "j", 1, 32, 0) || btf__add_ptr(b, 11) != 12 ||
	    btf__add_func_proto(b, 1) != 13 || btf__add_func_param(b, "p", 4) ||
	    btf__add_func(b, "base_fn", BTF_FUNC_STATIC, 13) != 14 ||
	    btf__add_fwd(b, "opaque", BTF_FWD_STRUCT) != 15 || btf__add_const(b, 6) != 16 ||
	    btf__add_array(b, 1, 1, 3) != 17 || btf__add_struct(b, "unused", 4) != 18 ||
	    btf__add_field(b, "u", 1, 0, 0) || btf__add_int(b, "long", 8, BTF_INT_SIGNED) != 19) {
		btf__free(b);
		return NULL;
	}
	return b;
}

/* the module: struct mod and its users, IDs 20..26 */
static struct btf *make_split(struct btf *base)
{
	struct btf *s = btf__new_empty_split(base);

	if (!s)
		return NULL;
	if (btf__add_struct(s, "mod", 80) != 20 || btf__add_field(s, "e", 2, 0, 0) ||
	    btf__add_field(s, "p", 4, 64, 0) || btf__add_field(s, "n", 16, 128, 0) ||
	    btf__add_field(s, "c", 7, 192, 0) || btf__add_field(s, "f", 9, 256, 0) ||
	    btf__add_field(s, "g", 8, 320, 0) || btf__add_field(s, "d", 12, 384, 0) ||
	    btf__add_field(s, "a", 17, 448, 0) || btf__add_field(s, "o", 21, 576, 0) ||
	    btf__add_ptr(s, 15) != 21 || btf__add_func_proto(s, 1) != 22 ||
	    btf__add_func_param(s, "m", 23) || btf__add_ptr(s, 20) != 23 ||
	    btf__add_func(s, "mod_fn", BTF_FUNC_GLOBAL, 22) != 24 ||
	    btf__add_var(s, "mod_var", BTF_VAR_GLOBAL_ALLOCATED, 20) != 25 ||
	    btf__add_datasec(s, ".data", 80) != 26 || btf__add_datasec_var_info(s, 25, 0, 80)) {
		btf__free(s);
		return NULL;
	}
	return s;
}

static const char distilled_base[] =
	"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
	"[2] STRUCT 'emb' size=8 vlen=0\n"
	"[3] STRUCT 'ptr_only' size=16 vlen=0\n"
	"[4] ENUM 'color' encoding=UNSIGNED size=4 vlen=0\n"
	"[5] ENUM 'big' encoding=UNSIGNED size=8 vlen=0\n"
	"[6] FLOAT 'double' size=8\n"
	"[7] STRUCT 'dup' size=4 vlen=0\n"
	"[8] STRUCT 'dup' size=8 vlen=0\n"
	"[9] FWD 'opaque' fwd_kind=struct\n";

/* the module's types first, then the base types copied in base ID order */
static const char distilled_split[] = "[10] STRUCT 'mod' size=80 vlen=9\n"
				      "\t'e' type_id=2 bits_offset=0\n"
				      "\t'p' type_id=17 bits_offset=64\n"
				      "\t'n' type_id=21 bits_offset=128\n"
				      "\t'c' type_id=4 bits_offset=192\n"
				      "\t'f' type_id=6 bits_offset=256\n"
				      "\t'g' type_id=5 bits_offset=320\n"
				      "\t'd' type_id=20 bits_offset=384\n"
				      "\t'a' type_id=22 bits_offset=448\n"
				      "\t'o' type_id=11 bits_offset=576\n"
				      "[11] PTR '(anon)' type_id=9\n"
				      "[12] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
				      "\t'm' type_id=13\n"
				      "[13] PTR '(anon)' type_id=10\n"
				      "[14] FUNC 'mod_fn' type_id=12 linkage=global\n"
				      "[15] VAR 'mod_var' type_id=10, linkage=global\n"
				      "[16] DATASEC '.data' size=80 vlen=1\n"
				      "\ttype_id=15 offset=0 size=80 (VAR 'mod_var')\n"
				      "[17] PTR '(anon)' type_id=3\n"
				      "[18] STRUCT '(anon)' size=8 vlen=2\n"
				      "\t'v' type_id=1 bits_offset=0\n"
				      "\t'w' type_id=7 bits_offset=32\n"
				      "[19] TYPEDEF 'anon_t' type_id=18\n"
				      "[20] PTR '(anon)' type_id=8\n"
				      "[21] CONST '(anon)' type_id=19\n"
				      "[22] ARRAY '(anon)' type_id=1 index_type_id=1 nr_elems=3\n";

/* relocated onto make_base(): back to the base IDs, the copies stay behind */
static const char relocated_same[] = "[20] STRUCT 'mod' size=80 vlen=9\n"
				     "\t'e' type_id=2 bits_offset=0\n"
				     "\t'p' type_id=27 bits_offset=64\n"
				     "\t'n' type_id=31 bits_offset=128\n"
				     "\t'c' type_id=7 bits_offset=192\n"
				     "\t'f' type_id=9 bits_offset=256\n"
				     "\t'g' type_id=8 bits_offset=320\n"
				     "\t'd' type_id=30 bits_offset=384\n"
				     "\t'a' type_id=32 bits_offset=448\n"
				     "\t'o' type_id=21 bits_offset=576\n"
				     "[21] PTR '(anon)' type_id=15\n"
				     "[22] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
				     "\t'm' type_id=23\n"
				     "[23] PTR '(anon)' type_id=20\n"
				     "[24] FUNC 'mod_fn' type_id=22 linkage=global\n"
				     "[25] VAR 'mod_var' type_id=20, linkage=global\n"
				     "[26] DATASEC '.data' size=80 vlen=1\n"
				     "\ttype_id=25 offset=0 size=80 (VAR 'mod_var')\n"
				     "[27] PTR '(anon)' type_id=3\n"
				     "[28] STRUCT '(anon)' size=8 vlen=2\n"
				     "\t'v' type_id=1 bits_offset=0\n"
				     "\t'w' type_id=10 bits_offset=32\n"
				     "[29] TYPEDEF 'anon_t' type_id=28\n"
				     "[30] PTR '(anon)' type_id=11\n"
				     "[31] CONST '(anon)' type_id=29\n"
				     "[32] ARRAY '(anon)' type_id=1 index_type_id=1 nr_elems=3\n";

static void test_distill__base_and_split(void)
{
	struct btf *base = make_base(), *split = NULL, *db = NULL, *ns = NULL;
	char *dump = NULL;

	ASSERT_NONNULL(base);
	split = make_split(base);
	ASSERT_NONNULL(split);
	ASSERT_OK(btf_distill__base(split, &db, &ns));
	ASSERT_TRUE(btf__base_btf(db) == NULL);
	ASSERT_TRUE(btf__base_btf(ns) == db);
	dump = unit_dump_btf(db, 1);
	ASSERT_STREQ(dump, distilled_base);
	free(dump);
	dump = unit_dump_btf(ns, btf__type_cnt(db));
	ASSERT_STREQ(dump, distilled_split);
	/* the inputs are left alone */
	ASSERT_EQ(btf__type_cnt(split), 27);
	ASSERT_EQ(btf__type_by_id(split, 20)->type, 80);
cleanup:
	free(dump);
	btf__free(ns);
	btf__free(db);
	btf__free(split);
	btf__free(base);
}

/* strings: names of distilled types are the distilled base's, the rest the split's own */
static void test_distill__strings(void)
{
	struct btf *base = make_base(), *split = NULL, *db = NULL, *ns = NULL;
	uint32_t dist_str_len, size;
	const struct btf_header *h;

	ASSERT_NONNULL(base);
	split = make_split(base);
	ASSERT_NONNULL(split);
	ASSERT_OK(btf_distill__base(split, &db, &ns));
	h = btf__raw_data(db, &size);
	ASSERT_NONNULL(h);
	/* "", int emb ptr_only color big double dup opaque: nothing else */
	dist_str_len = h->str_len;
	ASSERT_EQ(dist_str_len, 1 + 4 + 4 + 9 + 6 + 4 + 7 + 4 + 7);
	/* 'anon_t' is no distilled type's name: the split holds it */
	ASSERT_TRUE(btf__type_by_id(ns, 19)->name_off >= dist_str_len);
	ASSERT_STREQ(btf__name_by_offset(ns, btf__type_by_id(ns, 19)->name_off), "anon_t");
cleanup:
	btf__free(ns);
	btf__free(db);
	btf__free(split);
	btf__free(base);
}

/* the relocation back onto the base it came from gives the original IDs */
static void test_distill__relocate_same_base(void)
{
	struct btf *base = make_base(), *split = NULL, *db = NULL, *ns = NULL, *rel = NULL;
	char *dump = NULL;

	ASSERT_NONNULL(base);
	split = make_split(base);
	ASSERT_NONNULL(split);
	ASSERT_OK(btf_distill__base(split, &db, &ns));
	ASSERT_OK(btf_distill__relocate(ns, base, &rel));
	ASSERT_TRUE(btf__base_btf(rel) == base);
	dump = unit_dump_btf(rel, btf__type_cnt(base));
	ASSERT_STREQ(dump, relocated_same);
cleanup:
	free(dump);
	btf__free(rel);
	btf__free(ns);
	btf__free(db);
	btf__free(split);
	btf__free(base);
}

/*
 * Another build of the base: other IDs, more types, "ptr_only" grown (only
 * pointed to, so its size does not matter), "color" with one more value,
 * "opaque" now defined (a FWD finds a STRUCT), the two "dup" swapped (told
 * apart by size).
 */
static struct btf *make_base2(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	if (btf__add_int(b, "long", 8, BTF_INT_SIGNED) != 1 ||
	    btf__add_struct(b, "ptr_only", 24) != 2 || btf__add_field(b, "x", 3, 0, 0) ||
	    btf__add_field(b, "y", 1, 64, 0) || btf__add_int(b, "int", 4, BTF_INT_SIGNED) != 3 ||
	    btf__add_float(b, "double", 8) != 4 || btf__add_struct(b, "dup", 8) != 5 ||
	    btf__add_field(b, "i", 3, 0, 0) || btf__add_field(b, "j", 3, 32, 0) ||
	    btf__add_struct(b, "emb", 8) != 6 || btf__add_field(b, "a", 3, 0, 0) ||
	    btf__add_field(b, "b", 3, 32, 0) || btf__add_enum(b, "color", 4) != 7 ||
	    btf__add_enum_value(b, "RED", 0) || btf__add_enum_value(b, "GREEN", 1) ||
	    btf__add_enum_value(b, "BLUE", 2) || btf__add_enum64(b, "big", 8, false) != 8 ||
	    btf__add_enum64_value(b, "HUGE", 1ULL << 40) || btf__add_struct(b, "dup", 4) != 9 ||
	    btf__add_field(b, "i", 3, 0, 0) || btf__add_struct(b, "opaque", 4) != 10 ||
	    btf__add_field(b, "z", 3, 0, 0)) {
		btf__free(b);
		return NULL;
	}
	return b;
}

static void test_distill__relocate_other_base(void)
{
	struct btf *base = make_base(), *base2 = make_base2(), *split = NULL, *db = NULL,
		   *ns = NULL, *rel = NULL;
	char *dump = NULL;

	ASSERT_NONNULL(base);
	ASSERT_NONNULL(base2);
	split = make_split(base);
	ASSERT_NONNULL(split);
	ASSERT_OK(btf_distill__base(split, &db, &ns));
	ASSERT_OK(btf_distill__relocate(ns, base2, &rel));
	dump = unit_dump_btf(rel, btf__type_cnt(base2));
	ASSERT_STREQ(dump, "[11] STRUCT 'mod' size=80 vlen=9\n"
			   "\t'e' type_id=6 bits_offset=0\n"
			   "\t'p' type_id=18 bits_offset=64\n"
			   "\t'n' type_id=22 bits_offset=128\n"
			   "\t'c' type_id=7 bits_offset=192\n"
			   "\t'f' type_id=4 bits_offset=256\n"
			   "\t'g' type_id=8 bits_offset=320\n"
			   "\t'd' type_id=21 bits_offset=384\n"
			   "\t'a' type_id=23 bits_offset=448\n"
			   "\t'o' type_id=12 bits_offset=576\n"
			   "[12] PTR '(anon)' type_id=10\n"
			   "[13] FUNC_PROTO '(anon)' ret_type_id=3 vlen=1\n"
			   "\t'm' type_id=14\n"
			   "[14] PTR '(anon)' type_id=11\n"
			   "[15] FUNC 'mod_fn' type_id=13 linkage=global\n"
			   "[16] VAR 'mod_var' type_id=11, linkage=global\n"
			   "[17] DATASEC '.data' size=80 vlen=1\n"
			   "\ttype_id=16 offset=0 size=80 (VAR 'mod_var')\n"
			   "[18] PTR '(anon)' type_id=2\n"
			   "[19] STRUCT '(anon)' size=8 vlen=2\n"
			   "\t'v' type_id=3 bits_offset=0\n"
			   "\t'w' type_id=9 bits_offset=32\n"
			   "[20] TYPEDEF 'anon_t' type_id=19\n"
			   "[21] PTR '(anon)' type_id=5\n"
			   "[22] CONST '(anon)' type_id=20\n"
			   "[23] ARRAY '(anon)' type_id=3 index_type_id=3 nr_elems=3\n");
cleanup:
	free(dump);
	btf__free(rel);
	btf__free(ns);
	btf__free(db);
	btf__free(split);
	btf__free(base2);
	btf__free(base);
}

/* relocate the distilled make_split() onto @other: must fail with @err, saying @why */
static void expect_refused(struct btf *other, int err, const char *why)
{
	struct btf *base = make_base(), *split = NULL, *db = NULL, *ns = NULL, *rel = NULL;
	char *msg = NULL;

	ASSERT_NONNULL(base);
	ASSERT_NONNULL(other);
	split = make_split(base);
	ASSERT_NONNULL(split);
	ASSERT_OK(btf_distill__base(split, &db, &ns));
	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(btf_distill__relocate(ns, other, &rel), err);
	msg = capture_stderr_end();
	ASSERT_NULL(rel);
	ASSERT_STRSTR(msg, why);
cleanup:
	free(capture_stderr_end());
	free(msg);
	btf__free(ns);
	btf__free(db);
	btf__free(split);
	btf__free(base);
}

/* "emb" is held by value: a base whose "emb" has another size cannot take the module */
static void test_distill__refuse_embedded_resized(void)
{
	struct btf *b = make_base2();

	/* base2 with "emb" grown to 12 bytes */
	if (b)
		((struct btf_type *)btf__type_by_id(b, 6))->size = 12;
	expect_refused(b, -EINVAL,
		       "distilled base type [2] STRUCT 'emb' (size 8) matches no base type");
	btf__free(b);
}

/* two "dup" of size 4 in the base: the distilled one cannot tell which */
static void test_distill__refuse_ambiguous(void)
{
	struct btf *b = make_base2();

	if (b && (btf__add_struct(b, "dup", 4) != 11 || btf__add_field(b, "k", 3, 0, 0))) {
		btf__free(b);
		b = NULL;
	}
	expect_refused(
		b, -EINVAL,
		"distilled base type [7] 'dup' (size 4): two base types match, [9] and [11]");
	btf__free(b);
}

/* "big" is an ENUM of 8 bytes in the distilled base: a 4-byte "big" is not it */
static void test_distill__refuse_enum_resized(void)
{
	struct btf *b = make_base2();

	if (b)
		((struct btf_type *)btf__type_by_id(b, 8))->size = 4;
	expect_refused(b, -EINVAL,
		       "distilled base type [5] ENUM 'big' (size 8) matches no base type");
	btf__free(b);
}

/* a distilled base may only hold named INT, FLOAT, ENUM, STRUCT, UNION, FWD */
static void test_distill__refuse_bad_distilled_base(void)
{
	struct btf *base = make_base(), *dist = btf__new_empty(), *split = NULL, *rel = NULL;
	char *msg = NULL;

	ASSERT_NONNULL(base);
	ASSERT_NONNULL(dist);
	ASSERT_EQ(btf__add_int(dist, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_ptr(dist, 1), 2);
	split = btf__new_empty_split(dist);
	ASSERT_NONNULL(split);
	ASSERT_EQ(btf__add_typedef(split, "ip", 2), 3);
	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(btf_distill__relocate(split, base, &rel), -EINVAL);
	msg = capture_stderr_end();
	ASSERT_STRSTR(msg, "distilled base type [2]: a PTR cannot be in a distilled base");
cleanup:
	free(capture_stderr_end());
	free(msg);
	btf__free(split);
	btf__free(dist);
	btf__free(base);
}

/* a split string inside the distilled base must be the name of a distilled type */
static void test_distill__refuse_stray_string(void)
{
	struct btf *base = make_base(), *dist = btf__new_empty(), *split = NULL, *rel = NULL;
	char *msg = NULL;

	ASSERT_NONNULL(base);
	ASSERT_NONNULL(dist);
	ASSERT_EQ(btf__add_int(dist, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_TRUE(btf__add_str(dist, "stray") > 0);
	split = btf__new_empty_split(dist);
	ASSERT_NONNULL(split);
	ASSERT_EQ(btf__add_typedef(split, "stray", 1), 2);
	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(btf_distill__relocate(split, base, &rel), -ENOENT);
	msg = capture_stderr_end();
	ASSERT_STRSTR(msg,
		      "type [2]: string 'stray' (offset 5) in the distilled base names no type");
cleanup:
	free(capture_stderr_end());
	free(msg);
	btf__free(split);
	btf__free(dist);
	btf__free(base);
}

/* a split DECL_TAG on a base FUNC: a distilled base has no way to say which */
static void test_distill__refuse_ref_to_func(void)
{
	struct btf *base = make_base(), *split = NULL, *db = NULL, *ns = NULL;
	char *msg = NULL;

	ASSERT_NONNULL(base);
	split = make_split(base);
	ASSERT_NONNULL(split);
	ASSERT_EQ(btf__add_decl_tag(split, "tag", 14, -1), 27);
	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(btf_distill__base(split, &db, &ns), -EINVAL);
	msg = capture_stderr_end();
	ASSERT_NULL(db);
	ASSERT_NULL(ns);
	ASSERT_STRSTR(msg, "type [27] refers to base FUNC [14], which cannot be distilled");
	/* and without a base there is nothing to distill */
	ASSERT_EQ(btf_distill__base(base, &db, &ns), -EINVAL);
cleanup:
	free(capture_stderr_end());
	free(msg);
	btf__free(split);
	btf__free(base);
}

/* a split BTF that uses no base type gets an empty distilled base */
static void test_distill__no_base_refs(void)
{
	struct btf *base = make_base(), *split = NULL, *db = NULL, *ns = NULL;
	char *dump = NULL;

	ASSERT_NONNULL(base);
	split = btf__new_empty_split(base);
	ASSERT_NONNULL(split);
	ASSERT_EQ(btf__add_int(split, "u8", 1, 0), 20);
	ASSERT_EQ(btf__add_ptr(split, 20), 21);
	ASSERT_OK(btf_distill__base(split, &db, &ns));
	ASSERT_EQ(btf__type_cnt(db), 1);
	dump = unit_dump_btf(ns, 1);
	ASSERT_STREQ(dump, "[1] INT 'u8' size=1 bits_offset=0 nr_bits=8 encoding=(none)\n"
			   "[2] PTR '(anon)' type_id=1\n");
cleanup:
	free(dump);
	btf__free(ns);
	btf__free(db);
	btf__free(split);
	btf__free(base);
}

/* big-endian split BTF gives big-endian output, which libbpf reads back */
static void test_distill__big_endian_roundtrip(void)
{
	struct btf *base = make_base(), *split = NULL, *db = NULL, *ns = NULL;
	struct btf *db2 = NULL, *ns2 = NULL;
	char dpath[] = "/tmp/d2b_distill_XXXXXX", spath[] = "/tmp/d2b_distill_XXXXXX";
	const unsigned char *raw;
	char *d1 = NULL, *d2 = NULL;
	uint32_t size;
	int fd;
	FILE *f;

	ASSERT_NONNULL(base);
	split = make_split(base);
	ASSERT_NONNULL(split);
	ASSERT_OK(btf__set_endianness(split, BTF_BIG_ENDIAN));
	ASSERT_OK(btf_distill__base(split, &db, &ns));
	ASSERT_EQ(btf__endianness(db), BTF_BIG_ENDIAN);
	ASSERT_EQ(btf__endianness(ns), BTF_BIG_ENDIAN);
	raw = btf__raw_data(db, &size);
	ASSERT_NONNULL(raw);
	ASSERT_EQ(raw[0], 0xeb); /* BTF_MAGIC 0xeb9f, big-endian */
	fd = mkstemp(dpath);
	ASSERT_TRUE(fd >= 0);
	f = fdopen(fd, "w");
	ASSERT_NONNULL(f);
	ASSERT_EQ(fwrite(raw, 1, size, f), size);
	fclose(f);
	raw = btf__raw_data(ns, &size);
	ASSERT_NONNULL(raw);
	ASSERT_EQ(raw[0], 0xeb);
	fd = mkstemp(spath);
	ASSERT_TRUE(fd >= 0);
	f = fdopen(fd, "w");
	ASSERT_NONNULL(f);
	ASSERT_EQ(fwrite(raw, 1, size, f), size);
	fclose(f);
	db2 = btf__parse_raw(dpath);
	ASSERT_NONNULL(db2);
	ns2 = btf__parse_raw_split(spath, db2);
	ASSERT_NONNULL(ns2);
	d1 = unit_dump_btf(ns, 1);
	d2 = unit_dump_btf(ns2, 1);
	ASSERT_STREQ(d2, d1);
cleanup:
	unlink(dpath);
	unlink(spath);
	free(d1);
	free(d2);
	btf__free(ns2);
	btf__free(db2);
	btf__free(ns);
	btf__free(db);
	btf__free(split);
	btf__free(base);
}

static const struct unit_test unit_tests_distill[] = {
	TEST(distill, base_and_split),
	TEST(distill, strings),
	TEST(distill, relocate_same_base),
	TEST(distill, relocate_other_base),
	TEST(distill, refuse_embedded_resized),
	TEST(distill, refuse_ambiguous),
	TEST(distill, refuse_enum_resized),
	TEST(distill, refuse_bad_distilled_base),
	TEST(distill, refuse_stray_string),
	TEST(distill, refuse_ref_to_func),
	TEST(distill, no_base_refs),
	TEST(distill, big_endian_roundtrip),
};
UNIT_MODULE(distill);
