/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Command line: one option table drives getopt_long() and --help. Parsing
 * fills struct d2b_cli; nothing below the CLI sees argv.
 */
#ifndef D2B_OPTIONS_H
#define D2B_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "dwarf_loader.h"

/* the pahole release whose command line and encoding rules we implement */
#define D2B_PAHOLE_MAJOR 1
#define D2B_PAHOLE_MINOR 31

enum d2b_action {
	D2B_ENCODE,
	D2B_HELP,
	D2B_VERSION,
	D2B_NUMERIC_VERSION,
	D2B_TOOL_VERSION,
	D2B_SUPPORTED_FEATURES,
	D2B_CHECK,
};

struct d2b_cli {
	enum d2b_action action;
	bool encode;		 /* -J */
	const char *detached;	 /* --btf_encode_detached */
	const char *base;	 /* --btf_base */
	const char *func_report; /* --func_report */
	unsigned int jobs;	 /* -j */
	bool flat_arrays;	 /* --btf_flat_arrays */
	bool verify;		 /* --verify */
	bool fsync;		 /* --fsync */
	uint32_t features;	 /* enum btf_feature */
	struct dwl_opts dwl;
	int verbose; /* -V count, -1 for -q */
	char **files;
	int nr_files;
};

/**
 * d2b_cli__parse() - parse argv into @cli
 * Return: 0, or 2 (usage error, message printed).
 */
int d2b_cli__parse(struct d2b_cli *cli, int argc, char **argv);
void d2b_cli__help(FILE *f);

#endif
