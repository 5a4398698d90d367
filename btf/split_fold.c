// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Folding a module's types into the base.
 *
 * The problem: libbpf's split dedup matches a module's types against the
 * base, but to do so it hashes all 95,000 types and all strings of a
 * kernel's base for every module, which was most of a module's run; and
 * libbpf 1.1 still keeps, in some modules, a type identical to a base type
 * (Debian's 6.1 romfs.ko keeps its own 'struct module'), dragging the
 * pointers and prototypes that use it along.
 *
 * The fix: a module's BTF is deduplicated on its own (small and fast), then
 * every type is tried against the base types of the same fold key (kind
 * and name, or kind and what it refers to). The check is libbpf's
 * hypothesis walk: assume split type S equals base type B, then compare what
 * they refer to, pair by pair; a pair seen again must agree with the
 * assumption, so cycles (struct -> pointer -> struct) are fine. If the walk
 * succeeds, every assumed pair holds and all of them are folded. As in
 * libbpf 1.1, a module's FWD also becomes the definition of its name when
 * the base and the module have exactly one. A final pass copies the remaining
 * split types into a new split BTF, renumbered (btf_raw.c).
 *
 * Names are compared by string offset: the split BTF comes from
 * btf_raw__rebuild(), which names every string the base holds by the
 * base's (first) offset and keeps its own strings unique, so two names are
 * equal exactly when their offsets are, and a name past the base's strings
 * is in no base type.
 *
 * Passes: (0) index the base by fold key once (shared by all modules of a
 * batch); (1) declarations with a unique definition in the base; (2) for
 * each split type in ID order, try candidates, until a pass folds nothing;
 * (3) rebuild.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_raw.h"
#include "split_fold.h"
#include "type_refs.h"
#include "type_hash.h"
#include "log.h"
#include "vec.h"

struct shape {
	uint64_t hash;
	uint32_t id;
};

/* a name as a number: equal names give equal numbers (see the top) */
static uint32_t name_id(const struct base_strs *bs, uint32_t off)
{
	/* a deduplicated base (vmlinux's) has no repeated string to look up */
	if (off >= bs->len || !bs->nr_dups)
		return off;
	return base_strs__canon(bs, off);
}

static uint64_t shape_name(const void *ctx, uint32_t off)
{
	return name_id(ctx, off);
}

/* everything about a split type except the types it refers to (type_hash.h) */
static uint64_t shape_hash(const struct base_strs *bs, const struct btf_type *t)
{
	return type_hash__fields(hash_mix(t->info, name_id(bs, t->name_off)), t, shape_name, NULL,
				 bs);
}

#define NO_KEY 0 /* a split type no base type can equal */

/* a name in a fold key; ~0 when it is a split name, which no base type has */
static uint32_t key_name(const struct base_strs *bs, uint32_t off)
{
	if (off >= bs->len)
		return 0xffffffffu;
	return bs->nr_dups ? base_strs__canon(bs, off) : off;
}

/*
 * A cheap key to find base candidates: kind and name for named types, kind
 * and target for single-reference kinds (the target as folded so far:
 * @map, or NO_KEY when it is a split type not folded yet, which has no
 * candidate), kind and size-like fields for the rest. @map (indexed
 * from @start) is NULL for a base type.
 */
static uint64_t fold_key(const struct base_strs *bs, const struct btf_type *t, uint32_t start,
			 const uint32_t *map)
{
	uint64_t h = hash_mix(0, btf_kind(t));
	uint16_t i, n = btf_vlen(t);
	uint32_t r, k, nr = tref__count(t);

	if (t->name_off) {
		r = key_name(bs, t->name_off);
		return r == 0xffffffffu ? NO_KEY : hash_mix(h, r) | 1;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_ARRAY:
	case BTF_KIND_FUNC_PROTO:
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		h = hash_mix(hash_mix(h, t->size), n);
		for (i = 0; i < n; i++) {
			r = key_name(bs, btf_members(t)[i].name_off);
			if (r == 0xffffffffu)
				return NO_KEY;
			h = hash_mix(hash_mix(h, r), btf_members(t)[i].offset);
		}
		return h | 1;
	default:
		return hash_mix(hash_mix(h, n), btf_is_any_enum(t) ? t->size : 0) | 1;
	}
	/* references as folded so far; an unfolded split one has no candidate */
	if (btf_is_array(t))
		h = hash_mix(h, btf_array(t)->nelems);
	if (btf_is_func_proto(t))
		h = hash_mix(h, n);
	for (k = 0; k < nr; k++) {
		r = *tref__at(t, k);
		if (map && r >= start && !(r = map[r - start]))
			return NO_KEY;
		h = hash_mix(h, r);
		if (btf_is_func_proto(t) && k) {
			r = key_name(bs, btf_params(t)[k - 1].name_off);
			if (r == 0xffffffffu)
				return NO_KEY;
			h = hash_mix(h, r);
		}
	}
	return h | 1;
}

static int cmp_shape(const void *a, const void *b)
{
	const struct shape *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The scratch arrays of a fold that are as long as the base: zeroed once,
 * kept zero by each fold (a walk undoes its hypotheses; the declarations a
 * fold resolved are listed and cleared) and pooled in the base index, so
 * that a module does not clear megabytes it hardly touches.
 */
struct fold_scratch {
	uint32_t *hyp;	   /* [cap] */
	uint32_t *fwd_def; /* [nr_base] */
	uint32_t cap;
	struct fold_scratch *next;
};

struct fold_pool {
	pthread_mutex_t lock;
	uint32_t nr_base; /* the base's type count */
	struct fold_scratch *free;
};

#define BASE_BATCH 16 /* base types whose index slots are prefetched together */

static void scratch_free(struct fold_scratch *sc)
{
	free(sc->hyp);
	free(sc->fwd_def);
	free(sc);
}

int base_index__new(const struct btf *base, struct base_index **out)
{
	struct base_index *idx = calloc(1, sizeof(*idx));
	uint32_t i, n = btf__type_cnt(base);
	int err;

	*out = NULL;
	if (!idx)
		return -ENOMEM;
	idx->base = base;
	idx->ix.first_id = 1;
	idx->pool = calloc(1, sizeof(*idx->pool));
	if (!idx->pool) {
		free(idx);
		return -ENOMEM;
	}
	pthread_mutex_init(&idx->pool->lock, NULL);
	idx->pool->nr_base = n;
	err = base_strs__init(&idx->strs, base);
	err = err ?: hash_index__reserve(&idx->ix, n);
	/*
	 * the slots are random accesses into megabytes: the keys of a batch of
	 * types are computed and their slots prefetched before they are added
	 */
	for (i = 1; i < n && !err;) {
		uint64_t keys[BASE_BATCH];
		uint32_t ids[BASE_BATCH], nr = 0, k;

		for (; i < n && nr < BASE_BATCH; i++) {
			const struct btf_type *t = btf__type_by_id(base, i);

			if (btf_is_var(t) || btf_is_datasec(t))
				continue;
			ids[nr] = i;
			keys[nr] = fold_key(&idx->strs, t, n, NULL);
			hash_index__prefetch(&idx->ix, keys[nr++]);
		}
		for (k = 0; k < nr && !err; k++)
			err = hash_index__add(&idx->ix, ids[k], keys[k]);
	}
	if (err) {
		base_index__free(idx);
		return err;
	}
	*out = idx;
	return 0;
}

void base_index__free(struct base_index *idx)
{
	if (!idx)
		return;
	while (idx->pool->free) {
		struct fold_scratch *sc = idx->pool->free;

		idx->pool->free = sc->next;
		scratch_free(sc);
	}
	pthread_mutex_destroy(&idx->pool->lock);
	free(idx->pool);
	hash_index__release(&idx->ix);
	base_strs__release(&idx->strs);
	free(idx);
}

struct fold {
	const struct btf *btf;
	const struct base_strs *bs;
	uint32_t start, end;
	uint32_t *map;	   /* split id - start -> the type it is folded into, else 0 (MAP()) */
	uint32_t *fwd_def; /* base declaration id -> the split definition it stands for */
	uint32_t *hyp;	   /* during a walk: canonical-side id -> its candidate-side partner */
	uint32_t *stack;   /* canonical-side ids with a partner, to commit or undo */
	uint32_t nr_stack, cap_stack;
	uint32_t *pend; /* base declarations met by split definitions in this walk */
	uint32_t nr_pend, cap_pend;
	uint32_t *fwd_set; /* the ids of fwd_def set, to clear at the end */
	uint32_t nr_fwd_set, cap_fwd_set;
	bool dirty; /* the scratch could not be kept zero (out of memory) */
};

/* where split type @id is folded into (0: not folded); @id >= f->start */
#define MAP(f, id) ((f)->map[(id) - (f)->start])

static bool same_str(const struct fold *f, uint32_t a, uint32_t b)
{
	return name_id(f->bs, a) == name_id(f->bs, b);
}

static bool same_name_cb(const void *ctx, uint32_t a, uint32_t b)
{
	return same_str(ctx, a, b);
}

/* all fields but type references equal; both are types of f->btf */
static bool shallow_equal(const struct fold *f, const struct btf_type *s, const struct btf_type *b)
{
	return tref__shallow_equal(s, b, same_name_cb, f);
}

/*
 * a FWD and a struct or union of the same name and kind: 1 when @x is the
 * FWD, -1 when @y is, 0 otherwise
 */
static int fwd_pair(const struct fold *f, const struct btf_type *x, const struct btf_type *y)
{
	if (!same_str(f, x->name_off, y->name_off))
		return 0;
	if (btf_is_fwd(x) && btf_is_composite(y) && btf_kflag(x) == btf_is_union(y))
		return 1;
	if (btf_is_fwd(y) && btf_is_composite(x) && btf_kflag(y) == btf_is_union(x))
		return -1;
	return 0;
}

/*
 * an enum without enumerators (a declared-only enum) and an enum of the same
 * name, kind and size: 1 when @x is the declaration, -1 when @y is, else 0
 */
static int enum_fwd_pair(const struct fold *f, const struct btf_type *x, const struct btf_type *y)
{
	if (!btf_is_any_enum(x) || (x->info & ~0xffffu) != (y->info & ~0xffffu) ||
	    x->size != y->size || !same_str(f, x->name_off, y->name_off))
		return 0;
	return !btf_vlen(x) ? 1 : !btf_vlen(y) ? -1 : 0;
}

/* where a split type has been folded to, and what a resolved base declaration stands for */
static uint32_t resolve(const struct fold *f, uint32_t id)
{
	unsigned int n = 0;

	while (n++ < 64) {
		if (id >= f->start && MAP(f, id))
			id = MAP(f, id);
		else if (id < f->start && f->fwd_def[id])
			id = f->fwd_def[id];
		else
			break;
	}
	return id;
}

static int push(uint32_t **v, uint32_t *nr, uint32_t *cap, uint32_t x)
{
	int err = vec_ensure((void **)v, cap, sizeof(**v), *nr + 1, 0x7fffffff);

	if (!err)
		(*v)[(*nr)++] = x;
	return err;
}

static bool equiv(struct fold *f, uint32_t cand, uint32_t canon, unsigned int depth);

static bool refs_equiv(struct fold *f, const struct btf_type *a, const struct btf_type *b,
		       unsigned int depth)
{
	uint32_t i, n = tref__count(a);

	for (i = 0; i < n; i++)
		if (!equiv(f, *tref__at(a, i), *tref__at(b, i), depth))
			return false;
	return true;
}

/* the same record, down to the type IDs it refers to (one CU's duplicates) */
static bool identical(const struct fold *f, uint32_t x, uint32_t y)
{
	const struct btf_type *a = btf__type_by_id(f->btf, x), *b = btf__type_by_id(f->btf, y);
	uint32_t i, n = tref__count(a);

	if ((!btf_is_array(a) && !btf_is_composite(a)) || !shallow_equal(f, a, b))
		return false;
	for (i = 0; i < n; i++)
		if (resolve(f, *tref__at(a, i)) != resolve(f, *tref__at(b, i)))
			return false;
	return true;
}

/*
 * can split type @cand (and what it refers to) stand for @canon? This is
 * libbpf's graph walk: each type of the canonical graph gets at most one
 * partner in the candidate graph (a second, different one fails the walk,
 * unless the two are identical records), so cycles are fine. A
 * declaration stands for the definition of its name: a split FWD for a
 * struct or union, an enum without enumerators for an enum of the same size
 * either way. A split definition where the canonical side only declares
 * makes the walk hold without folding anything: the module keeps the type
 * that knows more, and the base's declaration stands for that definition
 * in later walks (libbpf 1.1 does the same).
 */
static bool equiv(struct fold *f, uint32_t cand, uint32_t canon, unsigned int depth)
{
	const struct btf_type *tc, *tk;
	int fp;

	cand = resolve(f, cand);
	canon = resolve(f, canon);
	if (cand == canon)
		return true;
	if (f->hyp[canon])
		return f->hyp[canon] == cand || identical(f, f->hyp[canon], cand);
	if (cand < f->start || depth > 512)
		return false; /* two different base types */
	if (push(&f->stack, &f->nr_stack, &f->cap_stack, canon))
		return false;
	f->hyp[canon] = cand;
	tc = btf__type_by_id(f->btf, cand);
	tk = btf__type_by_id(f->btf, canon);
	if (btf_kind(tc) != btf_kind(tk)) {
		fp = fwd_pair(f, tc, tk);
		/* the base declares what the module defines: see end_walk() */
		if (fp < 0 && canon < f->start && push(&f->pend, &f->nr_pend, &f->cap_pend, canon))
			return false;
		return fp != 0;
	}
	if (enum_fwd_pair(f, tc, tk))
		return true;
	if (!shallow_equal(f, tc, tk))
		return false;
	return refs_equiv(f, tc, tk, depth + 1);
}

/*
 * after a walk from split type @top: when it held, split declarations,
 * @top and the split structs and unions after it (not walked from yet) are
 * folded into their partners (other kinds are matched by their targets
 * later, as libbpf dedups reference types after structs), and the base
 * declarations it met stand for their split definitions from now on.
 * Return: the number of types folded.
 */
static uint32_t end_walk(struct fold *f, bool ok, uint32_t top)
{
	uint32_t k, folded = 0;

	for (k = 0; ok && k < f->nr_pend; k++) {
		f->fwd_def[f->pend[k]] = f->hyp[f->pend[k]];
		if (push(&f->fwd_set, &f->nr_fwd_set, &f->cap_fwd_set, f->pend[k]))
			f->dirty = true;
	}
	if (f->nr_pend)
		ok = false; /* the walk held only through base declarations */
	for (k = 0; k < f->nr_stack; k++) {
		uint32_t canon = f->stack[k], cand = f->hyp[canon];
		const struct btf_type *t = btf__type_by_id(f->btf, cand);

		f->hyp[canon] = 0;
		if (!ok || cand < f->start || MAP(f, cand) || resolve(f, canon) == cand)
			continue;
		if (!btf_is_composite(t) && !btf_is_fwd(t))
			continue;
		if (btf_is_composite(t) && cand < top)
			continue; /* an earlier struct had its own walk: it stays as decided */
		if (canon >= f->start && canon > cand)
			continue; /* split types fold into earlier ones only: no cycles */
		MAP(f, cand) = canon;
		folded++;
	}
	f->nr_stack = f->nr_pend = 0;
	return folded;
}

/* where folded type @id ends: the end of its map chain (base declarations stay) */
static uint32_t final_of(const struct fold *f, uint32_t id)
{
	while (id >= f->start && MAP(f, id))
		id = MAP(f, id);
	return id;
}

/*
 * a split type of a kind other than struct and union, equal to @c with
 * what it refers to folded so far; a declared-only enum also equals the
 * enum it declares
 */
static bool exact_equal(const struct fold *f, uint32_t s, uint32_t c)
{
	const struct btf_type *ts = btf__type_by_id(f->btf, s), *tc = btf__type_by_id(f->btf, c);
	uint32_t k, n = tref__count(ts);

	if (enum_fwd_pair(f, ts, tc) > 0)
		return true;
	if (!shallow_equal(f, ts, tc))
		return false;
	for (k = 0; k < n; k++)
		if (final_of(f, *tref__at(ts, k)) != final_of(f, *tref__at(tc, k)))
			return false;
	return true;
}

/* fold split type @s into @c if they match; Return: the number of types folded */
static uint32_t match(struct fold *f, uint32_t s, uint32_t c)
{
	if (!btf_is_composite(btf__type_by_id(f->btf, s))) {
		if (!exact_equal(f, s, c))
			return 0;
		MAP(f, s) = c;
		return 1;
	}
	return end_walk(f, equiv(f, s, c, 0), s);
}

/*
 * The leftover pass: libbpf 1.1 keeps, in some modules, a type identical to
 * a base type (Debian 6.1's romfs.ko keeps its own 'struct module': a
 * base type met twice in one walk, once for each of two identical module
 * types). Here a walk pairs types that are exactly equal, declarations
 * with declarations only, so nothing is lost by folding; a split type may
 * stand for several others (the hypothesis maps the higher ID to the lower
 * one), and every pair of a walk that holds is folded.
 */
static uint32_t strict_canon(const struct fold *f, uint32_t id)
{
	unsigned int n = 0;

	while (id >= f->start && (MAP(f, id) || f->hyp[id]) && n++ < 64)
		id = MAP(f, id) ?: f->hyp[id];
	return id;
}

static bool same(struct fold *f, uint32_t a, uint32_t b, unsigned int depth)
{
	const struct btf_type *th, *tl;
	uint32_t hi, lo, i, n;

	a = strict_canon(f, a);
	b = strict_canon(f, b);
	if (a == b)
		return true;
	hi = a > b ? a : b;
	lo = a > b ? b : a;
	if (hi < f->start || depth > 512)
		return false;
	th = btf__type_by_id(f->btf, hi);
	tl = btf__type_by_id(f->btf, lo);
	if (!shallow_equal(f, th, tl) || push(&f->stack, &f->nr_stack, &f->cap_stack, hi))
		return false;
	f->hyp[hi] = lo;
	n = tref__count(th);
	for (i = 0; i < n; i++)
		if (!same(f, *tref__at(th, i), *tref__at(tl, i), depth + 1))
			return false;
	return true;
}

/* fold split type @s into @c if their graphs are the same; Return: types folded */
static uint32_t match_strict(struct fold *f, uint32_t s, uint32_t c)
{
	bool ok = same(f, s, c, 0);
	uint32_t k, folded = 0;

	for (k = 0; k < f->nr_stack; k++) {
		uint32_t x = f->stack[k];

		if (ok) {
			MAP(f, x) = f->hyp[x];
			folded++;
		}
		f->hyp[x] = 0;
	}
	f->nr_stack = 0;
	return folded;
}

/*
 * The deep shape of split type @t (of shape @shape) for the last pass: its
 * shape and the shapes of what its references stand for (strict_canon()).
 * same() holds for two types only if it holds for each pair of their
 * references, whose stand-ins are then equal or shallow-equal (a type of
 * the pair, or a hypothesis partner of the same shape): equal deep shapes.
 * The last pass folds only shallow-equal pairs, so what a reference stands
 * for changes there only to a type of the same shape: a deep shape computed
 * before the pass stays true during it.
 */
static uint64_t deep_shape(const struct fold *f, const struct btf_type *t, uint64_t shape)
{
	uint32_t k, n = tref__count(t);
	uint64_t h = shape;

	for (k = 0; k < n; k++) {
		uint32_t r = strict_canon(f, *tref__at(t, k));

		h = hash_mix(h, r ? shape_hash(f->bs, btf__type_by_id(f->btf, r)) : 0);
	}
	return h;
}

/* try @s against the candidates shapes[i...] of the same hash; commit the first that holds */
static uint32_t try_candidates(struct fold *f, uint32_t s, const struct shape *shapes, uint32_t nr,
			       uint32_t i, uint64_t h)
{
	uint32_t folded = 0, n;

	for (; i < nr && shapes[i].hash == h; i++) {
		uint32_t c = shapes[i].id;

		if (c == s || (c >= f->start && (c > s || MAP(f, c))))
			continue;
		n = match_strict(f, s, c);
		folded += n;
		if (n)
			break;
	}
	return folded;
}

static uint32_t find_first(const struct shape *shapes, uint32_t nr, uint64_t hash)
{
	uint32_t lo = 0, hi = nr;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (shapes[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* try @s against the base types of its fold key; commit the first that holds */
static uint32_t try_base(struct fold *f, uint32_t s, const struct base_index *idx,
			 uint32_t (*matcher)(struct fold *f, uint32_t s, uint32_t c))
{
	uint64_t h = fold_key(f->bs, btf__type_by_id(f->btf, s), f->start, f->map);
	uint32_t c, folded = 0;

	if (h == NO_KEY)
		return 0;
	for (c = hash_index__first(&idx->ix, h); c; c = hash_index__next(&idx->ix, c)) {
		uint32_t n = matcher(f, s, c);

		folded += n;
		if (n)
			break;
	}
	return folded;
}

/* the base's struct or union named @name, if it has exactly one of them; 0 otherwise */
static uint32_t unique_base_composite(const struct fold *f, const struct base_index *idx,
				      uint32_t name)
{
	static const uint16_t kinds[] = {BTF_KIND_STRUCT, BTF_KIND_UNION};
	uint32_t found = 0, c, k;

	for (k = 0; k < 2; k++) {
		struct btf_type key = {.name_off = name, .info = (uint32_t)kinds[k] << 24};
		uint64_t h = fold_key(f->bs, &key, f->start, NULL);

		for (c = hash_index__first(&idx->ix, h); c; c = hash_index__next(&idx->ix, c)) {
			const struct btf_type *t = btf__type_by_id(f->btf, c);

			if (btf_kind(t) != kinds[k] || !same_str(f, t->name_off, name))
				continue;
			if (found)
				return 0;
			found = c;
		}
	}
	return found;
}

/*
 * pass 1: a split FWD whose name has exactly one struct or union in the
 * base and in the split types together becomes that definition, as in
 * libbpf's dedup (a module that only declares 'struct kmem_cache' uses
 * the base's)
 */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int resolve_fwds(struct fold *f, const struct base_index *idx)
{
	uint32_t s, d, nr = 0, *names = calloc(f->end - f->start + 1, sizeof(*names));

	if (!names)
		return -ENOMEM;
	/* the names of split structs and unions */
	for (s = f->start; s < f->end; s++) {
		const struct btf_type *t = btf__type_by_id(f->btf, s);

		if (btf_is_composite(t) && t->name_off)
			names[nr++] = name_id(f->bs, t->name_off);
	}
	qsort(names, nr, sizeof(*names), cmp_u32);
	for (s = f->start; s < f->end; s++) {
		const struct btf_type *t = btf__type_by_id(f->btf, s);
		uint32_t name;

		if (!btf_is_fwd(t) || t->name_off >= f->bs->len)
			continue;
		name = name_id(f->bs, t->name_off);
		if (bsearch(&name, names, nr, sizeof(*names), cmp_u32))
			continue;
		d = unique_base_composite(f, idx, t->name_off);
		if (d && btf_kflag(t) == btf_is_union(btf__type_by_id(f->btf, d)))
			MAP(f, s) = d;
	}
	free(names);
	return 0;
}

/*
 * pass 2a: split types equal to base types, in ID order: kinds without
 * references, then structs and unions (one walk each, as in libbpf), then
 * references again while a pass folds something (a reference folds once
 * its targets have), then leftovers exactly equal to base types; 2b: split
 * types exactly equal to earlier split types
 */
static int fold_types(struct fold *f, const struct base_index *idx, uint32_t *folded)
{
	struct shape *own = calloc(f->end - f->start + 1, sizeof(*own));
	struct shape *deep = calloc(f->end - f->start + 1, sizeof(*deep));
	uint32_t s, nr_own = 0, i, pass_folded;

	if (!own || !deep || resolve_fwds(f, idx)) {
		free(own);
		free(deep);
		return -ENOMEM;
	}
	for (s = f->start; s < f->end; s++)
		*folded += !!MAP(f, s);
	/* kinds without references, then structs and unions once each, as libbpf */
	for (s = f->start; s < f->end; s++)
		if (!MAP(f, s) && !tref__count(btf__type_by_id(f->btf, s)))
			*folded += try_base(f, s, idx, match);
	for (s = f->start; s < f->end; s++)
		if (!MAP(f, s) && btf_is_composite(btf__type_by_id(f->btf, s)))
			*folded += try_base(f, s, idx, match);
	/*
	 * references, until a pass folds nothing (each waits for its targets);
	 * then the leftovers, what is still exactly equal to a base type. A
	 * leftover folded late (a struct after the pointers to it were tried)
	 * makes its users equal to base types in turn: both run again until
	 * neither folds anything, or a pointer to a folded struct would stay
	 * identical to the base's (6.12's kvm.ko: PTR -> 'kvm_vcpu' and 40
	 * prototypes using it)
	 */
	do {
		do {
			pass_folded = 0;
			for (s = f->start; s < f->end; s++) {
				const struct btf_type *t = btf__type_by_id(f->btf, s);

				if (!MAP(f, s) && tref__count(t) && !btf_is_composite(t) &&
				    !btf_is_var(t) && !btf_is_datasec(t))
					pass_folded += try_base(f, s, idx, match);
			}
			*folded += pass_folded;
		} while (pass_folded);
		for (s = f->start; s < f->end; s++) {
			const struct btf_type *t = btf__type_by_id(f->btf, s);

			if (!MAP(f, s) && !btf_is_var(t) && !btf_is_datasec(t))
				pass_folded += try_base(f, s, idx, match_strict);
		}
		*folded += pass_folded;
	} while (pass_folded);
	/*
	 * a type folded already is skipped below both as the type tried and as
	 * a candidate: only the others need sorting. Types are tried in the
	 * order of their shapes; their candidates are looked up by deep shape
	 * (deep_shape()), which leaves out only candidates that cannot hold.
	 */
	for (s = f->start; s < f->end; s++) {
		const struct btf_type *t = btf__type_by_id(f->btf, s);

		if (MAP(f, s) || btf_is_var(t) || btf_is_datasec(t))
			continue;
		own[nr_own].hash = shape_hash(f->bs, t);
		deep[nr_own].hash = deep_shape(f, t, own[nr_own].hash);
		deep[nr_own].id = own[nr_own].id = s;
		nr_own++;
	}
	qsort(own, nr_own, sizeof(*own), cmp_shape);
	qsort(deep, nr_own, sizeof(*deep), cmp_shape);
	for (i = 0; i < nr_own; i++) {
		uint64_t h;

		s = own[i].id;
		if (MAP(f, s))
			continue;
		h = deep_shape(f, btf__type_by_id(f->btf, s), own[i].hash);
		*folded += try_candidates(f, s, deep, nr_own, find_first(deep, nr_own, h), h);
	}
	free(own);
	free(deep);
	return 0;
}

/* base-sized zeroed arrays for a fold of @n types: from the pool, or new */
static struct fold_scratch *scratch_get(const struct base_index *idx, uint32_t n)
{
	struct fold_pool *pool = idx->pool;
	struct fold_scratch *sc;

	pthread_mutex_lock(&pool->lock);
	sc = pool->free;
	if (sc)
		pool->free = sc->next;
	pthread_mutex_unlock(&pool->lock);
	if (!sc) {
		sc = calloc(1, sizeof(*sc));
		if (!sc)
			return NULL;
		sc->fwd_def = calloc(pool->nr_base ?: 1, sizeof(*sc->fwd_def));
		if (!sc->fwd_def) {
			free(sc);
			return NULL;
		}
	}
	if (n > sc->cap) {
		/* grown zeroed; the old part is zero already */
		void *p = realloc(sc->hyp, (size_t)n * sizeof(*sc->hyp));

		if (!p) {
			free(sc->fwd_def);
			free(sc->hyp);
			free(sc);
			return NULL;
		}
		sc->hyp = p;
		memset(sc->hyp + sc->cap, 0, (size_t)(n - sc->cap) * sizeof(*sc->hyp));
		sc->cap = n;
	}
	return sc;
}

/* back to the pool when @f left it zero, else freed */
static void scratch_put(const struct base_index *idx, struct fold_scratch *sc, struct fold *f)
{
	struct fold_pool *pool = idx->pool;
	uint32_t k;

	if (!sc)
		return;
	for (k = 0; k < f->nr_fwd_set; k++)
		sc->fwd_def[f->fwd_set[k]] = 0;
	if (f->dirty || f->nr_stack) {
		scratch_free(sc);
		return;
	}
	pthread_mutex_lock(&pool->lock);
	sc->next = pool->free;
	pool->free = sc;
	pthread_mutex_unlock(&pool->lock);
}

int split_fold__into_base(struct btf **btfp, const struct base_index *idx, uint32_t *nr_folded)
{
	struct btf *btf = *btfp, *nb;
	struct fold f = {.btf = btf, .bs = &idx->strs};
	struct fold_scratch *sc = NULL;
	uint32_t n = btf__type_cnt(btf), i;
	int err = 0;

	*nr_folded = 0;
	if (btf__base_btf(btf) != idx->base)
		return -EINVAL;
	f.start = btf__type_cnt(idx->base);
	f.end = n;
	f.map = calloc(n - f.start + 1, sizeof(*f.map));
	sc = f.map ? scratch_get(idx, n) : NULL;
	if (!sc) {
		err = -ENOMEM;
		goto out;
	}
	f.hyp = sc->hyp;
	f.fwd_def = sc->fwd_def;
	err = fold_types(&f, idx, nr_folded);
	if (err || !*nr_folded)
		goto out;
	/*
	 * folded types go to the end of their chain, in place: a type folds
	 * into a base type or an earlier split type, whose entry is final by then
	 */
	for (i = f.start; i < f.end; i++)
		if (MAP(&f, i))
			MAP(&f, i) = final_of(&f, i);
	err = btf_raw__rebuild_own(btf, idx->base, &idx->strs, f.map, 0, &nb);
	if (err)
		goto out;
	btf__free(btf);
	*btfp = nb;
out:
	scratch_put(idx, sc, &f);
	free(f.map);
	free(f.stack);
	free(f.pend);
	free(f.fwd_set);
	return err;
}
