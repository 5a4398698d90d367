/* SPDX-License-Identifier: GPL-2.0-only */
/* distilled base test: the module (see ../distilled_test.sh) */
#include "common.h"
struct mod_state {
	struct emb e;	    /* by value */
	struct ptr_only *p; /* only through a pointer */
	anon_t an;	    /* anonymous struct behind a typedef */
	enum color c;
	int n;
	double d;
	struct dup du; /* the base has two: this one has 4 bytes */
	const anon_t *cp;
};
struct mod_state mod_state;
int mod_fn(struct mod_state *s)
{
	return s->n + s->e.a;
}
