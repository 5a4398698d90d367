// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Function symbols grouped by source name (func_syms.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "func_syms.h"
#include "strmap.h"

static bool suffix_has(const char *name, const char *const *what, unsigned int n)
{
	const char *dot = strchr(name, '.');
	unsigned int i;

	if (!dot)
		return false;
	for (i = 0; i < n; i++)
		if (strstr(dot, what[i]))
			return true;
	return false;
}

bool func_syms__is_piece(const char *name)
{
	static const char *const pieces[] = {".cold", ".part"};

	return suffix_has(name, pieces, 2);
}

bool func_syms__is_clone(const char *name)
{
	static const char *const clones[] = {".isra", ".constprop"};

	return suffix_has(name, clones, 2);
}

static size_t stem_len(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot ? (size_t)(dot - name) : strlen(name);
}

/* by source name, then address, then full name: the groups are runs */
static int cmp_sym(const void *a, const void *b)
{
	const struct elf_sym_func *x = *(const struct elf_sym_func *const *)a;
	const struct elf_sym_func *y = *(const struct elf_sym_func *const *)b;
	size_t lx = stem_len(x->name), ly = stem_len(y->name);
	int r = strncmp(x->name, y->name, lx < ly ? lx : ly);

	if (r)
		return r;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * every CU asks for every function it defines (156,000 times for Debian's
 * 6.1 vmlinux), most of them inlined and without a symbol: a hash index,
 * not a binary search of strcmp()s
 */
static int index_groups(struct func_syms *fs)
{
	uint32_t cap = 16, i;

	while (cap < 2 * fs->nr_groups)
		cap *= 2;
	fs->slots = calloc(cap, sizeof(*fs->slots));
	if (!fs->slots)
		return -ENOMEM;
	fs->mask = cap - 1;
	for (i = 0; i < fs->nr_groups; i++) {
		const char *name = fs->groups[i].name;
		uint64_t hash = str_hash(name, strlen(name)) >> 32;
		uint32_t h = (uint32_t)hash & fs->mask;

		while (fs->slots[h])
			h = (h + 1) & fs->mask;
		fs->slots[h] = hash << 32 | (i + 1);
	}
	return 0;
}

int func_syms__new(const struct elf_symtab *st, struct func_syms **out)
{
	struct func_syms *fs = calloc(1, sizeof(*fs));
	uint32_t i, n = 0;

	*out = NULL;
	if (!fs)
		return -ENOMEM;
	if (st && st->nr_funcs) {
		fs->syms = calloc(st->nr_funcs, sizeof(*fs->syms));
		fs->groups = calloc(st->nr_funcs, sizeof(*fs->groups));
		if (!fs->syms || !fs->groups)
			goto enomem;
		for (i = 0; i < st->nr_funcs; i++)
			if (!func_syms__is_piece(st->funcs[i].name))
				fs->syms[n++] = &st->funcs[i];
		fs->nr_syms = n;
		qsort(fs->syms, n, sizeof(*fs->syms), cmp_sym);
	}
	for (i = 0; i < fs->nr_syms; i++) {
		const char *name = fs->syms[i]->name;
		struct func_sym_group *g = fs->nr_groups ? &fs->groups[fs->nr_groups - 1] : NULL;
		size_t len = stem_len(name);

		if (g && strlen(g->name) == len && !strncmp(g->name, name, len)) {
			if (fs->syms[i]->addr != fs->syms[g->first]->addr)
				g->ambiguous = true;
			g->nr++;
			continue;
		}
		g = &fs->groups[fs->nr_groups++];
		g->name = strndup(name, len);
		if (!g->name)
			goto enomem;
		g->first = i;
		g->nr = 1;
	}
	if (index_groups(fs))
		goto enomem;
	*out = fs;
	return 0;
enomem:
	func_syms__free(fs);
	return -ENOMEM;
}

void func_syms__free(struct func_syms *fs)
{
	uint32_t i;

	if (!fs)
		return;
	for (i = 0; i < fs->nr_groups; i++)
		free(fs->groups[i].name);
	free(fs->groups);
	free(fs->syms);
	free(fs->slots);
	free(fs);
}

int32_t func_syms__find(const struct func_syms *fs, const char *name)
{
	return fs->slots ? func_syms__find_hashed(fs, name, str_hash(name, strlen(name))) : -1;
}

int32_t func_syms__find_hashed(const struct func_syms *fs, const char *name, uint64_t hash)
{
	uint64_t v;
	uint32_t h, g;

	if (!fs->slots)
		return -1;
	hash >>= 32;
	/* names without symbols (inlined functions) are most: the hash tells them */
	for (h = (uint32_t)hash & fs->mask; (v = fs->slots[h]); h = (h + 1) & fs->mask) {
		g = (uint32_t)v - 1;
		if (v >> 32 == hash && !strcmp(fs->groups[g].name, name))
			return (int32_t)g;
	}
	return -1;
}

const struct elf_sym_func *func_syms__at(const struct func_syms *fs, uint32_t g, uint64_t addr,
					 bool suffixed)
{
	const struct func_sym_group *grp = &fs->groups[g];
	uint32_t i;

	for (i = grp->first; i < grp->first + grp->nr; i++) {
		const struct elf_sym_func *s = fs->syms[i];

		if (s->addr == addr && (!suffixed || strchr(s->name, '.')))
			return s;
	}
	return NULL;
}

bool func_syms__name_unique(const struct func_syms *fs, uint32_t g, uint32_t k)
{
	const struct func_sym_group *grp = &fs->groups[g];
	uint32_t i;

	for (i = grp->first; i < grp->first + grp->nr; i++)
		if (fs->syms[i]->addr != fs->syms[k]->addr &&
		    !strcmp(fs->syms[i]->name, fs->syms[k]->name))
			return false;
	return true;
}
