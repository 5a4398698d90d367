// SPDX-License-Identifier: GPL-2.0-only
/* the weak default of f_weak: strong.c overrides it */
__attribute__((weak, noinline)) long f_weak(long weak_a)
{
	return weak_a + 1;
}
