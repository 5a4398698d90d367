// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Interning CU types into the result, in CU order (the ordered stage).
 *
 * The problem: a kernel's 2,000 CUs each carry their own copy of the types
 * of the headers they include: 3.4 million types before dedup for 95,000
 * after. Appending them all and letting libbpf's dedup sort them out makes
 * the result's construction and the dedup the slowest, serial part of the
 * run, and holds the whole pre-dedup BTF in memory.
 *
 * The fix: each CU's types are matched against the types already in the
 * result (and the base) before anything is appended, and only the new ones
 * are added. Matching follows libbpf's dedup:
 *  - INT, FLOAT, ENUM, ENUM64, FWD are looked up by their whole content;
 *  - STRUCT and UNION by their shape (name, size, member names and
 *    offsets); a candidate is checked with a hypothesis walk: assume the CU
 *    type equals the candidate, compare what both refer to pair by pair, a
 *    pair met again must agree with the assumption (so cycles work); if the
 *    walk succeeds, every assumed pair holds;
 *  - reference kinds (PTR, TYPEDEF, ARRAY, FUNC_PROTO, FUNC, ...) once
 *    what they refer to is known, by kind, name and the result's IDs of
 *    their references;
 *  - VARs are always new, as in libbpf.
 * Forward declarations follow libbpf too: a CU's declaration matches the
 * result's definition of that name, and a CU's definition is compatible
 * with a result graph that only declares it (the CU's definition is then
 * matched on its own, and btf_fwds__resolve() later hands it to the
 * declaration's users). The final btf__dedup() still runs, on a BTF about
 * 25 times smaller (132,000 types instead of 3.4 million for a kernel).
 *
 * Modules (split BTF) are not matched here: every type is appended to the
 * module's own BTF, which libbpf's dedup then deduplicates alone, before
 * split_fold.c folds it into the base with libbpf's split dedup rules, so
 * that which types a module keeps as declarations stays libbpf's choice.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_intern.h"
#include "type_refs.h"
#include "type_hash.h"
#include "log.h"
#include "vec.h"

#define ST_NEW 1 /* CU type has no equal in the result: it will be appended */

/* ---- keys: computed alike for result types and CU types ---- */

/*
 * A view of one type: its record and how to read its names and references.
 * @map is NULL for result types (references are result IDs already).
 */
struct tview {
	const struct btf_type *t;
	const struct btf *btf; /* names of result types */
	const struct cbtf *cb; /* names of CU types */
	const uint32_t *map;   /* CU ID -> result ID */
};

/* the hash of a name, cbtf__hash_str(): computed once per CU name, on the worker */
static uint64_t tv_hash(const struct tview *v, uint32_t off)
{
	if (v->cb)
		return cbtf__name_hash(v->cb, off);
	return cbtf__hash_str(btf__name_by_offset(v->btf, off) ?: "");
}

static uint32_t tv_ref(const struct tview *v, uint32_t id)
{
	return v->map && id ? v->map[id] : id;
}

enum key_class {
	KEY_NONE,  /* never matched (VAR, DATASEC) */
	KEY_WHOLE, /* all content, no references */
	KEY_SHAPE, /* STRUCT/UNION: without member types */
	KEY_REFS,  /* reference kinds: with the result IDs of the references */
};

static enum key_class key_class(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		return KEY_WHOLE;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return KEY_SHAPE;
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
		return KEY_NONE;
	default:
		return KEY_REFS;
	}
}

static uint64_t key_name(const void *ctx, uint32_t off)
{
	return tv_hash(ctx, off);
}

static uint64_t key_ref(const void *ctx, uint32_t id)
{
	return tv_ref(ctx, id);
}

/* kind, name and every other field, references as result IDs (type_hash.h) */
static uint64_t key_of(const struct tview *v)
{
	const struct btf_type *t = v->t;

	return type_hash__fields(hash_mix(hash_mix(0, t->info), tv_hash(v, t->name_off)), t,
				 key_name, key_ref, v);
}

/* ---- signatures: a quick, necessary test of equality ---- */

/*
 * A type's signature hashes its whole content, with references to named
 * types (STRUCT, UNION, ENUM, ENUM64, FWD, TYPEDEF, INT, FLOAT) cut to kind
 * and name, and references to anonymous types replaced by their signature.
 * Equal types have equal signatures, so a differing signature ends a walk at
 * once instead of after descending into everything the two types use.
 */
struct sigctx {
	struct tview v;	 /* .btf or .cb; .map unused */
	uint64_t *memo;	 /* per ID (memo[id * stride]), 0: not computed */
	uint32_t stride; /* in words: 1, or that of struct intern_rtype */
	uint32_t nr;	 /* IDs below nr have a memo slot */
};

static const struct btf_type *sig_type(const struct sigctx *x, uint32_t id)
{
	return x->v.cb ? cbtf__type(x->v.cb, id) : btf__type_by_id(x->v.btf, id);
}

static uint64_t sig_of(struct sigctx *x, uint32_t id, unsigned int depth);

static uint64_t sig_ref(struct sigctx *x, uint32_t id, unsigned int depth)
{
	const struct btf_type *t;

	if (!id)
		return 0x5eed;
	t = sig_type(x, id);
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		if (t->name_off) {
			/* a declaration is a reference like its definition (see walk()) */
			int k = btf_is_fwd(t) ? (btf_kflag(t) ? BTF_KIND_UNION : BTF_KIND_STRUCT)
					      : btf_kind(t);

			return hash_mix(hash_mix(1, k), tv_hash(&x->v, t->name_off));
		}
		break;
	default:
		break;
	}
	return sig_of(x, id, depth + 1);
}

static uint64_t sig_of(struct sigctx *x, uint32_t id, unsigned int depth)
{
	const struct btf_type *t;
	struct tview v;
	uint64_t h;
	uint16_t i, n;

	if (id < x->nr && x->memo[id * x->stride])
		return x->memo[id * x->stride];
	if (depth > 64)
		return 0xdeadull;
	t = sig_type(x, id);
	v = x->v;
	v.t = t;
	v.map = NULL;
	/* the key without references, then the references' signatures */
	h = key_class(t) == KEY_REFS ? hash_mix(hash_mix(0, t->info), tv_hash(&v, t->name_off))
				     : key_of(&v);
	n = btf_vlen(t);
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; i < n; i++)
			h = hash_mix(h, sig_ref(x, btf_members(t)[i].type, depth));
		break;
	case BTF_KIND_ARRAY:
		h = hash_mix(hash_mix(hash_mix(h, btf_array(t)->nelems),
				      sig_ref(x, btf_array(t)->type, depth)),
			     sig_ref(x, btf_array(t)->index_type, depth));
		break;
	case BTF_KIND_FUNC_PROTO:
		h = hash_mix(h, sig_ref(x, t->type, depth));
		for (i = 0; i < n; i++)
			h = hash_mix(hash_mix(h, tv_hash(&v, btf_params(t)[i].name_off)),
				     sig_ref(x, btf_params(t)[i].type, depth));
		break;
	case BTF_KIND_DECL_TAG:
		h = hash_mix(hash_mix(h, btf_decl_tag(t)->component_idx),
			     sig_ref(x, t->type, depth));
		break;
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		break;
	default:
		h = hash_mix(h, sig_ref(x, t->type, depth));
		break;
	}
	h |= 1;
	if (id < x->nr)
		x->memo[id * x->stride] = h;
	return h;
}

int btf_intern__prepare_cu(const struct cbtf *cb, uint64_t **sigs)
{
	uint32_t n = cbtf__type_cnt(cb), s;
	struct sigctx x = {.v.cb = cb, .stride = 1, .nr = n};

	x.memo = calloc(n, sizeof(*x.memo));
	if (!x.memo)
		return -ENOMEM;
	for (s = 1; s < n; s++)
		sig_of(&x, s, 0);
	*sigs = x.memo;
	return 0;
}

/* ---- matching one CU ---- */

struct intern_cu {
	struct btf_intern *in;
	struct sigctx csig; /* signatures of CU types */
	struct sigctx rsig; /* signatures of result types */
	const struct cbtf *cb;
	uint32_t n;
	uint32_t *map;	 /* CU ID -> result ID, 0 while unknown */
	uint32_t *hyp;	 /* CU ID -> assumed result ID during a walk */
	uint8_t *state;	 /* ST_NEW */
	uint32_t *stack; /* CU IDs with a hypothesis */
	uint32_t nr_stack;
	uint32_t nr_work; /* pairs (CU ID << 32 | result ID) in in->bufs.work */
};

static inline int push_pair(struct intern_cu *c, uint32_t s, uint32_t r)
{
	struct intern_bufs *b = &c->in->bufs;

	if (c->nr_work >= b->cap_work) {
		int err = vec_ensure((void **)&b->work, &b->cap_work, sizeof(*b->work),
				     c->nr_work + 1, 0x7fffffff);

		if (err)
			return err;
	}
	b->work[c->nr_work++] = (uint64_t)s << 32 | r;
	return 0;
}

/* the signature of @id, memoized (computed on the worker for CU types) */
static inline uint64_t sig_get(struct sigctx *x, uint32_t id)
{
	return id < x->nr && x->memo[id * x->stride] ? x->memo[id * x->stride] : sig_of(x, id, 0);
}

/*
 * Names. A CU name and a result name compare by their hashes first (computed
 * on the worker; a different hash, a different name; a short name's hash is
 * the name itself, cbtf__hash_short()), then by address: a result type's
 * names are the addresses of the CU names it was emitted from, and the
 * DWARF's string section keeps one copy of each string, so equal names are
 * nearly always the same address and no string is read. strcmp() is left
 * for equal hashes at different addresses.
 */
static bool name_eq(const struct cbtf *cb, uint32_t off, const struct intern_name *rn)
{
	const char *s;

	if (cbtf__name_hash(cb, off) != rn->hash)
		return false;
	if (cbtf__hash_short(rn->hash))
		return true;
	s = cbtf__str(cb, off);
	return s == rn->s || !strcmp(s, rn->s);
}

/* the names of result type @r (@y), slot by slot (tref__str_at()), or NULL */
static const struct intern_name *result_names(const struct btf_intern *in, uint32_t r)
{
	if (r < in->own.first_id || r - in->own.first_id >= in->nr_named)
		return NULL;
	return in->rnames + in->rt[r].names;
}

/* name slot @i of CU type @x equal to that of result type @y (@r) */
static bool same_name(const struct intern_cu *c, const struct btf_type *x, const struct btf_type *y,
		      uint32_t r, uint32_t i)
{
	const struct intern_name *rn = result_names(c->in, r);

	if (rn)
		return name_eq(c->cb, *tref__str_at(x, i), &rn[i]);
	return !strcmp(cbtf__str(c->cb, *tref__str_at(x, i)),
		       btf__name_by_offset(c->in->btf, *tref__str_at(y, i)) ?: "");
}

static bool names_ignored(const void *ctx, uint32_t x, uint32_t y)
{
	return true;
}

/* CU type @x and result type @y (@r) equal but for their references */
static bool shallow_equal(const struct intern_cu *c, const struct btf_type *x,
			  const struct btf_type *y, uint32_t r)
{
	uint32_t i, n;

	if (!tref__shallow_equal(x, y, names_ignored, NULL))
		return false;
	n = tref__str_count(x);
	for (i = 0; i < n; i++)
		if (!same_name(c, x, y, r, i))
			return false;
	return true;
}

/*
 * Forward declarations, as in libbpf's dedup: a declaration and a definition
 * of the same name are compatible. @decl is a declaration, @def a definition;
 * one of them is CU type @x, the other result type @y (@r).
 */
static bool fwd_compatible(const struct intern_cu *c, const struct btf_type *decl,
			   const struct btf_type *def, const struct btf_type *x,
			   const struct btf_type *y, uint32_t r)
{
	if (!btf_is_fwd(decl) || !btf_is_composite(def) || btf_kflag(decl) != btf_is_union(def))
		return false;
	return same_name(c, x, y, r, 0);
}

static const struct btf_type *result_type(const struct intern_cu *c, uint32_t id)
{
	return btf__type_by_id(c->in->btf, id);
}

/*
 * queue the pairs of references of @x (CU) and @y (result) for the walk;
 * Return: 0, 1 when a pair cannot hold (known at once: the walk would fail
 * on it later, after exploring its other pairs), or -ENOMEM
 */
static int push_refs(struct intern_cu *c, const struct btf_type *x, const struct btf_type *y)
{
	uint32_t i, n = tref__count(x);
	int err = 0;

	for (i = 0; i < n && !err; i++) {
		uint32_t s = *tref__at(x, i), r = *tref__at(y, i), known;

		if (!s || !r) {
			if (s != r)
				return 1;
			continue;
		}
		if (s < c->n) {
			/* mapped or assumed: the pair agrees or the walk fails */
			known = c->map[s] ?: c->hyp[s];
			if (known && known != r)
				return 1;
			if (known)
				continue;
			if (c->state[s] == ST_NEW)
				return 1;
		}
		err = push_pair(c, s, r);
	}
	return err;
}

/*
 * can CU type @s0 be result type @r0? Every pair of types the assumption
 * implies is checked from a work list (no recursion: a kernel's biggest
 * type graphs are thousands of types deep).
 */
static bool walk(struct intern_cu *c, uint32_t s0, uint32_t r0)
{
	c->nr_work = 0;
	if (push_pair(c, s0, r0))
		return false;
	while (c->nr_work) {
		uint64_t w = c->in->bufs.work[--c->nr_work];
		uint32_t s = w >> 32, r = (uint32_t)w;
		const struct btf_type *x, *y;

		if (!s || !r) {
			if (s != r)
				return false;
			continue;
		}
		if (s >= c->n || c->state[s] == ST_NEW)
			return false;
		if (c->map[s] || c->hyp[s]) {
			if ((c->map[s] ?: c->hyp[s]) != r)
				return false;
			continue;
		}
		x = cbtf__type(c->cb, s);
		y = result_type(c, r);
		/*
		 * the CU declares what the result defines: the declaration stands for
		 * that definition (the CU knew nothing more about it)
		 */
		if (fwd_compatible(c, x, y, x, y, r)) {
			c->hyp[s] = r;
			c->stack[c->nr_stack++] = s;
			continue;
		}
		/*
		 * the CU defines what this result graph only declares: compatible, but
		 * the CU's definition is matched on its own (mapping it to the
		 * declaration would lose it); btf_fwds__resolve() later points
		 * the declaration's users to the definition
		 */
		if (r >= c->in->own.first_id && fwd_compatible(c, y, x, x, y, r))
			continue;
		if (sig_get(&c->csig, s) != sig_get(&c->rsig, r) || !shallow_equal(c, x, y, r))
			return false;
		c->hyp[s] = r;
		c->stack[c->nr_stack++] = s;
		if (push_refs(c, x, y))
			return false;
	}
	return true;
}

static void end_walk(struct intern_cu *c, bool commit)
{
	uint32_t k;

	for (k = 0; k < c->nr_stack; k++) {
		uint32_t x = c->stack[k];

		if (commit)
			c->map[x] = c->hyp[x];
		c->hyp[x] = 0;
	}
	c->nr_stack = 0;
}

static void resolve(struct intern_cu *c, uint32_t s, unsigned int depth);

/* resolve what a reference type refers to; false if any of it is new */
static bool resolve_refs(struct intern_cu *c, const struct btf_type *t, unsigned int depth)
{
	uint32_t i, n = tref__count(t);

	for (i = 0; i < n; i++) {
		uint32_t r = *tref__at(t, i);

		resolve(c, r, depth);
		if (r && !c->map[r])
			return false;
	}
	return true;
}

/* find CU type @s in the result, or mark it new */
static void resolve(struct intern_cu *c, uint32_t s, unsigned int depth)
{
	struct tview a = {.cb = c->cb, .map = c->map};
	enum key_class kc;
	uint64_t h;
	uint32_t r;

	if (!s || s >= c->n || c->map[s] || c->state[s])
		return;
	a.t = cbtf__type(c->cb, s);
	kc = key_class(a.t);
	if (kc == KEY_NONE || depth > 256) {
		c->state[s] = ST_NEW;
		return;
	}
	if (kc == KEY_REFS && !resolve_refs(c, a.t, depth + 1)) {
		c->state[s] = ST_NEW;
		return;
	}
	if (c->map[s]) /* resolved on the way */
		return;
	h = kc == KEY_SHAPE ? sig_get(&c->csig, s) : key_of(&a);
	for (r = hash_index__first(&c->in->own, h); r; r = hash_index__next(&c->in->own, r)) {
		bool ok;

		if (kc != KEY_SHAPE && c->in->rt[r].key != h)
			continue;
		if (kc == KEY_WHOLE) {
			if (!shallow_equal(c, a.t, result_type(c, r), r))
				continue;
			c->map[s] = r;
			return;
		}
		/*
		 * a shape, or a reference kind whose references' result IDs are in
		 * the key: the walk checks the rest
		 */
		ok = walk(c, s, r);
		end_walk(c, ok);
		if (ok)
			return;
	}
	c->state[s] = ST_NEW;
}

/* ---- appending the new types ---- */

static const char *name_or_null(const struct cbtf *cb, uint32_t off)
{
	const char *s = cbtf__str(cb, off);

	return *s ? s : NULL;
}

/* add CU type @t to @btf with libbpf, references through @map */
static int emit(struct btf *btf, const struct cbtf *cb, const struct btf_type *t,
		const uint32_t *map)
{
	const char *name = name_or_null(cb, t->name_off);
	uint16_t i, n = btf_vlen(t);
	int id, err = 0;

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		id = btf__add_int(btf, name, t->size, BTF_INT_ENCODING(*(const uint32_t *)(t + 1)));
		/* a bitfield's INT (kind_flag 0 form) has fewer bits than libbpf writes */
		if (id > 0)
			*(uint32_t *)(btf__type_by_id(btf, id) + 1) = *(const uint32_t *)(t + 1);
		return id;
	case BTF_KIND_FLOAT:
		return btf__add_float(btf, name, t->size);
	case BTF_KIND_PTR:
		return btf__add_ptr(btf, map[t->type]);
	case BTF_KIND_CONST:
		return btf__add_const(btf, map[t->type]);
	case BTF_KIND_VOLATILE:
		return btf__add_volatile(btf, map[t->type]);
	case BTF_KIND_RESTRICT:
		return btf__add_restrict(btf, map[t->type]);
	case BTF_KIND_TYPEDEF:
		return btf__add_typedef(btf, name, map[t->type]);
	case BTF_KIND_TYPE_TAG:
		return btf__add_type_tag(btf, name, map[t->type]);
	case BTF_KIND_FWD:
		return btf__add_fwd(btf, name, btf_kflag(t) ? BTF_FWD_UNION : BTF_FWD_STRUCT);
	case BTF_KIND_ARRAY:
		return btf__add_array(btf, map[btf_array(t)->index_type], map[btf_array(t)->type],
				      btf_array(t)->nelems);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		id = btf_is_struct(t) ? btf__add_struct(btf, name, t->size)
				      : btf__add_union(btf, name, t->size);
		for (i = 0; id > 0 && !err && i < n; i++) {
			const struct btf_member *m = &btf_members(t)[i];
			uint32_t off = btf_member_bit_offset(t, i);

			if (btf_kflag(t)) {
				err = btf__add_field(btf, name_or_null(cb, m->name_off),
						     map[m->type], off,
						     btf_member_bitfield_size(t, i));
				continue;
			}
			/*
			 * without kind_flag a bitfield's offset need not be
			 * byte-aligned, which libbpf refuses: add it aligned
			 * and write the offset after
			 */
			err = btf__add_field(btf, name_or_null(cb, m->name_off), map[m->type],
					     off & ~7u, 0);
			if (!err)
				btf_members((struct btf_type *)btf__type_by_id(btf, id))[i].offset =
					off;
		}
		return err ?: id;
	case BTF_KIND_ENUM:
		id = btf__add_enum(btf, name, t->size);
		for (i = 0; id > 0 && !err && i < n; i++) {
			const struct btf_enum *v = &btf_enum(t)[i];

			/* signed (kind_flag) values go in negative, so libbpf sets it again */
			err = btf__add_enum_value(btf, cbtf__str(cb, v->name_off),
						  btf_kflag(t) ? (int64_t)(int32_t)v->val
							       : (int64_t)(uint32_t)v->val);
		}
		return err ?: id;
	case BTF_KIND_ENUM64:
		id = btf__add_enum64(btf, name, t->size, btf_kflag(t));
		for (i = 0; id > 0 && !err && i < n; i++)
			err = btf__add_enum64_value(btf, cbtf__str(cb, btf_enum64(t)[i].name_off),
						    btf_enum64_value(&btf_enum64(t)[i]));
		return err ?: id;
	case BTF_KIND_FUNC_PROTO:
		id = btf__add_func_proto(btf, map[t->type]);
		for (i = 0; id > 0 && !err && i < n; i++)
			err = btf__add_func_param(btf, name_or_null(cb, btf_params(t)[i].name_off),
						  map[btf_params(t)[i].type]);
		return err ?: id;
	case BTF_KIND_FUNC:
		return btf__add_func(btf, name, btf_vlen(t), map[t->type]);
	case BTF_KIND_VAR:
		return btf__add_var(btf, name, btf_var(t)->linkage, map[t->type]);
	case BTF_KIND_DECL_TAG:
		return btf__add_decl_tag(btf, name, map[t->type], btf_decl_tag(t)->component_idx);
	default:
		return -EINVAL;
	}
}

/* record the names of result type @id, emitted from CU type @t, for name_eq() */
static int add_names(struct btf_intern *in, const struct cbtf *cb, const struct btf_type *t,
		     uint32_t id)
{
	uint32_t i, n = tref__str_count(t);
	int err;

	err = vec_ensure((void **)&in->rnames, &in->cap_rnames, sizeof(*in->rnames),
			 in->nr_rnames + n, 0x7fffffff);
	if (err)
		return err;
	/* new types come in ID order: every ID below @id has its names already */
	if (id - in->own.first_id != in->nr_named)
		return -EFAULT;
	in->nr_named++;
	in->rt[id].names = in->nr_rnames;
	for (i = 0; i < n; i++) {
		uint32_t off = *tref__str_at(t, i);
		struct intern_name *rn = &in->rnames[in->nr_rnames++];

		rn->s = cbtf__str(cb, off);
		rn->hash = cbtf__name_hash(cb, off);
	}
	return 0;
}

static int grow_buffers(struct btf_intern *in, uint32_t n)
{
	struct intern_bufs *b = &in->bufs;
	uint32_t cap;
	int err;

	if (n <= b->cap)
		return 0;
	cap = b->cap;
	err = vec_ensure((void **)&b->map, &cap, sizeof(*b->map), n, 0x7fffffff);
	cap = b->cap;
	err = err ?: vec_ensure((void **)&b->hyp, &cap, sizeof(*b->hyp), n, 0x7fffffff);
	cap = b->cap;
	err = err ?: vec_ensure((void **)&b->state, &cap, sizeof(*b->state), n, 0x7fffffff);
	cap = b->cap;
	err = err ?: vec_ensure((void **)&b->stack, &cap, sizeof(*b->stack), n, 0x7fffffff);
	cap = b->cap;
	err = err ?: vec_ensure((void **)&b->csig, &cap, sizeof(*b->csig), n, 0x7fffffff);
	if (!err)
		b->cap = cap;
	return err;
}

void btf_intern__init(struct btf_intern *in, struct btf *btf, bool append_all)
{
	memset(in, 0, sizeof(*in));
	in->btf = btf;
	in->append_all = append_all;
	in->own.first_id = btf__type_cnt(btf);
}

void btf_intern__release(struct btf_intern *in)
{
	hash_index__release(&in->own);
	free(in->bufs.map);
	free(in->bufs.hyp);
	free(in->bufs.stack);
	free(in->bufs.state);
	free(in->bufs.csig);
	free(in->bufs.work);
	free(in->rt);
	free(in->rnames);
}

int btf_intern__add_cu(struct btf_intern *in, const struct cbtf *cb, const uint64_t *sigs,
		       const uint32_t **mapp)
{
	struct intern_cu c = {.in = in, .cb = cb, .n = cbtf__type_cnt(cb)};
	uint32_t s, next;
	int err;

	err = grow_buffers(in, c.n);
	if (err)
		return err;
	c.map = in->bufs.map;
	c.hyp = in->bufs.hyp;
	c.state = in->bufs.state;
	c.stack = in->bufs.stack;
	memset(c.map, 0, c.n * sizeof(*c.map));
	memset(c.hyp, 0, c.n * sizeof(*c.hyp));
	/*
	 * A module: every type is appended and libbpf's dedup, then the fold
	 * into the base, decide (see the top). Matching here resolves forward
	 * declarations differently from libbpf 1.1 (which types end up
	 * declared-only in a module), and modules are small enough for the
	 * dedup to be cheap.
	 */
	memset(c.state, in->append_all ? ST_NEW : 0, c.n);
	c.csig.v.cb = c.cb;
	c.csig.stride = 1;
	c.csig.nr = c.n;
	if (sigs) { /* computed on the worker */
		c.csig.memo = (uint64_t *)sigs;
	} else {
		memset(in->bufs.csig, 0, c.n * sizeof(*in->bufs.csig));
		c.csig.memo = in->bufs.csig;
	}
	/* result signatures stay valid: result types never change */
	/* room for what is known of the result's types, the new ones included */
	err = vec_ensure((void **)&in->rt, &in->cap_rt, sizeof(*in->rt),
			 btf__type_cnt(in->btf) + c.n, 0x7fffffff);
	if (err)
		return err;
	c.rsig.v.btf = in->btf;
	c.rsig.memo = &in->rt[0].sig;
	c.rsig.stride = sizeof(*in->rt) / sizeof(uint64_t);
	c.rsig.nr = btf__type_cnt(in->btf) + c.n;
	for (s = 1; s < c.n && !in->append_all; s++)
		resolve(&c, s, 0);
	next = btf__type_cnt(in->btf);
	for (s = 1; s < c.n; s++)
		if (!c.map[s])
			c.map[s] = next++;
	for (s = 1; s < c.n; s++) {
		int id;

		if (c.state[s] != ST_NEW)
			continue;
		id = emit(in->btf, c.cb, cbtf__type(c.cb, s), c.map);
		if (id < 0)
			return id;
		if ((uint32_t)id != c.map[s])
			return -EFAULT;
	}
	/*
	 * index the new types once all of them exist (they may refer forward),
	 * by what the CU computed: a new type's key, signature and names are
	 * those of the CU type it was emitted from
	 */
	for (s = 1; s < c.n && !in->append_all; s++) {
		struct tview a = {.cb = c.cb, .map = c.map};
		uint32_t id = c.map[s];

		if (c.state[s] != ST_NEW)
			continue;
		a.t = cbtf__type(c.cb, s);
		err = add_names(in, c.cb, a.t, id);
		if (err)
			return err;
		in->rt[id].sig = sig_get(&c.csig, s);
		if (key_class(a.t) == KEY_NONE)
			continue;
		/* a shape's key is its signature; resolve() checks the key of the others */
		in->rt[id].key = key_class(a.t) == KEY_SHAPE ? in->rt[id].sig : key_of(&a);
		err = hash_index__add(&in->own, id, in->rt[id].key);
		if (err)
			return err;
	}
	*mapp = c.map;
	return 0;
}
