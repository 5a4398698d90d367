// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Encoder orchestration: the ordered stage that appends per-CU BTFs in CU
 * order (first definition of a function name wins), and the final stage:
 * one DATASEC per data section that holds VARs, then libbpf's dedup of the
 * new types on their own, the choice of FUNCs, kfunc tags, and with a base,
 * the fold of what the base already has (btf/split_fold.c).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "btf_fwds.h"
#include "busy.h"
#include "btf_raw.h"
#include "dwarf_loader.h"
#include "encoder_priv.h"
#include "func_choice.h"
#include "kfunc_attrs.h"
#include "split_fold.h"
#include "clock.h"
#include "log.h"
#include "vec.h"

int btf_encoder__new(const struct btf_encoder_opts *opts, struct btf *base,
		     const struct elf_symtab *symtab, struct btf_encoder **out)
{
	struct btf_encoder *enc = calloc(1, sizeof(*enc));

	*out = NULL;
	if (!enc)
		return -ENOMEM;
	enc->opts = *opts;
	enc->base = base;
	enc->symtab = symtab;
	if ((opts->features & BTF_FEAT_FUNC_ANALYSIS) && symtab && symtab->nr_funcs &&
	    func_syms__new(symtab, &enc->fsyms)) {
		free(enc);
		return -ENOMEM;
	}
	/* a module's types are encoded and deduplicated on their own, then folded into the base */
	enc->btf = btf__new_empty();
	if (!enc->btf) {
		free(enc);
		return -ENOMEM;
	}
	btf__set_pointer_size(enc->btf, opts->addr_size ?: 8);
	btf_intern__init(&enc->intern, enc->btf, base != NULL);
	btf__set_endianness(enc->btf, opts->big_endian ? BTF_BIG_ENDIAN : BTF_LITTLE_ENDIAN);
	*out = enc;
	return 0;
}

void btf_encoder__free(struct btf_encoder *enc)
{
	if (!enc)
		return;
	btf__free(enc->btf);
	btf__free(enc->replaced);
	func_syms__free(enc->fsyms);
	free(enc->prune_fate);
	free(enc->fstates);
	free(enc->fdec);
	free(enc->vars);
	btf_intern__release(&enc->intern);
	while (enc->nr_strs)
		free(enc->strs[--enc->nr_strs]);
	free(enc->strs);
	free(enc);
}

void btf_encoder__set_base_index(struct btf_encoder *enc, const struct base_index *idx)
{
	enc->base_index = idx;
}

struct btf *btf_encoder__btf(const struct btf_encoder *enc)
{
	return enc->btf;
}

/* the loader's two stages and its clean-up, for btf_encoder__encode_dwarf() */
static int encode_work(struct tm_cu *cu, void *ctx, void **result)
{
	return btf_encoder__encode_cu(ctx, cu, (struct btf_encoder_cu **)result);
}

static int encode_ordered(void *result, uint32_t cu_index, void *ctx)
{
	return btf_encoder__add_cu(ctx, result);
}

static void encode_drop(void *result, void *ctx)
{
	btf_encoder_cu__free(result);
}

int btf_encoder__encode_dwarf(struct btf_encoder *enc, struct dwl *dwl)
{
	return dwl__load(dwl, encode_work, encode_ordered, encode_drop, enc);
}

void btf_encoder__stats(const struct btf_encoder *enc, struct btf_encoder_stats *st)
{
	*st = enc->stats;
}

int btf_encoder__add_cu(struct btf_encoder *enc, struct btf_encoder_cu *ecu)
{
	double t0 = clock_now(), c0 = clock_thread_cpu();
	const uint32_t *map;
	uint32_t i;
	int err;

	/* only the types the result lacks go in (FUNCs are chosen after dedup) */
	err = btf_intern__add_cu(&enc->intern, ecu->btf, ecu->sigs, &map);
	if (err) {
		pr_err("%s: cannot append the BTF of CU #%u: %s", enc->opts.path, ecu->cu_index,
		       errstr(err));
		goto out;
	}
	/* the result's names are the CU's: the names made for it live on */
	if (ecu->nr_strs && !enc->base) {
		err = vec_ensure((void **)&enc->strs, &enc->cap_strs, sizeof(*enc->strs),
				 enc->nr_strs + ecu->nr_strs, 0x7fffffff);
		if (err)
			goto out;
		memcpy(enc->strs + enc->nr_strs, ecu->strs, ecu->nr_strs * sizeof(*ecu->strs));
		enc->nr_strs += ecu->nr_strs;
		ecu->nr_strs = 0;
	}
	if (ecu->nr_fstates) {
		err = vec_ensure((void **)&enc->fstates, &enc->cap_fstates, sizeof(*enc->fstates),
				 enc->nr_fstates + ecu->nr_fstates, 0x7fffffff);
		if (err)
			goto out;
		memcpy(enc->fstates + enc->nr_fstates, ecu->fstates,
		       ecu->nr_fstates * sizeof(*ecu->fstates));
		enc->nr_fstates += ecu->nr_fstates;
	}
	for (i = 0; i < ecu->nr_vars; i++) {
		const struct ecu_var *v = &ecu->vars[i];
		struct ecu_var *ev;

		err = vec_ensure((void **)&enc->vars, &enc->cap_vars, sizeof(*enc->vars),
				 enc->nr_vars + 1, 0x7fffffff);
		if (err)
			goto out;
		ev = &enc->vars[enc->nr_vars++];
		ev->var_id = map[v->var_id];
		ev->shndx = v->shndx;
		ev->offset = v->offset;
		ev->size = v->size;
	}
out:
	btf_encoder_cu__free(ecu);
	enc->stats.merge += clock_now() - t0;
	enc->stats.merge_cpu += clock_thread_cpu() - c0;
	return err;
}

static int cmp_ecu_var(const void *a, const void *b)
{
	const struct ecu_var *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	/* same place twice (a definition seen by two CUs): keep the first CU's */
	return x->var_id < y->var_id ? -1 : x->var_id > y->var_id;
}

/* one DATASEC for vars[first..end), all of one section, sorted by offset */
static int add_datasec(struct btf_encoder *enc, uint32_t first, uint32_t end)
{
	const struct elf_sec_info *sec = &enc->symtab->secs[enc->vars[first].shndx];
	uint64_t size = 0;
	uint32_t i;
	int id, err;

	for (i = first; i < end; i++)
		if (enc->vars[i].offset + enc->vars[i].size > size)
			size = enc->vars[i].offset + enc->vars[i].size;
	id = btf__add_datasec(enc->btf, sec->name, size);
	if (id < 0)
		return id;
	for (i = first; i < end; i++) {
		const struct ecu_var *v = &enc->vars[i];

		if (i > first && v->offset == enc->vars[i - 1].offset)
			continue;
		err = btf__add_datasec_var_info(enc->btf, v->var_id, v->offset, v->size);
		if (err)
			return err;
	}
	return 0;
}

static const struct elf_kfunc *find_kfunc(const struct elf_symtab *st, const char *name)
{
	uint32_t lo = 0, hi = st->nr_kfuncs;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int r = strcmp(st->kfuncs[mid].name, name);

		if (!r)
			return &st->kfuncs[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * decl_tag_kfuncs: DECL_TAG "bpf_kfunc" (and "bpf_fastcall") on the FUNCs of
 * kfuncs, unless decl tags are off; with attributes, the arena pointers of
 * their prototypes (kfunc_attrs.c)
 */
static int tag_kfuncs(struct btf_encoder *enc)
{
	bool decl_tags = enc->opts.features & BTF_FEAT_DECL_TAG;
	struct kfunc_attrs *ka = NULL;
	uint32_t i, end = btf__type_cnt(enc->btf);
	int err = 0;

	if (enc->opts.features & BTF_FEAT_ATTRIBUTES)
		err = kfunc_attrs__new(enc->btf, enc->opts.path, &ka);
	for (i = 1; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(enc->btf, i);
		const struct elf_kfunc *kf;

		if (!btf_is_func(t))
			continue;
		kf = find_kfunc(enc->symtab, btf__name_by_offset(enc->btf, t->name_off));
		if (!kf)
			continue;
		if (decl_tags)
			err = btf__add_decl_tag(enc->btf, "bpf_kfunc", i, -1);
		if (decl_tags && err >= 0 && (kf->flags & KF_FASTCALL))
			err = btf__add_decl_tag(enc->btf, "bpf_fastcall", i, -1);
		if (ka && err >= 0)
			err = kfunc_attrs__add(ka, i, kf->flags);
		err = err < 0 ? err : 0;
	}
	if (!err && ka)
		err = kfunc_attrs__finish(ka, &enc->btf);
	kfunc_attrs__free(ka);
	return err;
}

/* the module's own BTF becomes split BTF on the base, minus what the base has */
static int onto_base(struct btf_encoder *enc)
{
	struct base_index *own_idx = NULL;
	const struct base_index *idx = enc->base_index;
	struct btf *split;
	uint32_t folded;
	double t0 = clock_now();
	int err = 0;

	if (!idx) {
		err = base_index__new(enc->base, &own_idx);
		idx = own_idx;
	}
	/* the module's BTF is deduplicated: its strings are unique */
	err = err
		      ?: btf_raw__rebuild(enc->btf, enc->base, &idx->strs, enc->prune_fate,
					  BTF_RAW_UNIQUE_STRS, &split);
	free(enc->prune_fate);
	enc->prune_fate = NULL;
	if (err) {
		pr_err("%s: cannot make split BTF on the base: %s", enc->opts.path, errstr(err));
		goto out;
	}
	btf__free(enc->btf);
	enc->btf = split;
	err = split_fold__into_base(&enc->btf, idx, &folded);
	if (err) {
		pr_err("%s: folding split types into the base failed: %s", enc->opts.path,
		       errstr(err));
		goto out;
	}
	pr_debug("%s: %u types folded into the base's", enc->opts.path, folded);
out:
	base_index__free(own_idx);
	enc->stats.fold = clock_now() - t0;
	return err;
}

static bool flt_keep(void *ctx, const char *name, uint64_t hash)
{
	const struct btf_encoder *enc = ctx;

	return func_decide__keep_name(enc->fsyms, enc->fdec, name, hash);
}

static void flt_inconsistent(void *ctx, const char *name)
{
	struct btf_encoder *enc = ctx;
	int32_t g = func_syms__find(enc->fsyms, name);

	if (g >= 0) {
		enc->fdec[g].verdict = FV_SKIP;
		enc->fdec[g].reason = FR_INCONSISTENT;
	}
}

/* the function decisions (func_decide.h), which need no BTF: beside the dedup */
struct decide_job {
	struct btf_encoder *enc;
	pthread_t thread;
	bool threaded;
	int err;
};

static void decide_run(void *arg)
{
	struct decide_job *job = arg;
	struct btf_encoder *enc = job->enc;

	job->err = func_decide__run(enc->fsyms, enc->fstates, enc->nr_fstates,
				    enc->opts.features & BTF_FEAT_TRUE_SIGNATURE, &enc->fdec);
}

/* start the decisions on a thread of their own when the encoder may use two */
static void decide_start(struct decide_job *job)
{
	if (job->enc->fsyms && job->enc->opts.nr_threads > 1)
		job->threaded = !busy__spawn(&job->thread, decide_run, job);
}

/* the decisions made, here if no thread made them; Return: their error */
static int decide_join(struct decide_job *job)
{
	if (job->threaded)
		busy__join(job->thread);
	else if (job->enc->fsyms)
		decide_run(job);
	return job->err;
}

int btf_encoder__finish(struct btf_encoder *enc)
{
	struct decide_job decide = {.enc = enc};
	struct func_filter flt = {.keep = flt_keep, .inconsistent = flt_inconsistent, .ctx = enc};
	uint32_t i, first = 0, dropped;
	double t0;
	bool tag;
	int err = 0;

	if (enc->nr_vars)
		qsort(enc->vars, enc->nr_vars, sizeof(*enc->vars), cmp_ecu_var);
	for (i = 1; i <= enc->nr_vars && !err; i++) {
		if (i < enc->nr_vars && enc->vars[i].shndx == enc->vars[first].shndx)
			continue;
		err = add_datasec(enc, first, i);
		first = i;
	}
	if (err) {
		pr_err("%s: cannot encode DATASEC: %s", enc->opts.path, errstr(err));
		return err;
	}
	enc->stats.types_merged = btf__type_cnt(enc->btf) - 1;

	t0 = clock_now();
	decide_start(&decide);
	if (!enc->base) {
		/* the interned result: see btf_fwds.c */
		uint32_t nr_fwds;

		err = btf_fwds__resolve(enc->btf, 1, &nr_fwds);
		if (err)
			pr_err("%s: cannot resolve declarations: %s", enc->opts.path, errstr(err));
		else
			pr_debug("%s: %u declarations resolved before dedup", enc->opts.path,
				 nr_fwds);
	}
	if (!err) {
		err = btf__dedup(enc->btf, NULL);
		if (err)
			pr_err("%s: BTF deduplication failed: %s", enc->opts.path, errstr(err));
	}
	enc->stats.dedup = clock_now() - t0;
	t0 = clock_now();
	if (decide_join(&decide) && !err) {
		err = decide.err;
		pr_err("%s: cannot decide functions: %s", enc->opts.path, errstr(err));
	}
	if (err)
		return err;
	/*
	 * on a base, the FUNCs to drop go out in onto_base()'s rebuild, which is
	 * made anyway (same types and strings, in the same order, as two
	 * rebuilds); tag_kfuncs() reads the pruned BTF
	 */
	tag = (enc->opts.features & BTF_FEAT_DECL_TAG_KFUNCS) && enc->symtab &&
	      enc->symtab->nr_kfuncs;
	err = func_choice__prune(&enc->btf, enc->opts.features & BTF_FEAT_CONSISTENT_FUNC,
				 enc->fsyms ? &flt : NULL, &dropped,
				 enc->base && !tag ? &enc->prune_fate : NULL, &enc->replaced);
	enc->stats.prune = clock_now() - t0;
	if (err) {
		pr_err("%s: cannot choose among FUNCs of the same name: %s", enc->opts.path,
		       errstr(err));
		return err;
	}
	pr_debug("%s: %u FUNCs and prototypes of repeated names dropped", enc->opts.path, dropped);
	if (tag) {
		err = tag_kfuncs(enc);
		if (err) {
			pr_err("%s: cannot tag kfuncs: %s", enc->opts.path, errstr(err));
			return err;
		}
	}
	return enc->base ? onto_base(enc) : 0;
}

bool btf_encoder__base_has_flat_arrays(const struct btf *base)
{
	uint32_t i, n = btf__type_cnt(base);

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(base, i);

		const struct btf_type *elem;

		if (!btf_is_array(t))
			continue;
		elem = btf__type_by_id(base, btf_array(t)->type);
		if (elem && btf_is_array(elem))
			return false;
	}
	return true;
}
