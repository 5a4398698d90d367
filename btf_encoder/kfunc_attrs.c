// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The "attributes" feature (pahole 1.30): pointers into a bpf_arena.
 *
 * The kernel flags a kfunc of a .BTF_ids set with KF_ARENA_RET,
 * KF_ARENA_ARG1 or KF_ARENA_ARG2 when its return value, first or second
 * argument is a pointer into a bpf_arena, the BPF address space 1. With
 * decl_tag_kfuncs and attributes, the FUNC of such a kfunc gets a prototype
 * in which that slot's type, a pointer T *, is replaced by
 *
 *	PTR -> TYPE_TAG "address_space(1)", kind_flag 1 -> T
 *
 * A TYPE_TAG with kind_flag 1 is an attribute rather than a btf_type_tag:
 * libbpf 1.6 writes it as T __attribute__((address_space(1))) *, which is
 * how BPF programs declare these kfuncs (the tag sits on the pointee, as
 * BTF wants type tags). Kernels accept kind_flag on TYPE_TAG since 6.15.
 * libbpf 1.1 has no btf__add_type_attr(): libbpf_compat__add_type_attr()
 * stands in for it.
 *
 * pahole builds each FUNC's prototype when it emits the FUNC and dedups
 * afterwards, so its output has one TYPE_TAG and one PTR per pointee, one
 * prototype per distinct signature, and no untagged prototype that no
 * other FUNC or function pointer uses. We run after dedup, on the FUNCs
 * already chosen, and give the same result: new types are looked up among
 * the ones this pass made before they are added (nothing else can equal
 * them: DWARF gives no kind_flag tags, and only they refer to the new
 * PTRs); a prototype only this FUNC uses is rewritten in place, a shared one
 * is left to its other users and a new one added; a prototype nobody uses
 * any more (its FUNC moved to an equal one made earlier) is dropped by
 * kfunc_attrs__finish().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_raw.h"
#include "kfunc_attrs.h"
#include "libbpf_compat.h"
#include "log.h"
#include "type_refs.h"
#include "vec.h"

struct kfunc_attrs {
	struct btf *btf;  /* borrowed, modified */
	const char *path; /* for messages */
	uint32_t *users;  /* per type ID below nr_old: references to it; NULL until needed */
	uint32_t nr_old;  /* type count when users were counted */
	uint32_t *made;	  /* TYPE_TAGs, PTRs and FUNC_PROTOs made or rewritten here */
	uint32_t nr_made, cap_made;
	uint32_t *orphans; /* prototypes left without users */
	uint32_t nr_orphans, cap_orphans;
};

int kfunc_attrs__new(struct btf *btf, const char *path, struct kfunc_attrs **out)
{
	struct kfunc_attrs *ka = calloc(1, sizeof(*ka));

	*out = ka;
	if (!ka)
		return -ENOMEM;
	ka->btf = btf;
	ka->path = path;
	return 0;
}

void kfunc_attrs__free(struct kfunc_attrs *ka)
{
	if (!ka)
		return;
	free(ka->users);
	free(ka->made);
	free(ka->orphans);
	free(ka);
}

/* records are changed in place: the BTF is modifiable once anything was added */
static struct btf_type *type_mut(struct btf *btf, uint32_t id)
{
	return (struct btf_type *)btf__type_by_id(btf, id);
}

static int id_push(uint32_t **v, uint32_t *nr, uint32_t *cap, uint32_t id)
{
	int err = vec_ensure((void **)v, cap, sizeof(**v), *nr + 1, 0x7fffffff);

	if (!err)
		(*v)[(*nr)++] = id;
	return err;
}

/* the first arena kfunc: count the users of every type, and make the BTF modifiable */
static int prepare(struct kfunc_attrs *ka)
{
	uint32_t i, k, n = btf__type_cnt(ka->btf);
	int err;

	if (btf__base_btf(ka->btf))
		return -EINVAL; /* the fold into a base comes later */
	/* the string the tags will need; adding it also makes the records writable */
	err = btf__add_str(ka->btf, KFUNC_ARENA_ATTR);
	if (err < 0)
		return err;
	ka->users = calloc(n, sizeof(*ka->users));
	if (!ka->users)
		return -ENOMEM;
	ka->nr_old = n;
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(ka->btf, i);

		for (k = 0; k < tref__count(t); k++) {
			uint32_t r = *tref__at(t, k);

			if (r < n)
				ka->users[r]++;
		}
	}
	return 0;
}

/* the TYPE_TAG or PTR (@kind) made here that refers to @ref, or 0 */
static uint32_t made_find(const struct kfunc_attrs *ka, unsigned int kind, uint32_t ref)
{
	uint32_t i;

	for (i = 0; i < ka->nr_made; i++) {
		const struct btf_type *t = btf__type_by_id(ka->btf, ka->made[i]);

		if (btf_kind(t) == kind && t->type == ref)
			return ka->made[i];
	}
	return 0;
}

/* *@id, a PTR, becomes a PTR to its pointee behind the attribute; -EINVAL if not a PTR */
static int arena_ptr(struct kfunc_attrs *ka, uint32_t *id)
{
	const struct btf_type *t = btf__type_by_id(ka->btf, *id);
	uint32_t tag, ptr;
	int n, err;

	if (!t || !btf_is_ptr(t))
		return -EINVAL;
	tag = made_find(ka, BTF_KIND_TYPE_TAG, t->type);
	if (!tag) {
		n = libbpf_compat__add_type_attr(ka->btf, KFUNC_ARENA_ATTR, t->type);
		if (n < 0)
			return n;
		tag = n;
		err = id_push(&ka->made, &ka->nr_made, &ka->cap_made, tag);
		if (err)
			return err;
	}
	ptr = made_find(ka, BTF_KIND_PTR, tag);
	if (!ptr) {
		n = btf__add_ptr(ka->btf, tag);
		if (n < 0)
			return n;
		ptr = n;
		err = id_push(&ka->made, &ka->nr_made, &ka->cap_made, ptr);
		if (err)
			return err;
	}
	*id = ptr;
	return 0;
}

static bool same_name(const struct btf *btf, uint32_t a, uint32_t b)
{
	return a == b || !strcmp(btf__name_by_offset(btf, a), btf__name_by_offset(btf, b));
}

/* the type of slot @i (0: return, 1..: parameters) of @p with the new @ty of slots 0-2 */
static uint32_t slot_type(const struct btf_type *p, const uint32_t ty[3], uint32_t i)
{
	return i < 3 ? ty[i] : btf_params(p)[i - 1].type;
}

/* a prototype made here equal to @p with the slot types @ty, or 0 */
static uint32_t proto_find(const struct kfunc_attrs *ka, const struct btf_type *p,
			   const uint32_t ty[3])
{
	uint16_t vlen = btf_vlen(p);
	uint32_t i, j;

	for (i = 0; i < ka->nr_made; i++) {
		const struct btf_type *q = btf__type_by_id(ka->btf, ka->made[i]);

		if (!btf_is_func_proto(q) || btf_vlen(q) != vlen || q->type != ty[0])
			continue;
		for (j = 0; j < vlen; j++)
			if (btf_params(q)[j].type != slot_type(p, ty, j + 1) ||
			    !same_name(ka->btf, btf_params(q)[j].name_off,
				       btf_params(p)[j].name_off))
				break;
		if (j == vlen)
			return ka->made[i];
	}
	return 0;
}

/* a copy of the prototype @proto_id with the slot types @ty */
static int proto_add(struct kfunc_attrs *ka, uint32_t proto_id, const uint32_t ty[3], uint32_t *out)
{
	uint16_t j, vlen = btf_vlen(btf__type_by_id(ka->btf, proto_id));
	int id, err;

	id = btf__add_func_proto(ka->btf, ty[0]);
	if (id < 0)
		return id;
	for (j = 0; j < vlen; j++) {
		const struct btf_type *p = btf__type_by_id(ka->btf, proto_id);
		uint32_t name_off = btf_params(p)[j].name_off;

		/* the name goes in by its offset: adding a string may move the bytes */
		err = btf__add_func_param(ka->btf, NULL, slot_type(p, ty, j + 1));
		if (err)
			return err;
		btf_params(type_mut(ka->btf, id))[j].name_off = name_off;
	}
	*out = id;
	return id_push(&ka->made, &ka->nr_made, &ka->cap_made, id);
}

/* *@ty: the types of the return value and first two parameters of the FUNC @func_id, with
 * those @flags names as pointers to the attribute */
static int arena_slots(struct kfunc_attrs *ka, uint32_t func_id, uint32_t flags, uint32_t ty[3])
{
	static const struct {
		uint32_t bit;
		const char *flag, *slot;
	} slots[3] = {
		{KF_ARENA_RET, "KF_ARENA_RET", "return type"},
		{KF_ARENA_ARG1, "KF_ARENA_ARG1", "first parameter"},
		{KF_ARENA_ARG2, "KF_ARENA_ARG2", "second parameter"},
	};
	const struct btf_type *f = btf__type_by_id(ka->btf, func_id);
	const struct btf_type *p = btf__type_by_id(ka->btf, f->type);
	uint16_t vlen = btf_vlen(p);
	uint32_t i;
	int err;

	ty[0] = p->type;
	ty[1] = vlen > 0 ? btf_params(p)[0].type : 0;
	ty[2] = vlen > 1 ? btf_params(p)[1].type : 0;
	for (i = 0; i < 3; i++) {
		if (!(flags & slots[i].bit))
			continue;
		err = i <= vlen ? arena_ptr(ka, &ty[i]) : -EINVAL;
		if (err == -EINVAL)
			pr_err("%s: kfunc '%s' (FUNC [%u]) has %s but its %s is not a pointer",
			       ka->path, btf__name_by_offset(ka->btf, f->name_off), func_id,
			       slots[i].flag, slots[i].slot);
		if (err)
			return err;
		f = btf__type_by_id(ka->btf, func_id); /* adding may move the records */
	}
	return 0;
}

int kfunc_attrs__add(struct kfunc_attrs *ka, uint32_t func_id, uint32_t flags)
{
	const struct btf_type *f = btf__type_by_id(ka->btf, func_id);
	uint32_t proto_id, ty[3], q, j;
	struct btf_type *m;
	int err;

	if (!(flags & KF_ARENA_MASK))
		return 0;
	if (!f || !btf_is_func(f))
		return -EINVAL;
	if (!ka->users) {
		err = prepare(ka);
		if (err)
			return err;
	}
	proto_id = f->type;
	if (proto_id >= ka->nr_old || !btf_is_func_proto(btf__type_by_id(ka->btf, proto_id)))
		return -EINVAL;
	err = arena_slots(ka, func_id, flags, ty);
	if (err)
		return err;
	q = proto_find(ka, btf__type_by_id(ka->btf, proto_id), ty);
	if (!q && ka->users[proto_id] == 1) {
		/* only this FUNC uses the prototype: it changes in place */
		m = type_mut(ka->btf, proto_id);
		m->type = ty[0];
		for (j = 0; j < 2 && j < btf_vlen(m); j++)
			btf_params(m)[j].type = ty[j + 1];
		return id_push(&ka->made, &ka->nr_made, &ka->cap_made, proto_id);
	}
	if (!q) {
		err = proto_add(ka, proto_id, ty, &q);
		if (err)
			return err;
	}
	type_mut(ka->btf, func_id)->type = q;
	if (--ka->users[proto_id])
		return 0;
	return id_push(&ka->orphans, &ka->nr_orphans, &ka->cap_orphans, proto_id);
}

int kfunc_attrs__finish(struct kfunc_attrs *ka, struct btf **btfp)
{
	struct btf *nb;
	uint32_t *fate, i;
	int err;

	if (!ka->nr_orphans)
		return 0;
	fate = calloc(btf__type_cnt(*btfp), sizeof(*fate));
	if (!fate)
		return -ENOMEM;
	for (i = 0; i < ka->nr_orphans; i++)
		fate[ka->orphans[i]] = FATE_DROP;
	/* made by a rebuild and libbpf's adders: its strings are unique */
	err = btf_raw__rebuild(*btfp, NULL, NULL, fate, BTF_RAW_UNIQUE_STRS, &nb);
	free(fate);
	if (err)
		return err;
	btf__free(*btfp);
	*btfp = nb;
	ka->btf = nb;
	ka->nr_orphans = 0;
	return 0;
}
