// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * libFuzzer harness: the input is an ELF file, encoded as dwarf2btf -J
 * would (DWARF loader, per-CU encoding, merge, dedup), without writing.
 * Seeds: tests/fuzz/corpus/elf. See tests/fuzz/run.sh.
 *
 * Blind byte mutations of an ELF file mostly break its headers, and the
 * input never gets past check_elf(). So half of the mutations are made
 * inside one of the file's .debug_* sections, in place: the headers stay
 * valid and the DWARF loader gets the garbage.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gelf.h>
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	elf_version(EV_CURRENT);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile(data, size, path);

	if (fd < 0)
		return 0;
	fuzz_encode(path, NULL, NULL);
	close(fd);
	return 0;
}

/* a random .debug_* section of the ELF image @data that lies within it */
static bool pick_debug_section(uint8_t *data, size_t size, unsigned int seed, size_t *off,
			       size_t *len)
{
	Elf *elf = elf_memory((char *)data, size);
	size_t shstrndx, nr = 0;
	Elf_Scn *scn = NULL;
	size_t offs[64], lens[64];

	if (!elf)
		return false;
	if (elf_kind(elf) == ELF_K_ELF && elf_getshdrstrndx(elf, &shstrndx) == 0) {
		while ((scn = elf_nextscn(elf, scn)) && nr < 64) {
			GElf_Shdr sh;
			const char *name;

			if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS || !sh.sh_size ||
			    sh.sh_offset > size || sh.sh_size > size - sh.sh_offset)
				continue;
			name = elf_strptr(elf, shstrndx, sh.sh_name);
			if (!name ||
			    (strncmp(name, ".debug_", 7) && strncmp(name, ".rela.debug_", 12)))
				continue;
			offs[nr] = sh.sh_offset;
			lens[nr] = sh.sh_size;
			nr++;
		}
	}
	elf_end(elf);
	if (!nr)
		return false;
	nr = seed % nr;
	*off = offs[nr];
	*len = lens[nr];
	return true;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	size_t off, len;

	if ((seed & 1) && pick_debug_section(data, size, seed >> 1, &off, &len)) {
		/* the section keeps its size: what a mutation removes is left as is */
		LLVMFuzzerMutate(data + off, len, len);
		return size;
	}
	return LLVMFuzzerMutate(data, size, max_size);
}
