/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * What the fuzzers share: the encoding pipeline (pipeline__encode(),
 * without the writing), and a memory file for the input.
 */
#ifndef D2B_FUZZ_COMMON_H
#define D2B_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

struct btf;
struct base_index;

/* quiet logging and libbpf; call once */
void fuzz_init(void);

/*
 * fuzz_memfile() - a memfd holding @data; its path (/proc/self/fd/N) goes
 * to @path (at least 64 bytes). Return: the fd, or -1.
 */
int fuzz_memfile(const uint8_t *data, size_t size, char *path);

/*
 * fuzz_encode() - open @path, convert and encode every CU, split on @base
 * when it is not NULL, deduplicate; the result is thrown away.
 * Return: 0 or a negative errno, as dwarf2btf would report it.
 */
int fuzz_encode(const char *path, struct btf *base, const struct base_index *base_idx);

#endif
