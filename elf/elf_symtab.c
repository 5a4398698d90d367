// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Reads .symtab (or .dynsym when there is none) into sorted tables: function
 * names for the FUNC filter and data objects for VAR/DATASEC encoding.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <gelf.h>
#include "elf_symtab.h"
#include "compiler.h"
#include "log.h"
#include "strmap.h"
#include "vec.h"

static int cmp_func(const void *a, const void *b)
{
	const struct elf_sym_func *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	if (r)
		return r;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_var(const void *a, const void *b)
{
	const struct elf_sym_var *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int read_sections(struct elf_symtab *st, Elf *elf, Elf_Scn **symscn)
{
	Elf_Scn *scn = NULL, *dynsym = NULL;
	size_t shstrndx, nr;

	if (elf_getshdrstrndx(elf, &shstrndx) || elf_getshdrnum(elf, &nr))
		return -EINVAL;
	st->secs = calloc(nr ? nr : 1, sizeof(*st->secs));
	if (!st->secs)
		return -ENOMEM;
	st->nr_secs = nr;
	*symscn = NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		size_t idx = elf_ndxscn(scn);
		struct elf_sec_info *si = &st->secs[idx];
		GElf_Shdr shdr;

		if (!gelf_getshdr(scn, &shdr) || idx >= nr)
			return -EINVAL;
		si->name = elf_strptr(elf, shstrndx, shdr.sh_name) ?: "";
		si->addr = shdr.sh_addr;
		si->size = shdr.sh_size;
		si->type = shdr.sh_type;
		si->flags = shdr.sh_flags;
		if (shdr.sh_type == SHT_SYMTAB)
			*symscn = scn;
		else if (shdr.sh_type == SHT_DYNSYM)
			dynsym = scn;
		if (!strcmp(si->name, ".data..percpu"))
			st->percpu_shndx = idx;
	}
	if (!*symscn)
		*symscn = dynsym;
	return 0;
}

static int read_symbols(struct elf_symtab *st, Elf *elf, Elf_Scn *scn)
{
	uint32_t cap_funcs = 0, cap_vars = 0;
	Elf_Data *data, *xdata = NULL;
	GElf_Shdr shdr;
	size_t i, n;
	int err;

	if (!gelf_getshdr(scn, &shdr) || !(data = elf_getdata(scn, NULL)) || !shdr.sh_entsize)
		return -EINVAL;
	n = shdr.sh_size / shdr.sh_entsize;
	{
		Elf_Scn *x = NULL;

		while ((x = elf_nextscn(elf, x))) {
			GElf_Shdr xs;

			if (gelf_getshdr(x, &xs) && xs.sh_type == SHT_SYMTAB_SHNDX &&
			    xs.sh_link == elf_ndxscn(scn))
				xdata = elf_getdata(x, NULL);
		}
	}
	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		Elf32_Word xndx = 0;
		const char *name;
		uint32_t shndx;
		int type;

		if (!gelf_getsymshndx(data, xdata, i, &sym, &xndx))
			return -EINVAL;
		shndx = sym.st_shndx == SHN_XINDEX ? xndx : sym.st_shndx;
		if (shndx == SHN_UNDEF || shndx >= st->nr_secs)
			continue;
		type = GELF_ST_TYPE(sym.st_info);
		if (type != STT_FUNC && type != STT_OBJECT)
			continue;
		name = elf_strptr(elf, shdr.sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		if (type == STT_FUNC) {
			err = vec_ensure((void **)&st->funcs, &cap_funcs, sizeof(*st->funcs),
					 st->nr_funcs + 1, 0x7fffffff);
			if (err)
				return err;
			st->funcs[st->nr_funcs].name = name;
			/* as the loaded DWARF sees it: ET_REL sections are laid out (elf_reloc.h)
			 */
			st->funcs[st->nr_funcs].addr =
				st->is_rel ? st->secs[shndx].addr + sym.st_value : sym.st_value;
			st->nr_funcs++;
		} else {
			struct elf_sym_var *v;

			err = vec_ensure((void **)&st->vars, &cap_vars, sizeof(*st->vars),
					 st->nr_vars + 1, 0x7fffffff);
			if (err)
				return err;
			v = &st->vars[st->nr_vars++];
			v->name = name;
			v->size = sym.st_size;
			v->shndx = shndx;
			/* ET_REL symbol values are section offsets already */
			v->offset = st->is_rel ? sym.st_value : sym.st_value - st->secs[shndx].addr;
		}
	}
	if (st->nr_funcs)
		qsort(st->funcs, st->nr_funcs, sizeof(*st->funcs), cmp_func);
	if (st->nr_vars)
		qsort(st->vars, st->nr_vars, sizeof(*st->vars), cmp_var);
	return 0;
}

#define BTF_SET8_KFUNCS (1u << 0)
#define SET8_PREFIX "__BTF_ID__set8__"
#define FUNC_PREFIX "__BTF_ID__func__"

struct set8 {
	uint64_t start, end; /* symbol value range of the set */
};

static int cmp_kfunc(const void *a, const void *b)
{
	return strcmp(((const struct elf_kfunc *)a)->name, ((const struct elf_kfunc *)b)->name);
}

/*
 * the u32 at symbol value @value of the .BTF_ids section, in the file's byte
 * order (libelf does not convert a PROGBITS section)
 */
static bool ids_word(const struct elf_symtab *st, Elf_Data *data, uint32_t shndx, uint64_t value,
		     uint32_t *out)
{
	uint64_t off = st->is_rel ? value : value - st->secs[shndx].addr;
	const unsigned char *p;

	if (off + 4 > data->d_size)
		return false;
	p = (const unsigned char *)data->d_buf + off;
	if (st->big_endian)
		*out = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	else
		*out = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
	return true;
}

/*
 * The kernel lists its kfuncs in .BTF_ids: a BTF_SET8 (symbol
 * __BTF_ID__set8__<set>, sized to its end) whose flags word has
 * BTF_SET8_KFUNCS holds __BTF_ID__func__<name>__<n> entries, each an ID
 * word followed by that function's flags word.
 */
static int read_kfuncs(struct elf_symtab *st, Elf *elf, Elf_Scn *symscn)
{
	struct set8 sets[256];
	unsigned int nr_sets = 0, pass, k;
	Elf_Scn *scn = NULL, *ids = NULL;
	uint32_t ids_shndx = 0, cap = 0;
	Elf_Data *data, *syms;
	GElf_Shdr shdr;
	size_t i, n;

	while ((scn = elf_nextscn(elf, scn))) {
		size_t idx = elf_ndxscn(scn);

		if (idx < st->nr_secs && !strcmp(st->secs[idx].name, ".BTF_ids")) {
			ids = scn;
			ids_shndx = idx;
		}
	}
	if (!ids || !symscn || !gelf_getshdr(symscn, &shdr) || !shdr.sh_entsize)
		return 0;
	data = elf_getdata(ids, NULL);
	syms = elf_getdata(symscn, NULL);
	if (!data || !data->d_buf || !syms)
		return 0;
	n = shdr.sh_size / shdr.sh_entsize;
	/* pass 0: the kfunc sets; pass 1: the functions inside them */
	for (pass = 0; pass < 2; pass++) {
		for (i = 1; i < n; i++) {
			GElf_Sym sym;
			const char *name;
			uint32_t flags;

			if (!gelf_getsym(syms, i, &sym) || sym.st_shndx != ids_shndx)
				continue;
			name = elf_strptr(elf, shdr.sh_link, sym.st_name);
			if (!name)
				continue;
			if (pass == 0 && !strncmp(name, SET8_PREFIX, strlen(SET8_PREFIX))) {
				if (nr_sets < ARRAY_SIZE(sets) &&
				    ids_word(st, data, ids_shndx, sym.st_value + 4, &flags) &&
				    (flags & BTF_SET8_KFUNCS)) {
					sets[nr_sets].start = sym.st_value;
					sets[nr_sets].end = sym.st_value + sym.st_size;
					nr_sets++;
				}
				continue;
			}
			if (pass == 1 && !strncmp(name, FUNC_PREFIX, strlen(FUNC_PREFIX))) {
				const char *fn = name + strlen(FUNC_PREFIX),
					   *end = strrchr(fn, '_');
				struct elf_kfunc *kf;

				for (k = 0; k < nr_sets; k++)
					if (sym.st_value >= sets[k].start + 8 &&
					    sym.st_value < sets[k].end)
						break;
				/* the name ends in "__<n>" */
				if (k == nr_sets || !end || end <= fn + 1 || end[-1] != '_')
					continue;
				if (vec_ensure((void **)&st->kfuncs, &cap, sizeof(*st->kfuncs),
					       st->nr_kfuncs + 1, 0x7fffffff))
					return -ENOMEM;
				kf = &st->kfuncs[st->nr_kfuncs];
				kf->name = strndup(fn, end - 1 - fn);
				if (!kf->name)
					return -ENOMEM;
				if (!ids_word(st, data, ids_shndx, sym.st_value + 4, &kf->flags))
					kf->flags = 0;
				st->nr_kfuncs++;
			}
		}
	}
	if (st->nr_kfuncs)
		qsort(st->kfuncs, st->nr_kfuncs, sizeof(*st->kfuncs), cmp_kfunc);
	return 0;
}

/*
 * the first func of each name (the array is sorted by name) by the hash of
 * the name: a lookup per function of each CU, where a binary search
 * compared a dozen names of a kernel's 60,000 symbols
 */
static int index_funcs(struct elf_symtab *st)
{
	uint32_t cap = 16, i;

	if (!st->nr_funcs)
		return 0;
	while (cap < 2 * (uint64_t)st->nr_funcs)
		cap <<= 1;
	st->func_slots = calloc(cap, sizeof(*st->func_slots));
	if (!st->func_slots)
		return -ENOMEM;
	st->nr_func_slots = cap;
	for (i = 0; i < st->nr_funcs; i++) {
		uint32_t k;

		if (i && !strcmp(st->funcs[i - 1].name, st->funcs[i].name))
			continue;
		k = strmap__hash(st->funcs[i].name) & (cap - 1);
		while (st->func_slots[k])
			k = (k + 1) & (cap - 1);
		st->func_slots[k] = i + 1;
	}
	return 0;
}

int elf_symtab__new(Elf *elf, const char *path, struct elf_symtab **out)
{
	struct elf_symtab *st = calloc(1, sizeof(*st));
	Elf_Scn *symscn;
	GElf_Ehdr ehdr;
	int err;

	*out = NULL;
	if (!st)
		return -ENOMEM;
	if (!gelf_getehdr(elf, &ehdr)) {
		err = -EINVAL;
		goto err_free;
	}
	st->is_rel = ehdr.e_type == ET_REL;
	st->big_endian = ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
	st->machine = ehdr.e_machine;
	err = read_sections(st, elf, &symscn);
	if (!err && symscn)
		err = read_symbols(st, elf, symscn);
	if (!err)
		err = read_kfuncs(st, elf, symscn);
	if (!err)
		err = index_funcs(st);
	if (err) {
		if (err == -EINVAL && path)
			pr_err("'%s': corrupt symbol table", path);
		goto err_free;
	}
	*out = st;
	return 0;
err_free:
	elf_symtab__free(st);
	return err;
}

void elf_symtab__free(struct elf_symtab *st)
{
	if (!st)
		return;
	while (st->nr_kfuncs)
		free(st->kfuncs[--st->nr_kfuncs].name);
	free(st->kfuncs);
	free(st->funcs);
	free(st->func_slots);
	free(st->vars);
	free(st->secs);
	free(st);
}

const struct elf_sym_func *elf_symtab__find_func(const struct elf_symtab *st, const char *name)
{
	uint32_t k, i, lo = 0, hi = st->nr_funcs;

	if (!st->nr_func_slots) {
		/* a table not made by elf_symtab__new(): the sorted array alone */
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (strcmp(st->funcs[mid].name, name) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < st->nr_funcs && !strcmp(st->funcs[lo].name, name) ? &st->funcs[lo]
									      : NULL;
	}
	for (k = strmap__hash(name) & (st->nr_func_slots - 1); (i = st->func_slots[k]);
	     k = (k + 1) & (st->nr_func_slots - 1))
		if (!strcmp(st->funcs[i - 1].name, name))
			return &st->funcs[i - 1];
	return NULL;
}

const struct elf_sym_var *elf_symtab__find_var(const struct elf_symtab *st, uint32_t shndx,
					       uint64_t offset, const char *name)
{
	struct elf_sym_var key = {.shndx = shndx, .offset = offset, .name = name};
	uint32_t lo = 0, hi = st->nr_vars;

	/* the symbols are sorted by (section, offset, name): find the key itself */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (cmp_var(&st->vars[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < st->nr_vars && !cmp_var(&st->vars[lo], &key))
		return &st->vars[lo];
	return NULL;
}

uint32_t elf_symtab__sec_of_addr(const struct elf_symtab *st, uint64_t addr)
{
	uint32_t i;

	for (i = 1; i < st->nr_secs; i++) {
		const struct elf_sec_info *s = &st->secs[i];

		if ((s->flags & SHF_ALLOC) && addr >= s->addr && addr < s->addr + s->size)
			return i;
	}
	return 0;
}

bool elf_symtab__has_func_at(const struct elf_symtab *st, const char *name, uint64_t addr)
{
	const struct elf_sym_func *f = elf_symtab__find_func(st, name);

	for (; f && f < st->funcs + st->nr_funcs && !strcmp(f->name, name); f++)
		if (f->addr == addr)
			return true;
	return false;
}
