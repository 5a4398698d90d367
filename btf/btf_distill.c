// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Distilled base BTF, and the relocation that consumes it.
 *
 * A module's split BTF refers to vmlinux types by ID. Another build of the
 * same kernel (a different config, a distro update) numbers them
 * differently, and the module's BTF no longer fits. With
 * --btf_features=distilled_base (passed by kbuild 6.11+ for M= modules),
 * pahole 1.28+ calls libbpf 1.5's btf__distill_base() and writes two
 * sections: .BTF, the module's types as split BTF on a small "distilled"
 * base, and .BTF.base, that distilled base. At load time the kernel matches
 * each distilled type by name (and size) in the running vmlinux and rewrites
 * the module's references (kernel/bpf/btf_relocate.c, shared with libbpf).
 *
 * Distilling (btf_distill__base(), libbpf 1.5's rules):
 *  - The base types used are those the split types refer to, and what those
 *    refer to in turn, except that the members of a named STRUCT/UNION are
 *    not followed. A used base type must be INT, FLOAT, FWD, ARRAY, STRUCT,
 *    UNION, TYPEDEF, ENUM, ENUM64, PTR, CONST, RESTRICT, VOLATILE,
 *    FUNC_PROTO or TYPE_TAG; a reference to a base FUNC, VAR, DATASEC or
 *    DECL_TAG is an error (-EINVAL).
 *  - Into the distilled base, in base ID order, go: INT, FLOAT and FWD as
 *    they are; a named STRUCT/UNION as a STRUCT/UNION of the same name and
 *    size with no members (kind_flag 0); a named ENUM or ENUM64 as an ENUM
 *    of the same name and size with no values (kind_flag 0).
 *  - Every other used base type (PTR, TYPEDEF, ARRAY, CONST, VOLATILE,
 *    RESTRICT, TYPE_TAG, FUNC_PROTO and anonymous STRUCT/UNION/ENUM/ENUM64)
 *    is copied whole into the new split BTF, after the split's own types,
 *    in base ID order.
 *  - IDs: the distilled base is 1..n; the split's own types follow from
 *    n + 1 in their old order, then the copies; every reference is
 *    rewritten. The distilled base has the byte order of the split.
 *  - Strings: the distilled base holds the names of its types only. A string
 *    of the new split that the distilled base holds refers to it (libbpf's
 *    btf__add_str() on split BTF looks in the base first), the others go to
 *    the split's own string section in order of first use.
 *  - Nothing is checked for ambiguity: a name that the base has twice
 *    (two "struct irq_info" in vmlinux) gives two distilled types, told
 *    apart by size at relocation, or not at all.
 * The output is meant to be byte for byte what libbpf 1.5 makes: the same
 * types in the same order, strings interned in the same order.
 *
 * Relocating (btf_distill__relocate(), the kernel's btf_relocate()):
 *  1. The distilled base may only hold named INT, FLOAT, ENUM, STRUCT,
 *     UNION and FWD.
 *  2. A distilled STRUCT/UNION is "embedded" when a member of a split
 *     STRUCT/UNION reaches it through CONST, VOLATILE, RESTRICT, TYPEDEF,
 *     TYPE_TAG and ARRAY (a PTR stops the walk).
 *  3. Every named base INT, FLOAT, ENUM, ENUM64, FWD, STRUCT and UNION is
 *     looked up among the distilled types by name; INT, FLOAT, ENUM and
 *     ENUM64 also by size, STRUCT and UNION also by size when the base has
 *     more than one STRUCT/UNION of that name, FWD by name alone. A found
 *     distilled INT takes a base INT of the same encoding, FLOAT a FLOAT,
 *     ENUM an ENUM or ENUM64, FWD a FWD of the same kind_flag or a STRUCT
 *     whose kind_flag is 0 or a UNION whose kind_flag is 1 (the kernel tests
 *     the base type's kind_flag there), STRUCT/UNION any of the kinds above,
 *     of the same size when it is embedded.
 *  4. A distilled type that two base types take is an error, and so is one
 *     that none takes.
 *  5. Split IDs move up by (base types - distilled types), references to
 *     distilled types become their base match, and strings in the distilled
 *     base become the match's name (a string there that names no distilled
 *     type is an error).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_distill.h"
#include "base_strs.h"
#include "btf_merge.h"
#include "log.h"
#include "type_refs.h"

/* ---- distilling ------------------------------------------------------------ */

struct distill {
	const struct btf *split, *base;
	uint32_t nr_base, n; /* btf__type_cnt() of the base and of the split */
	uint32_t *map;	     /* old ID (base or split) -> new ID */
	uint8_t *used;	     /* per base ID */
	uint32_t *stack;     /* base IDs whose references are still to be marked */
	uint32_t top;
};

/* can a distilled base describe base type @t, or the new split hold it? */
static bool distill_kind_ok(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FWD:
	case BTF_KIND_ARRAY:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_TYPE_TAG:
		return true;
	default:
		return false;
	}
}

/* does used base type @t go into the distilled base (else it is copied into the split)? */
static bool in_distilled_base(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FWD:
		return true;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return t->name_off != 0;
	default:
		return false;
	}
}

/* type @from refers to @id: mark it used if it is a base type */
static int mark_ref(struct distill *d, uint32_t from, uint32_t id)
{
	const struct btf_type *t;

	if (!id || (id < d->nr_base && d->used[id]))
		return 0;
	if (id >= d->n) {
		pr_err("distilled base: type [%u] refers to type [%u], past the last one [%u]",
		       from, id, d->n - 1);
		return -EINVAL;
	}
	if (id >= d->nr_base)
		return 0; /* a split type: copied anyway */
	t = btf__type_by_id(d->base, id);
	if (!distill_kind_ok(t)) {
		pr_err("distilled base: type [%u] refers to base %s [%u], which cannot be "
		       "distilled",
		       from, tref__kind_name(btf_kind(t)), id);
		return -EINVAL;
	}
	d->used[id] = 1;
	/* a named struct or union loses its members: what they use is not needed */
	if (!(btf_is_composite(t) && t->name_off))
		d->stack[d->top++] = id;
	return 0;
}

static int mark_refs_of(struct distill *d, const struct btf *btf, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	uint32_t i, nr = tref__count(t);
	int err = 0;

	for (i = 0; i < nr && !err; i++)
		err = mark_ref(d, id, *tref__at(t, i));
	return err;
}

/* mark the base types the split uses; a work list instead of recursion */
static int mark_used(struct distill *d)
{
	uint32_t id;
	int err = 0;

	for (id = d->nr_base; id < d->n && !err; id++) {
		err = mark_refs_of(d, d->split, id);
		while (d->top && !err)
			err = mark_refs_of(d, d->base, d->stack[--d->top]);
	}
	return err;
}

/* add used base type @id to the distilled base @db; Return: its new ID or -errno */
static int add_distilled(struct btf *db, const struct btf *base, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(base, id);
	const char *name = btf__name_by_offset(base, t->name_off);

	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
		return btf__add_struct(db, name, t->size);
	case BTF_KIND_UNION:
		return btf__add_union(db, name, t->size);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		/* ENUM64 too: the kernel matches a sized ENUM with either */
		return btf__add_enum(db, name, t->size);
	default: /* INT, FLOAT, FWD */
		return btf__add_type(db, base, t);
	}
}

/* the distilled base, and the map of the base types it holds */
static int build_base(struct distill *d, struct btf **dbp)
{
	struct btf *db = btf__new_empty();
	uint32_t id;
	int err = 0, nid;

	if (!db)
		return -ENOMEM;
	err = btf__set_endianness(db, btf__endianness(d->split));
	for (id = 1; id < d->nr_base && !err; id++) {
		if (!d->used[id] || !in_distilled_base(btf__type_by_id(d->base, id)))
			continue;
		nid = add_distilled(db, d->base, id);
		if (nid < 0)
			err = nid;
		else
			d->map[id] = nid;
	}
	if (err) {
		btf__free(db);
		return err;
	}
	*dbp = db;
	return 0;
}

/* the new split on @db: the split's own types, then the copied base types */
static int build_split(struct distill *d, struct btf *db, struct btf **nsp)
{
	struct btf *ns = btf__new_empty_split(db);
	uint32_t id, first, last;
	int err, nid;

	if (!ns)
		return -ENOMEM;
	/* libbpf 1.1 does not pass the byte order on to split BTF */
	err = btf__set_endianness(ns, btf__endianness(d->split));
	first = btf__type_cnt(db);
	for (id = d->nr_base; id < d->n && !err; id++) {
		nid = btf__add_type(ns, d->split, btf__type_by_id(d->split, id));
		if (nid < 0)
			err = nid;
		else
			d->map[id] = nid;
	}
	for (id = 1; id < d->nr_base && !err; id++) {
		if (!d->used[id] || in_distilled_base(btf__type_by_id(d->base, id)))
			continue;
		nid = btf__add_type(ns, d->base, btf__type_by_id(d->base, id));
		if (nid < 0)
			err = nid;
		else
			d->map[id] = nid;
	}
	/* references are still old IDs: renumber them all, now that every new ID is known */
	last = btf__type_cnt(ns);
	for (id = first; id < last && !err; id++)
		err = btf_merge__remap_type((struct btf_type *)btf__type_by_id(ns, id), d->map,
					    d->n);
	if (err) {
		btf__free(ns);
		return err;
	}
	*nsp = ns;
	return 0;
}

int btf_distill__base(const struct btf *split, struct btf **new_base, struct btf **new_split)
{
	struct distill d = {.split = split, .base = btf__base_btf(split)};
	struct btf *db = NULL, *ns = NULL;
	int err;

	if (!d.base)
		return -EINVAL;
	d.nr_base = btf__type_cnt(d.base);
	d.n = btf__type_cnt(split);
	d.map = calloc(d.n, sizeof(*d.map));
	d.used = calloc(d.nr_base, sizeof(*d.used));
	d.stack = calloc(d.nr_base, sizeof(*d.stack));
	err = d.map && d.used && d.stack ? 0 : -ENOMEM;
	err = err ?: mark_used(&d);
	err = err ?: build_base(&d, &db);
	err = err ?: build_split(&d, db, &ns);
	free(d.map);
	free(d.used);
	free(d.stack);
	if (err) {
		btf__free(db);
		return err;
	}
	*new_base = db;
	*new_split = ns;
	return 0;
}

/* ---- relocating ------------------------------------------------------------ */

/* a distilled type by name and size, for the lookups of the base's types */
struct dname {
	const char *name;
	uint32_t size;
	uint32_t id;
	uint32_t nr_comp; /* base STRUCT/UNIONs of this name */
};

struct reloc {
	const struct btf *split, *dist, *base;
	uint32_t nr_dist, nr_base, n; /* btf__type_cnt() of each; n: split */
	struct dname *names;	      /* distilled IDs 1.., sorted by name, size */
	uint32_t nr_names;
	uint32_t *map;	   /* split-side ID -> ID on the full base */
	uint8_t *embedded; /* per distilled ID */
};

static int dname_cmp(const void *a, const void *b)
{
	const struct dname *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->size < y->size ? -1 : x->size > y->size;
}

/* the first entry not before (@name, @size), or (@name) when !@by_size */
static uint32_t dname_lower(const struct reloc *r, const char *name, bool by_size, uint32_t size)
{
	uint32_t lo = 0, hi = r->nr_names;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->names[mid].name, name);

		if (!c && by_size)
			c = r->names[mid].size < size ? -1 : 0;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool dname_match(const struct reloc *r, uint32_t i, const char *name, bool by_size,
			uint32_t size)
{
	return i < r->nr_names && !strcmp(r->names[i].name, name) &&
	       (!by_size || r->names[i].size == size);
}

static int check_distilled_base(const struct reloc *r)
{
	uint32_t id;

	for (id = 1; id < r->nr_dist; id++) {
		const struct btf_type *t = btf__type_by_id(r->dist, id);

		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
		case BTF_KIND_ENUM:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_FWD:
			if (t->name_off)
				break;
			pr_err("distilled base type [%u] is an anonymous %s", id,
			       tref__kind_name(btf_kind(t)));
			return -EINVAL;
		default:
			pr_err("distilled base type [%u]: a %s cannot be in a distilled base", id,
			       tref__kind_name(btf_kind(t)));
			return -EINVAL;
		}
	}
	return 0;
}

/* distilled STRUCT/UNIONs held by value in a split STRUCT/UNION must match in size */
static void mark_embedded(struct reloc *r)
{
	uint32_t id, i, next, steps;

	for (id = r->nr_dist; id < r->n; id++) {
		const struct btf_type *t = btf__type_by_id(r->split, id);

		if (!btf_is_composite(t))
			continue;
		for (i = 0; i < btf_vlen(t); i++) {
			next = btf_members(t)[i].type;
			for (steps = 0; next && steps < r->n; steps++) {
				const struct btf_type *m = btf__type_by_id(r->split, next);

				if (!m)
					break;
				switch (btf_kind(m)) {
				case BTF_KIND_CONST:
				case BTF_KIND_RESTRICT:
				case BTF_KIND_VOLATILE:
				case BTF_KIND_TYPEDEF:
				case BTF_KIND_TYPE_TAG:
					next = m->type;
					continue;
				case BTF_KIND_ARRAY:
					next = btf_array(m)->type;
					continue;
				case BTF_KIND_STRUCT:
				case BTF_KIND_UNION:
					if (next < r->nr_dist)
						r->embedded[next] = 1;
					break;
				default:
					break;
				}
				break;
			}
		}
	}
}

static int sort_names(struct reloc *r)
{
	uint32_t id, i, j;

	r->names = calloc(r->nr_dist, sizeof(*r->names));
	if (!r->names)
		return -ENOMEM;
	for (id = 1; id < r->nr_dist; id++) {
		const struct btf_type *t = btf__type_by_id(r->dist, id);

		r->names[r->nr_names++] =
			(struct dname){.name = btf__name_by_offset(r->dist, t->name_off),
				       .size = t->size,
				       .id = id};
	}
	qsort(r->names, r->nr_names, sizeof(*r->names), dname_cmp);
	/* how many base STRUCT/UNIONs have each name, on every entry of the name */
	for (id = 1; id < r->nr_base; id++) {
		const struct btf_type *t = btf__type_by_id(r->base, id);
		const char *name;

		if (!btf_is_composite(t) || !t->name_off)
			continue;
		name = btf__name_by_offset(r->base, t->name_off);
		i = dname_lower(r, name, false, 0);
		for (j = i; dname_match(r, j, name, false, 0); j++)
			r->names[j].nr_comp++;
	}
	return 0;
}

/* may distilled type @dt be base type @bt (kernel: btf_relocate_map_distilled_base()) */
static bool compatible(const struct reloc *r, uint32_t did, const struct btf_type *dt,
		       const struct btf_type *bt)
{
	uint16_t bk = btf_kind(bt);

	switch (btf_kind(dt)) {
	case BTF_KIND_FWD:
		if (bk == BTF_KIND_FWD)
			return btf_kflag(dt) == btf_kflag(bt);
		/* sic: the kernel looks at the base type's kind_flag, not the fwd's */
		return (bk == BTF_KIND_STRUCT && !btf_kflag(bt)) ||
		       (bk == BTF_KIND_UNION && btf_kflag(bt));
	case BTF_KIND_INT:
		return bk == BTF_KIND_INT && btf_int_encoding(bt) == btf_int_encoding(dt);
	case BTF_KIND_FLOAT:
		return bk == BTF_KIND_FLOAT;
	case BTF_KIND_ENUM:
		return bk == BTF_KIND_ENUM || bk == BTF_KIND_ENUM64;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return !r->embedded[did] || bt->size == dt->size;
	default:
		return false;
	}
}

/* the distilled types base type @id takes */
static int match_one(struct reloc *r, uint32_t id)
{
	const struct btf_type *bt = btf__type_by_id(r->base, id);
	const char *name = btf__name_by_offset(r->base, bt->name_off);
	bool by_size;
	uint32_t i;

	switch (btf_kind(bt)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		by_size = true;
		break;
	case BTF_KIND_FWD:
		by_size = false;
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		i = dname_lower(r, name, false, 0);
		by_size = dname_match(r, i, name, false, 0) && r->names[i].nr_comp > 1;
		break;
	default:
		return 0;
	}
	for (i = dname_lower(r, name, by_size, bt->size);
	     dname_match(r, i, name, by_size, bt->size); i++) {
		uint32_t did = r->names[i].id;
		const struct btf_type *dt = btf__type_by_id(r->dist, did);

		if (!compatible(r, did, dt, bt))
			continue;
		if (r->map[did]) {
			pr_err("distilled base type [%u] '%s' (size %u): two base types match, "
			       "[%u] and [%u]",
			       did, name, bt->size, r->map[did], id);
			return -EINVAL;
		}
		r->map[did] = id;
	}
	return 0;
}

static int match_base(struct reloc *r)
{
	uint32_t id;
	int err = 0;

	for (id = 1; id < r->nr_base && !err; id++)
		if (btf__type_by_id(r->base, id)->name_off)
			err = match_one(r, id);
	for (id = 1; id < r->nr_dist && !err; id++) {
		const struct btf_type *t = btf__type_by_id(r->dist, id);

		if (r->map[id])
			continue;
		pr_err("distilled base type [%u] %s '%s' (size %u) matches no base type", id,
		       tref__kind_name(btf_kind(t)), btf__name_by_offset(r->dist, t->name_off),
		       t->size);
		err = -EINVAL;
	}
	return err;
}

/* a string of a split type that lies in the distilled base must name a distilled type */
static int check_strings(const struct reloc *r)
{
	uint32_t len = 0, id, i;
	uint8_t *is_name;
	int err = 0;

	btf_str_len(r->dist, &len);
	is_name = calloc(len + 1, 1);
	if (!is_name)
		return -ENOMEM;
	for (id = 1; id < r->nr_dist; id++) {
		uint32_t off = btf__type_by_id(r->dist, id)->name_off;

		if (off < len)
			is_name[off] = 1;
	}
	for (id = r->nr_dist; id < r->n && !err; id++) {
		const struct btf_type *t = btf__type_by_id(r->split, id);

		for (i = 0; i < tref__str_count(t) && !err; i++) {
			uint32_t off = *tref__str_at(t, i);

			if (!off || off >= len || is_name[off])
				continue;
			pr_err("type [%u]: string '%s' (offset %u) in the distilled base names no "
			       "type",
			       id, btf__str_by_offset(r->split, off) ?: "", off);
			err = -ENOENT;
		}
	}
	free(is_name);
	return err;
}

/* @split's own types on @base, renumbered through r->map */
static int copy_relocated(struct reloc *r, struct btf *base, struct btf **outp)
{
	struct btf *out = btf__new_empty_split(base);
	uint32_t id, last;
	int err, nid;

	if (!out)
		return -ENOMEM;
	err = btf__set_endianness(out, btf__endianness(r->split));
	for (id = r->nr_dist; id < r->n && !err; id++) {
		r->map[id] = id - r->nr_dist + r->nr_base;
		nid = btf__add_type(out, r->split, btf__type_by_id(r->split, id));
		if (nid < 0)
			err = nid;
	}
	last = btf__type_cnt(out);
	for (id = r->nr_base; id < last && !err; id++)
		err = btf_merge__remap_type((struct btf_type *)btf__type_by_id(out, id), r->map,
					    r->n);
	if (err) {
		if (err == -EINVAL)
			pr_err("relocation: a type reference is out of range");
		btf__free(out);
		return err;
	}
	*outp = out;
	return 0;
}

int btf_distill__relocate(const struct btf *split, struct btf *base, struct btf **out)
{
	struct reloc r = {.split = split, .dist = btf__base_btf(split), .base = base};
	int err;

	if (!r.dist || !base || r.dist == base)
		return -EINVAL;
	r.nr_dist = btf__type_cnt(r.dist);
	r.nr_base = btf__type_cnt(base);
	r.n = btf__type_cnt(split);
	r.map = calloc(r.n, sizeof(*r.map));
	r.embedded = calloc(r.nr_dist, sizeof(*r.embedded));
	err = r.map && r.embedded ? 0 : -ENOMEM;
	err = err ?: check_distilled_base(&r);
	if (!err)
		mark_embedded(&r);
	err = err ?: sort_names(&r);
	err = err ?: match_base(&r);
	err = err ?: check_strings(&r);
	err = err ?: copy_relocated(&r, base, out);
	free(r.names);
	free(r.map);
	free(r.embedded);
	return err;
}
