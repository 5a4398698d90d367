/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Shared by the verifier's files: btf_verify.c (input, header, strings,
 * type tag chains), verify_meta.c (each kind's own fields) and
 * verify_resolve.c (references, sizes, members).
 */
#ifndef D2B_VERIFY_INTERNAL_H
#define D2B_VERIFY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/btf.h>

#define BV_MAX_TYPE 0x000fffff	      /* BTF_MAX_TYPE */
#define BV_MAX_NAME_OFFSET 0x00ffffff /* BTF_MAX_NAME_OFFSET */
#define BV_MAX_DEPTH 32		      /* the kernel's MAX_RESOLVE_DEPTH */
#define BV_NAME_MAX 512		      /* KSYM_NAME_LEN */
#define BV_PTR_SIZE 8		      /* sizeof(void *) on the 64-bit targets */

/* one BTF: a native byte order copy of the raw data and what was learnt */
struct bv_btf {
	void *data; /* owned copy of the raw BTF */
	uint32_t size;
	struct btf_header hdr;	       /* fields past hdr_len are 0 */
	const char *strs;	       /* own string section */
	const struct btf_type **types; /* own types; [0] is void for a base */
	uint32_t nr_types, cap;
	uint32_t start_id, start_str; /* 0, 0 for a base */
	uint8_t *sec;		      /* aligned copy of the type section */
	uint32_t *res_id, *res_size;  /* what each own type resolved to */
	const struct bv_btf *base;
};

enum bv_mode { BV_TBD, BV_PTR, BV_AGGR };
enum bv_state { BV_NEW, BV_VISITED, BV_RESOLVED };

struct bv_env {
	struct bv_btf *btf;
	uint8_t *state; /* per own type: enum bv_state */
	struct {
		const struct btf_type *t;
		uint32_t id;
		uint16_t next; /* next member or entry to resolve */
	} stack[BV_MAX_DEPTH];
	unsigned int top;
	enum bv_mode mode;
	uint32_t log_id; /* the type being checked */
	char *log;
	size_t len;
};

/* kind predicates, as the kernel groups kinds */
static inline unsigned int bv_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}
static inline unsigned int bv_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}
static inline bool bv_kflag(const struct btf_type *t)
{
	return BTF_INFO_KFLAG(t->info);
}
bool bv_is_void(const struct btf_type *t);
bool bv_is_modifier(const struct btf_type *t);
bool bv_is_struct(const struct btf_type *t); /* struct or union */
bool bv_needs_resolve(const struct btf_type *t);
bool bv_has_size(const struct btf_type *t);
bool bv_nosize_or_null(const struct btf_type *t);
bool bv_source_only(const struct btf_type *t); /* VAR, DECL_TAG, DATASEC */
const char *bv_kind_name(unsigned int kind);

const struct btf_type *bv_type(const struct bv_btf *b, uint32_t id);
const char *bv_str(const struct bv_btf *b, uint32_t off);
bool bv_str_off_ok(const struct bv_btf *b, uint32_t off);
bool bv_name_ident(const struct bv_btf *b, uint32_t off);
bool bv_name_section(const struct bv_btf *b, uint32_t off);
bool bv_int_regular(const struct btf_type *t);

/* the rejection: "[ID] KIND name: rule"; returns -EINVAL */
int bv_reject(struct bv_env *env, const struct btf_type *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int bv_reject_member(struct bv_env *env, const struct btf_type *t, const struct btf_member *m,
		     const char *rule);
int bv_reject_entry(struct bv_env *env, const struct btf_type *t, const struct btf_var_secinfo *v,
		    const char *rule);
int bv_fail(struct bv_env *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* verify_meta.c: one type's own fields; Return: bytes after struct btf_type, or -EINVAL */
int bv_check_meta(struct bv_env *env, const struct btf_type *t, uint32_t left);
/* verify_resolve.c: references and sizes of every own type */
int bv_check_all_types(struct bv_env *env);

#endif
