/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btfcmp's runs, between its command line (btfcmp.c) and what it prints
 * (btfcmp_print.c); the comparison itself is btf_check/btf_compare.h.
 */
#ifndef D2B_BTFCMP_H
#define D2B_BTFCMP_H

#include <stdbool.h>

/* exit codes: 0 equal (or dump done), 1 different, 2 usage or input error */
enum btfcmp_exit {
	BTFCMP_EQUAL = 0,
	BTFCMP_DIFFERENT = 1,
	BTFCMP_ERROR = 2,
};

struct btfcmp_opts {
	const char *base_a;
	const char *base_b;
	unsigned long kinds; /* bit (1 << kind) set: compare this kind */
	long max_diffs;	     /* per side; 0: no limit */
	bool dump;
	bool quiet;
	bool subset; /* only B's extra types count as a difference */
};

/* run_compare() - compare A and B: print the difference; Return: enum btfcmp_exit */
int run_compare(const struct btfcmp_opts *opts, const char *path_a, const char *path_b);
/* run_dump() - print the sorted lines of @path; Return: enum btfcmp_exit */
int run_dump(const struct btfcmp_opts *opts, const char *path);

#endif
