/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Where a file's units, abbreviations and location lists are, as libdw
 * reads them (decompressed, relocated): the loader's own DIE decoder
 * (dwarf_abbrev.h) bounds units by them, and the pages behind what the
 * units read are given back (dwarf_pages.h). dwarf_sections.c.
 */
#ifndef D2B_DWARF_SECTIONS_H
#define D2B_DWARF_SECTIONS_H

#include <stdint.h>
#include <elfutils/libdw.h>
#include "dwarf_abbrev.h"

struct dwl_sec_range {
	const unsigned char *lo, *hi;
};

/**
 * struct dwl_secs - the sections units are read from; NULL when absent
 * @units:	.debug_info (or .zdebug_info) and .debug_types
 * @abbrev:	.debug_abbrev
 * @loc:	.debug_loclists, else .debug_loc
 * Borrows the data from the Elf libdw reads.
 */
struct dwl_secs {
	struct dwl_sec_range units[4];
	uint32_t nr_units;
	struct dwl_sec_range abbrev, loc;
};

/* dwl_secs__find() - the sections of @dw's Elf */
void dwl_secs__find(struct dwl_secs *secs, Dwarf *dw);

/* dwl_secs__of() - the sections the unit whose DIE is at @p reads (dwl_unit__open()) */
struct dwl_sections dwl_secs__of(const struct dwl_secs *secs, const void *p);

#endif
