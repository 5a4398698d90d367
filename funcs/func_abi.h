/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * One function definition against its machine's calling convention: do
 * its parameters arrive where the declared prototype says (the argument
 * registers in order, aggregates by value in one or two of them, the rest
 * on the stack)? The answer comes from the entry locations the loader put
 * in the model (struct tm_param) and DW_CC_nocall.
 *
 * Machines: x86-64 (SysV: rdi rsi rdx rcx r8 r9) and arm64 (x0-x7) are
 * checked register by register. Elsewhere nothing is known about
 * registers, so a definition whose ABI the compiler changed (DW_CC_nocall)
 * or whose parameters lack locations is "uncertain".
 */
#ifndef D2B_FUNC_ABI_H
#define D2B_FUNC_ABI_H

#include <stdbool.h>
#include <stdint.h>
#include "dwarves.h"

enum func_abi_flags {
	FA_OPTIMIZED = 1 << 0,	    /* a parameter has no location or was optimized out */
	FA_UNEXPECTED_REG = 1 << 1, /* a parameter is not in its argument register */
	FA_REORDERED = 1 << 2,	    /* the clone lists parameters in another order */
	FA_UNCERTAIN =
		1 << 3, /* a parameter's place cannot be known (packed struct on the stack) */
	FA_SIG_CHANGED = 1 << 4, /* DW_CC_nocall (clang): the compiler changed the ABI */
	FA_NO_PROTO = 1 << 5,	 /* an assembly routine: DWARF knows no parameters */
};

/* what happens to one parameter in the prototype the binary has */
struct func_abi_param {
	uint32_t idx;	    /* its index in the declared prototype */
	bool dropped;	    /* not passed at all */
	const char *member; /* passed as this member of the aggregate (true signature), or NULL */
	tm_id member_type;
};

/**
 * struct func_abi - the analysis of one definition
 * @params:	per declared parameter, in the order the code takes them (a
 *		clone's own order, see struct tm_param's loc_pos); owned, freed
 *		by func_abi__release()
 */
struct func_abi {
	uint32_t flags;
	uint32_t nr_params;
	struct func_abi_param *params;
};

/**
 * func_abi__analyze() - check @fn of @cu on @machine (an ELF e_machine)
 * @true_sig:	describe the signature the code really has (drop optimized
 *		parameters, pass aggregates split to one member)
 * @clone:	its code is an optimized clone's symbol (.isra, .constprop)
 * Return: 0 or -ENOMEM.
 */
int func_abi__analyze(const struct tm_cu *cu, const struct tm_func *fn, uint16_t machine,
		      bool true_sig, bool clone, struct func_abi *out);
void func_abi__release(struct func_abi *abi);

/* func_abi__changes_proto() - does the binary's prototype differ from the declared one? */
bool func_abi__changes_proto(const struct func_abi *abi);

/* func_abi__is_packed() - is struct/union @id laid out packed (a member off its alignment)? */
bool func_abi__is_packed(const struct tm_cu *cu, tm_id id);

#endif
