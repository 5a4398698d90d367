// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * libFuzzer harness: the input is raw BTF given to the kernel's verifier
 * in user space (btf_verify__raw(), what --btf_check runs), standalone and
 * then as a split BTF on the small valid base below. Whatever the bytes,
 * it must answer without reading out of bounds, looping or leaking.
 * Seeds: tests/fuzz/corpus/verify (raw BTF of both byte orders).
 */
#include <stddef.h>
#include <stdint.h>
#include <bpf/btf.h>
#include "btf_verify.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct btf_vbase *base;

/* [1] int, [2] struct s { int a; }, [3] struct s * */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct btf *b = btf__new_empty();
	const void *raw;
	__u32 n;
	int err;

	(void)argc, (void)argv;
	if (!b || btf__add_int(b, "int", 4, BTF_INT_SIGNED) != 1 ||
	    btf__add_struct(b, "s", 4) != 2 || btf__add_field(b, "a", 1, 0, 0) ||
	    btf__add_ptr(b, 2) != 3)
		return 1;
	raw = btf__raw_data(b, &n);
	base = raw ? btf_vbase__new(raw, n, NULL, 0, &err) : NULL;
	btf__free(b);
	return base ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char log[256];

	btf_verify__raw(data, size, NULL, log, sizeof(log));
	btf_verify__raw(data, size, base, log, sizeof(log));
	return 0;
}
