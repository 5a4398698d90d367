// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The function analysis in the encoder (with optimized_func or
 * consistent_func): per CU, every definition whose name has function
 * symbols is analyzed (funcs/func_abi.h) and becomes a candidate FUNC of
 * its name, and with true_signature one of its clone's symbol name; after
 * the last CU, func_decide__run() decides each name, and
 * btf_post__prune_funcs() keeps only the FUNCs decided for (the preferred
 * definition, by the linkage set here, which survives dedup) and drops names
 * whose definitions disagree on the prototype.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "encoder_priv.h"
#include "func_abi.h"
#include "log.h"
#include "vec.h"

static const char *own_str(struct btf_encoder_cu *ecu, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 3);

	if (!s || vec_ensure((void **)&ecu->strs, &ecu->cap_strs, sizeof(*ecu->strs),
			     ecu->nr_strs + 1, 0x7fffffff)) {
		free(s);
		return NULL;
	}
	/* an aggregate passed as one member: "param__member", as pahole names it */
	memcpy(s, a, la);
	memcpy(s + la, "__", 2);
	memcpy(s + la + 2, b, lb + 1);
	ecu->strs[ecu->nr_strs++] = s;
	return s;
}

/* a FUNC_PROTO of @fn's parameters as the binary passes them; Return: its id or -errno */
static int changed_proto(struct btf_encoder_cu *ecu, struct tm_cu *cu, const struct tm_func *fn,
			 const struct func_abi *abi)
{
	uint32_t first = cu->types[fn->proto].first, i;
	int id = tm_cu__add_type(cu, TM_FUNC_PROTO), idx;

	if (id < 0)
		return id;
	cu->types[id].ref = cu->types[fn->proto].ref;
	cu->types[id].flags = cu->types[fn->proto].flags;
	cu->types[id].die_off = cu->types[fn->proto].die_off;
	cu->types[id].first = cu->nr_params;
	for (i = 0; i < abi->nr_params; i++) {
		struct tm_param *p;

		if (abi->params[i].dropped)
			continue;
		idx = tm_cu__add_param(cu);
		if (idx < 0)
			return idx;
		p = &cu->params[idx];
		*p = cu->params[first + abi->params[i].idx];
		if (abi->params[i].member) {
			p->type = abi->params[i].member_type;
			p->name = own_str(ecu, cu->params[first + abi->params[i].idx].name,
					  abi->params[i].member);
			if (!p->name)
				return -ENOMEM;
		}
		cu->types[id].nr++;
	}
	return id;
}

int func_plan__cu(const struct btf_encoder *enc, struct tm_cu *cu, struct btf_encoder_cu *ecu,
		  struct fplan *plan)
{
	bool true_sig = enc->opts.features & BTF_FEAT_TRUE_SIGNATURE;
	const struct func_syms *fs = enc->fsyms;
	uint16_t machine = enc->symtab ? enc->symtab->machine : 0;
	uint32_t i, nr = cu->nr_funcs;
	int err = 0;

	for (i = 0; i < nr && !err; i++) {
		const struct tm_func *fn = &cu->funcs[i];
		const struct elf_sym_func *at = NULL, *ts = NULL;
		struct func_state *s;
		struct func_abi abi;
		int32_t g;

		memset(&plan[i], 0, sizeof(plan[i]));
		plan[i].proto = fn->proto;
		if (fn->flags & TM_FN_UNNAMED_PARAM)
			continue;
		g = func_syms__find(fs, fn->name);
		if (g < 0)
			continue;
		if (fn->flags & TM_FN_HAS_ADDR) {
			at = func_syms__at(fs, g, fn->addr, false);
			ts = func_syms__at(fs, g, fn->addr, true);
		}
		err = func_abi__analyze(cu, fn, machine, true_sig,
					ts && func_syms__is_clone(ts->name), &abi);
		if (err)
			break;
		err = vec_ensure((void **)&ecu->fstates, &ecu->cap_fstates, sizeof(*ecu->fstates),
				 ecu->nr_fstates + 1, 0x7fffffff);
		if (err) {
			func_abi__release(&abi);
			break;
		}
		s = &ecu->fstates[ecu->nr_fstates++];
		s->group = g;
		s->abi = abi.flags;
		s->at_sym = at != NULL;
		/* a clone symbol anywhere at its address */
		s->clone_sym = ts && func_syms__is_clone(ts->name);
		s->true_sym = -1;
		if (true_sig && ts) {
			uint32_t k;

			for (k = fs->groups[g].first; k < fs->groups[g].first + fs->groups[g].nr;
			     k++)
				if (fs->syms[k] == ts)
					s->true_sym = (int32_t)k;
		}
		plan[i].wanted = true;
		/*
		 * an assembly routine's DWARF has no parameters: it stands for
		 * its name only when no C definition says otherwise
		 */
		plan[i].linkage = (abi.flags & FA_NO_PROTO)	    ? BTF_FUNC_STATIC
				  : func_state__prefer(s, true_sig) ? BTF_FUNC_GLOBAL
				  : s->at_sym			    ? BTF_FUNC_EXTERN
								    : BTF_FUNC_STATIC;
		if (func_abi__changes_proto(&abi)) {
			int id = changed_proto(ecu, cu, fn, &abi);

			if (id < 0)
				err = id;
			else
				plan[i].proto = (tm_id)id;
			plan[i].proto_changed = true;
		}
		if (s->true_sym >= 0 &&
		    !(abi.flags & (FA_UNEXPECTED_REG | FA_UNCERTAIN | FA_NO_PROTO)))
			plan[i].alt_name = ts->name;
		func_abi__release(&abi);
	}
	if (err)
		pr_err("%s: CU '%s': cannot analyze functions: %s", enc->opts.path, cu->name ?: "?",
		       errstr(err));
	return err;
}
