// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Checking that a module's split BTF belongs to a base (dwarf2btf
 * --btf_check). A split BTF refers into its base by raw numbers: type IDs
 * below the base's type count and string offsets below the base's string
 * size. Built against another vmlinux, those numbers still parse but mean
 * something else, and the kernel refuses the module's BTF with "failed to
 * validate module BTF" or "Invalid name". The checks:
 *  1. every type ID is in range, and every string offset too;
 *  2. a string offset into the base starts a base string (after another
 *     build's base, most land in the middle of one);
 *  3. references into the base are of a kind that can be referred to that
 *     way (a member cannot have a FUNC's type, a VAR cannot be a pointee);
 *  4. names are what the kernel accepts for their kind.
 * The first few problems are printed, then one line with the verdict.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <bpf/btf.h>
#include "log.h"
#include "split_check.h"
#include "base_strs.h"

struct sc {
	const struct btf *btf, *base;
	const char *path;
	uint32_t start, end;   /* split type IDs */
	uint32_t base_str_len; /* bytes of base strings */
	const char *base_strs; /* base string section */
	unsigned int nr_bad_ref, nr_bad_str, nr_bad_kind, nr_bad_name, shown;
};

static void problem(struct sc *c, uint32_t id, const char *fmt, const char *detail)
{
	if (c->shown++ >= 5)
		return;
	pr_err("'%s': BTF type [%u]: %s%s", c->path, id, fmt, detail ?: "");
}

/* a type usable as the type of a member, parameter, variable or pointee */
static bool is_data_type(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		return false;
	default:
		return true;
	}
}

static void check_ref(struct sc *c, uint32_t id, uint32_t ref, bool data)
{
	const struct btf_type *t;

	if (ref >= c->end) {
		c->nr_bad_ref++;
		problem(c, id, "refers to a type ID past the end", NULL);
		return;
	}
	if (!ref || !data)
		return;
	t = btf__type_by_id(c->btf, ref);
	if (!is_data_type(t)) {
		c->nr_bad_kind++;
		problem(c, id,
			ref < c->start ? "refers to a base type of the wrong kind: "
				       : "refers to a type of the wrong kind: ",
			btf__name_by_offset(c->btf, t->name_off));
	}
}

static void check_str(struct sc *c, uint32_t id, uint32_t off)
{
	if (!off)
		return;
	if (!btf__str_by_offset(c->btf, off)) {
		c->nr_bad_str++;
		problem(c, id, "name offset past the end of the strings", NULL);
		return;
	}
	if (off < c->base_str_len && c->base_strs[off - 1] != '\0') {
		c->nr_bad_str++;
		problem(c, id, "name points into the middle of a base string: ",
			btf__str_by_offset(c->btf, off));
	}
}

static bool valid_ident(const char *s)
{
	if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.')
			return false;
	return true;
}

static void check_type(struct sc *c, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(c->btf, id);
	uint16_t i, n = btf_vlen(t);
	const char *name;

	check_str(c, id, t->name_off);
	name = btf__str_by_offset(c->btf, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FUNC:
	case BTF_KIND_FWD:
	case BTF_KIND_VAR:
		if (name && *name && !valid_ident(name)) {
			c->nr_bad_name++;
			problem(c, id, "invalid name: ", name);
		}
		break;
	default:
		break;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_VAR:
		check_ref(c, id, t->type, true);
		break;
	case BTF_KIND_FUNC:
		check_ref(c, id, t->type, false);
		if (t->type && t->type < c->end &&
		    !btf_is_func_proto(btf__type_by_id(c->btf, t->type))) {
			c->nr_bad_kind++;
			problem(c, id, "FUNC whose type is not a FUNC_PROTO", NULL);
		}
		break;
	case BTF_KIND_DECL_TAG:
		check_ref(c, id, t->type, false);
		break;
	case BTF_KIND_ARRAY:
		check_ref(c, id, btf_array(t)->type, true);
		check_ref(c, id, btf_array(t)->index_type, true);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; i < n; i++) {
			check_str(c, id, btf_members(t)[i].name_off);
			check_ref(c, id, btf_members(t)[i].type, true);
		}
		break;
	case BTF_KIND_FUNC_PROTO:
		check_ref(c, id, t->type, true);
		for (i = 0; i < n; i++) {
			check_str(c, id, btf_params(t)[i].name_off);
			check_ref(c, id, btf_params(t)[i].type, true);
		}
		break;
	case BTF_KIND_ENUM:
		for (i = 0; i < n; i++)
			check_str(c, id, btf_enum(t)[i].name_off);
		break;
	case BTF_KIND_ENUM64:
		for (i = 0; i < n; i++)
			check_str(c, id, btf_enum64(t)[i].name_off);
		break;
	case BTF_KIND_DATASEC:
		for (i = 0; i < n; i++)
			check_ref(c, id, btf_var_secinfos(t)[i].type, false);
		break;
	default:
		break;
	}
}

int split_check__split(const struct btf *btf, const struct btf *base, const char *path,
		       const char *base_path)
{
	struct sc c = {.btf = btf, .base = base, .path = path};
	uint32_t id;

	c.start = base ? btf__type_cnt(base) : 1;
	c.end = btf__type_cnt(btf);
	if (base) {
		if (btf_str_len(base, &c.base_str_len))
			return -EINVAL;
		c.base_strs = btf__str_by_offset(base, 0);
	}
	for (id = c.start; id < c.end; id++)
		check_type(&c, id);
	if (c.nr_bad_ref || c.nr_bad_str || c.nr_bad_kind || c.nr_bad_name) {
		pr_err("'%s': BTF does not fit %s%s%s: %u bad type references, %u bad names "
		       "offsets, %u references of the wrong kind, %u invalid names%s",
		       path, base ? "base '" : "", base ? base_path : "no base", base ? "'" : "",
		       c.nr_bad_ref, c.nr_bad_str, c.nr_bad_kind, c.nr_bad_name,
		       base && c.nr_bad_str ? " (built against a different vmlinux?)" : "");
		return -EINVAL;
	}
	return 0;
}
