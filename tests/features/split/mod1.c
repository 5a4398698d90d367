/* SPDX-License-Identifier: GPL-2.0-only */
/* split BTF test: mod1 (see ../split_test.sh) */
struct point {
	int x;
	int y;
};
struct shape {
	struct point origin;
	unsigned int flags;
};
struct circle {
	struct shape s;
	unsigned int r;
};
struct circle mod1_circle;
int mod1_radius(struct circle *c)
{
	return c->r + c->s.origin.x;
}
