// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The per-CU half of the FUNC choice (see func_choice.h).
 */
#include <linux/btf.h>
#include "func_choice.h"

bool func_choice__wanted(const struct tm_func *fn, const struct elf_symtab *st, bool consistent)
{
	if (fn->flags & TM_FN_UNNAMED_PARAM)
		return false;
	if (!st || !st->nr_funcs)
		return fn->flags & TM_FN_EXTERNAL;
	if (!consistent)
		return elf_symtab__find_func(st, fn->name) != NULL;
	if (fn->flags & TM_FN_NOCALL)
		return false;
	/* without an address (gcc omits it at times), the name must do */
	if (!(fn->flags & TM_FN_HAS_ADDR))
		return elf_symtab__find_func(st, fn->name) != NULL;
	return elf_symtab__has_func_at(st, fn->name, fn->addr);
}

/*
 * The linkage is the one bit that has to survive dedup, which renumbers
 * everything: func_choice__prune() reads it, then makes every FUNC static.
 */
int func_choice__linkage(const struct tm_func *fn, bool consistent)
{
	if (consistent && (fn->flags & TM_FN_HAS_ADDR))
		return BTF_FUNC_GLOBAL;
	return BTF_FUNC_STATIC;
}
