// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Where a file's units, abbreviations and location lists are (see
 * dwarf_sections.h).
 */
#include <string.h>
#include <gelf.h>
#include "compiler.h"
#include "dwarf_sections.h"

static void set_range(struct dwl_sec_range *r, const Elf_Data *data)
{
	r->lo = data->d_buf;
	r->hi = r->lo + data->d_size;
}

void dwl_secs__find(struct dwl_secs *secs, Dwarf *dw)
{
	Elf *elf = dwarf_getelf(dw);
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	memset(secs, 0, sizeof(*secs));
	if (!elf || elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *name;
		Elf_Data *data;
		bool abbrev, loc, units;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type == SHT_NOBITS)
			continue;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name)
			continue;
		abbrev = !strcmp(name, ".debug_abbrev") || !strcmp(name, ".zdebug_abbrev");
		/* location lists: the units' DWARF 5 ones, else DWARF 4's */
		loc = !strcmp(name, ".debug_loclists") ||
		      (!strcmp(name, ".debug_loc") && !secs->loc.lo);
		units = !strcmp(name, ".debug_info") || !strcmp(name, ".zdebug_info") ||
			!strcmp(name, ".debug_types");
		if (!abbrev && !loc && !units)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf)
			continue;
		if (loc)
			set_range(&secs->loc, data);
		else if (abbrev && !secs->abbrev.lo)
			set_range(&secs->abbrev, data);
		else if (units && secs->nr_units < ARRAY_SIZE(secs->units))
			set_range(&secs->units[secs->nr_units++], data);
	}
}

struct dwl_sections dwl_secs__of(const struct dwl_secs *secs, const void *p)
{
	struct dwl_sections s = {.abbrev = secs->abbrev.lo, .abbrev_end = secs->abbrev.hi};
	uint32_t i;

	/* a unit header may claim more than its section has: libdw bounds it, so must we */
	for (i = 0; i < secs->nr_units; i++)
		if ((const unsigned char *)p >= secs->units[i].lo &&
		    (const unsigned char *)p < secs->units[i].hi)
			s.unit_end = secs->units[i].hi;
	return s;
}
