// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: function pointer types (FUNC_PROTOs, whose parameters have no
 * names in DWARF), variadic prototypes (a last parameter with no name and type
 * void), an unprototyped "()" pointer, a pointer returning a function pointer,
 * and a variadic function definition. The definition does not use va_list:
 * its x86-64 __va_list_tag struct would not match the BPF oracle, and the BPF
 * backend cannot compile variadic functions, so it is left out there.
 */

typedef int (*fp_binop)(int a, int b);
typedef void (*fp_void)(void);
typedef int (*fp_variadic)(const char *fmt, ...);
typedef void (*fp_cb)(int code, fp_binop op);
typedef fp_binop (*fp_factory)(int which);

struct fp_ops {
	fp_binop add;
	int (*sub)(int, int);
	void (*notify)(void *ctx, unsigned int event);
	fp_variadic log;
	int (*noproto)();
	fp_void reset;
	fp_cb on_done;
	fp_factory make;
	char *(*name)(const struct fp_ops *self);
};

struct fp_ops fp_ops_var;

#ifndef __bpf__
int fp_first(int count, ...)
{
	return count;
}
#endif
