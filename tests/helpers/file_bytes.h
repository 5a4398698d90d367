/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * file_bytes: a whole file read into memory, for the test helpers.
 */
#ifndef D2B_TESTS_FILE_BYTES_H
#define D2B_TESTS_FILE_BYTES_H

#include <stddef.h>

/*
 * file_bytes__read() - the contents of @path, their length in *@size; NULL
 * if the file cannot be read. The caller owns the buffer (free()); it is
 * never NULL for an empty file.
 */
void *file_bytes__read(const char *path, size_t *size);

#endif
