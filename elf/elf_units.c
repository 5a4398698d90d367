// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Joining the unit sections of an object file's section groups (see
 * elf_units.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "elf_units.h"

/* the data of @scn as one piece, decompressed; NULL when it cannot be read */
static Elf_Data *unit_data(Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *d;

	if ((sh->sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
		return NULL;
	d = elf_getdata(scn, NULL);
	if (!d || (!d->d_buf && d->d_size) || elf_getdata(scn, d))
		return NULL;
	return d;
}

static bool named(Elf *elf, size_t shstrndx, const GElf_Shdr *sh, const char *name)
{
	const char *s = elf_strptr(elf, shstrndx, sh->sh_name);

	return s && !strcmp(s, name) && sh->sh_type == SHT_PROGBITS && !(sh->sh_flags & SHF_ALLOC);
}

/*
 * one pass over the sections named @name: @grouped selects which; with
 * @dst, their data are copied there from offset *@len; Return: how many
 */
static int walk(Elf *elf, size_t shstrndx, const char *name, bool grouped, char *dst, size_t *len,
		Elf_Scn **first)
{
	Elf_Scn *scn = NULL;
	int n = 0;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || !named(elf, shstrndx, &sh, name) ||
		    !!(sh.sh_flags & SHF_GROUP) != grouped)
			continue;
		d = unit_data(scn, &sh);
		if (!d)
			return -EOPNOTSUPP;
		if (dst && d->d_size)
			memcpy(dst + *len, d->d_buf, d->d_size);
		else if (!dst && d->d_size > SIZE_MAX / 2 - *len)
			return -EOPNOTSUPP;
		*len += d->d_size;
		if (!*first)
			*first = scn;
		n++;
	}
	return n;
}

int elf_units__join(Elf *elf, size_t shstrndx, const char *name, void **buf)
{
	Elf_Scn *plain = NULL, *grp = NULL, *target;
	size_t len = 0, at = 0;
	int nr_plain, nr_grp, err;
	GElf_Shdr sh;
	Elf_Data *d;
	char *out;

	*buf = NULL;
	nr_plain = walk(elf, shstrndx, name, false, NULL, &len, &plain);
	nr_grp = nr_plain < 0 ? 0 : walk(elf, shstrndx, name, true, NULL, &len, &grp);
	if (nr_plain < 0 || nr_grp < 0)
		return nr_plain < 0 ? nr_plain : nr_grp;
	if (!nr_grp)
		return 0;
	out = malloc(len ?: 1);
	if (!out)
		return -ENOMEM;
	err = walk(elf, shstrndx, name, false, out, &at, &plain);
	err = err < 0 ? err : walk(elf, shstrndx, name, true, out, &at, &grp);
	target = plain ?: grp;
	if (err < 0 || at != len || !gelf_getshdr(target, &sh) ||
	    !(d = elf_getdata(target, NULL))) {
		free(out);
		return err < 0 ? err : -EOPNOTSUPP;
	}
	/* libdw reads sections outside groups only */
	if (sh.sh_flags & SHF_GROUP) {
		sh.sh_flags &= ~(GElf_Xword)SHF_GROUP;
		if (!gelf_update_shdr(target, &sh)) {
			free(out);
			return -EOPNOTSUPP;
		}
	}
	d->d_buf = out;
	d->d_size = len;
	*buf = out;
	return 0;
}
