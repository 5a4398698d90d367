// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * --verify (model_verify.h). The BTF is indexed by name once: STRUCT, UNION,
 * ENUM and ENUM64 of the whole BTF (base included), FUNCs of its own part.
 * The DWARF is then converted again and each CU checked on the worker that
 * converted it; the index and the BTF are only read there. A model type
 * must match one BTF type of its name exactly: one name may have several
 * layouts (different CUs), dedup keeps them all.
 *
 * A FUNC is marked once a DWARF definition of its name has its parameter
 * count (the trailing empty parameter of a variadic prototype counted); an
 * unmarked FUNC after the last CU is a mismatch.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "dwarf_loader.h"
#include "dwarves.h"
#include "log.h"
#include "model_verify.h"
#include "strmap.h"

#define MV_SHOW 20 /* mismatches printed in full */

enum mv_slot {
	MV_COMP, /* STRUCT, UNION */
	MV_ENUM, /* ENUM, ENUM64 */
	MV_FUNC,
	MV_NR,
};

struct mv {
	const struct btf *btf;
	const char *path;
	uint32_t first_own; /* first ID of the BTF's own part */
	uint32_t nr_ids;
	struct strmap names[MV_NR]; /* name -> first type ID of the chain */
	uint32_t *next;		    /* type ID -> next ID of the same name and slot */
	_Atomic uint8_t *func_ok;   /* FUNC ID -> a DWARF definition has its count */
	_Atomic int32_t *func_seen; /* FUNC ID -> a DWARF count that differed, -1 none */
	atomic_uint nr_bad;
	atomic_uint nr_types; /* model types checked */
};

static int slot_of(const struct btf_type *t)
{
	if (btf_is_composite(t))
		return MV_COMP;
	if (btf_is_any_enum(t))
		return MV_ENUM;
	if (btf_is_func(t))
		return MV_FUNC;
	return -1;
}

static int mv_index(struct mv *v)
{
	uint32_t id;
	int err;

	v->next = calloc(v->nr_ids, sizeof(*v->next));
	v->func_ok = calloc(v->nr_ids, sizeof(*v->func_ok));
	v->func_seen = malloc(v->nr_ids * sizeof(*v->func_seen));
	if (!v->next || !v->func_ok || !v->func_seen)
		return -ENOMEM;
	/* backwards, so each chain runs in ID order */
	for (id = v->nr_ids - 1; id > 0; id--) {
		const struct btf_type *t = btf__type_by_id(v->btf, id);
		const char *name = btf__name_by_offset(v->btf, t->name_off);
		int slot = slot_of(t);
		uint64_t head;

		atomic_init(&v->func_seen[id], -1);
		if (slot < 0 || !name || !*name || (slot == MV_FUNC && id < v->first_own))
			continue;
		if (strmap__find(&v->names[slot], name, &head))
			v->next[id] = (uint32_t)head;
		err = strmap__set(&v->names[slot], name, id);
		if (err)
			return err;
	}
	return 0;
}

/* ---- comparing one model type with one BTF type; Return: NULL or what differs ---- */

struct mv_diff {
	char buf[256];
};

static const char *str_or_anon(const char *s)
{
	return s && *s ? s : "(anon)";
}

/* a member's bitfield size as the BTF says it; @want: the model's */
static uint32_t btf_member_bits(const struct btf *btf, const struct btf_type *t, uint32_t i,
				uint32_t want)
{
	const struct btf_type *mt;

	if (btf_kflag(t))
		return btf_member_bitfield_size(t, i);
	/* without kind_flag a bitfield's type is an INT of its width */
	mt = btf__type_by_id(btf, btf_members(t)[i].type);
	if (!mt || !btf_is_int(mt))
		return 0;
	if (want)
		return btf_int_bits(mt);
	return btf_int_bits(mt) == mt->size * 8 && !btf_int_offset(mt) ? 0 : btf_int_bits(mt);
}

static const char *diff_comp(const struct mv *v, const struct tm_cu *cu, const struct tm_type *mt,
			     const struct btf_type *t, struct mv_diff *d)
{
	uint32_t i;

	if (mt->size != t->size) {
		snprintf(d->buf, sizeof(d->buf), "size %u, DWARF %llu", t->size,
			 (unsigned long long)mt->size);
		return d->buf;
	}
	if (mt->nr != btf_vlen(t)) {
		snprintf(d->buf, sizeof(d->buf), "%u members, DWARF %u", btf_vlen(t), mt->nr);
		return d->buf;
	}
	for (i = 0; i < mt->nr; i++) {
		const struct tm_member *m = &cu->members[mt->first + i];
		const char *name = btf__name_by_offset(v->btf, btf_members(t)[i].name_off);
		uint32_t off = btf_member_bit_offset(t, i);
		uint32_t bits = btf_member_bits(v->btf, t, i, m->bit_size);

		if (strcmp(name ?: "", m->name ?: "")) {
			snprintf(d->buf, sizeof(d->buf), "member #%u is '%s', DWARF '%s'", i,
				 str_or_anon(name), str_or_anon(m->name));
			return d->buf;
		}
		if (off != m->bit_offset || bits != m->bit_size) {
			snprintf(
				d->buf, sizeof(d->buf),
				"member '%s' at bit %u, %u bits wide; DWARF bit %llu, %u bits wide",
				str_or_anon(name), off, bits, (unsigned long long)m->bit_offset,
				m->bit_size);
			return d->buf;
		}
	}
	return NULL;
}

static const char *diff_enum(const struct mv *v, const struct tm_cu *cu, const struct tm_type *mt,
			     const struct btf_type *t, struct mv_diff *d)
{
	/* without ENUM64 an enum of more than 4 bytes keeps 8 and the low 32 bits of its values */
	uint64_t size = btf_is_enum(t) && mt->size > 8 ? 8 : mt->size;
	uint32_t i;

	if (size != t->size) {
		snprintf(d->buf, sizeof(d->buf), "size %u, DWARF %llu", t->size,
			 (unsigned long long)mt->size);
		return d->buf;
	}
	if (mt->nr != btf_vlen(t)) {
		snprintf(d->buf, sizeof(d->buf), "%u values, DWARF %u", btf_vlen(t), mt->nr);
		return d->buf;
	}
	for (i = 0; i < mt->nr; i++) {
		const struct tm_enumerator *e = &cu->enums[mt->first + i];
		const char *want = e->name ?: "__anon_enumerator__";
		uint32_t name_off =
			btf_is_enum(t) ? btf_enum(t)[i].name_off : btf_enum64(t)[i].name_off;
		const char *name = btf__name_by_offset(v->btf, name_off);
		uint64_t val = btf_is_enum(t) ? (uint32_t)btf_enum(t)[i].val
					      : btf_enum64_value(&btf_enum64(t)[i]);
		uint64_t dval = btf_is_enum(t) ? (uint32_t)e->value : e->value;

		if (strcmp(name ?: "", want)) {
			snprintf(d->buf, sizeof(d->buf), "value #%u is '%s', DWARF '%s'", i,
				 str_or_anon(name), want);
			return d->buf;
		}
		if (val != dval) {
			snprintf(d->buf, sizeof(d->buf), "'%s' = %llu, DWARF %llu", want,
				 (unsigned long long)val, (unsigned long long)dval);
			return d->buf;
		}
	}
	return NULL;
}

static void mv_bad(struct mv *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void mv_bad(struct mv *v, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	if (atomic_fetch_add(&v->nr_bad, 1) >= MV_SHOW)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("%s: --verify: %s", v->path, msg);
}

static const char *kind_name(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
		return "STRUCT";
	case BTF_KIND_UNION:
		return "UNION";
	case BTF_KIND_ENUM:
		return "ENUM";
	default:
		return "ENUM64";
	}
}

static bool kind_fits(const struct tm_type *mt, const struct btf_type *t)
{
	if (mt->kind == TM_STRUCT)
		return btf_is_struct(t);
	if (mt->kind == TM_UNION)
		return btf_is_union(t);
	return btf_is_any_enum(t);
}

static void check_type(struct mv *v, const struct tm_cu *cu, const struct tm_type *mt)
{
	int slot = mt->kind == TM_ENUM ? MV_ENUM : MV_COMP;
	const char *kind = tm_kind__name(mt->kind);
	uint32_t first_id = 0;
	struct mv_diff d, first;
	uint64_t head;
	uint32_t id;

	if (!strmap__find(&v->names[slot], mt->name, &head)) {
		mv_bad(v, "CU '%s': DIE 0x%llx: %s '%s' has no type of that name in the BTF",
		       cu->name ?: "?", (unsigned long long)mt->die_off, kind, mt->name);
		return;
	}
	for (id = (uint32_t)head; id; id = v->next[id]) {
		const struct btf_type *t = btf__type_by_id(v->btf, id);

		if (!kind_fits(mt, t))
			continue;
		if (!(slot == MV_ENUM ? diff_enum(v, cu, mt, t, &d) : diff_comp(v, cu, mt, t, &d)))
			return;
		if (!first_id) {
			first_id = id;
			first = d;
		}
	}
	if (!first_id)
		mv_bad(v, "CU '%s': DIE 0x%llx: %s '%s' has no type of that kind in the BTF",
		       cu->name ?: "?", (unsigned long long)mt->die_off, kind, mt->name);
	else
		mv_bad(v,
		       "CU '%s': DIE 0x%llx: %s '%s' matches no BTF type of that name; [%u] %s: %s",
		       cu->name ?: "?", (unsigned long long)mt->die_off, kind, mt->name, first_id,
		       kind_name(btf__type_by_id(v->btf, first_id)), first.buf);
}

static void check_func(struct mv *v, const struct tm_cu *cu, const struct tm_func *fn)
{
	const struct tm_type *proto = tm_cu__type(cu, fn->proto);
	int32_t want = proto->nr + !!(proto->flags & TM_F_VARIADIC);
	uint64_t head;
	uint32_t id;

	if (!strmap__find(&v->names[MV_FUNC], fn->name, &head))
		return; /* not every definition becomes a FUNC */
	for (id = (uint32_t)head; id; id = v->next[id]) {
		const struct btf_type *p =
			btf__type_by_id(v->btf, btf__type_by_id(v->btf, id)->type);

		if (p && btf_vlen(p) == want)
			atomic_store(&v->func_ok[id], 1);
		else
			atomic_store(&v->func_seen[id], want);
	}
}

static int verify_work(struct tm_cu *cu, void *ctx, void **result)
{
	struct mv *v = ctx;
	const struct tm_type *t;
	tm_id id;
	uint32_t i;

	tm_cu__for_each_type (cu, id, t) {
		if (!t->name || !*t->name)
			continue;
		if (t->kind == TM_STRUCT || t->kind == TM_UNION ||
		    (t->kind == TM_ENUM && !(t->flags & TM_F_ENUM_FWD))) {
			check_type(v, cu, t);
			atomic_fetch_add(&v->nr_types, 1);
		}
	}
	for (i = 0; i < cu->nr_funcs; i++)
		check_func(v, cu, &cu->funcs[i]);
	tm_cu__free(cu);
	*result = NULL;
	return 0;
}

static int verify_ordered(void *result, uint32_t cu_index, void *ctx)
{
	return 0;
}

static void verify_drop(void *result, void *ctx)
{
}

static void check_funcs_marked(struct mv *v)
{
	uint32_t id, nr = 0;

	for (id = v->first_own; id < v->nr_ids; id++) {
		const struct btf_type *t = btf__type_by_id(v->btf, id);
		const struct btf_type *p;
		int32_t seen;

		if (!btf_is_func(t))
			continue;
		/*
		 * a clone's FUNC (true_signature: 'foo.isra.0') has the signature
		 * of its code, not of a declaration: nothing here to hold it to
		 */
		if (strchr(btf__name_by_offset(v->btf, t->name_off) ?: "", '.'))
			continue;
		nr++;
		if (atomic_load(&v->func_ok[id]))
			continue;
		p = btf__type_by_id(v->btf, t->type);
		seen = atomic_load(&v->func_seen[id]);
		if (seen < 0)
			mv_bad(v, "[%u] FUNC '%s' has no DWARF definition", id,
			       btf__name_by_offset(v->btf, t->name_off));
		else
			mv_bad(v, "[%u] FUNC '%s' has %u parameters, its DWARF definition %d", id,
			       btf__name_by_offset(v->btf, t->name_off), p ? btf_vlen(p) : 0, seen);
	}
	pr_info("%s: --verify: %u struct/union/enum definitions of the DWARF and %u FUNCs checked",
		v->path, atomic_load(&v->nr_types), nr);
}

int model_verify__btf(const struct btf *btf, struct dwl *dwl, const char *path)
{
	const struct btf *base = btf__base_btf(btf);
	struct mv v = {
		.btf = btf,
		.path = path,
		.first_own = base ? btf__type_cnt(base) : 1,
		.nr_ids = btf__type_cnt(btf),
	};
	uint32_t nr_bad;
	int i, err;

	for (i = 0; i < MV_NR; i++)
		strmap__init(&v.names[i]);
	err = mv_index(&v);
	if (err) {
		pr_err("%s: --verify: %s", path, errstr(err));
		goto out;
	}
	err = dwl__load(dwl, verify_work, verify_ordered, verify_drop, &v);
	if (err)
		goto out;
	check_funcs_marked(&v);
	nr_bad = atomic_load(&v.nr_bad);
	if (nr_bad) {
		if (nr_bad > MV_SHOW)
			pr_err("%s: --verify: %u mismatches (%u shown)", path, nr_bad, MV_SHOW);
		err = -EBADMSG;
	}
out:
	for (i = 0; i < MV_NR; i++)
		strmap__release(&v.names[i]);
	free(v.next);
	free(v.func_ok);
	free(v.func_seen);
	return err;
}
