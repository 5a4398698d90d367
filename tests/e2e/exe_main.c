// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * main() for the e2e executables: linked with one program of progs/ (the
 * "exe" variant) or with all of them ("all"), so that dwarf2btf also sees
 * linked executables with several compile units. The programs only define
 * types and globals; run after dwarf2btf -J, the executable must exit 0.
 */

int main(void)
{
	return 0;
}
