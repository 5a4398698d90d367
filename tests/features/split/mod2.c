/* SPDX-License-Identifier: GPL-2.0-only */
/* split BTF test: mod2 (see ../split_test.sh) */
typedef unsigned long ulong_t;
struct point {
	int x;
	int y;
};
struct segment {
	struct point a, b;
	ulong_t len;
};
struct segment mod2_seg;
ulong_t mod2_len(struct segment *s)
{
	return s->len;
}
