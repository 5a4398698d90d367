/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The FUNC choice: which functions of the model become BTF FUNCs. Two
 * steps, both here:
 *  - per CU, while it is encoded (any thread): which definitions may
 *    become a FUNC, and the linkage bit that carries "its code is the ELF
 *    symbol" through dedup (func_choice__wanted(), func_choice__linkage());
 *  - once, on the deduplicated BTF: one FUNC per name
 *    (func_choice__prune()).
 * The encoder (btf_encoder/) calls these and holds no policy of its own.
 */
#ifndef D2B_FUNC_CHOICE_H
#define D2B_FUNC_CHOICE_H

#include <stdbool.h>
#include <stdint.h>
#include "dwarves.h"
#include "elf_symtab.h"

struct btf;

/**
 * func_choice__wanted() - may the definition @fn become a FUNC?
 * @st:		the input's ELF symbols, NULL when it has none
 * @consistent:	consistent_func: only the definition whose code is the
 *		symbol, never one whose calling convention the compiler
 *		changed; else (pahole 1.24) any definition whose name is a
 *		function symbol
 */
bool func_choice__wanted(const struct tm_func *fn, const struct elf_symtab *st, bool consistent);

/**
 * func_choice__linkage() - the linkage to give @fn's FUNC until
 * func_choice__prune() resets it: global when its code is the ELF symbol
 * (with @consistent), else static
 */
int func_choice__linkage(const struct tm_func *fn, bool consistent);

/*
 * with the function analysis (func_decide.h): which names keep FUNCs, and
 * where to report a name dropped for disagreeing prototypes
 */
struct func_filter {
	bool (*keep)(void *ctx, const char *name, uint64_t hash); /* hash: str_hash() of name */
	void (*inconsistent)(void *ctx, const char *name);
	void *ctx;
};

/**
 * func_choice__prune() - keep one FUNC per name (see func_prune.c)
 * @btfp:	deduplicated BTF (standalone, or split on its base); replaced
 *		by a rebuilt one when anything was dropped
 * @consistent:	a name whose definitions disagree keeps no FUNC
 * @flt:	with the function analysis: names to keep, and where to report
 *		inconsistent ones; then a FUNC's linkage ranks it (global: the
 *		preferred definition, extern: at a symbol, static: no code
 *		there), and only definitions with code at the symbol must agree;
 *		NULL otherwise
 * @nr_dropped:	set to the number of types dropped
 * @fate_out:	NULL: *btfp is rebuilt now; else *btfp keeps every type and
 *		*@fate_out gets the drop list, owned by the caller, for a
 *		rebuild it makes anyway (btf_raw__rebuild()'s @fate: per ID,
 *		FATE_DROP or 0), or NULL when nothing is dropped
 * @replaced:	NULL: a replaced *btfp is freed; else it goes to *@replaced
 *		(NULL when none was), for the caller to free when it suits it
 * Return: 0 or a negative errno (*btfp unchanged).
 */
int func_choice__prune(struct btf **btfp, bool consistent, const struct func_filter *flt,
		       uint32_t *nr_dropped, uint32_t **fate_out, struct btf **replaced);

#endif
