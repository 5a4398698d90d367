// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * --func_report: why a function has a FUNC or not, one tab-separated line
 * per function considered (one with a DWARF definition and a function
 * symbol): name, "encoded" or "skipped", the linkage or the reason, and
 * for an encoded one its prototype as C, written the way pahole prints
 * them (so the lines compare with pahole's decisions). Encoded lines come
 * from the FUNCs of the final BTF, so every FUNC has one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "encoder_priv.h"
#include "log.h"

struct sbuf {
	char *s;
	size_t len, cap;
	int err;
};

static void sb_put(struct sbuf *b, const char *str, size_t n)
{
	if (b->err)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *s = realloc(b->s, cap);

		if (!s) {
			b->err = -ENOMEM;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, str, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_prepend(struct sbuf *b, const char *s)
{
	size_t n = strlen(s), old = b->len;

	sb_put(b, s, n); /* grow */
	if (b->err)
		return;
	memmove(b->s + n, b->s, old);
	memcpy(b->s, s, n);
	b->s[b->len] = 0;
}

static void decl(const struct btf *btf, uint32_t id, struct sbuf *inner, struct sbuf *out,
		 int depth);

/* the parameters of FUNC_PROTO @t, with names when @named */
static void params(const struct btf *btf, const struct btf_type *t, bool named, struct sbuf *out,
		   int depth)
{
	const struct btf_param *p = btf_params(t);
	uint16_t i, n = btf_vlen(t);

	for (i = 0; i < n; i++) {
		struct sbuf in = {0};

		if (i)
			sb_str(out, ", ");
		if (!p[i].type && !p[i].name_off) {
			sb_str(out, "...");
			continue;
		}
		sb_str(&in, named ? btf__name_by_offset(btf, p[i].name_off) ?: "" : "");
		decl(btf, p[i].type, &in, out, depth + 1);
		out->err = out->err ?: in.err;
		free(in.s);
	}
}

static void base_name(struct sbuf *out, const char *kw, const char *name, struct sbuf *inner)
{
	if (kw) {
		sb_str(out, kw);
		sb_str(out, " ");
	}
	sb_str(out, name);
	if (inner->len) {
		sb_str(out, " ");
		sb_str(out, inner->s);
	}
}

/* C declaration of @inner (a declarator) as type @id, appended to @out */
static void decl(const struct btf *btf, uint32_t id, struct sbuf *inner, struct sbuf *out,
		 int depth)
{
	const struct btf_type *t, *tt;
	const char *kw;

	for (; depth < 64; depth++) {
		if (!id) {
			base_name(out, NULL, "void", inner);
			return;
		}
		t = btf__type_by_id(btf, id);
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
		case BTF_KIND_TYPEDEF:
			base_name(out, NULL, btf__name_by_offset(btf, t->name_off), inner);
			return;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FWD:
			kw = btf_is_struct(t)  ? "struct"
			     : btf_is_union(t) ? "union"
			     : btf_is_fwd(t)   ? (btf_kflag(t) ? "fwd union" : "fwd struct")
					       : "enum";
			base_name(out, kw, btf__name_by_offset(btf, t->name_off), inner);
			return;
		case BTF_KIND_PTR:
			tt = t->type ? btf__type_by_id(btf, t->type) : NULL;
			if (tt && (btf_is_array(tt) || btf_is_func_proto(tt))) {
				sb_prepend(inner, "(*");
				sb_str(inner, ")");
			} else {
				sb_prepend(inner, "*");
			}
			id = t->type;
			continue;
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
			kw = btf_is_const(t)	  ? "const"
			     : btf_is_volatile(t) ? "volatile"
						  : "restrict";
			tt = t->type ? btf__type_by_id(btf, t->type) : NULL;
			if (tt && btf_is_ptr(tt)) {
				/* the pointer itself: 'char *const p' */
				sb_prepend(inner, inner->len ? " " : "");
				sb_prepend(inner, kw);
			} else {
				sb_str(out, kw);
				sb_str(out, " ");
			}
			id = t->type;
			continue;
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			continue;
		case BTF_KIND_ARRAY: {
			char n[24];

			snprintf(n, sizeof(n), "[%u]", btf_array(t)->nelems);
			sb_str(inner, n);
			id = btf_array(t)->type;
			continue;
		}
		case BTF_KIND_FUNC_PROTO: {
			struct sbuf ps = {0};

			params(btf, t, false, &ps, depth);
			sb_str(inner, "(");
			if (ps.s)
				sb_str(inner, ps.s);
			sb_str(inner, ")");
			inner->err = inner->err ?: ps.err;
			free(ps.s);
			id = t->type;
			continue;
		}
		default:
			base_name(out, NULL, "?", inner);
			return;
		}
	}
}

/* "ret name(params)" of FUNC @t; Return: malloc'ed, or NULL on ENOMEM */
static char *prototype(const struct btf *btf, const struct btf_type *t)
{
	const struct btf_type *proto = btf__type_by_id(btf, t->type);
	struct sbuf inner = {0}, out = {0}, ps = {0};

	sb_str(&inner, btf__name_by_offset(btf, t->name_off));
	params(btf, proto, true, &ps, 0);
	sb_str(&inner, "(");
	if (ps.s)
		sb_str(&inner, ps.s);
	sb_str(&inner, ")");
	decl(btf, proto->type, &inner, &out, 0);
	free(ps.s);
	free(inner.s);
	if (out.err || ps.err || inner.err) {
		free(out.s);
		return NULL;
	}
	return out.s;
}

struct rline {
	char *text;
	const char *name;
};

static int cmp_rline(const void *a, const void *b)
{
	const struct rline *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r ?: strcmp(x->text, y->text);
}

int btf_encoder__func_report(const struct btf_encoder *enc, FILE *f)
{
	const struct btf *btf = enc->btf, *base = btf__base_btf(btf);
	uint32_t i, start = base ? btf__type_cnt(base) : 1, end = btf__type_cnt(btf), n = 0, g;
	struct rline *lines = NULL;
	uint32_t cap = 0;
	int err = 0;

	if (!enc->fsyms || !enc->fdec)
		return 0;
	cap = end - start + enc->fsyms->nr_groups + 1;
	lines = calloc(cap, sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	for (i = start; i < end && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		char *p;

		if (!btf_is_func(t))
			continue;
		p = prototype(btf, t);
		lines[n].name = btf__name_by_offset(btf, t->name_off);
		if (!p || asprintf(&lines[n].text, "%s\tencoded\t%s\t%s\n", lines[n].name,
				   btf_vlen(t) == BTF_FUNC_GLOBAL ? "global" : "static", p) < 0)
			err = -ENOMEM;
		else
			n++;
		free(p);
	}
	for (g = 0; g < enc->fsyms->nr_groups && !err; g++) {
		const struct func_decision *d = &enc->fdec[g];

		if (d->verdict != FV_SKIP)
			continue;
		lines[n].name = enc->fsyms->groups[g].name;
		if (asprintf(&lines[n].text, "%s\tskipped\t%s\t\n", lines[n].name,
			     func_reason__name(d->reason)) < 0)
			err = -ENOMEM;
		else
			n++;
	}
	if (!err) {
		qsort(lines, n, sizeof(*lines), cmp_rline);
		for (i = 0; i < n && !err; i++)
			if (fputs(lines[i].text, f) < 0)
				err = -EIO;
	}
	for (i = 0; i < n; i++)
		free(lines[i].text);
	free(lines);
	return err;
}

void btf_encoder__func_counts(const struct btf_encoder *enc)
{
	uint32_t counts[FR_MAX], r;

	if (!enc->fsyms || !enc->fdec)
		return;
	func_decide__counts(enc->fsyms, enc->fdec, counts);
	pr_info("%s: functions: %u encoded", enc->opts.path, counts[FR_NONE]);
	for (r = 1; r < FR_MAX; r++)
		if (counts[r])
			pr_info("%s: functions skipped, %s: %u", enc->opts.path,
				func_reason__name(r), counts[r]);
}
