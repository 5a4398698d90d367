// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * dwarf2btf: the command. Parses the command line (options.c) and hands
 * the run to the pipeline library (pipeline/). Holds no encoding logic.
 */
#include <stdio.h>
#include <bpf/libbpf.h>
#include <elfutils/version.h>
#include "btf_features.h"
#include "elf_writer.h"
#include "log.h"
#include "options.h"
#include "pipeline.h"
#include "process.h"

static void print_tool_version(void)
{
	printf("dwarf2btf %s (pahole-compatible v%u.%u, libbpf %u.%u, elfutils %u.%u)\n",
	       D2B_TOOL_VERSION_STR, D2B_PAHOLE_MAJOR, D2B_PAHOLE_MINOR, libbpf_major_version(),
	       libbpf_minor_version(), _ELFUTILS_VERSION / 1000, _ELFUTILS_VERSION % 1000);
}

int main(int argc, char **argv)
{
	struct pipeline_opts opts;
	struct d2b_cli cli;
	int err;

	err = d2b_cli__parse(&cli, argc, argv);
	if (err)
		return err;
	process__tune_heap(cli.base && cli.nr_files == 1);
	log_set_level(cli.verbose < 0	 ? LOG_ERR
		      : cli.verbose == 0 ? LOG_WARN
		      : cli.verbose == 1 ? LOG_INFO
					 : LOG_DEBUG);
	process__libbpf_log();
	elf_writer__set_durable(cli.fsync);
	switch (cli.action) {
	case D2B_HELP:
		d2b_cli__help(stdout);
		return 0;
	case D2B_VERSION:
		printf("v%u.%u\n", D2B_PAHOLE_MAJOR, D2B_PAHOLE_MINOR);
		return 0;
	case D2B_NUMERIC_VERSION:
		printf("%u%02u\n", D2B_PAHOLE_MAJOR, D2B_PAHOLE_MINOR);
		return 0;
	case D2B_TOOL_VERSION:
		print_tool_version();
		return 0;
	case D2B_SUPPORTED_FEATURES:
		btf_features__print(stdout);
		return 0;
	case D2B_CHECK:
		return pipeline__check(cli.base, cli.files, cli.nr_files);
	case D2B_ENCODE:
		break;
	}
	opts = (struct pipeline_opts){
		.features = cli.features,
		.flat_arrays = cli.flat_arrays,
		.verify = cli.verify,
		.detached = cli.detached,
		.func_report = cli.func_report,
		.base = cli.base,
		.dwl = cli.dwl,
	};
	process__catch_fatal_signals();
	return pipeline__run(&opts, cli.files, cli.nr_files);
}
