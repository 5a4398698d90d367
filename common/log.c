// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Logger implementation: level filter and a single stderr writer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "log.h"

static enum log_level cur_level = LOG_WARN;

void log_set_level(enum log_level level)
{
	cur_level = level;
}

enum log_level log_get_level(void)
{
	return cur_level;
}

void log_printf(enum log_level level, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	if (level > cur_level)
		return;
	/* one write per message so lines of concurrent workers do not interleave */
	n = snprintf(buf, sizeof(buf), "dwarf2btf: %s", level == LOG_WARN ? "warning: " : "");
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	n = strlen(buf);
	if (n && buf[n - 1] != '\n' && n < (int)sizeof(buf) - 1) {
		buf[n++] = '\n';
		buf[n] = 0;
	}
	fputs(buf, stderr);
}

const char *errstr(int err)
{
	return strerror(err < 0 ? -err : err);
}
