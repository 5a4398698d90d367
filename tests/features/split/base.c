/* SPDX-License-Identifier: GPL-2.0-only */
/* split BTF test: base (see ../split_test.sh) */
struct point {
	int x;
	int y;
};
struct shape {
	struct point origin;
	unsigned int flags;
};
typedef unsigned long ulong_t;
struct shape base_shape;
int base_area(struct shape *s)
{
	return s->origin.x * s->origin.y;
}
