// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The FUNC choice after dedup: one FUNC per name (see func_choice.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_raw.h"
#include "func_choice.h"
#include "strmap.h"
#include "type_refs.h"

/* the linkage of a FUNC, kept in its vlen field */
static int func_linkage_of(const struct btf_type *t)
{
	return btf_vlen(t);
}

/*
 * a parameter's type without its own qualifiers: C ignores them in a
 * function's type (C11 6.7.6.3p15), so 'const void *const p' in a fortified
 * inline declares the same function as 'const void *p'
 */
static uint32_t unqualified(const struct btf *btf, uint32_t id)
{
	unsigned int n;

	for (n = 0; id && n < 8; n++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!btf_is_const(t) && !btf_is_volatile(t) && !btf_is_restrict(t))
			break;
		id = t->type;
	}
	return id;
}

/* linkage as a preference: the definition at the symbol first (see func_plan.c) */
static int pref_of(const struct btf_type *t)
{
	int l = func_linkage_of(t);

	return l == BTF_FUNC_GLOBAL ? 2 : l == BTF_FUNC_EXTERN ? 1 : 0;
}

/* same return and parameter types; parameter names may differ */
static bool protos_match(const struct btf *btf, uint32_t a, uint32_t b)
{
	const struct btf_type *x = btf__type_by_id(btf, a), *y = btf__type_by_id(btf, b);
	uint16_t i;

	if (a == b)
		return true;
	if (!btf_is_func_proto(x) || !btf_is_func_proto(y) || btf_vlen(x) != btf_vlen(y) ||
	    x->type != y->type)
		return false;
	for (i = 0; i < btf_vlen(x); i++)
		if (unqualified(btf, btf_params(x)[i].type) !=
		    unqualified(btf, btf_params(y)[i].type))
			return false;
	return true;
}

/*
 * func_choice__prune() - one FUNC per name
 *
 * Every CU's FUNCs reach the result; after dedup, identical definitions are
 * one type. Per name, the FUNC that stays is the first whose code is the
 * ELF symbol (linkage global, see func_choice__linkage()), else the first one. It
 * stays when all definitions of the name agree on the prototype (parameter
 * names aside; definitions without code count too: gcc writes the real
 * signature of fortified string functions there) or when @consistent is off
 * (pahole's "first definition wins"); with @consistent, a name with
 * disagreeing prototypes gets no FUNC at all: a tracer attaching by name
 * could not know which one it gets. Then the decl tags of dropped FUNCs and the prototypes nothing
 * refers to any more are dropped, every FUNC becomes static (as pahole
 * writes them), and the BTF is rebuilt.
 */
int func_choice__prune(struct btf **btfp, bool consistent, const struct func_filter *flt,
		       uint32_t *nr_dropped, uint32_t **fate_out)
{
	struct btf *btf = *btfp, *nb;
	const struct btf *base = btf__base_btf(btf);
	uint32_t start = base ? btf__type_cnt(base) : 1, end = btf__type_cnt(btf), i;
	uint32_t *fate = calloc(end, sizeof(*fate)), *refs = calloc(end, sizeof(*refs));
	uint8_t *bad = calloc(end, 1);
	struct strmap first;
	uint64_t g;
	int err = 0;

	*nr_dropped = 0;
	if (fate_out)
		*fate_out = NULL;
	strmap__init(&first);
	if (!fate || !refs || !bad) {
		err = -ENOMEM;
		goto out;
	}
	/* pass 1: the first FUNC of each name, preferring one whose code is the symbol */
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *name;

		if (!btf_is_func(t))
			continue;
		name = btf__name_by_offset(btf, t->name_off) ?: "";
		if (flt && !flt->keep(flt->ctx, name)) {
			fate[i] = FATE_DROP;
			continue;
		}
		if (!strmap__find(&first, name, &g) ||
		    pref_of(t) > pref_of(btf__type_by_id(btf, g)))
			err = strmap__set(&first, name, i);
	}
	/* pass 2: every other FUNC goes; disagreeing candidates make the name bad */
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i), *ft;

		if (!btf_is_func(t) || fate[i])
			continue;
		strmap__find(&first, btf__name_by_offset(btf, t->name_off) ?: "", &g);
		if (g == i)
			continue;
		fate[i] = FATE_DROP;
		ft = btf__type_by_id(btf, g);
		/*
		 * with the analysis, a definition without code at a symbol of
		 * the name (an inline-only copy in another CU) says nothing
		 * about the function a tracer attaches to, unless none has code
		 */
		if (flt && !pref_of(t) && pref_of(ft))
			continue;
		if (!protos_match(btf, t->type, ft->type))
			bad[g] = 1;
	}
	/* pass 3: drop bad names, tags of dropped FUNCs, count references */
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (consistent && bad[i]) {
			fate[i] = FATE_DROP;
			if (flt)
				flt->inconsistent(flt->ctx,
						  btf__name_by_offset(btf, t->name_off) ?: "");
		}
		if (btf_is_decl_tag(t) && t->type >= start && fate[t->type] == FATE_DROP)
			fate[i] = FATE_DROP;
	}
	for (i = start; i < end && !err; i++) {
		struct btf_type *t = (struct btf_type *)btf__type_by_id(btf, i);
		uint32_t k;

		if (fate[i])
			continue;
		if (btf_is_func(t))
			t->info = (t->info & ~0xffffu) |
				  BTF_FUNC_STATIC; /* linkage is the vlen field */
		for (k = 0; k < tref__count(t); k++)
			refs[*tref__at(t, k)]++;
	}
	/*
	 * pass 4: prototypes of dropped FUNCs, and VARs no DATASEC lists (the
	 * same variable described by a second CU)
	 */
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (!fate[i] && (btf_is_func_proto(t) || btf_is_var(t)) && !refs[i])
			fate[i] = FATE_DROP;
	}
	for (i = start; i < end; i++)
		if (fate[i] == FATE_DROP)
			(*nr_dropped)++;
	if (err || !*nr_dropped)
		goto out;
	if (fate_out) {
		*fate_out = fate;
		fate = NULL;
		goto out;
	}
	/* deduplicated: its strings are unique */
	err = btf_raw__rebuild(btf, NULL, NULL, fate, BTF_RAW_UNIQUE_STRS, &nb);
	if (!err) {
		btf__free(btf);
		*btfp = nb;
	}
out:
	strmap__release(&first);
	free(fate);
	free(refs);
	free(bad);
	return err;
}
