/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * elf_reloc: the DWARF of a relocatable object (.o, .ko) relocated by us.
 *
 * libdwfl relocates every debug section of an ET_REL file in a private
 * mapping of it: a copy-on-write fault per page it writes, and a generic
 * walk per relocation through libelf's conversion functions, which was an
 * eighth of a kernel module's encoding. For the common cases (x86-64 and
 * arm64, little-endian host and file, RELA, absolute relocations against
 * defined symbols) each debug section is copied once and relocated here,
 * and libdw reads it from that copy.
 *
 * Section addresses are what libdwfl gives a lone object file: the
 * SHF_ALLOC sections one after the other from 0, each at its alignment.
 * They are written into the Elf's section headers, where elf_symtab.c and
 * the relocations both find them.
 *
 * Anything else (another machine or byte order, SHT_REL, a relocation type
 * not listed, an undefined symbol, a relocation out of its section, a
 * GNU-compressed .zdebug section) is -EOPNOTSUPP: the caller then lets
 * libdwfl open the file, and reports its errors.
 */
#ifndef D2B_ELF_RELOC_H
#define D2B_ELF_RELOC_H

#include <stdint.h>
#include <gelf.h>
#include <elfutils/libdw.h>

struct elf_reloc {
	int fd;
	Elf *elf;
	Dwarf *dw;
	void **bufs; /* relocated copies of the sections, owned */
	uint32_t nr_bufs, cap_bufs;
	uint32_t nr_relocs; /* applied */
};

/*
 * elf_reloc__open() - open @path, relocate its DWARF, begin libdw on it
 * Return: 0, -EOPNOTSUPP (not a case handled here, or not ET_REL), or
 * -ENOMEM. On failure @r holds nothing to release.
 */
int elf_reloc__open(const char *path, struct elf_reloc *r);
/* elf_reloc__close() - end libdw and libelf, free the copies; @r may be zeroed */
void elf_reloc__close(struct elf_reloc *r);

#endif
