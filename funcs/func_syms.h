/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Function symbols grouped by source name: the part of a symbol's name
 * before its first '.', so that 'foo', 'foo.isra.0' and 'foo.constprop.1'
 * are one group, the DWARF function 'foo'. Pieces of a function
 * ('.cold', '.part') are not functions a caller enters and are left out.
 * A group whose symbols sit at more than one address is ambiguous: a
 * tracer attaching to 'foo' could not know which copy it gets.
 */
#ifndef D2B_FUNC_SYMS_H
#define D2B_FUNC_SYMS_H

#include <stdbool.h>
#include <stdint.h>
#include "elf_symtab.h"

struct func_sym_group {
	char *name;	/* source name; owned */
	uint32_t first; /* index of its first symbol in func_syms.syms */
	uint32_t nr;
	bool ambiguous; /* more than one distinct address */
};

/**
 * struct func_syms - the groups of an ELF file's function symbols
 *
 * Borrows the symbol names of the elf_symtab it was made from: must not
 * outlive it. Read-only after func_syms__new(), so workers may share it.
 */
struct func_syms {
	struct func_sym_group *groups; /* sorted by name */
	uint32_t nr_groups;
	const struct elf_sym_func **syms; /* by group, then address, then name */
	uint32_t nr_syms;
	/*
	 * open-addressing index of the groups by name: the name's hash in the
	 * high half, group + 1 in the low half, 0 for empty
	 */
	uint64_t *slots;
	uint32_t mask;
};

/* func_syms__new() - Return: 0 or -ENOMEM; an empty result for no symbols */
int func_syms__new(const struct elf_symtab *st, struct func_syms **out);
void func_syms__free(struct func_syms *fs);

/* func_syms__find() - index of the group named @name, or -1 */
int32_t func_syms__find(const struct func_syms *fs, const char *name);
/* func_syms__find_hashed() - func_syms__find() given str_hash() of @name */
int32_t func_syms__find_hashed(const struct func_syms *fs, const char *name, uint64_t hash);

/* func_syms__is_piece() - is @name a '.cold' or '.part' piece of a function? */
bool func_syms__is_piece(const char *name);

/*
 * func_syms__at() - the symbol of group @g at @addr: one with a '.'
 * suffix when @suffixed, else any; NULL when none
 */
const struct elf_sym_func *func_syms__at(const struct func_syms *fs, uint32_t g, uint64_t addr,
					 bool suffixed);

/* func_syms__name_unique() - is symbol @k the only address of its exact name? */
bool func_syms__name_unique(const struct func_syms *fs, uint32_t g, uint32_t k);

/* func_syms__is_clone() - does @name end in an optimized clone's suffix (.isra, .constprop)? */
bool func_syms__is_clone(const char *name);

#endif
