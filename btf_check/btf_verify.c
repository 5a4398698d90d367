// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The kernel's BTF verifier in user space: what BPF_BTF_LOAD accepts.
 * This file takes the input (a native byte order copy), checks the header
 * and the string section, runs the first pass over the types
 * (verify_meta.c), the second (verify_resolve.c) and the kernel's last
 * check, that type tags come before the other modifiers of a chain.
 * The rules are those of Linux 6.18's kernel/bpf/btf.c; docs/btf_verify.md
 * lists them and what is left out.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <bpf/btf.h>
#include "btf_verify.h"
#include "type_refs.h"
#include "verify_internal.h"

struct btf_vbase {
	struct bv_btf btf;
};

static const struct btf_type void_type; /* type 0 */

/* --- kinds --- */

bool bv_is_void(const struct btf_type *t)
{
	return t == &void_type;
}

bool bv_is_modifier(const struct btf_type *t)
{
	switch (bv_kind(t)) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return true;
	default:
		return false;
	}
}

bool bv_is_struct(const struct btf_type *t)
{
	return t && (bv_kind(t) == BTF_KIND_STRUCT || bv_kind(t) == BTF_KIND_UNION);
}

bool bv_source_only(const struct btf_type *t)
{
	unsigned int k = bv_kind(t);

	return k == BTF_KIND_VAR || k == BTF_KIND_DECL_TAG || k == BTF_KIND_DATASEC;
}

bool bv_needs_resolve(const struct btf_type *t)
{
	unsigned int k = bv_kind(t);

	return bv_is_modifier(t) || bv_is_struct(t) || bv_source_only(t) || k == BTF_KIND_PTR ||
	       k == BTF_KIND_ARRAY || k == BTF_KIND_FUNC;
}

bool bv_has_size(const struct btf_type *t)
{
	switch (bv_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_DATASEC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM64:
		return true;
	default:
		return false;
	}
}

bool bv_nosize_or_null(const struct btf_type *t)
{
	unsigned int k;

	if (!t || bv_is_void(t))
		return true;
	k = bv_kind(t);
	return k == BTF_KIND_FWD || k == BTF_KIND_FUNC || k == BTF_KIND_FUNC_PROTO ||
	       k == BTF_KIND_DECL_TAG;
}

const char *bv_kind_name(unsigned int kind)
{
	static const char *const names[] = {
		"UNKNOWN", "INT",     "PTR",	  "ARRAY",    "STRUCT",	  "UNION",  "ENUM",
		"FWD",	   "TYPEDEF", "VOLATILE", "CONST",    "RESTRICT", "FUNC",   "FUNC_PROTO",
		"VAR",	   "DATASEC", "FLOAT",	  "DECL_TAG", "TYPE_TAG", "ENUM64",
	};

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "UNKNOWN";
}

bool bv_int_regular(const struct btf_type *t)
{
	uint32_t data = *(const uint32_t *)(t + 1);
	uint32_t bits = BTF_INT_BITS(data), bytes = bits / 8 + !!(bits % 8);

	return !(bits % 8) && !BTF_INT_OFFSET(data) && bytes && bytes <= 16 &&
	       !(bytes & (bytes - 1));
}

/* --- types and strings, across a split BTF and its base --- */

const struct btf_type *bv_type(const struct bv_btf *b, uint32_t id)
{
	while (id < b->start_id)
		b = b->base;
	id -= b->start_id;
	return id < b->nr_types ? b->types[id] : NULL;
}

const char *bv_str(const struct bv_btf *b, uint32_t off)
{
	while (off < b->start_str)
		b = b->base;
	off -= b->start_str;
	return off < b->hdr.str_len ? b->strs + off : NULL;
}

bool bv_str_off_ok(const struct bv_btf *b, uint32_t off)
{
	return off <= BV_MAX_NAME_OFFSET && bv_str(b, off);
}

/*
 * The kernel's character classes (lib/ctype.c): ASCII, and Latin-1 for the
 * bytes from 160 on, so names with such bytes pass where C's would not.
 */
static bool k_isdigit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool k_isalpha(unsigned char c)
{
	if (c < 128)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return c >= 192 && c != 215 && c != 247;
}

static bool k_isprint(unsigned char c)
{
	return (c >= 32 && c < 127) || c >= 160;
}

/* a C identifier, or one with dots: Linux 6.18 allows '.' anywhere */
bool bv_name_ident(const struct bv_btf *b, uint32_t off)
{
	const unsigned char *s = (const unsigned char *)bv_str(b, off), *limit;

	if (!s || !(k_isalpha(*s) || *s == '_' || *s == '.'))
		return false;
	limit = s + BV_NAME_MAX;
	for (s++; *s && s < limit; s++)
		if (!k_isalpha(*s) && !k_isdigit(*s) && *s != '_' && *s != '.')
			return false;
	return !*s;
}

/* DATASEC names: any printable characters */
bool bv_name_section(const struct bv_btf *b, uint32_t off)
{
	const unsigned char *s = (const unsigned char *)bv_str(b, off), *limit;

	if (!s || !*s)
		return false;
	limit = s + BV_NAME_MAX;
	for (; *s && s < limit; s++)
		if (!k_isprint(*s))
			return false;
	return !*s;
}

/* --- the log: the first rejection only --- */

static void log_add(struct bv_env *env, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void log_add(struct bv_env *env, const char *fmt, va_list ap)
{
	size_t used;

	if (!env->log || !env->len || env->log[0])
		return;
	vsnprintf(env->log, env->len, fmt, ap);
	used = strlen(env->log);
	if (used && env->log[used - 1] == '\n')
		env->log[used - 1] = 0;
}

static void log_fmt(struct bv_env *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void log_fmt(struct bv_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_add(env, fmt, ap);
	va_end(ap);
}

int bv_fail(struct bv_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_add(env, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static const char *type_name(const struct bv_env *env, const struct btf_type *t)
{
	const char *name;

	if (!t->name_off)
		return "(anon)";
	name = bv_str(env->btf, t->name_off);
	return name ?: "(invalid-name-offset)";
}

int bv_reject(struct bv_env *env, const struct btf_type *t, const char *fmt, ...)
{
	char rule[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rule, sizeof(rule), fmt, ap);
	va_end(ap);
	log_fmt(env, "[%u] %s %.64s: %s", env->log_id, bv_kind_name(bv_kind(t)), type_name(env, t),
		rule);
	return -EINVAL;
}

int bv_reject_member(struct bv_env *env, const struct btf_type *t, const struct btf_member *m,
		     const char *rule)
{
	const char *name = m->name_off ? bv_str(env->btf, m->name_off) : "(anon)";

	if (bv_kflag(t))
		log_fmt(env,
			"[%u] %s %.64s size=%u member %.64s type_id=%u bitfield_size=%u "
			"bits_offset=%u: %s",
			env->log_id, bv_kind_name(bv_kind(t)), type_name(env, t), t->size,
			name ?: "(invalid-name-offset)", m->type,
			BTF_MEMBER_BITFIELD_SIZE(m->offset), BTF_MEMBER_BIT_OFFSET(m->offset),
			rule);
	else
		log_fmt(env, "[%u] %s %.64s size=%u member %.64s type_id=%u bits_offset=%u: %s",
			env->log_id, bv_kind_name(bv_kind(t)), type_name(env, t), t->size,
			name ?: "(invalid-name-offset)", m->type, m->offset, rule);
	return -EINVAL;
}

int bv_reject_entry(struct bv_env *env, const struct btf_type *t, const struct btf_var_secinfo *v,
		    const char *rule)
{
	log_fmt(env, "[%u] DATASEC %.64s size=%u entry type_id=%u offset=%u size=%u: %s",
		env->log_id, type_name(env, t), t->size, v->type, v->offset, v->size, rule);
	return -EINVAL;
}

/* --- the input: a copy in this machine's byte order --- */

static void swap32(void *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	v = bswap_32(v);
	memcpy(p, &v, 4);
}

/*
 * BTF of the other byte order, as its own kernel reads it: the header and
 * every type's words swapped, up to the first type whose layout is unknown
 * (the first pass stops there anyway). Strings are bytes.
 */
static void swap_btf(uint8_t *d, uint32_t size)
{
	uint32_t hdr_len, i, end, off;
	struct btf_type t;
	size_t extra;

	d[0] ^= d[1], d[1] ^= d[0], d[0] ^= d[1];
	if (size < 8)
		return;
	swap32(d + 4);
	memcpy(&hdr_len, d + 4, 4);
	for (i = 8; i + 4 <= hdr_len && i + 4 <= size && i < sizeof(struct btf_header); i += 4)
		swap32(d + i);
	if (hdr_len < sizeof(struct btf_header) || hdr_len > size)
		return;
	memcpy(&off, d + 8, 4);
	memcpy(&end, d + 12, 4);
	if (off > size - hdr_len || end > size - hdr_len - off)
		return;
	off += hdr_len;
	end += off;
	while (end - off >= sizeof(struct btf_type)) {
		for (i = 0; i < 3; i++)
			swap32(d + off + 4 * i);
		memcpy(&t, d + off, sizeof(t)); /* the data may not be aligned */
		extra = tref__rec_size(&t);
		off += sizeof(struct btf_type);
		if (!extra || extra - sizeof(t) > end - off)
			return;
		for (extra -= sizeof(t); extra; extra -= 4, off += 4)
			swap32(d + off);
	}
}

static int add_type(struct bv_env *env, const struct btf_type *t)
{
	struct bv_btf *b = env->btf;
	const struct btf_type **types;

	if (b->nr_types == b->cap) {
		if (b->start_id + b->cap >= BV_MAX_TYPE)
			return bv_fail(env, "Exceeded max num of types");
		b->cap = b->cap < 64 ? 64 : b->cap * 2;
		if (b->start_id + b->cap > BV_MAX_TYPE)
			b->cap = BV_MAX_TYPE - b->start_id;
		types = realloc(b->types, b->cap * sizeof(*types));
		if (!types)
			return -ENOMEM;
		b->types = types;
	}
	b->types[b->nr_types++] = t;
	return 0;
}

/* --- the header and the sections --- */

static int check_sections(struct bv_env *env)
{
	const struct btf_header *h = &env->btf->hdr;
	uint32_t secs[2][2] = {{h->type_off, h->type_len}, {h->str_off, h->str_len}};
	uint32_t total = 0, expected = env->btf->size - h->hdr_len, i, tmp;

	/* sorted by offset, then length, as the kernel sorts them */
	if (secs[0][0] > secs[1][0] || (secs[0][0] == secs[1][0] && secs[0][1] > secs[1][1])) {
		for (i = 0; i < 2; i++)
			tmp = secs[0][i], secs[0][i] = secs[1][i], secs[1][i] = tmp;
	}
	for (i = 0; i < 2; i++) {
		if (expected < secs[i][0])
			return bv_fail(env, "Invalid section offset");
		if (total < secs[i][0])
			return bv_fail(env, "Unsupported section found");
		if (total > secs[i][0])
			return bv_fail(env, "Section overlap found");
		if (expected - total < secs[i][1])
			return bv_fail(env, "Total section length too long");
		total += secs[i][1];
	}
	if (expected != total)
		return bv_fail(env, "Unsupported section found");
	return 0;
}

static int check_header(struct bv_env *env)
{
	struct bv_btf *b = env->btf;
	const uint8_t *d = b->data;
	uint32_t hdr_len, i;

	if (b->size < 8)
		return bv_fail(env, "hdr_len not found");
	memcpy(&hdr_len, d + 4, 4);
	if (b->size < hdr_len)
		return bv_fail(env, "btf_header not found");
	for (i = sizeof(b->hdr); i < hdr_len; i++)
		if (d[i])
			return bv_fail(env, "Unsupported btf_header");
	memset(&b->hdr, 0, sizeof(b->hdr));
	memcpy(&b->hdr, d, hdr_len < sizeof(b->hdr) ? hdr_len : sizeof(b->hdr));
	if (b->hdr.magic != BTF_MAGIC)
		return bv_fail(env, "Invalid magic");
	if (b->hdr.version != BTF_VERSION)
		return bv_fail(env, "Unsupported version");
	if (b->hdr.flags)
		return bv_fail(env, "Unsupported flags");
	if (!b->base && b->size == b->hdr.hdr_len)
		return bv_fail(env, "No data");
	return check_sections(env);
}

static int check_strings(struct bv_env *env)
{
	struct bv_btf *b = env->btf;
	const struct btf_header *h = &b->hdr;

	/* check_sections() put it inside; the kernel wants it last */
	if ((uint64_t)h->hdr_len + h->str_off + h->str_len != b->size)
		return bv_fail(env, "String section is not at the end");
	b->strs = (const char *)b->data + h->hdr_len + h->str_off;
	if (b->base && !h->str_len)
		return 0;
	if (!h->str_len || h->str_len - 1 > BV_MAX_NAME_OFFSET || b->strs[h->str_len - 1])
		return bv_fail(env, "Invalid string section");
	if (!b->base && b->strs[0])
		return bv_fail(env, "Invalid string section");
	return 0;
}

static int check_types(struct bv_env *env)
{
	struct bv_btf *b = env->btf;
	const struct btf_header *h = &b->hdr;
	uint32_t off = 0;
	uint8_t *sec;
	int n, err;

	if (h->type_off & 3)
		return bv_fail(env, "Unaligned type_off");
	if (!b->base && !h->type_len)
		return bv_fail(env, "No type found");
	/* an aligned copy of the type section: hdr_len need not be a multiple of 4 */
	sec = malloc(h->type_len + 4);
	if (!sec)
		return -ENOMEM;
	memcpy(sec, (uint8_t *)b->data + h->hdr_len + h->type_off, h->type_len);
	free(b->types);
	b->types = NULL;
	b->cap = b->nr_types = 0;
	if (!b->base && add_type(env, &void_type))
		return free(sec), -ENOMEM;
	b->sec = sec;
	env->log_id = b->base ? b->start_id : 1;
	while (off < h->type_len) {
		n = bv_check_meta(env, (const struct btf_type *)(sec + off), h->type_len - off);
		if (n < 0)
			return n;
		err = add_type(env, (const struct btf_type *)(sec + off));
		if (err)
			return err;
		off += sizeof(struct btf_type) + n;
		env->log_id++;
	}
	b->res_id = calloc(b->nr_types ?: 1, sizeof(uint32_t));
	b->res_size = calloc(b->nr_types ?: 1, sizeof(uint32_t));
	env->state = calloc(b->nr_types ?: 1, 1);
	if (!b->res_id || !b->res_size || !env->state)
		return -ENOMEM;
	return bv_check_all_types(env);
}

/* type tags first: no CONST, VOLATILE, RESTRICT or TYPEDEF before a TYPE_TAG in a chain */
static int check_type_tags(struct bv_env *env)
{
	const struct bv_btf *b = env->btf;
	uint32_t first = b->base ? b->start_id : 1, good = first - 1, i, cur;
	uint32_t n = b->start_id + b->nr_types;
	const struct btf_type *t;
	bool in_tags;
	int limit;

	for (i = first; i < n; i++) {
		t = bv_type(b, i);
		if (!bv_is_modifier(t))
			continue;
		in_tags = bv_kind(t) == BTF_KIND_TYPE_TAG;
		limit = 32;
		cur = i;
		while (bv_is_modifier(t)) {
			if (!limit--)
				return bv_fail(env, "[%u] %s: Max chain length or cycle detected",
					       i, bv_kind_name(bv_kind(bv_type(b, i))));
			if (bv_kind(t) == BTF_KIND_TYPE_TAG) {
				if (!in_tags)
					return bv_fail(env,
						       "[%u] %s: Type tags don't precede modifiers",
						       i, bv_kind_name(bv_kind(bv_type(b, i))));
			} else {
				in_tags = false;
			}
			if (cur <= good)
				break; /* the rest of the chain passed already */
			cur = t->type;
			t = bv_type(b, cur);
			if (!t)
				return bv_fail(env, "[%u] type tag chain leaves the BTF", i);
		}
		good = i;
	}
	return 0;
}

static void bv_btf_release(struct bv_btf *b)
{
	free(b->data);
	free(b->sec);
	free(b->types);
	free(b->res_id);
	free(b->res_size);
	memset(b, 0, sizeof(*b));
}

/* verify @data into @b (on @base, or standalone) */
static int verify(struct bv_btf *b, const void *data, size_t size, const struct bv_btf *base,
		  char *log, size_t len)
{
	struct bv_env env = {.btf = b, .log = log, .len = len};
	int err;

	memset(b, 0, sizeof(*b));
	if (log && len)
		log[0] = 0;
	if (size > UINT32_MAX)
		return bv_fail(&env, "BTF larger than 4 GiB");
	b->data = malloc(size ?: 1);
	if (!b->data)
		return -ENOMEM;
	memcpy(b->data, data, size);
	b->size = size;
	if (size >= 2) {
		uint16_t magic;

		memcpy(&magic, b->data, 2);
		if (magic == bswap_16(BTF_MAGIC))
			swap_btf(b->data, b->size);
	}
	if (base) {
		b->base = base;
		b->start_id = base->start_id + base->nr_types;
		b->start_str = base->start_str + base->hdr.str_len;
	}
	err = check_header(&env);
	if (!err)
		err = check_strings(&env);
	if (!err)
		err = check_types(&env);
	if (!err)
		err = check_type_tags(&env);
	free(env.state);
	if (err == -ENOMEM)
		bv_fail(&env, "out of memory");
	return err;
}

struct btf_vbase *btf_vbase__new(const void *data, size_t size, char *log, size_t len, int *err)
{
	struct btf_vbase *vb = calloc(1, sizeof(*vb));

	*err = vb ? verify(&vb->btf, data, size, NULL, log, len) : -ENOMEM;
	if (*err) {
		btf_vbase__free(vb);
		return NULL;
	}
	return vb;
}

void btf_vbase__free(struct btf_vbase *vb)
{
	if (!vb)
		return;
	bv_btf_release(&vb->btf);
	free(vb);
}

unsigned int btf_vbase__type_cnt(const struct btf_vbase *vb)
{
	return vb->btf.nr_types;
}

int btf_verify__raw(const void *data, size_t size, const struct btf_vbase *base, char *log,
		    size_t len)
{
	struct bv_btf b;
	int err = verify(&b, data, size, base ? &base->btf : NULL, log, len);

	bv_btf_release(&b);
	return err;
}

int btf_verify__check(const struct btf *btf, const struct btf *base, char *log, size_t len)
{
	struct btf_vbase *vb = NULL;
	const void *raw;
	__u32 size;
	int err;

	if (base) {
		raw = btf__raw_data(base, &size);
		if (!raw)
			return -ENOMEM;
		vb = btf_vbase__new(raw, size, log, len, &err);
		if (!vb)
			return err;
	}
	raw = btf__raw_data(btf, &size);
	err = raw ? btf_verify__raw(raw, size, vb, log, len) : -ENOMEM;
	btf_vbase__free(vb);
	return err;
}
