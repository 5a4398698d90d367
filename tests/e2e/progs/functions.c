// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: function definitions, static and global, whose parameters all
 * have names, so each becomes a FUNC (linkage static, as pahole writes it)
 * with a FUNC_PROTO that keeps the parameter names. -O2 may inline or clone
 * some of them, so their FUNC lines are checked at -O0 only. The BPF backend
 * cannot pass structs by value, so the bodies are left out of the clang
 * -target bpf oracle; the globals keep the types.
 */

struct fn_ctx {
	int a;
	unsigned int b;
};

enum fn_mode {
	FN_READ,
	FN_WRITE,
};

struct fn_ctx fn_ctx_var;
enum fn_mode fn_mode_var;

#ifndef __bpf__
static __attribute__((noinline)) int fn_static_add(struct fn_ctx *ctx, int delta)
{
	ctx->a += delta;
	return ctx->a;
}

int fn_global(struct fn_ctx *ctx, unsigned int flags, const char *name)
{
	return fn_static_add(ctx, (int)flags) + name[0];
}

void fn_no_args(void)
{
	fn_ctx_var.b++;
}

struct fn_ctx fn_by_value(struct fn_ctx in, int k)
{
	in.a += k;
	return in;
}

int fn_enum_param(enum fn_mode mode)
{
	return mode == FN_WRITE;
}

int fn_array_param(int arr[4], int n)
{
	return arr[n];
}
#endif
