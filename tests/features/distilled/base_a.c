/* SPDX-License-Identifier: GPL-2.0-only */
/* distilled base test: first CU of the base */
#include "common.h"
struct holder base_holder;
int base_fn(struct holder *h)
{
	return h->e.a + h->du.i;
}
