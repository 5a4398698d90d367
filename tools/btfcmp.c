// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btfcmp: compares the types of two BTF files (raw BTF, or ELF files with a
 * .BTF section, optionally split on a base) as multisets of canonical text
 * lines that do not depend on type IDs or type order, or dumps those lines for
 * one file. It is the oracle of the encoder tests (our output against
 * pahole -J, and golden files). docs/btfcmp.md specifies the canonical form.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_canon.h"
#include "btfcmp.h"
#include "compiler.h"
#include "type_refs.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: btfcmp [options] A B\n"
		   "       btfcmp --dump [options] FILE\n"
		   "\n"
		   "Compare the types of two BTF files as multisets of canonical lines, which\n"
		   "ignore type IDs and type order. A file is raw BTF or an ELF file with a .BTF\n"
		   "section. Lines only in A are printed with '-', lines only in B with '+'.\n"
		   "\n"
		   "Options:\n"
		   "  -B, --base FILE     A and B (or the --dump FILE) are split BTF on FILE;\n"
		   "                      only their own types are compared\n"
		   "      --base-a FILE   base of A only (also the base of the --dump FILE)\n"
		   "      --base-b FILE   base of B only\n"
		   "      --kinds LIST    compare only these kinds, comma-separated, e.g.\n"
		   "                      STRUCT,UNION,FUNC (default: all kinds)\n"
		   "      --max-diffs N   print at most N lines per side (default 50, 0: all)\n"
		   "      --dump          print the sorted canonical lines of one FILE\n"
		   "  -q, --quiet         print only the summary line\n"
		   "      --subset        exit 0 when every type of B is in A (A may have more)\n"
		   "  -h, --help          show this help\n"
		   "\n"
		   "Exit status: 0 equal, 1 different, 2 usage or input error.\n"
		   "The canonical form is described in docs/btfcmp.md.\n");
}

/* parse_kinds() - turn "STRUCT,union" into a kind bit mask; 0 after a message */
static unsigned long parse_kinds(const char *list)
{
	unsigned long mask = 0;
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		unsigned int kind;

		for (kind = 1; kind < CANON_NR_KINDS; kind++) {
			if (strlen(tref__kind_name(kind)) == n &&
			    !strncasecmp(p, tref__kind_name(kind), n))
				break;
		}
		if (kind == CANON_NR_KINDS) {
			fprintf(stderr, "btfcmp: --kinds: unknown BTF kind '%.*s'\n", (int)n, p);
			return 0;
		}
		mask |= 1UL << kind;
		if (!p[n])
			return mask;
		p += n + 1;
	}
}

enum {
	OPT_BASE_A = 0x100,
	OPT_BASE_B,
	OPT_KINDS,
	OPT_MAX_DIFFS,
	OPT_DUMP,
	OPT_SUBSET,
};

static const struct option long_opts[] = {
	{"base", required_argument, NULL, 'B'},
	{"base-a", required_argument, NULL, OPT_BASE_A},
	{"base-b", required_argument, NULL, OPT_BASE_B},
	{"kinds", required_argument, NULL, OPT_KINDS},
	{"max-diffs", required_argument, NULL, OPT_MAX_DIFFS},
	{"dump", no_argument, NULL, OPT_DUMP},
	{"subset", no_argument, NULL, OPT_SUBSET},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* parse_args() - fill @opts; 0, 1 after --help, or -EINVAL after a message */
static int parse_args(int argc, char **argv, struct btfcmp_opts *opts)
{
	const char *base = NULL, *base_a = NULL, *base_b = NULL;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "B:qh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'B':
			base = optarg;
			break;
		case OPT_BASE_A:
			base_a = optarg;
			break;
		case OPT_BASE_B:
			base_b = optarg;
			break;
		case OPT_KINDS:
			opts->kinds = parse_kinds(optarg);
			if (!opts->kinds)
				return -EINVAL;
			break;
		case OPT_MAX_DIFFS:
			errno = 0;
			opts->max_diffs = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || opts->max_diffs < 0) {
				fprintf(stderr, "btfcmp: --max-diffs: invalid number '%s'\n",
					optarg);
				return -EINVAL;
			}
			break;
		case OPT_SUBSET:
			opts->subset = true;
			break;
		case OPT_DUMP:
			opts->dump = true;
			break;
		case 'q':
			opts->quiet = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			return -EINVAL;
		}
	}
	opts->base_a = base_a ?: base;
	opts->base_b = base_b ?: base;
	if (argc - optind != (opts->dump ? 1 : 2)) {
		fprintf(stderr, "btfcmp: expected %s, got %d argument%s\n",
			opts->dump ? "one FILE with --dump" : "two files A and B", argc - optind,
			argc - optind == 1 ? "" : "s");
		return -EINVAL;
	}
	return 0;
}

static __printf(2, 0) int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_WARN)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

int main(int argc, char **argv)
{
	struct btfcmp_opts opts = {
		.kinds = ~0UL,
		.max_diffs = 50,
	};
	int err;

	err = parse_args(argc, argv, &opts);
	if (err) {
		if (err < 0)
			fprintf(stderr, "Try 'btfcmp --help' for more information.\n");
		return err > 0 ? BTFCMP_EQUAL : BTFCMP_ERROR;
	}
	libbpf_set_print(libbpf_print);
	if (opts.dump)
		return run_dump(&opts, argv[optind]);
	return run_compare(&opts, argv[optind], argv[optind + 1]);
}
