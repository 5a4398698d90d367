/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * elf_units: the type units an object file keeps in section groups.
 *
 * gcc -fdebug-types-section -c puts each type unit in a COMDAT group of
 * its own: a section named .debug_types (DWARF 4) or .debug_info (DWARF 5,
 * DW_UT_type) per group, so the linker can keep one copy of each. libdw
 * reads one section of each name and ignores sections in groups, so it
 * sees none of those units. Here, after relocation, all sections of one
 * of these names are joined into one: the section outside any group first
 * (its offsets, which other sections' relocations point into, stay what
 * they were), then the grouped ones in file order. The joined data
 * replaces the data of the section libdw reads; when every section of
 * the name is in a group, the first one leaves its group in the in-memory
 * header so that libdw reads it.
 */
#ifndef D2B_ELF_UNITS_H
#define D2B_ELF_UNITS_H

#include <gelf.h>

/**
 * elf_units__join() - join the sections named @name of @elf (see above)
 * @elf:	opened ELF_C_READ_MMAP_PRIVATE (or writable); its section data
 *		must be relocated already
 * @shstrndx:	index of the section name table
 * @buf:	set to the joined data, which the caller owns and must keep
 *		until @elf is ended; NULL when there was nothing to join
 * Return: 0, -ENOMEM, or -EOPNOTSUPP when a section cannot be read.
 */
int elf_units__join(Elf *elf, size_t shstrndx, const char *name, void **buf);

#endif
