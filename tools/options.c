// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The option table and its parser. Spellings follow pahole's, since the
 * kernel build passes them verbatim; every entry carries its --help line.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "btf_encoder.h"
#include "btf_features.h"
#include "log.h"
#include "options.h"

enum opt_id {
	OPT_ENCODE = 'J',
	OPT_JOBS = 'j',
	OPT_VERBOSE = 'V',
	OPT_QUIET = 'q',
	OPT_HELP = 'h',
	OPT_DETACHED = 0x100,
	OPT_BASE,
	OPT_GEN_FLOATS,
	OPT_GEN_ALL,
	OPT_SKIP_VARS,
	OPT_SKIP_ENUM64,
	OPT_SKIP_TYPE_TAG,
	OPT_SKIP_DECL_TAG,
	OPT_SKIP_INCONSISTENT,
	OPT_GEN_OPTIMIZED,
	OPT_ENCODE_FORCE,
	OPT_REPRODUCIBLE,
	OPT_ATTRIBUTES,
	OPT_LANG,
	OPT_LANG_EXCLUDE,
	OPT_FEATURES,
	OPT_FEATURES_STRICT,
	OPT_SUPPORTED,
	OPT_VERSION,
	OPT_NUMERIC_VERSION,
	OPT_TOOL_VERSION,
	OPT_FLAT_ARRAYS,
	OPT_CHECK,
	OPT_VERIFY,
	OPT_FSYNC,
	OPT_FUNC_REPORT,
};

struct opt_def {
	const char *name;
	int has_arg; /* no_argument, required_argument, optional_argument */
	int id;
	const char *arg;
	const char *help;
};

static const struct opt_def opt_defs[] = {
	{"btf_encode", no_argument, OPT_ENCODE, NULL,
	 "encode BTF and write it into each input file as section .BTF"},
	{"btf_encode_detached", required_argument, OPT_DETACHED, "FILE",
	 "write raw BTF to FILE instead of into the input"},
	{"btf_base", required_argument, OPT_BASE, "FILE",
	 "encode split BTF on this base (raw BTF or an ELF file with .BTF)"},
	{"jobs", optional_argument, OPT_JOBS, "N",
	 "worker threads (-jN; -j alone: number of CPUs; several files: N at a time); output does "
	 "not depend on it"},
	{"btf_gen_floats", no_argument, OPT_GEN_FLOATS, NULL, "encode floats as FLOAT"},
	{"btf_gen_all", no_argument, OPT_GEN_ALL, NULL, "enable every feature we support"},
	{"skip_encoding_btf_vars", no_argument, OPT_SKIP_VARS, NULL, "no VARs and DATASECs"},
	{"skip_encoding_btf_enum64", no_argument, OPT_SKIP_ENUM64, NULL,
	 "64-bit enums as 8-byte ENUMs with truncated values (kernels before 6.0)"},
	{"skip_encoding_btf_type_tag", no_argument, OPT_SKIP_TYPE_TAG, NULL, "no TYPE_TAGs"},
	{"skip_encoding_btf_decl_tag", no_argument, OPT_SKIP_DECL_TAG, NULL, "no DECL_TAGs"},
	{"skip_encoding_btf_inconsistent_proto", no_argument, OPT_SKIP_INCONSISTENT, NULL,
	 "leave out functions whose prototypes differ between CUs"},
	{"btf_gen_optimized", no_argument, OPT_GEN_OPTIMIZED, NULL,
	 "match optimized clones (.isra, .constprop) to their source function"},
	{"btf_encode_force", no_argument, OPT_ENCODE_FORCE, NULL,
	 "skip invalid symbols instead of failing"},
	{"reproducible_build", no_argument, OPT_REPRODUCIBLE, NULL,
	 "accepted for compatibility: the output is always reproducible"},
	{"btf_attributes", no_argument, OPT_ATTRIBUTES, NULL,
	 "same as --btf_features=attributes: address_space(1) on bpf_arena kfunc pointers"},
	{"btf_flat_arrays", no_argument, OPT_FLAT_ARRAYS, NULL,
	 "multi-dimensional arrays as one flat ARRAY, as pahole writes them (automatic with a base "
	 "that has them)"},
	{"lang", required_argument, OPT_LANG, "LANGS",
	 "only CUs of these languages (c,c11,rust,...)"},
	{"lang_exclude", required_argument, OPT_LANG_EXCLUDE, "LANGS",
	 "skip CUs of these languages (default: $PAHOLE_LANG_EXCLUDE)"},
	{"btf_features", required_argument, OPT_FEATURES, "LIST",
	 "encode exactly these features (default, +extra, name,...); unknown names ignored"},
	{"btf_features_strict", required_argument, OPT_FEATURES_STRICT, "LIST",
	 "as --btf_features, unknown names are an error"},
	{"fsync", no_argument, OPT_FSYNC, NULL,
	 "sync each written file to disk before it replaces the old one"},
	{"func_report", required_argument, OPT_FUNC_REPORT, "FILE",
	 "write why each function has a FUNC or not to FILE (with optimized_func or "
	 "consistent_func)"},
	{"btf_check", no_argument, OPT_CHECK, NULL,
	 "instead of encoding, check each FILE's BTF (raw or .BTF) with the kernel's rules (Linux "
	 "6.18), and that it fits --btf_base if given"},
	{"verify", no_argument, OPT_VERIFY, NULL,
	 "after encoding, check the BTF against the DWARF (layouts, enum values, FUNC parameter "
	 "counts) and the kernel's rules; exit 1 on a mismatch"},
	{"supported_btf_features", no_argument, OPT_SUPPORTED, NULL,
	 "print the feature names --btf_features accepts"},
	{"verbose", no_argument, OPT_VERBOSE, NULL, "more messages (repeat for debug output)"},
	{"quiet", no_argument, OPT_QUIET, NULL, "errors only"},
	{"version", no_argument, OPT_VERSION, NULL,
	 "print the pahole version we are compatible with (for kbuild)"},
	{"numeric_version", no_argument, OPT_NUMERIC_VERSION, NULL, "the same as a number"},
	{"tool_version", no_argument, OPT_TOOL_VERSION, NULL,
	 "print dwarf2btf's own version and libraries"},
	{"help", no_argument, OPT_HELP, NULL, "this help"},
};

#define NR_OPTS (sizeof(opt_defs) / sizeof(opt_defs[0]))

void d2b_cli__help(FILE *f)
{
	unsigned int i;

	fprintf(f, "Usage: dwarf2btf [OPTIONS] FILE...\n"
		   "Encode the DWARF of each ELF FILE as BTF (a drop-in for 'pahole -J').\n\n");
	for (i = 0; i < NR_OPTS; i++) {
		const struct opt_def *o = &opt_defs[i];
		char left[64];
		int n = 0;

		if (o->id < 0x100)
			n = snprintf(left, sizeof(left), "-%c, ", o->id);
		else
			n = snprintf(left, sizeof(left), "    ");
		if (o->has_arg == required_argument)
			snprintf(left + n, sizeof(left) - n, "--%s=%s", o->name, o->arg);
		else if (o->has_arg == optional_argument)
			snprintf(left + n, sizeof(left) - n, "--%s[=%s]", o->name, o->arg);
		else
			snprintf(left + n, sizeof(left) - n, "--%s", o->name);
		fprintf(f, "  %-42s %s\n", left, o->help);
	}
	fprintf(f, "\nExit status: 0 success, 1 an input failed, 2 usage error.\n");
}

static int usage_err(const char *msg, const char *arg)
{
	pr_err("%s '%s' (see --help)", msg, arg);
	return 2;
}

static int parse_jobs(struct d2b_cli *cli, const char *arg)
{
	char *end;
	long n;

	if (!arg) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		cli->jobs = cpus > 0 ? cpus : 1;
		return 0;
	}
	n = strtol(arg, &end, 10);
	if (*end || n < 1 || n > 1024)
		return usage_err("invalid job count", arg);
	cli->jobs = n;
	return 0;
}

struct feature_flags {
	bool have_list;
	uint32_t list;
	uint32_t set;	/* legacy flags that add */
	uint32_t clear; /* legacy flags that remove */
};

static int parse_opt(struct d2b_cli *cli, struct feature_flags *ff, int id, const char *arg)
{
	switch (id) {
	case OPT_ENCODE:
		cli->encode = true;
		return 0;
	case OPT_DETACHED:
		cli->detached = arg;
		cli->encode = true;
		return 0;
	case OPT_BASE:
		cli->base = arg;
		return 0;
	case OPT_JOBS:
		return parse_jobs(cli, arg);
	case OPT_GEN_FLOATS:
		ff->set |= BTF_FEAT_FLOAT;
		return 0;
	case OPT_GEN_ALL:
		ff->set |= btf_features__default() | BTF_FEAT_GLOBAL_VAR;
		return 0;
	case OPT_SKIP_VARS:
		ff->clear |= BTF_FEAT_VAR;
		return 0;
	case OPT_SKIP_ENUM64:
		ff->clear |= BTF_FEAT_ENUM64;
		return 0;
	case OPT_SKIP_TYPE_TAG:
		ff->clear |= BTF_FEAT_TYPE_TAG;
		return 0;
	case OPT_SKIP_DECL_TAG:
		/* kfuncs then get no DECL_TAGs either, but still their attributes (pahole) */
		ff->clear |= BTF_FEAT_DECL_TAG;
		return 0;
	case OPT_SKIP_INCONSISTENT:
		ff->set |= BTF_FEAT_CONSISTENT_FUNC;
		return 0;
	case OPT_GEN_OPTIMIZED:
		ff->set |= BTF_FEAT_OPTIMIZED_FUNC;
		return 0;
	case OPT_ENCODE_FORCE:
		ff->set |= BTF_FEAT_ENCODE_FORCE;
		return 0;
	case OPT_REPRODUCIBLE:
		ff->set |= BTF_FEAT_REPRODUCIBLE;
		return 0;
	case OPT_ATTRIBUTES:
		ff->set |= BTF_FEAT_ATTRIBUTES;
		return 0;
	case OPT_FSYNC:
		cli->fsync = true;
		return 0;
	case OPT_FLAT_ARRAYS:
		cli->flat_arrays = true;
		return 0;
	case OPT_VERIFY:
		cli->verify = true;
		return 0;
	case OPT_LANG:
		cli->dwl.has_lang_include = true;
		return dwl_lang__parse(arg, cli->dwl.lang_include) ? 2 : 0;
	case OPT_LANG_EXCLUDE:
		return dwl_lang__parse(arg, cli->dwl.lang_exclude) ? 2 : 0;
	case OPT_FEATURES:
	case OPT_FEATURES_STRICT:
		ff->have_list = true;
		return btf_features__parse(arg, id == OPT_FEATURES_STRICT, &ff->list) ? 2 : 0;
	case OPT_SUPPORTED:
		cli->action = D2B_SUPPORTED_FEATURES;
		return 0;
	case OPT_CHECK:
		cli->action = D2B_CHECK;
		return 0;
	case OPT_FUNC_REPORT:
		cli->func_report = arg;
		return 0;
	case OPT_VERBOSE:
		if (cli->verbose >= 0)
			cli->verbose++;
		return 0;
	case OPT_QUIET:
		cli->verbose = -1;
		return 0;
	case OPT_VERSION:
		cli->action = D2B_VERSION;
		return 0;
	case OPT_NUMERIC_VERSION:
		cli->action = D2B_NUMERIC_VERSION;
		return 0;
	case OPT_TOOL_VERSION:
		cli->action = D2B_TOOL_VERSION;
		return 0;
	case OPT_HELP:
		cli->action = D2B_HELP;
		return 0;
	default:
		return 2;
	}
}

int d2b_cli__parse(struct d2b_cli *cli, int argc, char **argv)
{
	struct option longopts[NR_OPTS + 1];
	struct feature_flags ff = {};
	const char *env;
	unsigned int i;
	int c, err;

	memset(cli, 0, sizeof(*cli));
	cli->jobs = 1;
	memset(longopts, 0, sizeof(longopts));
	for (i = 0; i < NR_OPTS; i++) {
		longopts[i].name = opt_defs[i].name;
		longopts[i].has_arg = opt_defs[i].has_arg;
		longopts[i].val = opt_defs[i].id;
	}
	env = getenv("PAHOLE_LANG_EXCLUDE");
	if (env && *env && dwl_lang__parse(env, cli->dwl.lang_exclude))
		return 2;
	/* troubleshooting: object files relocated by libdwfl, as before 0.5 */
	env = getenv("D2B_LIBDWFL_RELOC");
	cli->dwl.libdwfl_reloc = env && *env && strcmp(env, "0");
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":Jj::Vqh", longopts, NULL)) != -1) {
		if (c == '?') {
			if (optopt)
				return usage_err("unknown option", (char[]){'-', (char)optopt, 0});
			return usage_err("unknown option", argv[optind - 1]);
		}
		if (c == ':')
			return usage_err("missing argument for", argv[optind - 1]);
		err = parse_opt(cli, &ff, c, optarg);
		if (err)
			return err;
	}
	cli->features = ff.have_list ? ff.list : btf_features__legacy();
	cli->features = (cli->features | ff.set) & ~ff.clear;
	cli->files = argv + optind;
	cli->nr_files = argc - optind;
	if (cli->action == D2B_CHECK && !cli->nr_files) {
		pr_err("--btf_check: no input file (see --help)");
		return 2;
	}
	if (cli->action != D2B_ENCODE)
		return 0;
	if (!cli->nr_files) {
		pr_err("no input file (see --help)");
		return 2;
	}
	if (!cli->encode) {
		pr_err("nothing to do: give -J or --btf_encode_detached=FILE (see --help)");
		return 2;
	}
	if (cli->detached && cli->nr_files > 1) {
		pr_err("--btf_encode_detached takes a single input file, %d given", cli->nr_files);
		return 2;
	}
	if (cli->func_report && cli->nr_files > 1) {
		pr_err("--func_report takes a single input file, %d given", cli->nr_files);
		return 2;
	}
	cli->dwl.nr_threads = cli->jobs;
	return 0;
}
