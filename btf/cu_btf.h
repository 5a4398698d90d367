/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * cbtf: the BTF of one CU, built on a worker thread. Type records have
 * exactly the binary layout of BTF (struct btf_type and its trailers, so
 * libbpf's inline accessors btf_members(), btf_vlen()... work on them), but a
 * name_off is an index into a table of borrowed C strings instead of an
 * offset into a string section: nothing is copied until the ordered stage
 * decides which types are new (btf_intern.c); the names are hashed once,
 * on the worker, for the ordered stage's keys.
 *
 * The adders mirror libbpf's btf__add_*() one for one, including how they
 * set kind_flag and encode members, and return the new type ID or a
 * negative errno.
 */
#ifndef D2B_CU_BTF_H
#define D2B_CU_BTF_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <linux/btf.h>
#include "strmap.h"

struct cbtf {
	uint32_t *data;	   /* type records, 4-byte words */
	uint32_t len, cap; /* in words */
	uint32_t *off;	   /* type ID -> word offset in data; ID 0 is void */
	uint32_t nr_types, cap_off;
	const char **names; /* name_off -> borrowed string; names[0] = "" */
	uint32_t nr_names, cap_names;
	uint64_t *hashes; /* name_off -> cbtf__hash_str() of the name, or NULL */
};

/* cbtf__new() - an empty CU BTF (only void); NULL on ENOMEM */
struct cbtf *cbtf__new(void);
void cbtf__free(struct cbtf *cb);

/* number of types including void, like btf__type_cnt() */
static inline uint32_t cbtf__type_cnt(const struct cbtf *cb)
{
	return cb->nr_types;
}

static inline struct btf_type *cbtf__type(const struct cbtf *cb, uint32_t id)
{
	return (struct btf_type *)(cb->data + cb->off[id]);
}

static inline const char *cbtf__str(const struct cbtf *cb, uint32_t name_off)
{
	return name_off < cb->nr_names ? cb->names[name_off] : "";
}

/*
 * cbtf__hash_str() - the hash of a name for the ordered stage's keys: a name
 * of at most 7 bytes is its bytes with the top bit set, any longer one its
 * str_hash() with the top bit clear. Two names with the same hash and the
 * top bit set are the same name: no need to read them again.
 */
static inline uint64_t cbtf__hash_str(const char *s)
{
	uint64_t v = 0;
	uint32_t i;

	for (i = 0; i < 8 && s[i]; i++)
		v |= (uint64_t)(unsigned char)s[i] << (8 * i);
	if (i < 8)
		return v | 1ULL << 63;
	return str_hash(s, 8 + strlen(s + 8)) & ~(1ULL << 63);
}

/* cbtf__hash_short() - does @hash (cbtf__hash_str()) stand for its name exactly? */
static inline bool cbtf__hash_short(uint64_t hash)
{
	return hash >> 63;
}

/*
 * cbtf__hash_names() - hash every name once, where the CU is encoded (a
 * worker thread), for the ordered stage to use; Return: 0 or -ENOMEM
 */
int cbtf__hash_names(struct cbtf *cb);

/* the hash of the name at @name_off: cbtf__hash_str() of cbtf__str() */
static inline uint64_t cbtf__name_hash(const struct cbtf *cb, uint32_t name_off)
{
	if (cb->hashes && name_off < cb->nr_names)
		return cb->hashes[name_off];
	return cbtf__hash_str(cbtf__str(cb, name_off));
}

int cbtf__add_int(struct cbtf *cb, const char *name, uint32_t size, int encoding);
/* an INT of @size bytes with only @nr_bits value bits (a bitfield's type, kind_flag 0 form) */
int cbtf__add_int_bits(struct cbtf *cb, const char *name, uint32_t size, int encoding,
		       uint32_t nr_bits);
int cbtf__add_float(struct cbtf *cb, const char *name, uint32_t size);
int cbtf__add_ref(struct cbtf *cb, int kind, const char *name, uint32_t ref);
int cbtf__add_composite(struct cbtf *cb, int kind, const char *name, uint32_t size);
int cbtf__add_field(struct cbtf *cb, const char *name, uint32_t type, uint32_t bit_offset,
		    uint32_t bit_size);
/*
 * cbtf__add_field_plain() - a member of a struct without kind_flag: @bit_offset
 * takes all 32 bits; a bitfield's width is in its INT type (cbtf__add_int_bits)
 */
int cbtf__add_field_plain(struct cbtf *cb, const char *name, uint32_t type, uint32_t bit_offset);
int cbtf__add_enum(struct cbtf *cb, const char *name, uint32_t size);
int cbtf__add_enum_value(struct cbtf *cb, const char *name, int64_t value);
int cbtf__add_enum64(struct cbtf *cb, const char *name, uint32_t size, int is_signed);
int cbtf__add_enum64_value(struct cbtf *cb, const char *name, uint64_t value);
int cbtf__add_fwd(struct cbtf *cb, const char *name, int is_union);
int cbtf__add_array(struct cbtf *cb, uint32_t index_type, uint32_t elem_type, uint32_t nr);
int cbtf__add_func_proto(struct cbtf *cb, uint32_t ret);
int cbtf__add_func_param(struct cbtf *cb, const char *name, uint32_t type);
int cbtf__add_func(struct cbtf *cb, const char *name, int linkage, uint32_t proto);
int cbtf__add_var(struct cbtf *cb, const char *name, int linkage, uint32_t type);
int cbtf__add_decl_tag(struct cbtf *cb, const char *value, uint32_t ref, int component_idx);

#endif
