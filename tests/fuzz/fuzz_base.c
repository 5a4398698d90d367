// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * libFuzzer harness: the input is a base BTF (raw, or an ELF file with a
 * .BTF section), read as dwarf2btf --btf_base reads it (btf__parse, then
 * base_check__base), indexed (base_index__new) and used for the split
 * encoding of a small fixed object (FUZZ_BASE_OBJECT, built with the
 * fuzzers), as for a kernel module. Seeds: tests/fuzz/corpus/base.
 */
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "base_check.h"
#include "btf_encoder.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct base_index *idx = NULL;
	struct btf *base;
	char path[64];
	int fd = fuzz_memfile(data, size, path);

	if (fd < 0)
		return 0;
	base = btf__parse(path, NULL);
	close(fd);
	if (!base)
		return 0;
	if (!base_check__base(base, path) && !base_index__new(base, &idx))
		fuzz_encode(FUZZ_BASE_OBJECT, base, idx);
	base_index__free(idx);
	btf__free(base);
	return 0;
}
