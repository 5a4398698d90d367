/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The decision for each function name, from every definition of it (all
 * CUs) and its symbols: a FUNC under the source name, a FUNC under the
 * clone's suffixed name with the signature the binary has (true_signature),
 * or none, for one named reason.
 */
#ifndef D2B_FUNC_DECIDE_H
#define D2B_FUNC_DECIDE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "func_syms.h"

enum func_reason {
	FR_NONE = 0,
	FR_AMBIGUOUS,	   /* the name's symbols have more than one address */
	FR_OPTIMIZED,	   /* a clone or DW_CC_nocall definition dropped parameters */
	FR_REORDERED,	   /* a clone passes parameters in another order */
	FR_UNCERTAIN,	   /* a parameter's place cannot be known */
	FR_INCONSISTENT,   /* definitions of the name disagree on the prototype */
	FR_UNEXPECTED_REG, /* a parameter is not in its argument register */
	FR_MAX,
};

/* the one-line text of @r, as pahole's --verbose and the report say it */
const char *func_reason__name(enum func_reason r);

enum func_verdict {
	FV_UNSEEN = 0, /* no definition in the DWARF: nothing to decide */
	FV_SOURCE,     /* a FUNC under the source name */
	FV_SUFFIXED,   /* a FUNC under the clone's symbol name (true_signature) */
	FV_SKIP,
};

/* one definition of a function (one DWARF subprogram with a name and code or not) */
struct func_state {
	uint32_t group;	  /* its symbol group (func_syms) */
	uint32_t abi;	  /* enum func_abi_flags */
	bool at_sym;	  /* its entry address is one of the group's symbols */
	bool clone_sym;	  /* ... and that symbol is an .isra/.constprop clone */
	int32_t true_sym; /* a '.'-suffixed symbol at its address (index in func_syms.syms), or -1
			   */
};

struct func_decision {
	uint8_t verdict; /* enum func_verdict */
	uint8_t reason;	 /* enum func_reason, for FV_SKIP */
	int32_t sym;	 /* FV_SUFFIXED: index in func_syms.syms */
};

/* func_state__prefer() - may this definition be the one encoded (see func_decide.c)? */
bool func_state__prefer(const struct func_state *s, bool true_sig);

/**
 * func_decide__run() - decide every group from @states (in CU order)
 * @out:	set to an array of fs->nr_groups decisions; owned by the caller
 * Return: 0 or -ENOMEM.
 */
int func_decide__run(const struct func_syms *fs, const struct func_state *states, uint32_t nr,
		     bool true_sig, struct func_decision **out);

/*
 * func_decide__keep_name() - may a FUNC named @name stay? A source name
 * when its group is FV_SOURCE, a suffixed one when it is its group's
 * FV_SUFFIXED symbol; names without a group stay. @hash is str_hash() of
 * @name, which the caller has (func_prune.c).
 */
bool func_decide__keep_name(const struct func_syms *fs, const struct func_decision *d,
			    const char *name, uint64_t hash);

/* func_decide__counts() - decisions per reason (FR_NONE: encoded) into @counts[FR_MAX] */
void func_decide__counts(const struct func_syms *fs, const struct func_decision *d,
			 uint32_t *counts);

#endif
