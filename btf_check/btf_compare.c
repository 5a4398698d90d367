// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btfcmp's comparison core (see btf_compare.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_compare.h"

int btfcmp_entry__cmp(const void *pa, const void *pb)
{
	const struct btfcmp_entry *a = pa, *b = pb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->line, b->line);
}

int btfcmp_side__render(struct btfcmp_side *s, __u32 start, unsigned long kinds)
{
	struct sbuf sb = {};
	__u32 id;
	int err;

	err = canon__init(&s->canon, s->btf);
	if (err)
		goto out;
	s->ents = calloc(s->canon.nr_ids - start + 1, sizeof(*s->ents));
	if (!s->ents) {
		err = -ENOMEM;
		goto out;
	}
	for (id = start; id < s->canon.nr_ids; id++) {
		struct btfcmp_entry *e = &s->ents[s->nr_ents];
		const struct btf_type *t = btf__type_by_id(s->btf, id);

		if (!t || !(kinds & (1UL << btf_kind(t))))
			continue;
		e->kind = btf_kind(t);
		if (!s->canon.memo[id]) {
			sb.len = 0;
			canon__type(&s->canon, id, 0, &sb);
			if (sb.err) {
				err = sb.err;
				goto out;
			}
		}
		e->line = s->canon.memo[id];
		if (!e->line) {
			e->line = strdup(sb.buf);
			e->owned = true;
			if (!e->line) {
				err = -ENOMEM;
				goto out;
			}
		}
		s->nr_ents++;
	}
	qsort(s->ents, s->nr_ents, sizeof(*s->ents), btfcmp_entry__cmp);
out:
	sbuf__release(&sb);
	return err;
}

void btfcmp_side__release(struct btfcmp_side *s)
{
	size_t i;

	for (i = 0; i < s->nr_ents; i++) {
		if (s->ents[i].owned)
			free((char *)s->ents[i].line);
	}
	free(s->ents);
	canon__release(&s->canon);
	btf__free(s->btf);
	btf__free(s->base);
}

int btfcmp_diffs__build(struct btfcmp_diffs *ds, const struct btfcmp_side *a,
			const struct btfcmp_side *b)
{
	size_t i = 0, j = 0;

	ds->diffs = calloc(a->nr_ents + b->nr_ents + 1, sizeof(*ds->diffs));
	if (!ds->diffs)
		return -ENOMEM;
	while (i < a->nr_ents || j < b->nr_ents) {
		int cmp;

		if (i == a->nr_ents)
			cmp = 1;
		else if (j == b->nr_ents)
			cmp = -1;
		else
			cmp = btfcmp_entry__cmp(&a->ents[i], &b->ents[j]);
		if (cmp == 0) {
			i++;
			j++;
		} else if (cmp < 0) {
			ds->diffs[ds->nr++] = (struct btfcmp_diff){&a->ents[i++], '-'};
		} else {
			ds->diffs[ds->nr++] = (struct btfcmp_diff){&b->ents[j++], '+'};
		}
	}
	for (i = 0; i < ds->nr; i++) {
		unsigned int kind = ds->diffs[i].ent->kind;

		if (kind >= CANON_NR_KINDS)
			kind = BTF_KIND_UNKN;
		if (ds->diffs[i].sign == '-') {
			ds->only_a++;
			ds->kind_a[kind]++;
		} else {
			ds->only_b++;
			ds->kind_b[kind]++;
		}
	}
	return 0;
}
