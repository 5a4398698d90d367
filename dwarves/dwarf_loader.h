/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The DWARF loader: opens one ELF file with libdwfl (relocating ET_REL
 * objects such as kernel modules), turns each compilation unit into a
 * struct tm_cu and hands the CUs to the caller, possibly from several
 * worker threads, with an ordered hand-off stage that always sees the CUs in
 * file order (so the output never depends on the thread count).
 */
#ifndef D2B_DWARF_LOADER_H
#define D2B_DWARF_LOADER_H

#include <stdbool.h>
#include <stdint.h>
#include <libelf.h>
#include "dwarves.h"

struct dwl;

/**
 * struct dwl_opts - loader options
 * @nr_threads:		worker threads (>= 1)
 * @lang_exclude:	bitmap of excluded languages, see dwl_lang__parse()
 * @lang_include:	when non-empty, only CUs of these languages are loaded
 * @libdwfl_reloc:	let libdwfl relocate object files even where our own
 *			relocation (elf_reloc.h) applies (tests compare both)
 */
struct dwl_opts {
	unsigned int nr_threads;
	uint64_t lang_exclude[2];
	uint64_t lang_include[2];
	bool has_lang_include;
	bool libdwfl_reloc;
};

/*
 * dwl_work_fn - parallel stage, called once per CU in any worker thread.
 * Takes ownership of @cu. Stores its result in *@result (may be NULL).
 * Return: 0 or a negative errno, which stops the load.
 */
typedef int (*dwl_work_fn)(struct tm_cu *cu, void *ctx, void **result);
/*
 * dwl_ordered_fn - ordered stage, called once per CU in file order, never
 * concurrently with itself. Takes ownership of @result.
 */
typedef int (*dwl_ordered_fn)(void *result, uint32_t cu_index, void *ctx);
/* dwl_drop_fn - frees a result the ordered stage never saw (after an error) */
typedef void (*dwl_drop_fn)(void *result, void *ctx);

/**
 * dwl__open() - open @path and index its compilation units
 * @out:	the new loader, freed with dwl__free()
 *
 * Return: 0; -ENOENT/-EACCES etc. when the file cannot be read; -EINVAL
 * when it is not an ELF file; -ENODATA when it has no DWARF. The reason is
 * also printed, naming the file.
 */
int dwl__open(const char *path, const struct dwl_opts *opts, struct dwl **out);
void dwl__free(struct dwl *dwl);

/** dwl__load() - convert every CU, calling @work then @ordered for each */
int dwl__load(struct dwl *dwl, dwl_work_fn work, dwl_ordered_fn ordered, dwl_drop_fn drop,
	      void *ctx);

/* dwl__elf() - the (relocated, in-memory) ELF of the file; owned by @dwl */
Elf *dwl__elf(const struct dwl *dwl);
const char *dwl__path(const struct dwl *dwl);
uint32_t dwl__nr_cus(const struct dwl *dwl);

/**
 * dwl_lang__parse() - parse a comma-separated language list ("c,rust")
 * @bitmap:	128-bit set of DW_LANG codes below 128, plus bit 127 for
 *		the assembler languages (DW_LANG_Mips_Assembler)
 * Return: 0 or -EINVAL naming the unknown language through pr_err.
 */
int dwl_lang__parse(const char *list, uint64_t bitmap[2]);

#endif
