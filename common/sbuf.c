// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * sbuf: a growable string (see sbuf.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sbuf.h"

static bool sbuf_grow(struct sbuf *sb, size_t add)
{
	size_t cap;
	char *buf;

	if (sb->err)
		return false;
	if (sb->len + add + 1 <= sb->cap)
		return true;
	cap = sb->cap ? sb->cap : 256;
	while (cap < sb->len + add + 1)
		cap *= 2;
	buf = realloc(sb->buf, cap);
	if (!buf) {
		sb->err = -ENOMEM;
		return false;
	}
	sb->buf = buf;
	sb->cap = cap;
	return true;
}

void sbuf__add(struct sbuf *sb, const char *s, size_t n)
{
	if (!sbuf_grow(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sbuf__puts(struct sbuf *sb, const char *s)
{
	sbuf__add(sb, s, strlen(s));
}

void sbuf__addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		sb->err = sb->err ?: -EINVAL;
		return;
	}
	if (!sbuf_grow(sb, n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, n + 1, fmt, ap);
	va_end(ap);
	sb->len += n;
}

void sbuf__release(struct sbuf *sb)
{
	free(sb->buf);
	memset(sb, 0, sizeof(*sb));
}
