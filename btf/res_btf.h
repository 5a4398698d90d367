/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * rbtf: the result BTF of the ordered stage while it grows. Type records in
 * BTF's binary layout and a string section without repeats, exactly as
 * libbpf's btf__add_*() would build them, but appended as whole records by
 * their owner (btf_intern.c), and strings looked up by the hash their CU's
 * worker computed (cbtf__hash_str()) instead of being hashed again: the
 * ordered stage is single-threaded, so everything done here is done in
 * line. rbtf__to_btf() hands the finished result to libbpf.
 */
#ifndef D2B_RES_BTF_H
#define D2B_RES_BTF_H

#include <stddef.h>
#include <stdint.h>
#include <linux/btf.h>

struct btf;

/* a string of the section: its hash, the address it was added from, its offset */
struct rbtf_slot {
	uint64_t hash;
	const char *src;
	uint32_t off;
};

/**
 * struct rbtf - a BTF under construction; owns all its arrays
 * @data:	type records, 4-byte words (ID 1 first)
 * @off:	type ID -> word offset in @data; ID 0 is void
 * @strs:	the string section, starting with ""
 * @slots:	open addressing on the strings' hashes, at most half used
 */
struct rbtf {
	uint32_t *data;
	uint32_t len, cap;
	uint32_t *off;
	uint32_t nr_types, cap_off;
	char *strs;
	uint32_t strs_len, cap_strs;
	struct rbtf_slot *slots;
	uint32_t nr_slots, used;
};

/* rbtf__init() - an empty BTF (only void and ""); Return: 0 or -ENOMEM */
int rbtf__init(struct rbtf *rb);
void rbtf__release(struct rbtf *rb);

/* number of types including void, like btf__type_cnt() */
static inline uint32_t rbtf__type_cnt(const struct rbtf *rb)
{
	return rb->nr_types;
}

/* type @id, 0 < @id < rbtf__type_cnt(); valid until the next rbtf__add_type() */
static inline struct btf_type *rbtf__type(const struct rbtf *rb, uint32_t id)
{
	return (struct btf_type *)(rb->data + rb->off[id]);
}

static inline const char *rbtf__str(const struct rbtf *rb, uint32_t off)
{
	return off < rb->strs_len ? rb->strs + off : "";
}

/**
 * rbtf__add_str() - the offset of string @s, added if the section lacks it
 * @hash:	cbtf__hash_str(@s)
 * @s:		must stay valid and unchanged while @rb grows: a string added
 *		again from the same address is not read again
 * Return: 0 or -ENOMEM, -E2BIG.
 */
int rbtf__add_str(struct rbtf *rb, const char *s, uint64_t hash, uint32_t *off);

/*
 * rbtf__add_type() - room for a record of @size bytes (a multiple of 4) as
 * the next type, *@id set to its ID; Return: the record, or NULL (ENOMEM)
 */
struct btf_type *rbtf__add_type(struct rbtf *rb, size_t size, uint32_t *id);

/*
 * rbtf__to_btf() - a libbpf BTF of @rb's types and strings; @rb is released
 * (empty) on return, whatever the outcome; Return: 0 or -errno
 */
int rbtf__to_btf(struct rbtf *rb, struct btf **out);

#endif
