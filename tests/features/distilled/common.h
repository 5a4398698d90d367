/* SPDX-License-Identifier: GPL-2.0-only */
/* distilled base test: types the base and the module share (see ../distilled_test.sh) */
struct emb {
	int a;
	int b;
};
struct ptr_only {
	long x;
	struct ptr_only *next;
};
typedef struct {
	unsigned int v;
	short w;
} anon_t;
enum color { RED, GREEN, BLUE };
struct dup {
	int i;
};
struct holder {
	struct emb e;
	anon_t an;
	enum color c;
	double d;
	struct ptr_only *p;
	struct dup du;
};
