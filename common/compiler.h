/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Small compiler helpers shared by every layer.
 */
#ifndef D2B_COMPILER_H
#define D2B_COMPILER_H

#include <stddef.h>

#define __printf(a, b) __attribute__((format(printf, a, b)))
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* errstr() - strerror() of a negative errno as returned by project functions */
const char *errstr(int err);

#endif
