// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The verifier's second pass: every reference is followed and every size
 * worked out, the way the kernel does it (a depth-first walk with a stack
 * of 32 types, three modes that say where the walk may stop, the state of
 * each type: new, on the stack, resolved). A type found on the stack again
 * is a loop; a deeper walk is refused. The walk's order decides what is
 * already resolved, so it follows the kernel's order exactly: type IDs
 * ascending, members in order, a function prototype's return type and
 * parameters after the types before it.
 */
#include <errno.h>
#include "verify_internal.h"

static bool is_kind(const struct btf_type *t, unsigned int kind)
{
	return t && bv_kind(t) == kind;
}

/* types where the walk stops, in the current mode */
static bool is_sink(const struct bv_env *env, const struct btf_type *t)
{
	switch (env->mode) {
	case BV_TBD:
		return !bv_needs_resolve(t);
	case BV_PTR:
		return !bv_is_modifier(t) && !is_kind(t, BTF_KIND_PTR);
	default:
		return !bv_is_modifier(t) && !is_kind(t, BTF_KIND_ARRAY) && !bv_is_struct(t);
	}
}

static bool is_resolved(const struct bv_env *env, uint32_t id)
{
	if (id < env->btf->start_id)
		return true; /* the base passed already */
	return env->state[id - env->btf->start_id] == BV_RESOLVED;
}

static int push(struct bv_env *env, const struct btf_type *t, uint32_t id)
{
	uint32_t own = id - env->btf->start_id;

	if (env->top == BV_MAX_DEPTH)
		return -E2BIG;
	if (id < env->btf->start_id || env->state[own] != BV_NEW)
		return -EEXIST;
	env->state[own] = BV_VISITED;
	env->stack[env->top].t = t;
	env->stack[env->top].id = id;
	env->stack[env->top].next = 0;
	env->top++;
	if (env->mode == BV_TBD) {
		if (is_kind(t, BTF_KIND_PTR))
			env->mode = BV_PTR;
		else if (bv_is_struct(t) || is_kind(t, BTF_KIND_ARRAY))
			env->mode = BV_AGGR;
	}
	return 0;
}

static void pop_resolved(struct bv_env *env, uint32_t res_id, uint32_t res_size)
{
	uint32_t own = env->stack[--env->top].id - env->btf->start_id;

	env->btf->res_id[own] = res_id;
	env->btf->res_size[own] = res_size;
	env->state[own] = BV_RESOLVED;
}

static uint32_t res_id(const struct bv_btf *b, uint32_t id)
{
	while (id < b->start_id)
		b = b->base;
	return b->res_id[id - b->start_id];
}

static uint32_t res_size(const struct bv_btf *b, uint32_t id)
{
	while (id < b->start_id)
		b = b->base;
	return b->res_size[id - b->start_id];
}

/* what a resolved modifier, pointer or variable stands for */
static const struct btf_type *follow(const struct bv_btf *b, uint32_t *id)
{
	*id = res_id(b, *id);
	return bv_type(b, *id);
}

/* the type with a size behind @id (which becomes its ID) and that size */
static const struct btf_type *id_size(const struct bv_btf *b, uint32_t *id, uint32_t *size)
{
	uint32_t sid = *id, sz;
	const struct btf_type *t = bv_type(b, sid);
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (bv_nosize_or_null(t))
			return NULL;
		if (bv_has_size(t))
			sz = t->size;
		else if (is_kind(t, BTF_KIND_ARRAY))
			sz = res_size(b, sid);
		else if (is_kind(t, BTF_KIND_PTR))
			sz = BV_PTR_SIZE;
		else if (pass || (!bv_is_modifier(t) && !is_kind(t, BTF_KIND_VAR)))
			return NULL;
		else {
			sid = res_id(b, sid);
			t = bv_type(b, sid);
			continue;
		}
		*id = sid;
		if (size)
			*size = sz;
		return t;
	}
	return NULL;
}

/* --- members: does each fit its struct? --- */

static int check_member(struct bv_env *env, bool kflag, const struct btf_type *s,
			const struct btf_member *m, const struct btf_type *mt);

static uint32_t roundup_bytes(uint32_t bits)
{
	return bits / 8 + !!(bits % 8);
}

static int member_int(struct bv_env *env, const struct btf_type *s, const struct btf_member *m,
		      const struct btf_type *mt)
{
	uint32_t data = *(const uint32_t *)(mt + 1), off = m->offset, bytes, copy;

	if (UINT32_MAX - off < BTF_INT_OFFSET(data))
		return bv_reject_member(env, s, m, "bits_offset exceeds U32_MAX");
	off += BTF_INT_OFFSET(data);
	bytes = off / 8;
	copy = BTF_INT_BITS(data) + off % 8;
	if (copy > 128)
		return bv_reject_member(env, s, m, "nr_copy_bits exceeds 128");
	if (s->size < bytes || s->size - bytes < roundup_bytes(copy))
		return bv_reject_member(env, s, m, "Member exceeds struct_size");
	return 0;
}

static int member_int_kflag(struct bv_env *env, const struct btf_type *s,
			    const struct btf_member *m, const struct btf_type *mt)
{
	uint32_t data = *(const uint32_t *)(mt + 1), nr, off, bytes, copy;

	if (!bv_int_regular(mt))
		return bv_reject_member(env, s, m, "Invalid member base type");
	nr = BTF_MEMBER_BITFIELD_SIZE(m->offset);
	off = BTF_MEMBER_BIT_OFFSET(m->offset);
	if (!nr) {
		if (off % 8)
			return bv_reject_member(env, s, m, "Invalid member offset");
		nr = BTF_INT_BITS(data);
	} else if (nr > BTF_INT_BITS(data)) {
		return bv_reject_member(env, s, m, "Invalid member bitfield_size");
	}
	bytes = off / 8;
	copy = nr + off % 8;
	if (copy > 128)
		return bv_reject_member(env, s, m, "nr_copy_bits exceeds 128");
	if (s->size < bytes || s->size - bytes < roundup_bytes(copy))
		return bv_reject_member(env, s, m, "Member exceeds struct_size");
	return 0;
}

/* PTR, ARRAY, STRUCT, UNION, ENUM, ENUM64 without kind_flag: whole bytes */
static int member_bytes(struct bv_env *env, const struct btf_type *s, const struct btf_member *m,
			const struct btf_type *mt)
{
	uint32_t sz = 0, id = m->type;

	if (m->offset % 8)
		return bv_reject_member(env, s, m, "Member is not byte aligned");
	if (is_kind(mt, BTF_KIND_PTR))
		sz = BV_PTR_SIZE;
	else if (is_kind(mt, BTF_KIND_ARRAY))
		id_size(env->btf, &id, &sz);
	else
		sz = mt->size;
	/* 32-bit arithmetic, as the kernel's: the offset was checked in the first pass */
	if (s->size - m->offset / 8 < sz)
		return bv_reject_member(env, s, m, "Member exceeds struct_size");
	return 0;
}

static int member_enum_kflag(struct bv_env *env, const struct btf_type *s,
			     const struct btf_member *m)
{
	uint32_t off = BTF_MEMBER_BIT_OFFSET(m->offset), nr = BTF_MEMBER_BITFIELD_SIZE(m->offset);

	if (!nr) {
		if (off % 8)
			return bv_reject_member(env, s, m, "Member is not byte aligned");
		nr = 32; /* the kernel takes the size of an int, also for ENUM64 */
	} else if (nr > 32) {
		return bv_reject_member(env, s, m, "Invalid member bitfield_size");
	}
	if (s->size < roundup_bytes(off + nr))
		return bv_reject_member(env, s, m, "Member exceeds struct_size");
	return 0;
}

static int member_float(struct bv_env *env, const struct btf_type *s, const struct btf_member *m,
			const struct btf_type *mt)
{
	uint64_t align = mt->size < BV_PTR_SIZE ? mt->size : BV_PTR_SIZE;

	if (m->offset % (align * 8))
		return bv_reject_member(env, s, m, "Member is not properly aligned");
	if ((uint64_t)m->offset / 8 + mt->size > s->size)
		return bv_reject_member(env, s, m, "Member exceeds struct_size");
	return 0;
}

/* a modifier: the check of the sized type behind it */
static int member_modifier(struct bv_env *env, bool kflag, const struct btf_type *s,
			   const struct btf_member *m)
{
	struct btf_member rm = *m;
	const struct btf_type *rt;

	rt = id_size(env->btf, &rm.type, NULL);
	if (!rt)
		return bv_reject_member(env, s, m, "Invalid member");
	return check_member(env, kflag, s, &rm, rt);
}

static int check_member(struct bv_env *env, bool kflag, const struct btf_type *s,
			const struct btf_member *m, const struct btf_type *mt)
{
	unsigned int kind = bv_kind(mt);

	if (bv_is_modifier(mt))
		return member_modifier(env, kflag, s, m);
	if (kind == BTF_KIND_INT)
		return kflag ? member_int_kflag(env, s, m, mt) : member_int(env, s, m, mt);
	if (kflag && (kind == BTF_KIND_ENUM || kind == BTF_KIND_ENUM64))
		return member_enum_kflag(env, s, m);
	switch (kind) {
	case BTF_KIND_PTR:
	case BTF_KIND_ARRAY:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_FLOAT:
		/* with kind_flag: no bitfield size, then the offset is the bit offset */
		if (kflag && BTF_MEMBER_BITFIELD_SIZE(m->offset))
			return bv_reject_member(env, s, m, "Invalid member bitfield_size");
		if (kind == BTF_KIND_FLOAT)
			return member_float(env, s, m, mt);
		return member_bytes(env, s, m, mt);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return member_bytes(env, s, m, mt);
	default:
		return bv_reject(env, s,
				 kflag ? "Unsupported check_kflag_member"
				       : "Unsupported check_member");
	}
}

/* --- one step of the walk for each kind that refers to others --- */

/* PTR, modifiers and VAR: @kind_ok says what the target may be without a size */
static int resolve_ref(struct bv_env *env, const struct btf_type *t)
{
	const struct bv_btf *b = env->btf;
	uint32_t next_id = t->type, rid;
	const struct btf_type *next = bv_type(b, next_id), *rt;
	bool var = is_kind(t, BTF_KIND_VAR);

	if (!next || bv_source_only(next))
		return bv_reject(env, t, "Invalid type_id");
	if (!is_sink(env, next) && !is_resolved(env, next_id))
		return push(env, next, next_id);
	/* a modifier resolved while walking a struct may have stopped at a pointer */
	if (!bv_is_modifier(t) && bv_is_modifier(next)) {
		rid = next_id;
		rt = follow(b, &rid);
		if (is_kind(rt, BTF_KIND_PTR) && !is_sink(env, rt) && !is_resolved(env, rid))
			return push(env, rt, rid);
	}
	if (!id_size(b, &next_id, NULL)) {
		if (var)
			return bv_reject(env, t, "Invalid type_id");
		if (is_resolved(env, next_id))
			next = follow(b, &next_id);
		/* "typedef void new_void", "const void", pointers to void and declarations */
		if (!bv_is_void(next) && !is_kind(next, BTF_KIND_FWD) &&
		    !is_kind(next, BTF_KIND_FUNC_PROTO))
			return bv_reject(env, t, "Invalid type_id");
	}
	pop_resolved(env, next_id, 0);
	return 0;
}

static int resolve_array(struct bv_env *env, const struct btf_type *t)
{
	const struct btf_array *a = (const void *)(t + 1);
	const struct bv_btf *b = env->btf;
	uint32_t idx = a->index_type, el = a->type, esize = 0;
	const struct btf_type *it = bv_type(b, idx), *et;

	if (bv_nosize_or_null(it) || bv_source_only(it))
		return bv_reject(env, t, "Invalid index");
	if (!is_sink(env, it) && !is_resolved(env, idx))
		return push(env, it, idx);
	it = id_size(b, &idx, NULL);
	if (!is_kind(it, BTF_KIND_INT) || !bv_int_regular(it))
		return bv_reject(env, t, "Invalid index");
	et = bv_type(b, el);
	if (bv_nosize_or_null(et) || bv_source_only(et))
		return bv_reject(env, t, "Invalid elem");
	if (!is_sink(env, et) && !is_resolved(env, el))
		return push(env, et, el);
	et = id_size(b, &el, &esize);
	if (!et)
		return bv_reject(env, t, "Invalid elem");
	if (is_kind(et, BTF_KIND_INT) && !bv_int_regular(et))
		return bv_reject(env, t, "Invalid array of int");
	if (a->nelems && esize > UINT32_MAX / a->nelems)
		return bv_reject(env, t, "Array size overflows U32_MAX");
	pop_resolved(env, el, esize * a->nelems);
	return 0;
}

static int resolve_struct(struct bv_env *env, unsigned int top)
{
	const struct btf_type *t = env->stack[top].t, *mt;
	const struct btf_member *m = (const void *)(t + 1);
	uint32_t i = env->stack[top].next;
	int err;

	/* the member the walk went down into is resolved now: check it */
	if (i) {
		if (!is_resolved(env, m[i - 1].type))
			return -EINVAL;
		err = check_member(env, bv_kflag(t), t, &m[i - 1],
				   bv_type(env->btf, m[i - 1].type));
		if (err)
			return err;
	}
	for (; i < bv_vlen(t); i++) {
		mt = bv_type(env->btf, m[i].type);
		if (bv_nosize_or_null(mt) || bv_source_only(mt))
			return bv_reject_member(env, t, &m[i], "Invalid member");
		if (!is_sink(env, mt) && !is_resolved(env, m[i].type)) {
			env->stack[top].next = i + 1;
			return push(env, mt, m[i].type);
		}
		err = check_member(env, bv_kflag(t), t, &m[i], mt);
		if (err)
			return err;
	}
	pop_resolved(env, 0, 0);
	return 0;
}

static int resolve_datasec(struct bv_env *env, unsigned int top)
{
	const struct btf_type *t = env->stack[top].t, *vt;
	const struct btf_var_secinfo *v = (const void *)(t + 1);
	uint32_t i, tid, tsize;

	env->mode = BV_TBD;
	/* as in the kernel, the entry the walk went down into is not looked at again */
	for (i = env->stack[top].next; i < bv_vlen(t); i++) {
		vt = bv_type(env->btf, v[i].type);
		if (!is_kind(vt, BTF_KIND_VAR))
			return bv_reject_entry(env, t, &v[i], "Not a VAR kind member");
		if (!is_sink(env, vt) && !is_resolved(env, v[i].type)) {
			env->stack[top].next = i + 1;
			return push(env, vt, v[i].type);
		}
		tid = vt->type;
		tsize = 0;
		if (!id_size(env->btf, &tid, &tsize))
			return bv_reject_entry(env, t, &v[i], "Invalid type");
		if (v[i].size < tsize)
			return bv_reject_entry(env, t, &v[i], "Invalid size");
	}
	pop_resolved(env, 0, 0);
	return 0;
}

static int check_func(struct bv_env *env, const struct btf_type *t)
{
	const struct btf_type *proto = bv_type(env->btf, t->type);
	const struct btf_param *p;
	uint32_t i;

	if (!is_kind(proto, BTF_KIND_FUNC_PROTO))
		return bv_reject(env, t, "Invalid type_id");
	p = (const void *)(proto + 1);
	for (i = 0; i < bv_vlen(proto); i++)
		if (!p[i].name_off && p[i].type)
			return bv_reject(env, t, "Invalid arg#%u", i + 1);
	return 0;
}

static int resolve_decl_tag(struct bv_env *env, const struct btf_type *t)
{
	const struct btf_decl_tag *d = (const void *)(t + 1);
	const struct btf_type *next = bv_type(env->btf, t->type);
	uint32_t vlen;

	if (!next || !(bv_is_struct(next) || is_kind(next, BTF_KIND_FUNC) ||
		       is_kind(next, BTF_KIND_VAR) || is_kind(next, BTF_KIND_TYPEDEF)))
		return bv_reject(env, t, "Invalid type_id");
	if (!is_sink(env, next) && !is_resolved(env, t->type))
		return push(env, next, t->type);
	if (d->component_idx != -1) {
		if (is_kind(next, BTF_KIND_VAR) || is_kind(next, BTF_KIND_TYPEDEF))
			return bv_reject(env, t, "Invalid component_idx");
		if (!bv_is_struct(next))
			next = bv_type(env->btf, next->type); /* a FUNC's prototype */
		vlen = bv_vlen(next);
		if ((uint32_t)d->component_idx >= vlen)
			return bv_reject(env, t, "Invalid component_idx");
	}
	pop_resolved(env, t->type, 0);
	return 0;
}

static int resolve_step(struct bv_env *env)
{
	unsigned int top = env->top - 1;
	const struct btf_type *t = env->stack[top].t;
	int err;

	env->log_id = env->stack[top].id;
	switch (bv_kind(t)) {
	case BTF_KIND_ARRAY:
		return resolve_array(env, t);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return resolve_struct(env, top);
	case BTF_KIND_DATASEC:
		return resolve_datasec(env, top);
	case BTF_KIND_DECL_TAG:
		return resolve_decl_tag(env, t);
	case BTF_KIND_FUNC:
		err = check_func(env, t);
		if (!err)
			pop_resolved(env, t->type, 0);
		return err;
	default: /* PTR, modifiers, VAR */
		return resolve_ref(env, t);
	}
}

/* the kernel's last look at what the walk left for @t */
static bool resolve_valid(const struct bv_env *env, const struct btf_type *t, uint32_t id)
{
	const struct bv_btf *b = env->btf;
	const struct btf_array *a;
	uint32_t el, esize = 0;
	const struct btf_type *rt;

	if (!is_resolved(env, id))
		return false;
	if (bv_is_struct(t) || is_kind(t, BTF_KIND_DATASEC))
		return !res_id(b, id) && !res_size(b, id);
	if (is_kind(t, BTF_KIND_DECL_TAG) || is_kind(t, BTF_KIND_FUNC))
		return res_id(b, id) && !res_size(b, id);
	if (bv_is_modifier(t) || is_kind(t, BTF_KIND_PTR) || is_kind(t, BTF_KIND_VAR)) {
		rt = follow(b, &id);
		return rt && !bv_is_modifier(rt) && !is_kind(rt, BTF_KIND_VAR) &&
		       !is_kind(rt, BTF_KIND_DATASEC);
	}
	if (is_kind(t, BTF_KIND_ARRAY)) {
		a = (const void *)(t + 1);
		el = a->type;
		rt = id_size(b, &el, &esize);
		return rt && !bv_is_modifier(rt) && a->nelems * esize == res_size(b, id);
	}
	return false;
}

static int resolve(struct bv_env *env, const struct btf_type *t, uint32_t id)
{
	uint32_t saved = env->log_id;
	int err;

	env->mode = BV_TBD;
	err = push(env, t, id);
	while (!err && env->top)
		err = resolve_step(env);
	env->log_id = id;
	if (err == -E2BIG)
		bv_reject(env, t, "Exceeded max resolving depth:%u", BV_MAX_DEPTH);
	else if (err == -EEXIST)
		bv_reject(env, t, "Loop detected");
	else if (!err && !resolve_valid(env, t, id))
		err = bv_reject(env, t, "Invalid resolve state");
	env->log_id = saved;
	return err ? -EINVAL : 0;
}

/* a FUNC_PROTO's return type and parameters: each a type with a size */
static int check_func_proto(struct bv_env *env, const struct btf_type *t)
{
	const struct btf_param *p = (const void *)(t + 1);
	uint32_t i, n = bv_vlen(t), id;
	const struct btf_type *at;

	if (t->type) {
		id = t->type;
		at = bv_type(env->btf, id);
		if (!at || bv_source_only(at))
			return bv_reject(env, t, "Invalid return type");
		if (bv_needs_resolve(at) && !is_resolved(env, id) && resolve(env, at, id))
			return -EINVAL;
		if (!id_size(env->btf, &id, NULL))
			return bv_reject(env, t, "Invalid return type");
	}
	if (!n)
		return 0;
	/* only the last parameter may be '...' (no type, no name) */
	if (!p[n - 1].type) {
		if (p[n - 1].name_off)
			return bv_reject(env, t, "Invalid arg#%u", n);
		n--;
	}
	for (i = 0; i < n; i++) {
		id = p[i].type;
		at = bv_type(env->btf, id);
		if (!at || bv_source_only(at))
			return bv_reject(env, t, "Invalid arg#%u", i + 1);
		if (p[i].name_off && (!bv_str_off_ok(env->btf, p[i].name_off) ||
				      !bv_name_ident(env->btf, p[i].name_off)))
			return bv_reject(env, t, "Invalid arg#%u", i + 1);
		if (bv_needs_resolve(at) && !is_resolved(env, id) && resolve(env, at, id))
			return -EINVAL;
		if (!id_size(env->btf, &id, NULL))
			return bv_reject(env, t, "Invalid arg#%u", i + 1);
	}
	return 0;
}

int bv_check_all_types(struct bv_env *env)
{
	struct bv_btf *b = env->btf;
	const struct btf_type *t;
	uint32_t i, id;

	for (i = b->base ? 0 : 1; i < b->nr_types; i++) {
		id = b->start_id + i;
		t = b->types[i];
		env->log_id = id;
		if (bv_needs_resolve(t) && !is_resolved(env, id) && resolve(env, t, id))
			return -EINVAL;
		if (is_kind(t, BTF_KIND_FUNC_PROTO) && check_func_proto(env, t))
			return -EINVAL;
	}
	return 0;
}
