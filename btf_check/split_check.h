/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Does a (split) BTF fit its base? See split_check.c.
 */
#ifndef D2B_SPLIT_CHECK_H
#define D2B_SPLIT_CHECK_H

struct btf;

/**
 * split_check__split() - check the types of @btf (split on @base, or standalone
 * when @base is NULL) for references and names that do not fit
 * @path, @base_path:	for the messages
 * Return: 0 when it fits; -EINVAL with the problems and a verdict printed.
 */
int split_check__split(const struct btf *btf, const struct btf *base, const char *path,
		       const char *base_path);

#endif
