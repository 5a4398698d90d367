// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of the BTF feature table (btf_encoder/btf_features.h).
 */
#include <errno.h>
#include <stdlib.h>
#include "btf_encoder.h"
#include "btf_features.h"
#include "log.h"
#include "test.h"

/* what the kernel's scripts/Makefile.btf passes for pahole >= 1.26 */
#define KBUILD_LIST                                                                                \
	"encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,"          \
	"decl_tag_kfuncs"

/* what "default" means: all of it is implemented */
#define DEFAULT_IMPL                                                                               \
	(BTF_FEAT_ENCODE_FORCE | BTF_FEAT_VAR | BTF_FEAT_FLOAT | BTF_FEAT_DECL_TAG |               \
	 BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64 | BTF_FEAT_OPTIMIZED_FUNC |                           \
	 BTF_FEAT_CONSISTENT_FUNC | BTF_FEAT_DECL_TAG_KFUNCS)

static void test_features__legacy(void)
{
	/* plain pahole -J: per-CPU VARs, decl tags, type tags, enum64; no floats */
	ASSERT_EQ(btf_features__legacy(),
		  BTF_FEAT_VAR | BTF_FEAT_DECL_TAG | BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64);
	ASSERT_EQ(btf_features__legacy(), 0x3a);
cleanup:;
}

static void test_features__default_set(void)
{
	ASSERT_EQ(btf_features__default(), DEFAULT_IMPL);
	ASSERT_EQ(btf_features__default(), 0x1ff);
cleanup:;
}

static void test_features__parse_default(void)
{
	uint32_t bits = 0;

	ASSERT_OK(btf_features__parse("default", false, &bits));
	ASSERT_EQ(bits, DEFAULT_IMPL);
	bits = 0;
	ASSERT_OK(btf_features__parse("default", true, &bits));
	ASSERT_EQ(bits, DEFAULT_IMPL);
cleanup:;
}

static void test_features__parse_plus(void)
{
	uint32_t bits = 0;

	/* "+name": the default set plus name */
	ASSERT_OK(btf_features__parse("+global_var", false, &bits));
	ASSERT_EQ(bits, DEFAULT_IMPL | BTF_FEAT_GLOBAL_VAR);
	bits = 0;
	ASSERT_OK(btf_features__parse("+global_var,reproducible_build", true, &bits));
	ASSERT_EQ(bits, DEFAULT_IMPL | BTF_FEAT_GLOBAL_VAR | BTF_FEAT_REPRODUCIBLE);
cleanup:;
}

static void test_features__parse_list(void)
{
	uint32_t bits = 0;

	ASSERT_OK(btf_features__parse("var,float", true, &bits));
	ASSERT_EQ(bits, BTF_FEAT_VAR | BTF_FEAT_FLOAT);
	/* adds to what is there (repeated --btf_features accumulate) */
	ASSERT_OK(btf_features__parse("global_var", true, &bits));
	ASSERT_EQ(bits, BTF_FEAT_VAR | BTF_FEAT_FLOAT | BTF_FEAT_GLOBAL_VAR);
	bits = 0;
	ASSERT_OK(btf_features__parse(KBUILD_LIST, true, &bits));
	ASSERT_EQ(bits, DEFAULT_IMPL);
	bits = 0;
	ASSERT_OK(btf_features__parse("reproducible_build", true, &bits));
	ASSERT_EQ(bits, BTF_FEAT_REPRODUCIBLE);
	bits = 0;
	ASSERT_OK(btf_features__parse("", true, &bits));
	ASSERT_EQ(bits, 0);
	/* empty items between commas are skipped */
	ASSERT_OK(btf_features__parse(",var,,float,", true, &bits));
	ASSERT_EQ(bits, BTF_FEAT_VAR | BTF_FEAT_FLOAT);
	bits = 0;
	/* "all": every implemented feature */
	ASSERT_OK(btf_features__parse("all", true, &bits));
	ASSERT_EQ(bits, DEFAULT_IMPL | BTF_FEAT_REPRODUCIBLE | BTF_FEAT_GLOBAL_VAR |
				BTF_FEAT_DISTILLED_BASE | BTF_FEAT_ATTRIBUTES |
				BTF_FEAT_TRUE_SIGNATURE);
	/* what 6.16+ kernels add for pahole >= 1.30 */
	bits = 0;
	ASSERT_OK(btf_features__parse(KBUILD_LIST, true, &bits));
	ASSERT_OK(btf_features__parse("attributes", true, &bits));
	ASSERT_EQ(bits, DEFAULT_IMPL | BTF_FEAT_ATTRIBUTES);
cleanup:;
}

/*
 * known names that are not implemented: accepted, even strictly, and
 * ignored (none at the moment: attributes was the last)
 */
static void test_features__unimplemented_ignored(void)
{
	uint32_t bits = 0;
	unsigned int i, nr_unimpl = 0;

	for (i = 0; i < btf_feature_nr_defs; i++) {
		if (btf_feature_defs[i].available)
			continue;
		nr_unimpl++;
		bits = 0;
		ASSERT_OK(btf_features__parse(btf_feature_defs[i].name, true, &bits));
		ASSERT_EQ(bits, 0);
	}
	ASSERT_EQ(nr_unimpl, 0);
	bits = 0;
	ASSERT_OK(btf_features__parse("distilled_base,attributes,var", true, &bits));
	ASSERT_EQ(bits, BTF_FEAT_DISTILLED_BASE | BTF_FEAT_ATTRIBUTES | BTF_FEAT_VAR);
cleanup:;
}

static void test_features__unknown_lenient(void)
{
	uint32_t bits = 0;
	char *err_out = NULL;

	ASSERT_OK(capture_stderr_begin());
	ASSERT_OK(btf_features__parse("var,no_such_feature,float", false, &bits));
	err_out = capture_stderr_end();
	/* the known names around it still count */
	ASSERT_EQ(bits, BTF_FEAT_VAR | BTF_FEAT_FLOAT);
	/* ignored quietly unless -V */
	ASSERT_STREQ(err_out, "");
cleanup:
	free(capture_stderr_end());
	free(err_out);
}

static void test_features__unknown_strict(void)
{
	uint32_t bits = 0;
	char *err_out = NULL;

	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(btf_features__parse("var,no_such_feature", true, &bits), -EINVAL);
	/* names are exact: no prefixes, no case folding */
	ASSERT_EQ(btf_features__parse("VAR", true, &bits), -EINVAL);
	ASSERT_EQ(btf_features__parse("enum", true, &bits), -EINVAL);
	ASSERT_EQ(btf_features__parse("var ", true, &bits), -EINVAL);
	err_out = capture_stderr_end();
	ASSERT_STRSTR(err_out, "unknown BTF feature 'no_such_feature'");
	ASSERT_STRSTR(err_out, "unknown BTF feature 'var '");
cleanup:
	free(capture_stderr_end());
	free(err_out);
}

static void test_features__table(void)
{
	unsigned int i, j;
	uint32_t all = 0;

	ASSERT_EQ(btf_feature_nr_defs, 14);
	for (i = 0; i < btf_feature_nr_defs; i++) {
		const struct btf_feature_def *d = &btf_feature_defs[i];

		ASSERT_NONNULL(d->name);
		ASSERT_NONNULL(d->help);
		/* one bit each, no bit twice, no name twice */
		ASSERT_EQ(__builtin_popcount(d->bit), 1);
		ASSERT_EQ(all & d->bit, 0);
		all |= d->bit;
		for (j = 0; j < i; j++)
			ASSERT_FALSE(!strcmp(btf_feature_defs[j].name, d->name));
		/* "default" holds exactly the implemented features marked for it */
		ASSERT_EQ(!!(btf_features__default() & d->bit), d->in_default && d->available);
	}
	ASSERT_EQ(all, 0x3fff);
cleanup:;
}

static void test_features__print(void)
{
	FILE *f = tmpfile();
	char buf[512] = "";
	size_t n;

	ASSERT_NONNULL(f);
	btf_features__print(f);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	/* what --supported_btf_features prints: the implemented ones */
	ASSERT_STREQ(buf, "encode_force,var,float,decl_tag,type_tag,enum64,optimized_func,"
			  "consistent_func,decl_tag_kfuncs,reproducible_build,global_var,"
			  "distilled_base,attributes,true_signature\n");
cleanup:
	if (f)
		fclose(f);
}

static const struct unit_test unit_tests_features[] = {
	TEST(features, legacy),		 TEST(features, default_set),
	TEST(features, parse_default),	 TEST(features, parse_plus),
	TEST(features, parse_list),	 TEST(features, unimplemented_ignored),
	TEST(features, unknown_lenient), TEST(features, unknown_strict),
	TEST(features, table),		 TEST(features, print),
};
UNIT_MODULE(features);
