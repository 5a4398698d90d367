/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Reading a base BTF for the pipeline: raw BTF or an ELF file's .BTF (read
 * from the file's mapping, without libbpf's two copies), checked
 * (btf_check/base_check.h), with one-line errors naming the file.
 */
#ifndef D2B_BASE_LOAD_H
#define D2B_BASE_LOAD_H

struct btf;

/* base_load__format() - "ELF" or "raw" by the file's magic (either byte order), else NULL */
const char *base_load__format(const char *path);

/**
 * base_load__read() - read and check the base BTF at @path
 * @out:	the base, owned by the caller (btf__free())
 * Return: 0 or a negative errno (reason printed).
 */
int base_load__read(const char *path, struct btf **out);

#endif
