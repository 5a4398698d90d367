// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of the kernel's BTF verifier in user space (btf/): BTF built
 * with libbpf, some of it patched byte by byte into what libbpf would not
 * write, and the verdict and the rule named. The agreement with the running
 * kernel on mutants of real BTF is tests/kernel/verify_mutants.sh.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_verify.h"
#include "test.h"

/* [1] int, [2] struct s { int a; long b; }, [3] long, [4] struct s *, [5] typedef s_t */
static struct btf *small(void)
{
	struct btf *b = btf__new_empty();

	if (!b || btf__add_int(b, "int", 4, BTF_INT_SIGNED) != 1 ||
	    btf__add_struct(b, "s", 16) != 2 || btf__add_field(b, "a", 1, 0, 0) ||
	    btf__add_field(b, "b", 3, 64, 0) || btf__add_int(b, "long", 8, BTF_INT_SIGNED) != 3 ||
	    btf__add_ptr(b, 2) != 4 || btf__add_typedef(b, "s_t", 2) != 5) {
		btf__free(b);
		return NULL;
	}
	return b;
}

/* a copy of @b's raw bytes, and where type @id starts in it */
static unsigned char *raw_copy(const struct btf *b, __u32 *size)
{
	const void *raw = btf__raw_data(b, size);
	unsigned char *copy = raw ? malloc(*size) : NULL;

	if (copy)
		memcpy(copy, raw, *size);
	return copy;
}

static struct btf_type *raw_type(unsigned char *raw, const struct btf *b, __u32 id)
{
	const struct btf_header *h = (const void *)raw;
	/* the other byte order: its header read as such */
	bool swap = h->magic != BTF_MAGIC;
	__u32 hdr_len = swap ? __builtin_bswap32(h->hdr_len) : h->hdr_len;
	__u32 type_off = swap ? __builtin_bswap32(h->type_off) : h->type_off;
	const char *first = (const char *)btf__type_by_id(
		b, btf__base_btf(b) ? btf__type_cnt(btf__base_btf(b)) : 1);

	return (struct btf_type *)(raw + hdr_len + type_off +
				   ((const char *)btf__type_by_id(b, id) - first));
}

static char vlog[512];

static int check_raw(const void *raw, __u32 size)
{
	vlog[0] = 0;
	return btf_verify__raw(raw, size, NULL, vlog, sizeof(vlog));
}

static void test_verify__valid_kinds(void)
{
	struct btf *b = small();
	int proto, var;

	ASSERT_NONNULL(b);
	proto = btf__add_func_proto(b, 1);
	ASSERT_OK(btf__add_func_param(b, "x", 4));
	ASSERT_OK(btf__add_func_param(b, NULL, 0)); /* ... */
	ASSERT_TRUE(btf__add_func(b, "f", BTF_FUNC_GLOBAL, proto) > 0);
	ASSERT_TRUE(btf__add_decl_tag(b, "tag", proto + 1, 0) > 0);
	ASSERT_TRUE(btf__add_enum64(b, "e", 8, true) > 0);
	ASSERT_OK(btf__add_enum64_value(b, "E1", -1));
	ASSERT_TRUE(btf__add_float(b, "double", 8) > 0);
	ASSERT_TRUE(btf__add_type_tag(b, "user", 1) > 0);
	ASSERT_TRUE(btf__add_array(b, 1, 2, 4) > 0);
	var = btf__add_var(b, "v", BTF_VAR_GLOBAL_ALLOCATED, 3);
	ASSERT_TRUE(btf__add_datasec(b, ".data..percpu", 16) > 0);
	ASSERT_OK(btf__add_datasec_var_info(b, var, 8, 8));
	vlog[0] = 0;
	ASSERT_OK(btf_verify__check(b, NULL, vlog, sizeof(vlog)));
	ASSERT_STREQ(vlog, "");
cleanup:
	btf__free(b);
}

static void test_verify__int_bits_exceed_size(void)
{
	struct btf *b = small();
	unsigned char *raw = NULL;
	__u32 size;

	ASSERT_NONNULL(b);
	raw = raw_copy(b, &size);
	ASSERT_NONNULL(raw);
	raw_type(raw, b, 1)->size = 3; /* 32 bits in 3 bytes */
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "[1] INT int: nr_bits exceeds type_size");
cleanup:
	free(raw);
	btf__free(b);
}

static void test_verify__typedef_loop(void)
{
	struct btf *b = small();
	unsigned char *raw = NULL;
	__u32 size;

	ASSERT_NONNULL(b);
	raw = raw_copy(b, &size);
	ASSERT_NONNULL(raw);
	raw_type(raw, b, 5)->type = 5;
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "[5] TYPEDEF s_t: Loop detected");
cleanup:
	free(raw);
	btf__free(b);
}

static void test_verify__member_past_struct_end(void)
{
	struct btf *b = small();
	unsigned char *raw = NULL;
	__u32 size;

	ASSERT_NONNULL(b);
	raw = raw_copy(b, &size);
	ASSERT_NONNULL(raw);
	raw_type(raw, b, 2)->size = 12; /* long b at 8 needs 16 */
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "[2] STRUCT s size=12 member b type_id=3 bits_offset=64: Member exceeds "
			   "struct_size");
cleanup:
	free(raw);
	btf__free(b);
}

static void test_verify__array_index_pointer(void)
{
	struct btf *b = small();

	ASSERT_NONNULL(b);
	ASSERT_EQ(btf__add_array(b, 4, 1, 2), 6);
	ASSERT_EQ(btf_verify__check(b, NULL, vlog, sizeof(vlog)), -EINVAL);
	ASSERT_STREQ(vlog, "[6] ARRAY (anon): Invalid index");
cleanup:
	btf__free(b);
}

static void test_verify__func_linkage_and_names(void)
{
	struct btf *b = small();
	unsigned char *raw = NULL;
	__u32 size;
	int f;

	ASSERT_NONNULL(b);
	ASSERT_EQ(btf__add_func_proto(b, 0), 6);
	f = btf__add_func(b, "f", BTF_FUNC_STATIC, 6);
	ASSERT_EQ(f, 7);
	raw = raw_copy(b, &size);
	ASSERT_NONNULL(raw);
	raw_type(raw, b, 7)->info = (BTF_KIND_FUNC << 24) | 9;
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "[7] FUNC f: Invalid func linkage");
	/* extern too: BPF_BTF_LOAD takes static and global FUNCs only */
	raw_type(raw, b, 7)->info = (BTF_KIND_FUNC << 24) | BTF_FUNC_EXTERN;
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "[7] FUNC f: Invalid func linkage");
	/* a named pointer */
	raw_type(raw, b, 7)->info = BTF_KIND_FUNC << 24;
	raw_type(raw, b, 4)->name_off = raw_type(raw, b, 2)->name_off;
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "[4] PTR s: Invalid name");
cleanup:
	free(raw);
	btf__free(b);
}

/* names: C identifiers with dots and the kernel's Latin-1 letters; DATASEC: printable */
static void test_verify__names(void)
{
	struct btf *b = btf__new_empty();
	int var;

	ASSERT_NONNULL(b);
	ASSERT_EQ(btf__add_int(b, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_struct(b, ".a.b\xc0", 4), 2);
	ASSERT_OK(btf__add_field(b, "x", 1, 0, 0));
	var = btf__add_var(b, "v", BTF_VAR_STATIC, 1);
	ASSERT_TRUE(btf__add_datasec(b, "my data", 4) > 0);
	ASSERT_OK(btf__add_datasec_var_info(b, var, 0, 4));
	ASSERT_OK(btf_verify__check(b, NULL, vlog, sizeof(vlog)));
	ASSERT_EQ(btf__add_typedef(b, "a$b", 1), 5);
	ASSERT_EQ(btf_verify__check(b, NULL, vlog, sizeof(vlog)), -EINVAL);
	ASSERT_STREQ(vlog, "[5] TYPEDEF a$b: Invalid name");
cleanup:
	btf__free(b);
}

static void test_verify__type_tag_after_const(void)
{
	struct btf *b = small();

	ASSERT_NONNULL(b);
	ASSERT_EQ(btf__add_type_tag(b, "user", 1), 6);
	ASSERT_EQ(btf__add_const(b, 6), 7);
	ASSERT_EQ(btf_verify__check(b, NULL, vlog, sizeof(vlog)), -EINVAL);
	ASSERT_STREQ(vlog, "[7] CONST: Type tags don't precede modifiers");
cleanup:
	btf__free(b);
}

/* big-endian BTF is read as an s390x kernel reads it: same verdicts, same rules */
static void test_verify__big_endian(void)
{
	struct btf *b = small();
	unsigned char *raw = NULL;
	__u32 size;

	ASSERT_NONNULL(b);
	ASSERT_OK(btf__set_endianness(b, BTF_BIG_ENDIAN));
	ASSERT_OK(btf_verify__check(b, NULL, vlog, sizeof(vlog)));
	raw = raw_copy(b, &size);
	ASSERT_NONNULL(raw);
	ASSERT_EQ(raw[0], 0xeb);
	/* struct s's size, 16 in big-endian, becomes 12 */
	ASSERT_EQ(((unsigned char *)&raw_type(raw, b, 2)->size)[3], 16);
	((unsigned char *)&raw_type(raw, b, 2)->size)[3] = 12;
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STRSTR(vlog, "[2] STRUCT s size=12 member b");
cleanup:
	free(raw);
	btf__free(b);
}

static void test_verify__split_on_base(void)
{
	struct btf *base = small(), *split = NULL;
	int f;

	ASSERT_NONNULL(base);
	split = btf__new_empty_split(base);
	ASSERT_NONNULL(split);
	ASSERT_EQ(btf__add_struct(split, "m", 8), 6);
	ASSERT_OK(btf__add_field(split, "p", 4, 0, 0)); /* a base pointer */
	ASSERT_OK(btf_verify__check(split, base, vlog, sizeof(vlog)));
	ASSERT_EQ(btf__add_func_proto(split, 1), 7);
	f = btf__add_func(split, "g", BTF_FUNC_GLOBAL, 7);
	ASSERT_EQ(f, 8);
	ASSERT_EQ(btf__add_struct(split, "bad", 8), 9);
	ASSERT_OK(btf__add_field(split, "f", 8, 0, 0)); /* a member of a FUNC */
	ASSERT_EQ(btf_verify__check(split, base, vlog, sizeof(vlog)), -EINVAL);
	ASSERT_STREQ(vlog,
		     "[9] STRUCT bad size=8 member f type_id=8 bits_offset=0: Invalid member");
cleanup:
	btf__free(split);
	btf__free(base);
}

static void test_verify__header_and_strings(void)
{
	struct btf *b = small();
	unsigned char *raw = NULL;
	struct btf_header *h;
	__u32 size;

	ASSERT_NONNULL(b);
	raw = raw_copy(b, &size);
	ASSERT_NONNULL(raw);
	h = (struct btf_header *)raw;
	ASSERT_EQ(check_raw(raw, 7), -EINVAL);
	ASSERT_STREQ(vlog, "hdr_len not found");
	h->flags = 1;
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "Unsupported flags");
	h->flags = 0;
	raw[size - 1] = 'x'; /* the last string is not terminated */
	ASSERT_EQ(check_raw(raw, size), -EINVAL);
	ASSERT_STREQ(vlog, "Invalid string section");
cleanup:
	free(raw);
	btf__free(b);
}

static const struct unit_test unit_tests_verify[] = {
	TEST(verify, valid_kinds),
	TEST(verify, int_bits_exceed_size),
	TEST(verify, typedef_loop),
	TEST(verify, member_past_struct_end),
	TEST(verify, array_index_pointer),
	TEST(verify, func_linkage_and_names),
	TEST(verify, names),
	TEST(verify, type_tag_after_const),
	TEST(verify, big_endian),
	TEST(verify, split_on_base),
	TEST(verify, header_and_strings),
};
UNIT_MODULE(verify);
