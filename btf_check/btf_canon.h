/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_canon: every type of a BTF as one canonical text line that holds no
 * type ID (docs/btfcmp.md), so that two BTFs compare as sets of lines.
 */
#ifndef D2B_BTF_CANON_H
#define D2B_BTF_CANON_H

#include <linux/types.h>
#include "sbuf.h"

struct btf;

/*
 * Anonymous types are expanded in place. C cannot make them cyclic, but bad
 * input can, and a chain of nested anonymous types could be deep: cut both.
 */
#define CANON_MAX_DEPTH 64

/* kinds known to this tool; ENUM64 (19) is the last one in libbpf 1.1 */
#define CANON_NR_KINDS 20

/*
 * The canonical renderer of one BTF object (base types included). Every type
 * renders to one line; docs/btfcmp.md is the reference for the format:
 *
 *   STRUCT 'list_head' size=16 vlen=2 {'next' type=(PTR type=STRUCT 'list_head')
 *   bits_offset=0; 'prev' type=(PTR type=STRUCT 'list_head') bits_offset=64}
 *
 * A reference to a named type is shallow ("KIND 'name'"), a reference to an
 * anonymous type is that type's own line in parentheses, so a line never
 * contains an ID. Lines are memoized per ID: an anonymous type is rendered once
 * however many types refer to it. A line that hit the cycle or depth guard
 * ("...") depends on where rendering started, so it is never memoized.
 */
struct canon {
	const struct btf *btf; /* borrowed, must outlive the canon */
	__u32 nr_ids;	       /* btf__type_cnt(): IDs 0 .. nr_ids - 1, base included */
	char **memo;	       /* memo[id]: owned line of type id, NULL until rendered */
	unsigned char *busy;   /* busy[id]: type id is being rendered (cycle guard) */
	unsigned long nr_cut;  /* times the cycle or depth guard printed "..." */
};

/* canon__init() - a renderer of @btf (borrowed); Return: 0 or -ENOMEM */
int canon__init(struct canon *c, const struct btf *btf);
void canon__release(struct canon *c);
/*
 * canon__type() - append the line of type @id to @sb (memoized in c->memo
 * unless it depends on where rendering started); @depth: 0 at the top
 */
void canon__type(struct canon *c, __u32 id, int depth, struct sbuf *sb);

#endif
