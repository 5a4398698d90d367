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
#include "strmap.h" /* str_hash() */
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
 * The distinct FUNC names, each met once: per name the FUNC that stays so
 * far. An open-addressing table of name indices, picked by the name's
 * str_hash(), which the function filter is handed too.
 */
struct func_names {
	uint32_t *slots; /* name index + 1, 0: empty */
	uint32_t mask, nr;
	const char **name;
	uint64_t *hash;
	uint32_t *first; /* the FUNC kept so far */
};

static int func_names__init(struct func_names *fn, uint32_t nr_funcs)
{
	uint32_t cap = 16;

	while (cap < 2 * (uint64_t)nr_funcs)
		cap <<= 1;
	memset(fn, 0, sizeof(*fn));
	fn->slots = calloc(cap, sizeof(*fn->slots));
	fn->name = malloc((nr_funcs + 1) * sizeof(*fn->name));
	fn->hash = malloc((nr_funcs + 1) * sizeof(*fn->hash));
	fn->first = malloc((nr_funcs + 1) * sizeof(*fn->first));
	fn->mask = cap - 1;
	return fn->slots && fn->name && fn->hash && fn->first ? 0 : -ENOMEM;
}

static void func_names__release(struct func_names *fn)
{
	free(fn->slots);
	free(fn->name);
	free(fn->hash);
	free(fn->first);
}

/* the index of @name (new ones get the next; room for every FUNC is made) */
static uint32_t func_names__index(struct func_names *fn, const char *name, uint64_t hash,
				  bool *is_new)
{
	uint32_t k, v;

	for (k = (uint32_t)(hash >> 32) & fn->mask; (v = fn->slots[k]); k = (k + 1) & fn->mask)
		if (fn->hash[v - 1] == hash && !strcmp(fn->name[v - 1], name)) {
			*is_new = false;
			return v - 1;
		}
	fn->name[fn->nr] = name;
	fn->hash[fn->nr] = hash;
	fn->slots[k] = ++fn->nr;
	*is_new = true;
	return fn->nr - 1;
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
		       uint32_t *nr_dropped, uint32_t **fate_out, struct btf **replaced)
{
	struct btf *btf = *btfp, *nb;
	const struct btf *base = btf__base_btf(btf);
	uint32_t start = base ? btf__type_cnt(base) : 1, end = btf__type_cnt(btf), i, nr_funcs = 0;
	uint32_t *fate = calloc(end, sizeof(*fate)), *refs = calloc(end, sizeof(*refs));
	uint32_t *name_of = calloc(end, sizeof(*name_of)); /* a FUNC's name index */
	uint8_t *bad = calloc(end, 1);
	struct func_names fn = {0};
	int err = 0;

	*nr_dropped = 0;
	if (fate_out)
		*fate_out = NULL;
	if (replaced)
		*replaced = NULL;
	for (i = start; i < end; i++)
		nr_funcs += btf_is_func(btf__type_by_id(btf, i));
	if (!fate || !refs || !name_of || !bad || func_names__init(&fn, nr_funcs)) {
		err = -ENOMEM;
		goto out;
	}
	/* pass 1: the first FUNC of each name, preferring one whose code is the symbol */
	for (i = start; i < end; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *name;
		uint64_t hash;
		uint32_t n;
		bool is_new;

		if (!btf_is_func(t))
			continue;
		name = btf__name_by_offset(btf, t->name_off) ?: "";
		hash = str_hash(name, strlen(name));
		n = func_names__index(&fn, name, hash, &is_new);
		if (is_new && flt && !flt->keep(flt->ctx, name, hash))
			fn.first[n] = 0; /* no FUNC of this name stays */
		else if (is_new)
			fn.first[n] = i;
		else if (fn.first[n] && pref_of(t) > pref_of(btf__type_by_id(btf, fn.first[n])))
			fn.first[n] = i;
		name_of[i] = n;
	}
	/* pass 2: every other FUNC goes; disagreeing candidates make the name bad */
	for (i = start; i < end; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i), *ft;
		uint32_t g;

		if (!btf_is_func(t))
			continue;
		g = fn.first[name_of[i]];
		if (g == i)
			continue;
		fate[i] = FATE_DROP;
		if (!g) /* the filter drops the name */
			continue;
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
	for (i = start; i < end; i++) {
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
	for (i = start; i < end; i++) {
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
	for (i = start; i < end; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (!fate[i] && (btf_is_func_proto(t) || btf_is_var(t)) && !refs[i])
			fate[i] = FATE_DROP;
	}
	for (i = start; i < end; i++)
		if (fate[i] == FATE_DROP)
			(*nr_dropped)++;
	if (!*nr_dropped)
		goto out;
	if (fate_out) {
		*fate_out = fate;
		fate = NULL;
		goto out;
	}
	/* deduplicated: its strings are unique */
	err = btf_raw__rebuild(btf, NULL, NULL, fate, BTF_RAW_UNIQUE_STRS, &nb);
	if (!err) {
		if (replaced)
			*replaced = btf;
		else
			btf__free(btf);
		*btfp = nb;
	}
out:
	func_names__release(&fn);
	free(name_of);
	free(fate);
	free(refs);
	free(bad);
	return err;
}
