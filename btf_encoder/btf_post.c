// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Folding split types into the base after libbpf's dedup.
 *
 * The problem: libbpf 1.1's split dedup sometimes keeps, in a module's BTF,
 * a type that is identical to a base type (measured on Debian's 6.1 kernel:
 * romfs.ko keeps its own copy of 'struct module' although every member of
 * it refers to the same base types as the base's). Which type is kept
 * depends on the order types are met, so pahole with the same libbpf keeps
 * a different one. Each kept copy drags the pointers and prototypes that
 * use it along.
 *
 * The fix: after dedup, every split type is tried against the base types of
 * the same shape (kind, name, size, members...). The check is libbpf's
 * hypothesis walk: assume split type S equals base type B, then compare what
 * they refer to, pair by pair; a pair seen again must agree with the
 * assumption, so cycles (struct -> pointer -> struct) are fine. If the walk
 * succeeds, every assumed pair holds and all of them are folded. A final
 * pass copies the remaining split types into a new split BTF, renumbered.
 *
 * Passes: (1) index the base by shape hash once (shared by all modules of a
 * batch); (2) for each split type in ID order, try candidates; (3) rebuild.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "encoder_internal.h"
#include "type_refs.h"
#include "log.h"

struct shape {
	uint64_t hash;
	uint32_t id;
};


static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

static uint64_t str_hash(const struct btf *btf, uint32_t off)
{
	return strmap__hash(btf__str_by_offset(btf, off) ?: "");
}

/* everything about a type except the types it refers to */
static uint64_t shape_hash(const struct btf *btf, const struct btf_type *t)
{
	uint64_t h = mix(t->info, str_hash(btf, t->name_off));
	uint16_t i, vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return mix(mix(h, t->size), *(uint32_t *)(t + 1));
	case BTF_KIND_FLOAT:
		return mix(h, t->size);
	case BTF_KIND_ARRAY:
		return mix(h, btf_array(t)->nelems);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		h = mix(h, t->size);
		for (i = 0; i < vlen; i++) {
			h = mix(h, str_hash(btf, btf_members(t)[i].name_off));
			h = mix(h, btf_members(t)[i].offset);
		}
		return h;
	case BTF_KIND_ENUM:
		h = mix(h, t->size);
		for (i = 0; i < vlen; i++)
			h = mix(mix(h, str_hash(btf, btf_enum(t)[i].name_off)), btf_enum(t)[i].val);
		return h;
	case BTF_KIND_ENUM64:
		h = mix(h, t->size);
		for (i = 0; i < vlen; i++)
			h = mix(mix(h, str_hash(btf, btf_enum64(t)[i].name_off)),
				btf_enum64_value(&btf_enum64(t)[i]));
		return h;
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < vlen; i++)
			h = mix(h, str_hash(btf, btf_params(t)[i].name_off));
		return h;
	case BTF_KIND_DECL_TAG:
		return mix(h, btf_decl_tag(t)->component_idx);
	default:
		return h;
	}
}

/*
 * A cheap key to find base candidates: kind and name for named types, kind
 * and target for single-reference kinds (the target as folded so far:
 * @map, or 0 when it is a split type not folded yet, which has no
 * candidate), kind and size-like fields for the rest.
 */
static uint64_t fold_key(const struct btf *btf, const struct btf_type *t, uint32_t start,
			 const uint32_t *map)
{
	uint64_t h = mix(0, btf_kind(t));
	uint16_t i, n = btf_vlen(t);
	uint32_t refs[2], r;

	if (t->name_off)
		return mix(h, str_hash(btf, t->name_off));
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
		h = mix(mix(h, t->size), n);
		for (i = 0; i < n; i++)
			h = mix(mix(h, str_hash(btf, btf_members(t)[i].name_off)),
				btf_members(t)[i].offset);
		return h;
	default:
		return mix(mix(h, n), btf_is_any_enum(t) ? t->size : 0);
	}
	/* references as folded so far; an unfolded split one has no candidate */
	if (btf_is_func_proto(t)) {
		r = t->type;
		h = mix(h, n);
	} else if (btf_is_array(t)) {
		refs[0] = btf_array(t)->type;
		refs[1] = btf_array(t)->index_type;
		h = mix(h, btf_array(t)->nelems);
		for (i = 0; i < 2; i++) {
			r = refs[i];
			if (map && r >= start)
				r = map[r];
			if (map && (!r && refs[i])) /* unfolded */
				return 0;
			h = mix(h, r);
		}
		return h;
	} else {
		r = t->type;
	}
	if (map && r >= start)
		r = map[r] ?: (r ? 0xffffffffu : 0);
	if (r == 0xffffffffu)
		return 0;
	h = mix(h, r);
	for (i = 0; btf_is_func_proto(t) && i < n; i++) {
		r = btf_params(t)[i].type;
		if (map && r >= start)
			r = map[r] ?: 0xffffffffu;
		if (r == 0xffffffffu)
			return 0;
		h = mix(mix(h, r), str_hash(btf, btf_params(t)[i].name_off));
	}
	return h;
}

static int cmp_shape(const void *a, const void *b)
{
	const struct shape *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int base_index__new(const struct btf *base, struct base_index **out)
{
	struct base_index *idx = calloc(1, sizeof(*idx));
	uint32_t i, n = btf__type_cnt(base);
	int err = 0;

	*out = NULL;
	if (!idx)
		return -ENOMEM;
	idx->base = base;
	idx->ix.first_id = 1;
	for (i = 1; i < n && !err; i++) {
		const struct btf_type *t = btf__type_by_id(base, i);

		if (!btf_is_var(t) && !btf_is_datasec(t))
			err = intern_index__add(&idx->ix, i, fold_key(base, t, n, NULL));
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
	intern_index__release(&idx->ix);
	free(idx);
}

struct fold {
	const struct btf *btf;
	uint32_t start, end;
	uint32_t *map;	   /* split id -> base id once folded, else 0 */
	uint32_t *hyp;	   /* split id -> assumed base id during one walk */
	uint32_t *stack;   /* split ids with a hypothesis, to commit or undo */
	uint32_t nr_stack;
};

static bool same_str(const struct btf *btf, uint32_t a, uint32_t b)
{
	return !strcmp(btf__str_by_offset(btf, a) ?: "", btf__str_by_offset(btf, b) ?: "");
}

/* all fields but type references equal; both are types of f->btf */
static bool shallow_equal(const struct btf *btf, const struct btf_type *s, const struct btf_type *b)
{
	uint16_t i, vlen = btf_vlen(s);

	if (s->info != b->info || !same_str(btf, s->name_off, b->name_off))
		return false;
	switch (btf_kind(s)) {
	case BTF_KIND_INT:
		return s->size == b->size && *(uint32_t *)(s + 1) == *(uint32_t *)(b + 1);
	case BTF_KIND_FLOAT:
		return s->size == b->size;
	case BTF_KIND_ARRAY:
		return btf_array(s)->nelems == btf_array(b)->nelems;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (s->size != b->size)
			return false;
		for (i = 0; i < vlen; i++)
			if (btf_members(s)[i].offset != btf_members(b)[i].offset ||
			    !same_str(btf, btf_members(s)[i].name_off, btf_members(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_ENUM:
		if (s->size != b->size)
			return false;
		for (i = 0; i < vlen; i++)
			if (btf_enum(s)[i].val != btf_enum(b)[i].val ||
			    !same_str(btf, btf_enum(s)[i].name_off, btf_enum(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_ENUM64:
		if (s->size != b->size)
			return false;
		for (i = 0; i < vlen; i++)
			if (btf_enum64_value(&btf_enum64(s)[i]) != btf_enum64_value(&btf_enum64(b)[i]) ||
			    !same_str(btf, btf_enum64(s)[i].name_off, btf_enum64(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < vlen; i++)
			if (!same_str(btf, btf_params(s)[i].name_off, btf_params(b)[i].name_off))
				return false;
		return true;
	case BTF_KIND_DECL_TAG:
		return btf_decl_tag(s)->component_idx == btf_decl_tag(b)->component_idx;
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
		return false;
	default:
		return true;
	}
}

static bool equiv(struct fold *f, uint32_t s, uint32_t b, unsigned int depth);

static bool refs_equiv(struct fold *f, const struct btf_type *s, const struct btf_type *b,
		       unsigned int depth)
{
	uint32_t i, n = tref__count(s);

	for (i = 0; i < n; i++)
		if (!equiv(f, *tref__at(s, i), *tref__at(b, i), depth))
			return false;
	return true;
}

static uint32_t canon(const struct fold *f, uint32_t id)
{
	unsigned int n = 0;

	while (id >= f->start && (f->map[id] || f->hyp[id]) && n++ < 64)
		id = f->map[id] ?: f->hyp[id];
	return id;
}

/*
 * can types @a and @b stand for each other? A hypothesis always maps the
 * higher ID to the lower one (a split type to a base type or to an earlier
 * split type), so hypotheses never form cycles.
 */
static bool equiv(struct fold *f, uint32_t a, uint32_t b, unsigned int depth)
{
	uint32_t hi, lo;

	a = canon(f, a);
	b = canon(f, b);
	if (a == b)
		return true;
	hi = a > b ? a : b;
	lo = a > b ? b : a;
	if (hi < f->start || depth > 512)
		return false; /* two different base types */
	if (!shallow_equal(f->btf, btf__type_by_id(f->btf, hi), btf__type_by_id(f->btf, lo)))
		return false;
	f->hyp[hi] = lo;
	f->stack[f->nr_stack++] = hi;
	return refs_equiv(f, btf__type_by_id(f->btf, hi), btf__type_by_id(f->btf, lo), depth + 1);
}

/* after a walk: commit its hypotheses when it held, drop them otherwise; Return: commits */
static uint32_t end_walk(struct fold *f, bool ok)
{
	uint32_t k, folded = 0;

	for (k = 0; k < f->nr_stack; k++) {
		uint32_t x = f->stack[k];

		if (ok) {
			f->map[x] = f->hyp[x];
			folded++;
		}
		f->hyp[x] = 0;
	}
	f->nr_stack = 0;
	return folded;
}

/* try @s against the candidates shapes[i...] of the same hash; commit the first that holds */
static uint32_t try_candidates(struct fold *f, uint32_t s, const struct shape *shapes, uint32_t nr,
			       uint32_t i, uint64_t h)
{
	uint32_t folded = 0;

	for (; i < nr && shapes[i].hash == h; i++) {
		uint32_t c = shapes[i].id;
		bool ok;

		if (c == s || (c >= f->start && (c > s || f->map[c])))
			continue;
		ok = equiv(f, s, c, 0);
		folded += end_walk(f, ok);
		if (ok)
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
static uint32_t try_base(struct fold *f, uint32_t s, const struct base_index *idx)
{
	uint64_t h = fold_key(f->btf, btf__type_by_id(f->btf, s), f->start, f->map);
	uint32_t c, folded = 0;

	if (!h)
		return 0;
	for (c = intern_index__first(&idx->ix, h); c; c = intern_index__next(&idx->ix, c)) {
		bool ok = equiv(f, s, c, 0);

		folded += end_walk(f, ok);
		if (ok)
			break;
	}
	return folded;
}

/*
 * pass 2a: split types equal to base types (twice: a reference folds once
 * its target has); 2b: split types equal to earlier split types
 */
static int fold_types(struct fold *f, const struct base_index *idx, uint32_t *folded)
{
	struct shape *own = calloc(f->end - f->start + 1, sizeof(*own));
	uint32_t s, nr_own = 0, i;

	if (!own)
		return -ENOMEM;
	for (s = f->start; s < f->end; s++) {
		const struct btf_type *t = btf__type_by_id(f->btf, s);
		uint64_t h;

		if (btf_is_var(t) || btf_is_datasec(t))
			continue;
		h = shape_hash(f->btf, t);
		own[nr_own].hash = h;
		own[nr_own++].id = s;
		if (!f->map[s])
			*folded += try_base(f, s, idx);
	}
	for (s = f->start; s < f->end; s++)
		if (!f->map[s])
			*folded += try_base(f, s, idx);
	qsort(own, nr_own, sizeof(*own), cmp_shape);
	for (i = 0; i < nr_own; i++) {
		s = own[i].id;
		if (!f->map[s])
			*folded += try_candidates(f, s, own, nr_own,
						  find_first(own, nr_own, own[i].hash), own[i].hash);
	}
	free(own);
	return 0;
}

#define FATE_DROP 0xffffffffu

/*
 * rebuild() - copy the split types of @old (IDs @start..@end-1) into a new BTF
 * on the same base, renumbered. @fate[i]: 0 keeps type i, FATE_DROP leaves it
 * out (nothing kept may refer to it), any other value folds it into that
 * (base or kept) type.
 */
static int rebuild(struct btf *old, uint32_t start, uint32_t end, const uint32_t *fate,
		   struct btf **out)
{
	struct btf *nb = btf__new_empty_split((struct btf *)btf__base_btf(old));
	uint32_t *map = calloc(end, sizeof(*map)), i, next;
	int err = 0;

	if (!nb || !map) {
		err = -ENOMEM;
		goto out;
	}
	btf__set_pointer_size(nb, btf__pointer_size(old));
	btf__set_endianness(nb, btf__endianness(old));
	for (i = 0; i < start; i++)
		map[i] = i;
	next = start;
	for (i = start; i < end; i++)
		if (!fate[i])
			map[i] = next++;
	for (i = start; i < end; i++)
		if (fate[i] && fate[i] != FATE_DROP)
			map[i] = map[fate[i]];
	for (i = start; i < end && !err; i++) {
		int id;

		if (fate[i])
			continue;
		id = btf__add_type(nb, old, btf__type_by_id(old, i));
		if (id < 0)
			err = id;
	}
	for (i = start; i < next && !err; i++)
		err = btf_merge__remap_type((struct btf_type *)btf__type_by_id(nb, i), map, end);
out:
	free(map);
	if (err) {
		btf__free(nb);
		return err;
	}
	*out = nb;
	return 0;
}

int btf_post__fold_into_base(struct btf **btfp, const struct base_index *idx, uint32_t *nr_folded)
{
	struct btf *btf = *btfp, *nb;
	struct fold f = { .btf = btf };
	uint32_t n = btf__type_cnt(btf), i;
	int err = 0;

	*nr_folded = 0;
	f.start = btf__type_cnt(btf__base_btf(btf));
	f.end = n;
	f.map = calloc(n, sizeof(*f.map));
	f.hyp = calloc(n, sizeof(*f.hyp));
	f.stack = calloc(n, sizeof(*f.stack));
	if (!f.map || !f.hyp || !f.stack) {
		err = -ENOMEM;
		goto out;
	}
	err = fold_types(&f, idx, nr_folded);
	if (err || !*nr_folded)
		goto out;
	/* folded types go to the end of their chain; f.hyp is free to hold the fates */
	for (i = f.start; i < f.end; i++)
		f.hyp[i] = f.map[i] ? canon(&f, i) : 0;
	err = rebuild(btf, f.start, f.end, f.hyp, &nb);
	if (err)
		goto out;
	btf__free(btf);
	*btfp = nb;
out:
	free(f.map);
	free(f.hyp);
	free(f.stack);
	return err;
}

/* the linkage of a FUNC, kept in its vlen field */
static int func_linkage_of(const struct btf_type *t)
{
	return btf_vlen(t);
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
		if (btf_params(x)[i].type != btf_params(y)[i].type)
			return false;
	return true;
}

/*
 * btf_post__prune_funcs() - one FUNC per name
 *
 * Every CU's FUNCs reach the result; after dedup, identical definitions are
 * one type. Per name, the FUNC that stays is the first whose code is the
 * ELF symbol (linkage global, see encode_types.c), else the first one. It
 * stays when all definitions of the name agree on the prototype (parameter
 * names aside; definitions without code count too: gcc writes the real
 * signature of fortified string functions there) or when @consistent is off
 * (pahole's "first definition wins"); with @consistent, a name with
 * disagreeing prototypes gets no FUNC at all: a tracer attaching by name
 * could not know which one it gets. Then the decl tags of dropped FUNCs and the prototypes nothing
 * refers to any more are dropped, every FUNC becomes static (as pahole
 * writes them), and the BTF is rebuilt.
 */
int btf_post__prune_funcs(struct btf **btfp, bool consistent, uint32_t *nr_dropped)
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
		if (!strmap__find(&first, name, &g) ||
		    (func_linkage_of(t) == BTF_FUNC_GLOBAL &&
		     func_linkage_of(btf__type_by_id(btf, g)) != BTF_FUNC_GLOBAL))
			err = strmap__set(&first, name, i);
	}
	/* pass 2: every other FUNC goes; disagreeing candidates make the name bad */
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i), *ft;

		if (!btf_is_func(t))
			continue;
		strmap__find(&first, btf__name_by_offset(btf, t->name_off) ?: "", &g);
		if (g == i)
			continue;
		fate[i] = FATE_DROP;
		ft = btf__type_by_id(btf, g);
		if (!protos_match(btf, t->type, ft->type))
			bad[g] = 1;
	}
	/* pass 3: drop bad names, tags of dropped FUNCs, count references */
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (consistent && bad[i])
			fate[i] = FATE_DROP;
		if (btf_is_decl_tag(t) && t->type >= start && fate[t->type] == FATE_DROP)
			fate[i] = FATE_DROP;
	}
	for (i = start; i < end && !err; i++) {
		struct btf_type *t = (struct btf_type *)btf__type_by_id(btf, i);
		uint32_t k;

		if (fate[i])
			continue;
		if (btf_is_func(t))
			t->info = (t->info & ~0xffffu) | BTF_FUNC_STATIC; /* linkage is the vlen field */
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
	err = rebuild(btf, start, end, fate, &nb);
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

/*
 * btf_post__resolve_fwds() - forward declarations that name exactly one
 * definition of their kind (in the base or among the new types) are
 * replaced by it, and references to them follow. The interning of CU types
 * (btf_intern.c) lets a CU's definition match a result type that only
 * declares it; this is the step that gives those users the definition back,
 * as libbpf's dedup does when it meets both.
 */
int btf_post__resolve_fwds(struct btf **btfp, uint32_t *nr_resolved)
{
	struct btf *btf = *btfp, *nb;
	const struct btf *base = btf__base_btf(btf);
	uint32_t start = base ? btf__type_cnt(base) : 1, end = btf__type_cnt(btf), i;
	uint32_t *fate = calloc(end, sizeof(*fate));
	struct strmap defs[2]; /* name -> struct / union ID, FATE_DROP when several */
	uint64_t v;
	int err = 0, k;

	*nr_resolved = 0;
	strmap__init(&defs[0]);
	strmap__init(&defs[1]);
	if (!fate) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 1; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *name;

		if (!btf_is_composite(t) || !t->name_off)
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		k = btf_is_union(t);
		if (strmap__find(&defs[k], name, &v))
			err = strmap__set(&defs[k], name, FATE_DROP);
		else
			err = strmap__set(&defs[k], name, i);
	}
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (!btf_is_fwd(t) ||
		    !strmap__find(&defs[btf_kflag(t)], btf__name_by_offset(btf, t->name_off), &v) ||
		    v == FATE_DROP)
			continue;
		fate[i] = v;
		(*nr_resolved)++;
	}
	if (err || !*nr_resolved)
		goto out;
	err = rebuild(btf, start, end, fate, &nb);
	if (!err) {
		btf__free(btf);
		*btfp = nb;
	}
out:
	strmap__release(&defs[0]);
	strmap__release(&defs[1]);
	free(fate);
	return err;
}
