/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * distilled base test: another build of the base. Other type IDs, struct
 * ptr_only grown (the module only points to it), one more enum value; with
 * -DEMB_GROWN struct emb grows too, which the module holds by value.
 */
struct pad0 {
	char c[3];
};
struct ptr_only {
	long x;
	long y;
	struct ptr_only *next;
};
#ifdef EMB_GROWN
struct emb {
	int a;
	int b;
	int c;
};
#else
struct emb {
	int a;
	int b;
};
#endif
typedef struct {
	unsigned int v;
	short w;
} anon_t;
enum color { RED, GREEN, BLUE, BLACK };
struct dup {
	int i;
};
struct all {
	struct pad0 p0;
	struct ptr_only *p;
	struct emb e;
	anon_t an;
	enum color c;
	double d;
	struct dup du;
};
struct all base_all;
