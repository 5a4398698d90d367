/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The unit test framework: a table of tests per module, assertions in the
 * style of the kernel selftests' test_progs, and helpers shared by the
 * test modules (raw BTF dump, stderr capture).
 *
 * A test is `static void test_<suite>__<case>(void)`, listed in its
 * module's table with TEST(suite, case):
 *
 *	static void test_vec__grow(void)
 *	{
 *		void *p = NULL;
 *
 *		ASSERT_OK(vec_ensure(...));
 *	cleanup:
 *		free(p);
 *	}
 *
 *	static const struct unit_test unit_tests_common[] = {
 *		TEST(vec, grow),
 *	};
 *	UNIT_MODULE(common);
 *
 * Every ASSERT_* prints the file, the line, the expressions and both
 * values, marks the test failed and leaves it through its `cleanup:` label,
 * so every test ends with one (teardown, or just `;`). The runner (runner.c)
 * knows the modules through UNIT_MODULES below.
 */
#ifndef D2B_UNIT_TEST_H
#define D2B_UNIT_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct btf;

struct unit_test {
	const char *suite;
	const char *name;
	void (*fn)(void);
	const char *known_bug; /* NULL, or why the test is expected to fail */
};

struct unit_module {
	const struct unit_test *tests;
	size_t nr;
};

/* every test module, in the order the runner lists them */
#define UNIT_MODULES(X)                                                                            \
	X(common)                                                                                  \
	X(model)                                                                                   \
	X(dwarf_loc)                                                                               \
	X(features)                                                                                \
	X(options)                                                                                 \
	X(merge)                                                                                   \
	X(encoder)                                                                                 \
	X(encoder_cus)                                                                             \
	X(kfuncs)                                                                                  \
	X(split)                                                                                   \
	X(distill)                                                                                 \
	X(verify)

/* one entry of a module's table (clang-format splits these initializers badly) */
/* clang-format off */
#define TEST(suite, case) { #suite, #case, test_##suite##__##case, NULL }

/*
 * TEST_KNOWN_BUG(suite, case, why) - a test of the correct behaviour that
 * fails because of a reported, not yet fixed bug. Its failure is printed
 * with @why and does not fail the run; once it passes, the run fails until
 * the mark is changed back to TEST().
 */
#define TEST_KNOWN_BUG(suite, case, why) { #suite, #case, test_##suite##__##case, why }
/* clang-format on */

/*
 * UNIT_MODULE(module) - after the module's table
 * `static const struct unit_test unit_tests_<module>[]`, defines the
 * descriptor unit_module_<module> that runner.c references.
 */
#define UNIT_MODULE(module)                                                                        \
	extern const struct unit_module unit_module_##module;                                      \
	const struct unit_module unit_module_##module = {                                          \
		unit_tests_##module, sizeof(unit_tests_##module) / sizeof(unit_tests_##module[0])}

/* set by the assertions; the runner clears it before each test */
extern bool unit_test_failed;

void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define UNIT_FAIL_(...)                                                                            \
	do {                                                                                       \
		unit_fail(__FILE__, __LINE__, __VA_ARGS__);                                        \
		goto cleanup;                                                                      \
	} while (0)

/* integers of any signedness up to 64 bits; both printed as signed and hex */
#define ASSERT_EQ(a, b)                                                                            \
	do {                                                                                       \
		long long a_ = (long long)(a), b_ = (long long)(b);                                \
		if (a_ != b_)                                                                      \
			UNIT_FAIL_("ASSERT_EQ(%s, %s): %lld (0x%llx) != %lld (0x%llx)", #a, #b,    \
				   a_, (unsigned long long)a_, b_, (unsigned long long)b_);        \
	} while (0)

#define ASSERT_NE(a, b)                                                                            \
	do {                                                                                       \
		long long a_ = (long long)(a), b_ = (long long)(b);                                \
		if (a_ == b_)                                                                      \
			UNIT_FAIL_("ASSERT_NE(%s, %s): both %lld", #a, #b, a_);                    \
	} while (0)

/* the value is 0 (success of a function returning 0 or -errno) */
#define ASSERT_OK(a)                                                                               \
	do {                                                                                       \
		long long a_ = (long long)(a);                                                     \
		if (a_ != 0)                                                                       \
			UNIT_FAIL_("ASSERT_OK(%s): %lld, expected 0", #a, a_);                     \
	} while (0)

/* the value is negative (an error from a function returning -errno) */
#define ASSERT_ERR(a)                                                                              \
	do {                                                                                       \
		long long a_ = (long long)(a);                                                     \
		if (a_ >= 0)                                                                       \
			UNIT_FAIL_("ASSERT_ERR(%s): %lld, expected < 0", #a, a_);                  \
	} while (0)

#define ASSERT_TRUE(a)                                                                             \
	do {                                                                                       \
		if (!(a))                                                                          \
			UNIT_FAIL_("ASSERT_TRUE(%s): false", #a);                                  \
	} while (0)

#define ASSERT_FALSE(a)                                                                            \
	do {                                                                                       \
		if (a)                                                                             \
			UNIT_FAIL_("ASSERT_FALSE(%s): true", #a);                                  \
	} while (0)

#define ASSERT_NONNULL(a)                                                                          \
	do {                                                                                       \
		if (!(a))                                                                          \
			UNIT_FAIL_("ASSERT_NONNULL(%s): NULL", #a);                                \
	} while (0)

#define ASSERT_NULL(a)                                                                             \
	do {                                                                                       \
		const void *a_ = (a);                                                              \
		if (a_)                                                                            \
			UNIT_FAIL_("ASSERT_NULL(%s): %p", #a, a_);                                 \
	} while (0)

/* C strings; NULL compares equal only to NULL */
#define ASSERT_STREQ(a, b)                                                                         \
	do {                                                                                       \
		const char *a_ = (a), *b_ = (b);                                                   \
		if (!unit_streq(a_, b_))                                                           \
			UNIT_FAIL_("ASSERT_STREQ(%s, %s):\n--- actual\n%s\n--- expected\n%s\n%s",  \
				   #a, #b, a_ ?: "(null)", b_ ?: "(null)",                         \
				   unit_first_diff(a_, b_));                                       \
	} while (0)

/* @hay contains @needle */
#define ASSERT_STRSTR(hay, needle)                                                                 \
	do {                                                                                       \
		const char *h_ = (hay), *n_ = (needle);                                            \
		if (!h_ || !n_ || !strstr(h_, n_))                                                 \
			UNIT_FAIL_("ASSERT_STRSTR(%s, %s): '%s' not in:\n%s", #hay, #needle,       \
				   n_ ?: "(null)", h_ ?: "(null)");                                \
	} while (0)

bool unit_streq(const char *a, const char *b);
/* "first difference at line N: ..." for ASSERT_STREQ messages (static buffer) */
const char *unit_first_diff(const char *a, const char *b);

/**
 * unit_dump_btf() - the types of @btf from @first_id on, in the raw format of
 * `bpftool btf dump file F` (bpftool 7.1, byte for byte, so goldens can be
 * checked with it; the libbpf selftests' btf_helpers.c differ only in
 * leaving out the LL/ULL of ENUM64 values and the "(VAR 'name')" of DATASEC
 * entries): "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED",
 * members on lines of their own starting with a tab, every line ending in
 * "\n".
 * @first_id:	1 for a whole BTF, btf__type_cnt(base) for the split part
 * Return: a malloc'ed string, or NULL on ENOMEM.
 */
char *unit_dump_btf(const struct btf *btf, uint32_t first_id);

/*
 * capture_stderr_begin() / capture_stderr_end() - collect what is written to
 * file descriptor 2 in between; end returns it malloc'ed (NULL on failure)
 * and restores stderr.
 */
int capture_stderr_begin(void);
char *capture_stderr_end(void);
bool capture_stderr_active(void);

#endif
