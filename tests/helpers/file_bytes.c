// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * file_bytes: a whole file read into memory, shared by the test helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include "file_bytes.h"

void *file_bytes__read(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *data = NULL;
	long n;

	if (f && !fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		data = malloc(n ?: 1);
		if (data && fread(data, 1, n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*size = n;
	}
	if (f)
		fclose(f);
	return data;
}
