// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The canonical line of each type (see btf_canon.h, docs/btfcmp.md).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_canon.h"
#include "type_refs.h"

int canon__init(struct canon *c, const struct btf *btf)
{
	c->btf = btf;
	c->nr_ids = btf__type_cnt(btf);
	c->nr_cut = 0;
	c->memo = calloc(c->nr_ids, sizeof(*c->memo));
	c->busy = calloc(c->nr_ids, sizeof(*c->busy));
	if (!c->memo || !c->busy) {
		free(c->memo);
		free(c->busy);
		c->memo = NULL;
		c->busy = NULL;
		return -ENOMEM;
	}
	return 0;
}

void canon__release(struct canon *c)
{
	__u32 id;

	if (c->memo) {
		for (id = 0; id < c->nr_ids; id++)
			free(c->memo[id]);
	}
	free(c->memo);
	free(c->busy);
	memset(c, 0, sizeof(*c));
}

static const char *canon_name(const struct canon *c, const struct btf_type *t)
{
	const char *name = btf__name_by_offset(c->btf, t->name_off);

	return name ? name : "";
}

/* Shallow references: named types whose identity is their kind and name. */
static bool canon_ref_is_shallow(const struct canon *c, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		return canon_name(c, t)[0] != '\0';
	default:
		return false;
	}
}

/* canon_ref() - append the reference to type @id: void, KIND 'name' or (line) */
static void canon_ref(struct canon *c, __u32 id, int depth, struct sbuf *sb)
{
	const struct btf_type *t;

	if (id == 0) {
		sbuf__puts(sb, "void");
		return;
	}
	t = id < c->nr_ids ? btf__type_by_id(c->btf, id) : NULL;
	if (!t) {
		sbuf__addf(sb, "<bad type id %u>", id);
		return;
	}
	if (canon_ref_is_shallow(c, t)) {
		sbuf__addf(sb, "%s '%s'", tref__kind_name(btf_kind(t)), canon_name(c, t));
		return;
	}
	sbuf__puts(sb, "(");
	canon__type(c, id, depth + 1, sb);
	sbuf__puts(sb, ")");
}

static void canon_int(const struct btf_type *t, struct sbuf *sb)
{
	static const struct {
		__u8 bit;
		const char *name;
	} encodings[] = {
		{BTF_INT_SIGNED, "SIGNED"},
		{BTF_INT_CHAR, "CHAR"},
		{BTF_INT_BOOL, "BOOL"},
	};
	__u8 enc = btf_int_encoding(t);
	const char *sep = "";
	size_t i;

	sbuf__addf(sb, " size=%u bits_offset=%u nr_bits=%u encoding=", t->size, btf_int_offset(t),
		   btf_int_bits(t));
	if (!enc) {
		sbuf__puts(sb, "(none)");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(encodings); i++) {
		if (!(enc & encodings[i].bit))
			continue;
		sbuf__addf(sb, "%s%s", sep, encodings[i].name);
		enc &= ~encodings[i].bit;
		sep = "|";
	}
	if (enc)
		sbuf__addf(sb, "%s0x%x", sep, enc);
}

static void canon_members(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf__addf(sb, " size=%u vlen=%u {", t->size, vlen);
	for (i = 0; i < vlen; i++, m++) {
		__u32 bitfield_size = btf_member_bitfield_size(t, i);

		sbuf__addf(sb, "%s'%s' type=", i ? "; " : "",
			   btf__name_by_offset(c->btf, m->name_off) ?: "");
		canon_ref(c, m->type, depth, sb);
		sbuf__addf(sb, " bits_offset=%u", btf_member_bit_offset(t, i));
		if (bitfield_size)
			sbuf__addf(sb, " bitfield_size=%u", bitfield_size);
	}
	sbuf__puts(sb, "}");
}

/* ENUM and ENUM64: values print signed or unsigned as the kind flag says */
static void canon_enum(struct canon *c, const struct btf_type *t, struct sbuf *sb)
{
	bool is_signed = btf_kflag(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf__addf(sb, " encoding=%s size=%u vlen=%u {", is_signed ? "SIGNED" : "UNSIGNED", t->size,
		   vlen);
	for (i = 0; i < vlen; i++) {
		const char *name;

		sbuf__puts(sb, i ? "; '" : "'");
		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t) + i;

			name = btf__name_by_offset(c->btf, e->name_off) ?: "";
			if (is_signed)
				sbuf__addf(sb, "%s'=%d", name, e->val);
			else
				sbuf__addf(sb, "%s'=%u", name, (__u32)e->val);
		} else {
			const struct btf_enum64 *e = btf_enum64(t) + i;
			__u64 val = btf_enum64_value(e);

			name = btf__name_by_offset(c->btf, e->name_off) ?: "";
			if (is_signed)
				sbuf__addf(sb, "%s'=%lld", name, (long long)val);
			else
				sbuf__addf(sb, "%s'=%llu", name, (unsigned long long)val);
		}
	}
	sbuf__puts(sb, "}");
}

static void canon_func_proto(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	const struct btf_param *p = btf_params(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf__puts(sb, " ret_type=");
	canon_ref(c, t->type, depth, sb);
	sbuf__addf(sb, " vlen=%u {", vlen);
	for (i = 0; i < vlen; i++, p++) {
		sbuf__addf(sb, "%s'%s' type=", i ? "; " : "",
			   btf__name_by_offset(c->btf, p->name_off) ?: "");
		canon_ref(c, p->type, depth, sb);
	}
	sbuf__puts(sb, "}");
}

static void canon_datasec(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	__u16 i, vlen = btf_vlen(t);

	sbuf__addf(sb, " size=%u vlen=%u {", t->size, vlen);
	for (i = 0; i < vlen; i++, v++) {
		sbuf__puts(sb, i ? "; type=" : "type=");
		canon_ref(c, v->type, depth, sb);
		sbuf__addf(sb, " offset=%u size=%u", v->offset, v->size);
	}
	sbuf__puts(sb, "}");
}

static const char *canon_func_linkage(__u16 linkage)
{
	switch (linkage) {
	case BTF_FUNC_STATIC:
		return "static";
	case BTF_FUNC_GLOBAL:
		return "global";
	case BTF_FUNC_EXTERN:
		return "extern";
	default:
		return "unknown";
	}
}

static const char *canon_var_linkage(__u32 linkage)
{
	switch (linkage) {
	case BTF_VAR_STATIC:
		return "static";
	case BTF_VAR_GLOBAL_ALLOCATED:
		return "global-alloc";
	case BTF_VAR_GLOBAL_EXTERN:
		return "global-extern";
	default:
		return "unknown";
	}
}

/* canon_body() - append the kind's own data of @t (everything after KIND 'name') */
static void canon_body(struct canon *c, const struct btf_type *t, int depth, struct sbuf *sb)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		canon_int(t, sb);
		break;
	case BTF_KIND_ARRAY:
		sbuf__puts(sb, " type=");
		canon_ref(c, btf_array(t)->type, depth, sb);
		sbuf__puts(sb, " index_type=");
		canon_ref(c, btf_array(t)->index_type, depth, sb);
		sbuf__addf(sb, " nr_elems=%u", btf_array(t)->nelems);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		canon_members(c, t, depth, sb);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		canon_enum(c, t, sb);
		break;
	case BTF_KIND_FWD:
		sbuf__addf(sb, " fwd_kind=%s", btf_kflag(t) ? "union" : "struct");
		break;
	case BTF_KIND_FUNC:
		sbuf__addf(sb, " linkage=%s type=", canon_func_linkage(btf_vlen(t)));
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_FUNC_PROTO:
		canon_func_proto(c, t, depth, sb);
		break;
	case BTF_KIND_VAR:
		sbuf__addf(sb, " linkage=%s type=", canon_var_linkage(btf_var(t)->linkage));
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_DATASEC:
		canon_datasec(c, t, depth, sb);
		break;
	case BTF_KIND_FLOAT:
		sbuf__addf(sb, " size=%u", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		/* kind_flag 1: an attribute, not a btf_decl_tag */
		sbuf__addf(sb, "%s component_idx=%d type=", btf_kflag(t) ? " kind_flag=1" : "",
			   btf_decl_tag(t)->component_idx);
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_TYPE_TAG:
		/* kind_flag 1: an attribute such as address_space(1), not a btf_type_tag */
		sbuf__addf(sb, "%s type=", btf_kflag(t) ? " kind_flag=1" : "");
		canon_ref(c, t->type, depth, sb);
		break;
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
		sbuf__puts(sb, " type=");
		canon_ref(c, t->type, depth, sb);
		break;
	default:
		sbuf__addf(sb, " kind=%u info=0x%x", btf_kind(t), t->info);
		break;
	}
}

/* kinds whose BTF name is meaningful; the others must have name_off 0 */
static bool canon_kind_has_name(unsigned int kind)
{
	switch (kind) {
	case BTF_KIND_PTR:
	case BTF_KIND_ARRAY:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC_PROTO:
		return false;
	default:
		return true;
	}
}

/* canon__type() - append the full line of type @id (memoized) */
void canon__type(struct canon *c, __u32 id, int depth, struct sbuf *sb)
{
	const struct btf_type *t;
	unsigned long nr_cut = c->nr_cut;
	size_t start = sb->len;

	if (c->memo[id]) {
		sbuf__puts(sb, c->memo[id]);
		return;
	}
	if (c->busy[id] || depth > CANON_MAX_DEPTH) {
		sbuf__puts(sb, "...");
		c->nr_cut++;
		return;
	}
	t = btf__type_by_id(c->btf, id);
	if (!t) {
		sbuf__addf(sb, "<bad type id %u>", id);
		return;
	}
	c->busy[id] = 1;
	sbuf__puts(sb, tref__kind_name(btf_kind(t)));
	if (canon_kind_has_name(btf_kind(t)) || t->name_off)
		sbuf__addf(sb, " '%s'", canon_name(c, t));
	canon_body(c, t, depth, sb);
	c->busy[id] = 0;

	if (sb->err || c->nr_cut != nr_cut)
		return;
	c->memo[id] = strndup(sb->buf + start, sb->len - start);
	if (!c->memo[id])
		sb->err = -ENOMEM;
}

/* One compared type: its canonical line and kind. */
