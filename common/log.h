/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The logger: every message goes to stderr, prefixed with "dwarf2btf: ".
 * The level is the only process-wide mutable state below the CLI; it is
 * set once by main() before any worker thread starts.
 */
#ifndef D2B_LOG_H
#define D2B_LOG_H

#include "compiler.h"

enum log_level {
	LOG_ERR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

void log_set_level(enum log_level level);
enum log_level log_get_level(void);
void log_printf(enum log_level level, const char *fmt, ...) __printf(2, 3);

#define pr_err(fmt, ...) log_printf(LOG_ERR, fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) log_printf(LOG_WARN, fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) log_printf(LOG_INFO, fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) log_printf(LOG_DEBUG, fmt, ##__VA_ARGS__)

#endif
