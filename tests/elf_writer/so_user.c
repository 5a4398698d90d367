// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Program linked against the fixture shared library (libfixture.so); the
 * ELF writer tests run it with LD_LIBRARY_PATH pointing at a rewritten copy
 * of the library to prove that the library still loads. Returns 42.
 */
int fx_add(int a, int b);
extern int fx_counter;

int main(void)
{
	return fx_add(fx_counter, 39);
}
