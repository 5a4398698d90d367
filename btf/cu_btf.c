// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * cbtf: per-CU BTF records with borrowed names (see cu_btf.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "cu_btf.h"
#include "vec.h"

#define CBTF_MAX_TYPES 0x7fffffffu

static inline uint32_t info(int kind, uint32_t vlen, int kflag)
{
	return ((uint32_t)kind << 24) | (vlen & 0xffff) | ((uint32_t) !!kflag << 31);
}

struct cbtf *cbtf__new(void)
{
	struct cbtf *cb = calloc(1, sizeof(*cb));

	if (!cb)
		return NULL;
	if (vec_ensure((void **)&cb->off, &cb->cap_off, sizeof(*cb->off), 64, CBTF_MAX_TYPES) ||
	    vec_ensure((void **)&cb->names, &cb->cap_names, sizeof(*cb->names), 64,
		       CBTF_MAX_TYPES)) {
		cbtf__free(cb);
		return NULL;
	}
	cb->nr_types = 1; /* void */
	cb->names[0] = "";
	cb->nr_names = 1;
	return cb;
}

void cbtf__free(struct cbtf *cb)
{
	if (!cb)
		return;
	free(cb->data);
	free(cb->off);
	free(cb->names);
	free(cb->hashes);
	free(cb);
}

int cbtf__hash_names(struct cbtf *cb)
{
	uint32_t i;

	free(cb->hashes);
	cb->hashes = malloc(cb->nr_names * sizeof(*cb->hashes));
	if (!cb->hashes)
		return -ENOMEM;
	for (i = 0; i < cb->nr_names; i++)
		cb->hashes[i] = cbtf__hash_str(cb->names[i]);
	return 0;
}

static int add_name(struct cbtf *cb, const char *name, uint32_t *off)
{
	int err;

	if (!name || !*name) {
		*off = 0;
		return 0;
	}
	if (cb->nr_names == cb->cap_names) {
		err = vec_ensure((void **)&cb->names, &cb->cap_names, sizeof(*cb->names),
				 cb->nr_names + 1, CBTF_MAX_TYPES);
		if (err)
			return err;
	}
	cb->names[cb->nr_names] = name;
	*off = cb->nr_names++;
	return 0;
}

/* room for @words more words; Return: pointer to them or NULL */
static uint32_t *grow(struct cbtf *cb, uint32_t words)
{
	uint32_t *p;

	if (vec_ensure((void **)&cb->data, &cb->cap, sizeof(*cb->data), cb->len + words,
		       0xffffffffu - 1))
		return NULL;
	p = cb->data + cb->len;
	cb->len += words;
	return p;
}

/* a new type record of @words words (struct btf_type included) */
static int new_type(struct cbtf *cb, const char *name, uint32_t info_word, uint32_t size_type,
		    uint32_t words)
{
	struct btf_type *t;
	uint32_t name_off, at = cb->len;
	int err;

	err = add_name(cb, name, &name_off);
	if (err)
		return err;
	err = vec_ensure((void **)&cb->off, &cb->cap_off, sizeof(*cb->off), cb->nr_types + 1,
			 CBTF_MAX_TYPES);
	if (err || !grow(cb, words))
		return err ?: -ENOMEM;
	t = (struct btf_type *)(cb->data + at);
	memset(t, 0, words * 4);
	t->name_off = name_off;
	t->info = info_word;
	t->size = size_type;
	cb->off[cb->nr_types] = at;
	return cb->nr_types++;
}

static struct btf_type *last(struct cbtf *cb)
{
	return cbtf__type(cb, cb->nr_types - 1);
}

/* append @words words to the last type, bumping its vlen; Return: them or NULL */
static uint32_t *add_item(struct cbtf *cb, uint32_t words, int set_kflag)
{
	uint32_t *p = grow(cb, words);
	struct btf_type *t;

	if (!p)
		return NULL;
	t = last(cb);
	t->info = info(btf_kind(t), btf_vlen(t) + 1, set_kflag || btf_kflag(t));
	return p;
}

static bool valid_id(uint32_t id)
{
	return id <= CBTF_MAX_TYPES;
}

int cbtf__add_int(struct cbtf *cb, const char *name, uint32_t size, int encoding)
{
	int id;

	if (!name || !*name || (size != 1 && size != 2 && size != 4 && size != 8 && size != 16))
		return -EINVAL;
	if (encoding & ~(BTF_INT_SIGNED | BTF_INT_CHAR | BTF_INT_BOOL))
		return -EINVAL;
	id = new_type(cb, name, info(BTF_KIND_INT, 0, 0), size, 4);
	if (id > 0)
		*(uint32_t *)(last(cb) + 1) = ((uint32_t)encoding << 24) | (size * 8);
	return id;
}

int cbtf__add_int_bits(struct cbtf *cb, const char *name, uint32_t size, int encoding,
		       uint32_t nr_bits)
{
	int id;

	if (!nr_bits || nr_bits > size * 8 || nr_bits > 128)
		return -EINVAL;
	id = cbtf__add_int(cb, name, size, encoding);
	if (id > 0)
		*(uint32_t *)(last(cb) + 1) = ((uint32_t)encoding << 24) | nr_bits;
	return id;
}

int cbtf__add_float(struct cbtf *cb, const char *name, uint32_t size)
{
	if (!name || !*name || (size != 2 && size != 4 && size != 8 && size != 12 && size != 16))
		return -EINVAL;
	return new_type(cb, name, info(BTF_KIND_FLOAT, 0, 0), size, 3);
}

int cbtf__add_ref(struct cbtf *cb, int kind, const char *name, uint32_t ref)
{
	bool named = kind == BTF_KIND_TYPEDEF || kind == BTF_KIND_TYPE_TAG;

	if (!valid_id(ref) || (named && (!name || !*name)))
		return -EINVAL;
	return new_type(cb, named ? name : NULL, info(kind, 0, 0), ref, 3);
}

int cbtf__add_composite(struct cbtf *cb, int kind, const char *name, uint32_t size)
{
	return new_type(cb, name, info(kind, 0, 0), size, 3);
}

int cbtf__add_field(struct cbtf *cb, const char *name, uint32_t type, uint32_t bit_offset,
		    uint32_t bit_size)
{
	bool bitfield = bit_size || (bit_offset % 8);
	struct btf_member *m;
	uint32_t name_off;
	int err;

	if (cb->nr_types < 2 || !btf_is_composite(last(cb)) || !valid_id(type))
		return -EINVAL;
	if (bitfield && (!bit_size || bit_size > 255 || bit_offset > 0xffffff))
		return -EINVAL;
	if (btf_is_union(last(cb)) && bit_offset)
		return -EINVAL;
	err = add_name(cb, name, &name_off);
	if (err)
		return err;
	m = (struct btf_member *)add_item(cb, 3, bitfield);
	if (!m)
		return -ENOMEM;
	m->name_off = name_off;
	m->type = type;
	m->offset = bit_offset | (bit_size << 24);
	return 0;
}

int cbtf__add_field_plain(struct cbtf *cb, const char *name, uint32_t type, uint32_t bit_offset)
{
	struct btf_member *m;
	uint32_t name_off;
	int err;

	if (cb->nr_types < 2 || !btf_is_composite(last(cb)) || btf_kflag(last(cb)) ||
	    !valid_id(type) || (btf_is_union(last(cb)) && bit_offset))
		return -EINVAL;
	err = add_name(cb, name, &name_off);
	if (err)
		return err;
	m = (struct btf_member *)add_item(cb, 3, 0);
	if (!m)
		return -ENOMEM;
	m->name_off = name_off;
	m->type = type;
	m->offset = bit_offset;
	return 0;
}

int cbtf__add_enum(struct cbtf *cb, const char *name, uint32_t size)
{
	if (!size || size > 8)
		return -EINVAL;
	return new_type(cb, name, info(BTF_KIND_ENUM, 0, 0), size, 3);
}

int cbtf__add_enum_value(struct cbtf *cb, const char *name, int64_t value)
{
	struct btf_enum *v;
	uint32_t name_off;
	int err;

	if (cb->nr_types < 2 || !btf_is_enum(last(cb)) || !name || !*name)
		return -EINVAL;
	if (value < INT_MIN || value > UINT_MAX)
		return -E2BIG;
	err = add_name(cb, name, &name_off);
	if (err)
		return err;
	/* like libbpf: a negative value makes the enum signed */
	v = (struct btf_enum *)add_item(cb, 2, value < 0);
	if (!v)
		return -ENOMEM;
	v->name_off = name_off;
	v->val = (uint32_t)value;
	return 0;
}

int cbtf__add_enum64(struct cbtf *cb, const char *name, uint32_t size, int is_signed)
{
	if (!size || size > 8)
		return -EINVAL;
	return new_type(cb, name, info(BTF_KIND_ENUM64, 0, is_signed), size, 3);
}

int cbtf__add_enum64_value(struct cbtf *cb, const char *name, uint64_t value)
{
	struct btf_enum64 *v;
	uint32_t name_off;
	int err;

	if (cb->nr_types < 2 || !btf_is_enum64(last(cb)) || !name || !*name)
		return -EINVAL;
	err = add_name(cb, name, &name_off);
	if (err)
		return err;
	v = (struct btf_enum64 *)add_item(cb, 3, 0);
	if (!v)
		return -ENOMEM;
	v->name_off = name_off;
	v->val_lo32 = (uint32_t)value;
	v->val_hi32 = value >> 32;
	return 0;
}

int cbtf__add_fwd(struct cbtf *cb, const char *name, int is_union)
{
	if (!name || !*name)
		return -EINVAL;
	return new_type(cb, name, info(BTF_KIND_FWD, 0, is_union), 0, 3);
}

int cbtf__add_array(struct cbtf *cb, uint32_t index_type, uint32_t elem_type, uint32_t nr)
{
	struct btf_array *a;
	int id;

	if (!valid_id(index_type) || !valid_id(elem_type))
		return -EINVAL;
	id = new_type(cb, NULL, info(BTF_KIND_ARRAY, 0, 0), 0, 6);
	if (id < 0)
		return id;
	a = btf_array(last(cb));
	a->type = elem_type;
	a->index_type = index_type;
	a->nelems = nr;
	return id;
}

int cbtf__add_func_proto(struct cbtf *cb, uint32_t ret)
{
	if (!valid_id(ret))
		return -EINVAL;
	return new_type(cb, NULL, info(BTF_KIND_FUNC_PROTO, 0, 0), ret, 3);
}

int cbtf__add_func_param(struct cbtf *cb, const char *name, uint32_t type)
{
	struct btf_param *p;
	uint32_t name_off;
	int err;

	if (cb->nr_types < 2 || !btf_is_func_proto(last(cb)) || !valid_id(type))
		return -EINVAL;
	err = add_name(cb, name, &name_off);
	if (err)
		return err;
	p = (struct btf_param *)add_item(cb, 2, 0);
	if (!p)
		return -ENOMEM;
	p->name_off = name_off;
	p->type = type;
	return 0;
}

int cbtf__add_func(struct cbtf *cb, const char *name, int linkage, uint32_t proto)
{
	if (!name || !*name || !valid_id(proto) || linkage < 0 || linkage > BTF_FUNC_EXTERN)
		return -EINVAL;
	return new_type(cb, name, info(BTF_KIND_FUNC, linkage, 0), proto, 3);
}

int cbtf__add_var(struct cbtf *cb, const char *name, int linkage, uint32_t type)
{
	int id;

	if (!name || !*name || !valid_id(type))
		return -EINVAL;
	id = new_type(cb, name, info(BTF_KIND_VAR, 0, 0), type, 4);
	if (id > 0)
		btf_var(last(cb))->linkage = linkage;
	return id;
}

int cbtf__add_decl_tag(struct cbtf *cb, const char *value, uint32_t ref, int component_idx)
{
	int id;

	if (!value || !*value || !valid_id(ref) || component_idx < -1)
		return -EINVAL;
	id = new_type(cb, value, info(BTF_KIND_DECL_TAG, 0, 0), ref, 4);
	if (id > 0)
		btf_decl_tag(last(cb))->component_idx = component_idx;
	return id;
}
