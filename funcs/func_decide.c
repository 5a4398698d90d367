// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Per function name (func_decide.h), from all its definitions:
 *  - a name whose symbols sit at several addresses gets nothing;
 *  - with true_signature, the first definition whose code is a '.'-suffixed
 *    symbol and whose parameters are where the walk expects them is
 *    encoded under that symbol's name;
 *  - otherwise the preferred definition (its code is a symbol of the name,
 *    and it did not drop parameters from the ABI) stands for the name,
 *    unless a definition's parameters are reordered, of uncertain place or
 *    in unexpected registers, or the preferred one dropped parameters.
 * Definitions that disagree on the prototype are found after BTF dedup
 * (btf_post__prune_funcs()), where types compare by ID.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "func_abi.h"
#include "func_decide.h"

const char *func_reason__name(enum func_reason r)
{
	static const char *const names[FR_MAX] = {
		[FR_NONE] = "encoded",
		[FR_AMBIGUOUS] = "ambiguous address",
		[FR_OPTIMIZED] = "optimized parameters",
		[FR_REORDERED] = "reordered parameters",
		[FR_UNCERTAIN] = "uncertain parameter location",
		[FR_INCONSISTENT] = "inconsistent prototype",
		[FR_UNEXPECTED_REG] = "unexpected register usage for parameter",
	};

	return r < FR_MAX ? names[r] : "?";
}

/* a definition whose ABI lost parameters cannot stand for the declared prototype */
static bool drops_abi(const struct func_state *s, bool true_sig)
{
	return !true_sig && (s->abi & FA_OPTIMIZED) && ((s->abi & FA_SIG_CHANGED) || s->clone_sym);
}

bool func_state__prefer(const struct func_state *s, bool true_sig)
{
	return s->at_sym && !drops_abi(s, true_sig);
}

/* the states of one group: @idx[0..n) */
static void decide_one(const struct func_syms *fs, const struct func_state *st, const uint32_t *idx,
		       uint32_t n, bool true_sig, struct func_decision *d)
{
	const struct func_state *canon = NULL, *first_at = NULL;
	uint32_t i, any = 0;
	bool ambiguous = fs->groups[st[idx[0]].group].ambiguous;

	for (i = 0; i < n; i++)
		any |= st[idx[i]].abi;
	if (true_sig) {
		/*
		 * the clone's own name may be unique where the source name is
		 * not: then it still names one address
		 */
		for (i = 0; i < n; i++) {
			const struct func_state *s = &st[idx[i]];

			if (s->true_sym < 0 ||
			    (s->abi & (FA_UNEXPECTED_REG | FA_UNCERTAIN | FA_NO_PROTO)))
				continue;
			if (ambiguous &&
			    !func_syms__name_unique(fs, s->group, (uint32_t)s->true_sym))
				continue;
			d->verdict = FV_SUFFIXED;
			d->sym = s->true_sym;
			return;
		}
	}
	for (i = 0; i < n && !canon; i++) {
		const struct func_state *s = &st[idx[i]];

		if (s->at_sym && !first_at)
			first_at = s;
		if (func_state__prefer(s, true_sig))
			canon = s;
	}
	canon = canon ?: first_at ?: &st[idx[0]];
	d->verdict = FV_SKIP;
	if (ambiguous)
		d->reason = FR_AMBIGUOUS;
	else if (drops_abi(canon, true_sig))
		d->reason = FR_OPTIMIZED;
	else if (any & FA_REORDERED)
		d->reason = FR_REORDERED;
	else if (any & FA_UNCERTAIN)
		d->reason = FR_UNCERTAIN;
	else if (any & FA_UNEXPECTED_REG)
		d->reason = FR_UNEXPECTED_REG;
	else
		d->verdict = FV_SOURCE;
}

/* qsort_r() comparator: by group, then CU order within a group; @arg: the states */
static int cmp_idx(const void *a, const void *b, void *arg)
{
	const struct func_state *st = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t gx = st[x].group, gy = st[y].group;

	if (gx != gy)
		return gx < gy ? -1 : 1;
	return x < y ? -1 : x > y;
}

int func_decide__run(const struct func_syms *fs, const struct func_state *states, uint32_t nr,
		     bool true_sig, struct func_decision **out)
{
	struct func_decision *d = calloc(fs->nr_groups + 1, sizeof(*d));
	uint32_t *idx = calloc(nr + 1, sizeof(*idx)), i, j;

	*out = NULL;
	if (!d || !idx) {
		free(d);
		free(idx);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++)
		idx[i] = i;
	/* batch mode decides several files at once: no static sort context */
	qsort_r(idx, nr, sizeof(*idx), cmp_idx, (void *)states);
	for (i = 0; i < nr; i = j) {
		for (j = i + 1; j < nr && states[idx[j]].group == states[idx[i]].group; j++)
			;
		decide_one(fs, states, idx + i, j - i, true_sig, &d[states[idx[i]].group]);
	}
	free(idx);
	*out = d;
	return 0;
}

bool func_decide__keep_name(const struct func_syms *fs, const struct func_decision *d,
			    const char *name, uint64_t hash)
{
	const char *dot = strchr(name, '.');
	char stem[256];
	int32_t g;

	if (!dot) {
		g = func_syms__find_hashed(fs, name, hash);
		return g < 0 || d[g].verdict == FV_SOURCE;
	}
	if ((size_t)(dot - name) >= sizeof(stem))
		return false;
	memcpy(stem, name, dot - name);
	stem[dot - name] = 0;
	g = func_syms__find(fs, stem);
	return g >= 0 && d[g].verdict == FV_SUFFIXED && !strcmp(fs->syms[d[g].sym]->name, name);
}

void func_decide__counts(const struct func_syms *fs, const struct func_decision *d,
			 uint32_t *counts)
{
	uint32_t g;

	memset(counts, 0, FR_MAX * sizeof(*counts));
	for (g = 0; g < fs->nr_groups; g++) {
		if (d[g].verdict == FV_SOURCE || d[g].verdict == FV_SUFFIXED)
			counts[FR_NONE]++;
		else if (d[g].verdict == FV_SKIP)
			counts[d[g].reason]++;
	}
}
