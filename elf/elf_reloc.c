// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Relocating the DWARF of an ET_REL file ourselves (see elf_reloc.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "elf_reloc.h"
#include "elf_units.h"
#include "vec.h"

/* libdwfl places a lone object's first section here, so that no symbol is at 0 */
#define FIRST_ADDRESS 0x10000

#ifndef R_AARCH64_ABS64
#define R_AARCH64_ABS64 257
#define R_AARCH64_ABS32 258
#endif

/* the absolute relocations DWARF uses, per machine: S + A into 4 or 8 bytes */
struct rel_kind {
	uint16_t machine;
	uint32_t type;
	uint8_t size; /* 0: nothing to do */
	int8_t sign;  /* 4 bytes: the value is 1 unsigned, -1 signed, 0 either */
};

static const struct rel_kind rel_kinds[] = {
	{EM_X86_64, R_X86_64_NONE, 0, 0},    {EM_X86_64, R_X86_64_64, 8, 0},
	{EM_X86_64, R_X86_64_32, 4, 1},	     {EM_X86_64, R_X86_64_32S, 4, -1},
	{EM_AARCH64, R_AARCH64_NONE, 0, 0},  {EM_AARCH64, R_AARCH64_ABS64, 8, 0},
	{EM_AARCH64, R_AARCH64_ABS32, 4, 0},
};

static const struct rel_kind *rel_kind(uint16_t machine, uint32_t type)
{
	size_t i;

	for (i = 0; i < sizeof(rel_kinds) / sizeof(rel_kinds[0]); i++)
		if (rel_kinds[i].machine == machine && rel_kinds[i].type == type)
			return &rel_kinds[i];
	return NULL;
}

static bool machine_known(uint16_t machine)
{
	size_t i;

	for (i = 0; i < sizeof(rel_kinds) / sizeof(rel_kinds[0]); i++)
		if (rel_kinds[i].machine == machine)
			return true;
	return false;
}

/* does @v fit the 4 bytes of @k? */
static bool fits32(const struct rel_kind *k, uint64_t v)
{
	if (k->sign > 0)
		return v <= UINT32_MAX;
	if (k->sign < 0)
		return (int64_t)v == (int32_t)v;
	return v <= UINT32_MAX || (int64_t)v >= INT32_MIN;
}

struct reloc_ctx {
	struct elf_reloc *r;
	uint16_t machine;
	size_t shnum, shstrndx;
	uint64_t *addr; /* per section: its address, 0 when not SHF_ALLOC */
	bool *copied;	/* per section: relocated in a copy of ours already */
};

static int keep_buf(struct elf_reloc *r, void *buf)
{
	int err = vec_ensure((void **)&r->bufs, &r->cap_bufs, sizeof(*r->bufs), r->nr_bufs + 1,
			     0xffffff);

	if (err)
		return err;
	r->bufs[r->nr_bufs++] = buf;
	return 0;
}

/* the SHF_ALLOC sections one after the other, each at its alignment */
static int layout(struct reloc_ctx *x)
{
	Elf_Scn *scn = NULL;
	uint64_t end = FIRST_ADDRESS;

	while ((scn = elf_nextscn(x->r->elf, scn))) {
		size_t i = elf_ndxscn(scn);
		uint64_t align;
		GElf_Shdr sh;

		if (i >= x->shnum || !gelf_getshdr(scn, &sh))
			return -EOPNOTSUPP;
		if (!(sh.sh_flags & SHF_ALLOC))
			continue;
		align = sh.sh_addralign ?: 1;
		/* placed already, or sizes no layout can hold: libdwfl's business */
		if (sh.sh_addr || (align & (align - 1)) || align > (1u << 30) ||
		    sh.sh_size > (1ull << 40) || end > (1ull << 41))
			return -EOPNOTSUPP;
		sh.sh_addr = (end + align - 1) & ~(align - 1);
		end = sh.sh_addr + sh.sh_size;
		if (!gelf_update_shdr(scn, &sh))
			return -EOPNOTSUPP;
		x->addr[i] = sh.sh_addr;
	}
	return 0;
}

/* S of S + A: the value of symbol @symi, placed by layout() */
static int sym_value(const struct reloc_ctx *x, const Elf_Data *syms, const Elf_Data *xndx,
		     uint64_t symi, uint64_t *v)
{
	Elf64_Sym sym;
	uint32_t shndx;

	if (!symi) {
		*v = 0;
		return 0;
	}
	if (symi >= syms->d_size / sizeof(sym))
		return -EOPNOTSUPP;
	memcpy(&sym, (const char *)syms->d_buf + symi * sizeof(sym), sizeof(sym));
	shndx = sym.st_shndx;
	if (shndx == SHN_XINDEX) {
		if (!xndx || symi >= xndx->d_size / sizeof(uint32_t))
			return -EOPNOTSUPP;
		memcpy(&shndx, (const char *)xndx->d_buf + symi * sizeof(uint32_t), sizeof(shndx));
	} else if (shndx == SHN_ABS) {
		*v = sym.st_value;
		return 0;
	} else if (shndx >= SHN_LORESERVE) {
		return -EOPNOTSUPP; /* SHN_COMMON and the like */
	}
	/* undefined: libdwfl would look in other modules; leave it to libdwfl */
	if (shndx == SHN_UNDEF || shndx >= x->shnum)
		return -EOPNOTSUPP;
	*v = x->addr[shndx] + sym.st_value;
	return 0;
}

/* *@out: the data of debug section @scn, in a writable copy of ours */
static int writable_data(struct reloc_ctx *x, Elf_Scn *scn, const GElf_Shdr *sh, Elf_Data **out)
{
	size_t i = elf_ndxscn(scn);
	Elf_Data *d;
	void *buf;

	if (sh->sh_type == SHT_NOBITS)
		return -EOPNOTSUPP;
	if (x->copied[i]) {
		*out = elf_getdata(scn, NULL);
		return *out ? 0 : -EOPNOTSUPP;
	}
	/* decompressed by libelf into memory of its own, which can be written */
	if ((sh->sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
		return -EOPNOTSUPP;
	/* one piece of data, as libdw reads it */
	d = elf_getdata(scn, NULL);
	if (!d || !d->d_buf || elf_getdata(scn, d))
		return -EOPNOTSUPP;
	if (!(sh->sh_flags & SHF_COMPRESSED)) {
		/* in the file's mapping: copied */
		buf = malloc(d->d_size ?: 1);
		if (!buf || keep_buf(x->r, buf)) {
			free(buf);
			return -ENOMEM;
		}
		memcpy(buf, d->d_buf, d->d_size);
		d->d_buf = buf;
	}
	x->copied[i] = true;
	*out = d;
	return 0;
}

/* apply RELA section @rscn if it relocates a debug section */
static int relocate(struct reloc_ctx *x, Elf_Scn *rscn, const GElf_Shdr *rsh)
{
	Elf *elf = x->r->elf;
	Elf_Scn *tscn = rsh->sh_info < x->shnum ? elf_getscn(elf, rsh->sh_info) : NULL;
	Elf_Scn *symscn = rsh->sh_link < x->shnum ? elf_getscn(elf, rsh->sh_link) : NULL;
	Elf_Data *rels, *syms, *xndx = NULL, *data;
	const struct rel_kind *k = NULL;
	uint64_t last_sym = UINT64_MAX, s = 0;
	uint32_t last_type = UINT32_MAX;
	GElf_Shdr tsh, symsh;
	const char *name;
	size_t i, n;
	int xi, err;

	if (!tscn || !gelf_getshdr(tscn, &tsh))
		return -EOPNOTSUPP;
	if (tsh.sh_flags & SHF_ALLOC)
		return 0; /* code and data, not DWARF */
	name = elf_strptr(elf, x->shstrndx, tsh.sh_name);
	if (!name)
		return -EOPNOTSUPP;
	if (!strncmp(name, ".zdebug", 7))
		return -EOPNOTSUPP;
	if (strncmp(name, ".debug_", 7))
		return 0;
	if (rsh->sh_type != SHT_RELA || rsh->sh_entsize != sizeof(Elf64_Rela) || !symscn ||
	    !gelf_getshdr(symscn, &symsh) || symsh.sh_type != SHT_SYMTAB ||
	    symsh.sh_entsize != sizeof(Elf64_Sym))
		return -EOPNOTSUPP;
	rels = elf_getdata(rscn, NULL);
	syms = elf_getdata(symscn, NULL);
	if (!rels || !syms || !rels->d_buf || !syms->d_buf)
		return -EOPNOTSUPP;
	xi = elf_scnshndx(symscn); /* -1 or 0: none */
	if (xi > 0) {
		Elf_Scn *xs = elf_getscn(elf, xi);

		xndx = xs ? elf_getdata(xs, NULL) : NULL;
		if (!xndx || !xndx->d_buf)
			return -EOPNOTSUPP;
	}
	err = writable_data(x, tscn, &tsh, &data);
	if (err)
		return err;
	n = rels->d_size / sizeof(Elf64_Rela);
	/*
	 * most relocations of a section have the type and the symbol of the
	 * one before (.debug_info's name against .debug_str's section
	 * symbol): both are looked up only when they change
	 */
	for (i = 0; i < n; i++) {
		Elf64_Rela rel;
		uint64_t v;
		uint32_t v32;

		memcpy(&rel, (const char *)rels->d_buf + i * sizeof(rel), sizeof(rel));
		if (!k || ELF64_R_TYPE(rel.r_info) != last_type) {
			last_type = ELF64_R_TYPE(rel.r_info);
			k = rel_kind(x->machine, last_type);
			if (!k)
				return -EOPNOTSUPP;
		}
		if (!k->size)
			continue;
		if (data->d_size < k->size || rel.r_offset > data->d_size - k->size)
			return -EOPNOTSUPP;
		if (ELF64_R_SYM(rel.r_info) != last_sym) {
			last_sym = ELF64_R_SYM(rel.r_info);
			if (sym_value(x, syms, xndx, last_sym, &s))
				return -EOPNOTSUPP;
		}
		v = s + rel.r_addend;
		if (k->size == 8) {
			memcpy((char *)data->d_buf + rel.r_offset, &v, 8);
		} else {
			/* a value the field cannot hold: libdwfl's to report */
			if (!fits32(k, v))
				return -EOPNOTSUPP;
			v32 = v;
			memcpy((char *)data->d_buf + rel.r_offset, &v32, 4);
		}
		x->r->nr_relocs++;
	}
	return 0;
}

static int relocate_all(struct elf_reloc *r)
{
	struct reloc_ctx x = {.r = r};
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	int i, err = 0;

	if (!gelf_getehdr(r->elf, &eh) || eh.e_type != ET_REL || !machine_known(eh.e_machine) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__)
		return -EOPNOTSUPP;
	x.machine = eh.e_machine;
	if (elf_getshdrnum(r->elf, &x.shnum) || elf_getshdrstrndx(r->elf, &x.shstrndx) || !x.shnum)
		return -EOPNOTSUPP;
	x.addr = calloc(x.shnum, sizeof(*x.addr));
	x.copied = calloc(x.shnum, sizeof(*x.copied));
	if (!x.addr || !x.copied) {
		err = -ENOMEM;
		goto out;
	}
	err = layout(&x);
	while (!err && (scn = elf_nextscn(r->elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh)) {
			err = -EOPNOTSUPP;
			break;
		}
		if (sh.sh_type == SHT_RELA || sh.sh_type == SHT_REL)
			err = relocate(&x, scn, &sh);
	}
	/* type units in section groups (gcc -fdebug-types-section) */
	for (i = 0; !err && i < 2; i++) {
		void *buf;

		err = elf_units__join(r->elf, x.shstrndx, i ? ".debug_types" : ".debug_info", &buf);
		if (!err && buf && keep_buf(r, buf)) {
			free(buf);
			err = -ENOMEM;
		}
	}
out:
	free(x.addr);
	free(x.copied);
	return err;
}

void elf_reloc__close(struct elf_reloc *r)
{
	uint32_t i;

	if (r->dw)
		dwarf_end(r->dw);
	if (r->elf) {
		elf_end(r->elf);
		close(r->fd);
	}
	for (i = 0; i < r->nr_bufs; i++)
		free(r->bufs[i]);
	free(r->bufs);
	memset(r, 0, sizeof(*r));
}

int elf_reloc__open(const char *path, struct elf_reloc *r)
{
	int err;

	memset(r, 0, sizeof(*r));
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0)
		return -EOPNOTSUPP;
	/* private and writable: layout() writes section addresses into the headers */
	r->elf = elf_begin(r->fd, ELF_C_READ_MMAP_PRIVATE, NULL);
	if (!r->elf) {
		close(r->fd);
		return -EOPNOTSUPP;
	}
	err = relocate_all(r);
	if (!err) {
		r->dw = dwarf_begin_elf(r->elf, DWARF_C_READ, NULL);
		if (!r->dw)
			err = -EOPNOTSUPP;
	}
	if (err)
		elf_reloc__close(r);
	return err;
}
