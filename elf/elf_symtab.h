/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * What the encoder needs from the ELF symbol table: the names of function
 * symbols (a FUNC is emitted only for code that exists) and the variables of
 * sections with data (per-CPU variables, global variables).
 */
#ifndef D2B_ELF_SYMTAB_H
#define D2B_ELF_SYMTAB_H

#include <stdbool.h>
#include <stdint.h>
#include <libelf.h>

struct elf_sym_func {
	const char *name; /* borrowed from the ELF string table */
	uint64_t addr;
};

/* an STT_OBJECT symbol of a data section */
struct elf_sym_var {
	const char *name;
	uint64_t offset; /* section-relative */
	uint64_t size;
	uint32_t shndx;
};

/* a kfunc: a function listed in a .BTF_ids set8 flagged BTF_SET8_KFUNCS */
struct elf_kfunc {
	char *name;	/* owned */
	uint32_t flags; /* the set's per-function flags (KF_*) */
};

struct elf_sec_info {
	const char *name;
	uint64_t addr; /* as the loaded DWARF sees it (ET_REL: laid out by libdwfl) */
	uint64_t size;
	uint32_t type;
	uint64_t flags;
};

/**
 * struct elf_symtab - symbol facts of one ELF file
 *
 * Borrows the Elf handle's strings: must not outlive the loader that owns
 * the Elf. Read-only after elf_symtab__new(), so workers may share it.
 */
struct elf_symtab {
	struct elf_sym_func *funcs; /* sorted by name, then address */
	uint32_t nr_funcs;
	/*
	 * open addressing on strmap__hash() of a name: 1 + index of its first
	 * func, 0: empty; NULL in a table built by hand (tests): binary search
	 */
	uint32_t *func_slots;
	uint32_t nr_func_slots;	  /* a power of two, 0 when there are no funcs */
	struct elf_sym_var *vars; /* sorted by section, then offset */
	uint32_t nr_vars;
	struct elf_sec_info *secs; /* indexed by section number */
	uint32_t nr_secs;
	uint32_t percpu_shndx; /* 0 when there is no .data..percpu */
	bool is_rel;
	bool big_endian;	  /* the file's byte order (ELFDATA2MSB) */
	uint16_t machine;	  /* e_machine */
	struct elf_kfunc *kfuncs; /* sorted by name */
	uint32_t nr_kfuncs;
};

/*
 * elf_symtab__new() - read @elf's symbols; @path names the file in the
 * message for a corrupt table (NULL: no message).
 * Return: 0, -ENOMEM, or -EINVAL for a corrupt symbol table
 */
int elf_symtab__new(Elf *elf, const char *path, struct elf_symtab **out);
void elf_symtab__free(struct elf_symtab *st);

/* elf_symtab__find_func() - first function symbol named @name, or NULL */
const struct elf_sym_func *elf_symtab__find_func(const struct elf_symtab *st, const char *name);

/* elf_symtab__has_func_at() - is there a function symbol @name at @addr? */
bool elf_symtab__has_func_at(const struct elf_symtab *st, const char *name, uint64_t addr);

/*
 * elf_symtab__find_var() - the object symbol @name at @offset of section
 * @shndx, or NULL. Other symbols may share the place (aliases such as
 * 6.12's const_pcpu_hot, zero-size labels): only the named one is returned.
 */
const struct elf_sym_var *elf_symtab__find_var(const struct elf_symtab *st, uint32_t shndx,
					       uint64_t offset, const char *name);

/* elf_symtab__sec_of_addr() - index of the ALLOC section holding @addr, 0 if none */
uint32_t elf_symtab__sec_of_addr(const struct elf_symtab *st, uint64_t addr);

#endif
