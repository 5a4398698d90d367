// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of the command line parser (tools/options.c) on the command
 * lines the kernel build gives pahole.
 */
#include <dwarf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include "btf_encoder.h"
#include "btf_features.h"
#include "options.h"
#include "test.h"

#define LEGACY (BTF_FEAT_VAR | BTF_FEAT_DECL_TAG | BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64)
/* what "default" means */
#define DEFAULT_IMPL                                                                               \
	(BTF_FEAT_ENCODE_FORCE | BTF_FEAT_VAR | BTF_FEAT_FLOAT | BTF_FEAT_DECL_TAG |               \
	 BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64 | BTF_FEAT_OPTIMIZED_FUNC |                           \
	 BTF_FEAT_CONSISTENT_FUNC | BTF_FEAT_DECL_TAG_KFUNCS)

static bool lang_set(const uint64_t bitmap[2], unsigned int code)
{
	return bitmap[code / 64] & (1ULL << (code % 64));
}

/*
 * Parse a NULL-terminated list of arguments (argv[0] is added). getopt
 * permutes argv and keeps pointers into it, so the strings are literals
 * (static storage) and the array is static too.
 */
#define MAX_ARGS 16
static char *argv_buf[MAX_ARGS + 2];

static int parse(struct d2b_cli *cli, ...)
{
	va_list ap;
	int argc = 0;
	char *a;

	unsetenv("PAHOLE_LANG_EXCLUDE");
	argv_buf[argc++] = (char *)"dwarf2btf";
	va_start(ap, cli);
	while ((a = va_arg(ap, char *)) && argc <= MAX_ARGS)
		argv_buf[argc++] = a;
	va_end(ap);
	argv_buf[argc] = NULL;
	return d2b_cli__parse(cli, argc, argv_buf);
}

#define PARSE(cli, ...) parse(cli, __VA_ARGS__, (char *)NULL)

/* the options of a vmlinux build (scripts/link-vmlinux.sh, pahole 1.24 era) */
static void test_options__vmlinux_line(void)
{
	struct d2b_cli cli;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	ASSERT_EQ(PARSE(&cli, "-J", "-j", "--btf_gen_floats", "--lang_exclude=rust", "--btf_base",
			"vmlinux", "x.ko"),
		  0);
	ASSERT_EQ(cli.action, D2B_ENCODE);
	ASSERT_TRUE(cli.encode);
	ASSERT_NULL(cli.detached);
	ASSERT_STREQ(cli.base, "vmlinux");
	/* -j alone: one worker per CPU */
	ASSERT_EQ(cli.jobs, cpus > 0 ? cpus : 1);
	ASSERT_EQ(cli.dwl.nr_threads, cli.jobs);
	ASSERT_EQ(cli.features, LEGACY | BTF_FEAT_FLOAT);
	ASSERT_TRUE(lang_set(cli.dwl.lang_exclude, DW_LANG_Rust));
	ASSERT_FALSE(lang_set(cli.dwl.lang_exclude, DW_LANG_C89));
	ASSERT_FALSE(cli.dwl.has_lang_include);
	ASSERT_FALSE(cli.flat_arrays);
	ASSERT_EQ(cli.nr_files, 1);
	ASSERT_STREQ(cli.files[0], "x.ko");
	ASSERT_EQ(cli.verbose, 0);
cleanup:;
}

static void test_options__jobs_attached(void)
{
	struct d2b_cli cli;

	ASSERT_EQ(PARSE(&cli, "-J", "-j16", "vmlinux"), 0);
	ASSERT_EQ(cli.jobs, 16);
	ASSERT_EQ(cli.dwl.nr_threads, 16);
	ASSERT_EQ(cli.nr_files, 1);
	ASSERT_STREQ(cli.files[0], "vmlinux");
	ASSERT_EQ(PARSE(&cli, "-J", "--jobs=3", "vmlinux"), 0);
	ASSERT_EQ(cli.jobs, 3);
	/* no -j: one thread */
	ASSERT_EQ(PARSE(&cli, "-J", "vmlinux"), 0);
	ASSERT_EQ(cli.jobs, 1);
	ASSERT_EQ(cli.features, LEGACY);
cleanup:;
}

static void test_options__jobs_invalid(void)
{
	struct d2b_cli cli;

	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(PARSE(&cli, "-J", "-j0", "vmlinux"), 2);
	ASSERT_EQ(PARSE(&cli, "-J", "-jx", "vmlinux"), 2);
	ASSERT_EQ(PARSE(&cli, "-J", "-j16x", "vmlinux"), 2);
	ASSERT_EQ(PARSE(&cli, "-J", "-j100000", "vmlinux"), 2);
	free(capture_stderr_end());
cleanup:
	free(capture_stderr_end());
}

/* scripts/Makefile.btf of kernels >= 6.8: features, then more for modules */
static void test_options__btf_features_twice(void)
{
	struct d2b_cli cli;

	ASSERT_EQ(PARSE(&cli, "-J",
			"--btf_features=encode_force,var,float,enum64,decl_tag,type_tag,"
			"optimized_func,consistent_func,decl_tag_kfuncs",
			"--btf_features=attributes", "vmlinux"),
		  0);
	/* the second list adds to the first */
	ASSERT_EQ(cli.features, DEFAULT_IMPL | BTF_FEAT_ATTRIBUTES);
	/* a list replaces the legacy defaults instead of adding to them */
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_features=float", "vmlinux"), 0);
	ASSERT_EQ(cli.features, BTF_FEAT_FLOAT);
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_features=+global_var", "vmlinux"), 0);
	ASSERT_EQ(cli.features, DEFAULT_IMPL | BTF_FEAT_GLOBAL_VAR);
cleanup:;
}

static void test_options__btf_features_strict(void)
{
	struct d2b_cli cli;
	char *err_out = NULL;

	/* unknown names: ignored by --btf_features, an error with _strict */
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_features=var,from_the_future", "vmlinux"), 0);
	ASSERT_EQ(cli.features, BTF_FEAT_VAR);
	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_features_strict=var,from_the_future", "vmlinux"), 2);
	err_out = capture_stderr_end();
	ASSERT_STRSTR(err_out, "from_the_future");
cleanup:
	free(capture_stderr_end());
	free(err_out);
}

static void test_options__legacy_flags(void)
{
	struct d2b_cli cli;

	ASSERT_EQ(PARSE(&cli, "-J", "--skip_encoding_btf_enum64", "--skip_encoding_btf_type_tag",
			"--skip_encoding_btf_vars", "vmlinux"),
		  0);
	ASSERT_EQ(cli.features, BTF_FEAT_DECL_TAG);
	ASSERT_EQ(PARSE(&cli, "-J", "--skip_encoding_btf_decl_tag", "--btf_gen_optimized",
			"--skip_encoding_btf_inconsistent_proto", "--btf_encode_force", "vmlinux"),
		  0);
	ASSERT_EQ(cli.features, BTF_FEAT_VAR | BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64 |
					BTF_FEAT_OPTIMIZED_FUNC | BTF_FEAT_CONSISTENT_FUNC |
					BTF_FEAT_ENCODE_FORCE);
	/* as pahole: no decl tags, kfunc tags included, but kfuncs are still read */
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_features=default", "--btf_attributes",
			"--skip_encoding_btf_decl_tag", "vmlinux"),
		  0);
	ASSERT_EQ(cli.features, (DEFAULT_IMPL | BTF_FEAT_ATTRIBUTES) & ~BTF_FEAT_DECL_TAG);
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_gen_all", "vmlinux"), 0);
	ASSERT_EQ(cli.features, DEFAULT_IMPL | BTF_FEAT_GLOBAL_VAR);
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_flat_arrays", "--reproducible_build", "vmlinux"), 0);
	ASSERT_TRUE(cli.flat_arrays);
	ASSERT_EQ(cli.features, LEGACY | BTF_FEAT_REPRODUCIBLE);
cleanup:;
}

static void test_options__unknown_option(void)
{
	struct d2b_cli cli;
	char *err_out = NULL;

	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(PARSE(&cli, "-J", "--no_such_option", "vmlinux"), 2);
	ASSERT_EQ(PARSE(&cli, "-J", "-Z", "vmlinux"), 2);
	ASSERT_EQ(PARSE(&cli, "-J", "--btf_base"), 2); /* missing argument */
	err_out = capture_stderr_end();
	ASSERT_STRSTR(err_out, "unknown option '--no_such_option'");
	ASSERT_STRSTR(err_out, "unknown option '-Z'");
	ASSERT_STRSTR(err_out, "--btf_base");
cleanup:
	free(capture_stderr_end());
	free(err_out);
}

static void test_options__detached(void)
{
	struct d2b_cli cli;

	ASSERT_EQ(PARSE(&cli, "--btf_encode_detached=F", "x.o"), 0);
	ASSERT_TRUE(cli.encode); /* implies encoding */
	ASSERT_STREQ(cli.detached, "F");
	ASSERT_EQ(cli.nr_files, 1);
	ASSERT_STREQ(cli.files[0], "x.o");
	ASSERT_EQ(PARSE(&cli, "--btf_encode_detached", "G", "-J", "y.o"), 0);
	ASSERT_STREQ(cli.detached, "G");
	ASSERT_STREQ(cli.files[0], "y.o");
	ASSERT_OK(capture_stderr_begin());
	/* one output file cannot hold the BTF of two inputs */
	ASSERT_EQ(PARSE(&cli, "--btf_encode_detached=F", "a.o", "b.o"), 2);
	free(capture_stderr_end());
cleanup:
	free(capture_stderr_end());
}

static void test_options__usage_errors(void)
{
	struct d2b_cli cli;

	ASSERT_OK(capture_stderr_begin());
	ASSERT_EQ(PARSE(&cli, "-J"), 2);      /* no input */
	ASSERT_EQ(PARSE(&cli, "vmlinux"), 2); /* nothing to do */
	ASSERT_EQ(PARSE(&cli, "-J", "--lang_exclude=klingon", "vmlinux"), 2);
	free(capture_stderr_end());
cleanup:
	free(capture_stderr_end());
}

static void test_options__actions(void)
{
	struct d2b_cli cli;

	/* actions need no input file */
	ASSERT_EQ(PARSE(&cli, "--supported_btf_features"), 0);
	ASSERT_EQ(cli.action, D2B_SUPPORTED_FEATURES);
	ASSERT_EQ(PARSE(&cli, "--version"), 0);
	ASSERT_EQ(cli.action, D2B_VERSION);
	ASSERT_EQ(PARSE(&cli, "--numeric_version"), 0);
	ASSERT_EQ(cli.action, D2B_NUMERIC_VERSION);
	ASSERT_EQ(PARSE(&cli, "-h"), 0);
	ASSERT_EQ(cli.action, D2B_HELP);
	ASSERT_EQ(PARSE(&cli, "-V", "-V", "-J", "a.o"), 0);
	ASSERT_EQ(cli.verbose, 2);
	ASSERT_EQ(PARSE(&cli, "-q", "-V", "-J", "a.o"), 0);
	ASSERT_EQ(cli.verbose, -1);
cleanup:;
}

static void test_options__files_and_lang(void)
{
	struct d2b_cli cli;

	ASSERT_EQ(PARSE(&cli, "a.ko", "-J", "b.ko", "--lang=c,c11", "c.ko"), 0);
	ASSERT_EQ(cli.nr_files, 3);
	ASSERT_STREQ(cli.files[0], "a.ko");
	ASSERT_STREQ(cli.files[1], "b.ko");
	ASSERT_STREQ(cli.files[2], "c.ko");
	ASSERT_TRUE(cli.dwl.has_lang_include);
	ASSERT_TRUE(lang_set(cli.dwl.lang_include, DW_LANG_C));
	ASSERT_TRUE(lang_set(cli.dwl.lang_include, DW_LANG_C11));
	ASSERT_FALSE(lang_set(cli.dwl.lang_include, DW_LANG_C99));
	/* "--" ends the options */
	ASSERT_EQ(PARSE(&cli, "-J", "--", "-odd-name.o"), 0);
	ASSERT_EQ(cli.nr_files, 1);
	ASSERT_STREQ(cli.files[0], "-odd-name.o");
	/* PAHOLE_LANG_EXCLUDE is the default of --lang_exclude */
	argv_buf[0] = (char *)"dwarf2btf";
	argv_buf[1] = (char *)"-J";
	argv_buf[2] = (char *)"a.o";
	argv_buf[3] = NULL;
	setenv("PAHOLE_LANG_EXCLUDE", "rust", 1);
	ASSERT_EQ(d2b_cli__parse(&cli, 3, argv_buf), 0);
	ASSERT_TRUE(lang_set(cli.dwl.lang_exclude, DW_LANG_Rust));
cleanup:
	unsetenv("PAHOLE_LANG_EXCLUDE");
}

static const struct unit_test unit_tests_options[] = {
	TEST(options, vmlinux_line),	    TEST(options, jobs_attached),
	TEST(options, jobs_invalid),	    TEST(options, btf_features_twice),
	TEST(options, btf_features_strict), TEST(options, legacy_flags),
	TEST(options, unknown_option),	    TEST(options, detached),
	TEST(options, usage_errors),	    TEST(options, actions),
	TEST(options, files_and_lang),
};
UNIT_MODULE(options);
