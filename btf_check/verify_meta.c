// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The verifier's first pass: each type's own fields (kind, flags, vlen,
 * names, sizes, the IDs it names being in range), in the order the kernel
 * checks them, before any reference is followed. Each check returns how
 * many bytes follow the struct btf_type, so the caller finds the next type.
 */
#include <errno.h>
#include "verify_internal.h"

#define INFO_MASK 0x9f00ffffu /* kind_flag, 5 kind bits, vlen */
#define INT_MASK 0x0fffffffu

static bool id_ok(uint32_t id)
{
	return id <= BV_MAX_TYPE;
}

static int need(struct bv_env *env, const struct btf_type *t, uint32_t left, uint32_t needed)
{
	if (left < needed)
		return bv_reject(env, t, "meta_left:%u meta_needed:%u", left, needed);
	return 0;
}

static int check_int(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	uint32_t data, bits, enc;

	if (need(env, t, left, 4))
		return -EINVAL;
	if (bv_vlen(t))
		return bv_reject(env, t, "vlen != 0");
	if (bv_kflag(t))
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	data = *(const uint32_t *)(t + 1);
	if (data & ~INT_MASK)
		return bv_reject(env, t, "Invalid int_data:%x", data);
	bits = BTF_INT_BITS(data) + BTF_INT_OFFSET(data);
	if (bits > 128)
		return bv_reject(env, t, "nr_bits exceeds 128");
	if ((bits + 7) / 8 > t->size)
		return bv_reject(env, t, "nr_bits exceeds type_size");
	enc = BTF_INT_ENCODING(data);
	if (enc && enc != BTF_INT_SIGNED && enc != BTF_INT_CHAR && enc != BTF_INT_BOOL)
		return bv_reject(env, t, "Unsupported encoding");
	return 4;
}

/* PTR, TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG */
static int check_ref(struct bv_env *env, const struct btf_type *t)
{
	const char *name;

	if (bv_vlen(t))
		return bv_reject(env, t, "vlen != 0");
	if (bv_kflag(t) && bv_kind(t) != BTF_KIND_TYPE_TAG)
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	if (!id_ok(t->type))
		return bv_reject(env, t, "Invalid type_id");
	switch (bv_kind(t)) {
	case BTF_KIND_TYPEDEF:
		if (!t->name_off || !bv_name_ident(env->btf, t->name_off))
			return bv_reject(env, t, "Invalid name");
		break;
	case BTF_KIND_TYPE_TAG:
		name = bv_str(env->btf, t->name_off);
		if (!name || !*name)
			return bv_reject(env, t, "Invalid name");
		break;
	default:
		if (t->name_off)
			return bv_reject(env, t, "Invalid name");
	}
	return 0;
}

static int check_fwd(struct bv_env *env, const struct btf_type *t)
{
	if (bv_vlen(t))
		return bv_reject(env, t, "vlen != 0");
	if (t->type)
		return bv_reject(env, t, "type != 0");
	if (!t->name_off || !bv_name_ident(env->btf, t->name_off))
		return bv_reject(env, t, "Invalid name");
	return 0;
}

static int check_array(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	const struct btf_array *a = (const void *)(t + 1);

	if (need(env, t, left, sizeof(*a)))
		return -EINVAL;
	if (t->name_off)
		return bv_reject(env, t, "Invalid name");
	if (bv_vlen(t))
		return bv_reject(env, t, "vlen != 0");
	if (bv_kflag(t))
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	if (t->size)
		return bv_reject(env, t, "size != 0");
	if (!a->type || !id_ok(a->type))
		return bv_reject(env, t, "Invalid elem");
	if (!a->index_type || !id_ok(a->index_type))
		return bv_reject(env, t, "Invalid index");
	return sizeof(*a);
}

static int check_struct(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	const struct btf_member *m = (const void *)(t + 1);
	bool is_union = bv_kind(t) == BTF_KIND_UNION;
	uint32_t i, off, last = 0, needed = bv_vlen(t) * sizeof(*m);

	if (need(env, t, left, needed))
		return -EINVAL;
	if (t->name_off && !bv_name_ident(env->btf, t->name_off))
		return bv_reject(env, t, "Invalid name");
	for (i = 0; i < bv_vlen(t); i++, m++) {
		if (!bv_str_off_ok(env->btf, m->name_off))
			return bv_reject_member(env, t, m, "Invalid member name_offset");
		if (m->name_off && !bv_name_ident(env->btf, m->name_off))
			return bv_reject_member(env, t, m, "Invalid name");
		if (!m->type || !id_ok(m->type))
			return bv_reject_member(env, t, m, "Invalid type_id");
		off = bv_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
		if (is_union && off)
			return bv_reject_member(env, t, m, "Invalid member bits_offset");
		/* equal offsets are fine: a flexible array ends a struct */
		if (last > off)
			return bv_reject_member(env, t, m, "Invalid member bits_offset");
		if (off / 8 + !!(off % 8) > t->size)
			return bv_reject_member(env, t, m,
						"Member bits_offset exceeds its struct size");
		last = off;
	}
	return needed;
}

/* ENUM and ENUM64: @esz is the size of one entry, its name first */
static int check_enum(struct bv_env *env, const struct btf_type *t, uint32_t left, uint32_t esz)
{
	const uint8_t *e = (const uint8_t *)(t + 1);
	uint32_t i, name, needed = bv_vlen(t) * esz;

	if (need(env, t, left, needed))
		return -EINVAL;
	if (t->size > 8 || !t->size || (t->size & (t->size - 1)))
		return bv_reject(env, t, "Unexpected size");
	if (t->name_off && !bv_name_ident(env->btf, t->name_off))
		return bv_reject(env, t, "Invalid name");
	for (i = 0; i < bv_vlen(t); i++, e += esz) {
		name = *(const uint32_t *)e;
		if (!bv_str_off_ok(env->btf, name))
			return bv_reject(env, t, "Invalid name_offset:%u of value #%u", name, i);
		if (!name || !bv_name_ident(env->btf, name))
			return bv_reject(env, t, "Invalid name of value #%u", i);
	}
	return needed;
}

static int check_func_proto(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	uint32_t needed = bv_vlen(t) * sizeof(struct btf_param);

	if (need(env, t, left, needed))
		return -EINVAL;
	if (t->name_off)
		return bv_reject(env, t, "Invalid name");
	if (bv_kflag(t))
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	return needed;
}

static int check_func(struct bv_env *env, const struct btf_type *t)
{
	if (!t->name_off || !bv_name_ident(env->btf, t->name_off))
		return bv_reject(env, t, "Invalid name");
	if (bv_vlen(t) > BTF_FUNC_GLOBAL) /* BPF_BTF_LOAD refuses extern too */
		return bv_reject(env, t, "Invalid func linkage");
	if (bv_kflag(t))
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	return 0;
}

static int check_var(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	const struct btf_var *v = (const void *)(t + 1);

	if (need(env, t, left, sizeof(*v)))
		return -EINVAL;
	if (bv_vlen(t))
		return bv_reject(env, t, "vlen != 0");
	if (bv_kflag(t))
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	if (!t->name_off || !bv_name_ident(env->btf, t->name_off))
		return bv_reject(env, t, "Invalid name");
	if (!t->type || !id_ok(t->type))
		return bv_reject(env, t, "Invalid type_id");
	if (v->linkage != BTF_VAR_STATIC && v->linkage != BTF_VAR_GLOBAL_ALLOCATED)
		return bv_reject(env, t, "Linkage not supported");
	return sizeof(*v);
}

static int check_datasec(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	const struct btf_var_secinfo *v = (const void *)(t + 1);
	uint32_t i, needed = bv_vlen(t) * sizeof(*v);
	uint64_t end = 0, sum = 0;

	if (need(env, t, left, needed))
		return -EINVAL;
	if (!t->size)
		return bv_reject(env, t, "size == 0");
	if (bv_kflag(t))
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	if (!t->name_off || !bv_name_section(env->btf, t->name_off))
		return bv_reject(env, t, "Invalid name");
	for (i = 0; i < bv_vlen(t); i++, v++) {
		if (!v->type || !id_ok(v->type))
			return bv_reject_entry(env, t, v, "Invalid type_id");
		if (v->offset < end || v->offset >= t->size)
			return bv_reject_entry(env, t, v, "Invalid offset");
		if (!v->size || v->size > t->size)
			return bv_reject_entry(env, t, v, "Invalid size");
		end = (uint32_t)(v->offset + v->size); /* the kernel adds in 32 bits */
		if (end > t->size)
			return bv_reject_entry(env, t, v, "Invalid offset+size");
		sum += v->size;
	}
	if (t->size < sum)
		return bv_reject(env, t, "Invalid btf_info size");
	return needed;
}

static int check_float(struct bv_env *env, const struct btf_type *t)
{
	if (bv_vlen(t))
		return bv_reject(env, t, "vlen != 0");
	if (bv_kflag(t))
		return bv_reject(env, t, "Invalid btf_info kind_flag");
	if (t->size != 2 && t->size != 4 && t->size != 8 && t->size != 12 && t->size != 16)
		return bv_reject(env, t, "Invalid type_size");
	return 0;
}

static int check_decl_tag(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	const struct btf_decl_tag *d = (const void *)(t + 1);
	const char *value;

	if (need(env, t, left, sizeof(*d)))
		return -EINVAL;
	value = bv_str(env->btf, t->name_off);
	if (!value || !*value)
		return bv_reject(env, t, "Invalid value");
	if (bv_vlen(t))
		return bv_reject(env, t, "vlen != 0");
	if (d->component_idx < -1)
		return bv_reject(env, t, "Invalid component_idx");
	return sizeof(*d);
}

int bv_check_meta(struct bv_env *env, const struct btf_type *t, uint32_t left)
{
	if (left < sizeof(*t))
		return bv_fail(env, "[%u] meta_left:%u meta_needed:%zu", env->log_id, left,
			       sizeof(*t));
	left -= sizeof(*t);
	if (t->info & ~INFO_MASK)
		return bv_fail(env, "[%u] Invalid btf_info:%x", env->log_id, t->info);
	if (bv_kind(t) > BTF_KIND_ENUM64 || bv_kind(t) == BTF_KIND_UNKN)
		return bv_fail(env, "[%u] Invalid kind:%u", env->log_id, bv_kind(t));
	if (!bv_str_off_ok(env->btf, t->name_off))
		return bv_fail(env, "[%u] Invalid name_offset:%u", env->log_id, t->name_off);
	switch (bv_kind(t)) {
	case BTF_KIND_INT:
		return check_int(env, t, left);
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return check_ref(env, t);
	case BTF_KIND_FWD:
		return check_fwd(env, t);
	case BTF_KIND_ARRAY:
		return check_array(env, t, left);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return check_struct(env, t, left);
	case BTF_KIND_ENUM:
		return check_enum(env, t, left, sizeof(struct btf_enum));
	case BTF_KIND_ENUM64:
		return check_enum(env, t, left, sizeof(struct btf_enum64));
	case BTF_KIND_FUNC_PROTO:
		return check_func_proto(env, t, left);
	case BTF_KIND_FUNC:
		return check_func(env, t);
	case BTF_KIND_VAR:
		return check_var(env, t, left);
	case BTF_KIND_DATASEC:
		return check_datasec(env, t, left);
	case BTF_KIND_FLOAT:
		return check_float(env, t);
	default: /* BTF_KIND_DECL_TAG */
		return check_decl_tag(env, t, left);
	}
}
