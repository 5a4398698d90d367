/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Checking a base BTF before encoding on it. libbpf 1.1's parser checks
 * the header, the section bounds and the size of every type record, but
 * not what the records say: a type ID or a string offset past the end
 * passes, and btf__type_by_id() then returns NULL to code (libbpf's dedup,
 * the fold of split_fold.c) that does not expect it.
 */
#ifndef D2B_BASE_CHECK_H
#define D2B_BASE_CHECK_H

struct btf;

/**
 * base_check__base() - refuse a base BTF whose references go nowhere
 * @base:	parsed base BTF (not split)
 * @path:	its file, for the message
 *
 * Checks the header length (libbpf 1.1 accepts any), that every type ID a
 * type refers to exists and that every name offset points into the string
 * section.
 *
 * Return: 0, or -EINVAL with one message naming @path and the bad type.
 */
int base_check__base(const struct btf *base, const char *path);

#endif
