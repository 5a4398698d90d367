/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * sbuf: a growable string that owns its buffer.
 */
#ifndef D2B_SBUF_H
#define D2B_SBUF_H

#include <stddef.h>
#include "compiler.h"

/*
 * A growable string. Appends never fail individually: the first allocation
 * failure is remembered in @err and later appends are ignored, so a renderer
 * checks once at the end.
 */
struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
	int err;
};

void sbuf__add(struct sbuf *sb, const char *s, size_t n);
void sbuf__puts(struct sbuf *sb, const char *s);
void sbuf__addf(struct sbuf *sb, const char *fmt, ...) __printf(2, 3);
/* sbuf__release() - free the buffer; @sb is empty again */
void sbuf__release(struct sbuf *sb);

#endif
