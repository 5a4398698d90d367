// SPDX-License-Identifier: GPL-2.0-only
/* the strong f_weak, which the program uses */
__attribute__((noinline)) long f_weak(long strong_a)
{
	return strong_a * 2;
}
