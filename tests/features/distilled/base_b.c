/* SPDX-License-Identifier: GPL-2.0-only */
/* distilled base test: second CU of the base, with another "struct dup" */
struct dup {
	long i;
	long j;
};
struct dup base_dup2;
long base_fn2(struct dup *d)
{
	return d->i + d->j;
}
