// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Input for the ELF writer tests, built at build time into an object, two
 * executables, a shared library and, when the compilers allow, 32-bit and
 * big-endian objects. It includes no header so that it compiles for -m32
 * and cross targets without their C library. main() returns 42.
 */
struct fx_point {
	int x;
	long y;
};

int fx_counter = 3;			  /* .data */
static int fx_zeroes[16];		  /* .bss */
static const char fx_msg[] = "dwarf2btf"; /* .rodata */

int fx_add(int a, int b);

int fx_add(int a, int b)
{
	fx_zeroes[a & 15] += b;
	return a + b + fx_msg[0] - 'd' + fx_zeroes[(a + 1) & 15];
}

#ifndef FX_NO_MAIN
int main(void)
{
	struct fx_point p = {fx_counter, 39};

	return fx_add(p.x, (int)p.y);
}
#endif
