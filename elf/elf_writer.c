// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The ELF writer: stores encoded BTF as a raw file or as sections of an
 * existing ELF file. libelf reads and validates the input (through a
 * private mapping) and translates headers to the file's class and byte
 * order; the output is the input's bytes copied with copy_file_range(),
 * plus the new section data and section header table written with pwrite()
 * into a temp file that is renamed over the target at the very end.
 * The temp file (and the rename) are synced to disk only when asked
 * (elf_writer__set_durable()): see docs/design.md, "Writing in place".
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "elf_writer.h"
#include "ew_private.h"
#include "log.h"

/* how one output section gets its bytes */
struct ew_out_sec {
	const void *data; /* new contents (sh_size bytes), borrowed */
	uint64_t clear;	  /* zero bytes to write after them (tail of a reused slot) */
	bool rewrite;	  /* write data (else the copied input bytes stay) */
	bool moved;	  /* needs a new place after all kept bytes */
};

/*
 * The output file: input bytes [0, copy_end) are copied unchanged, then the
 * rewritten sections and the section header table are written on top.
 */
struct ew_plan {
	size_t shnum;
	size_t shstrndx;
	GElf_Shdr *shdrs;	 /* [shnum] output section headers, owned */
	struct ew_out_sec *secs; /* [shnum], owned */
	char *shstr;		 /* new section name table if it changes, owned */
	uint64_t copy_end;
	uint64_t shoff;
	uint64_t size; /* size of the output file */
};

static void ew_plan_release(struct ew_plan *p)
{
	free(p->shdrs);
	free(p->secs);
	free(p->shstr);
	memset(p, 0, sizeof(*p));
}

/* round @v up to a multiple of @align (any value >= 1); false on overflow */
static bool ew_align_up(uint64_t v, uint64_t align, uint64_t *out)
{
	uint64_t r;

	if (align <= 1) {
		*out = v;
		return true;
	}
	r = v % align;
	if (!r) {
		*out = v;
		return true;
	}
	if (v > UINT64_MAX - (align - r))
		return false;
	*out = v + (align - r);
	return true;
}

/*
 * Offset in the (growing) name table @p->shstr of @name, appending it when
 * no existing string ends with it. @size is the current table size.
 */
static int ew_plan_name(struct ew_plan *p, size_t *size, const char *name, uint64_t *off)
{
	size_t len = strlen(name) + 1;
	const char *hit = memmem(p->shstr, *size, name, len);
	char *grown;

	if (hit) {
		*off = hit - p->shstr;
		return 0;
	}
	grown = realloc(p->shstr, *size + len);
	if (!grown)
		return -ENOMEM;
	p->shstr = grown;
	memcpy(p->shstr + *size, name, len);
	*off = *size;
	*size += len;
	return 0;
}

/* append a section header for a section that does not exist in the input */
static void ew_plan_add(struct ew_plan *p, uint64_t name, uint32_t type, const void *data,
			size_t size)
{
	GElf_Shdr *sh = &p->shdrs[p->shnum];

	memset(sh, 0, sizeof(*sh));
	sh->sh_name = name;
	sh->sh_type = type;
	sh->sh_size = size;
	sh->sh_addralign = 1;
	p->secs[p->shnum] = (struct ew_out_sec){.data = data, .rewrite = true, .moved = true};
	p->shnum++;
}

/*
 * How far input section @idx may grow in place: up to the first byte after
 * its start used by anything else (another section, the program or section
 * header table, a later segment, the end of the segment that holds it) or
 * the end of the file. The bytes it grows over must be zero when they lie
 * in a segment (*@in_segment), as they are part of the loaded image; that
 * is the case for the zeroed tail of a slot that an earlier rewrite shrank.
 */
static uint64_t ew_input_slot_end(const struct ew_input *in, size_t idx, bool *in_segment)
{
	const GElf_Shdr *sh = &in->shdrs[idx];
	uint64_t off = sh->sh_offset, end = in->st.st_size;
	size_t i;

	*in_segment = false;
	if (in->phnum && in->ehdr.e_phoff >= off && in->ehdr.e_phoff < end)
		end = in->ehdr.e_phoff;
	if (in->shnum && in->ehdr.e_shoff >= off && in->ehdr.e_shoff < end)
		end = in->ehdr.e_shoff;
	for (i = 1; i < in->shnum; i++) {
		const GElf_Shdr *o = &in->shdrs[i];

		if (i != idx && o->sh_type != SHT_NOBITS && o->sh_size && o->sh_offset >= off &&
		    o->sh_offset < end)
			end = o->sh_offset;
	}
	for (i = 0; i < in->phnum; i++) {
		const GElf_Phdr *ph = &in->phdrs[i];
		uint64_t seg_end = ph->p_offset + ph->p_filesz;

		if (!ph->p_filesz)
			continue;
		if (ph->p_offset > off && ph->p_offset < end)
			end = ph->p_offset;
		if (ph->p_offset <= off && off < seg_end) {
			*in_segment = true;
			if (seg_end < end)
				end = seg_end;
		}
	}
	return end > off + sh->sh_size ? end : off + sh->sh_size;
}

static bool ew_is_zero(const unsigned char *p, uint64_t size)
{
	while (size && !*p) {
		p++;
		size--;
	}
	return !size;
}

/* store new data for existing section @idx: in its slot if it fits, else mark it moved */
static int ew_plan_replace(struct ew_plan *p, const struct ew_input *in, size_t idx,
			   const char *name, const void *data, size_t size)
{
	GElf_Shdr *sh = &p->shdrs[idx];
	struct ew_out_sec *s = &p->secs[idx];
	uint64_t old = sh->sh_size, slot_end;
	bool in_segment;

	if (sh->sh_type == SHT_NOBITS) {
		pr_err("'%s': section '%s' has no data in the file and cannot be replaced",
		       in->path, name);
		return -EINVAL;
	}
	s->data = data;
	s->rewrite = true;
	sh->sh_size = size;
	if (size <= old) {
		s->clear = old - size;
		return 0;
	}
	slot_end = ew_input_slot_end(in, idx, &in_segment);
	if (size <= slot_end - sh->sh_offset &&
	    (!in_segment || ew_is_zero(in->image + sh->sh_offset + old, size - old)))
		return 0;
	if (sh->sh_flags & SHF_ALLOC) {
		pr_err("'%s': allocated section '%s' cannot grow from %llu to %zu bytes here",
		       in->path, name, (unsigned long long)old, size);
		return -EINVAL;
	}
	s->moved = true;
	return 0;
}

/* pass 1: output section headers, new name table and where each section's bytes come from */
static int ew_plan_sections(struct ew_plan *p, const struct ew_input *in,
			    const struct ew_section *secs, size_t nr_secs)
{
	size_t i, j, idx, count = 0, cap, str_size;
	uint64_t name;
	int err;

	cap = (in->shnum ?: 1) + nr_secs + 1;
	p->shdrs = calloc(cap, sizeof(*p->shdrs));
	p->secs = calloc(cap, sizeof(*p->secs));
	str_size = in->shnum ? in->shstr_size : 1;
	p->shstr = malloc(str_size ?: 1);
	if (!p->shdrs || !p->secs || !p->shstr)
		return -ENOMEM;
	if (in->shnum)
		memcpy(p->shstr, in->shstr, str_size);
	else
		p->shstr[0] = 0;
	if (in->shnum)
		memcpy(p->shdrs, in->shdrs, in->shnum * sizeof(*p->shdrs));
	p->shnum = in->shnum ?: 1;
	p->shstrndx = in->shstrndx;

	for (i = 0; i < nr_secs; i++) {
		const struct ew_section *s = &secs[i];

		if (!s->name || !*s->name || (!s->data && s->size)) {
			pr_err("'%s': invalid section %zu in request", in->path, i);
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (!strcmp(secs[j].name, s->name)) {
				pr_err("'%s': section '%s' given twice", in->path, s->name);
				return -EINVAL;
			}
		}
		idx = in->shnum ? ew_input__find(in, s->name, &count) : 0;
		if (count > 1) {
			pr_err("'%s': more than one section named '%s'", in->path, s->name);
			return -EINVAL;
		}
		if (idx && idx == in->shstrndx) {
			pr_err("'%s': the section name table '%s' cannot be replaced", in->path,
			       s->name);
			return -EINVAL;
		}
		if (idx) {
			err = ew_plan_replace(p, in, idx, s->name, s->data, s->size);
		} else {
			err = ew_plan_name(p, &str_size, s->name, &name);
			if (!err)
				ew_plan_add(p, name, SHT_PROGBITS, s->data, s->size);
		}
		if (err)
			return err;
	}

	if (!in->shnum) {
		/* no section header table yet: add one with its own name table */
		err = ew_plan_name(p, &str_size, ".shstrtab", &name);
		if (err)
			return err;
		p->shstrndx = p->shnum;
		ew_plan_add(p, name, SHT_STRTAB, p->shstr, str_size);
	} else if (str_size != in->shstr_size) {
		GElf_Shdr *sh = &p->shdrs[p->shstrndx];

		if (sh->sh_flags & SHF_ALLOC) {
			pr_err("'%s': the section name table is allocated and cannot grow",
			       in->path);
			return -EINVAL;
		}
		sh->sh_size = str_size;
		p->secs[p->shstrndx] =
			(struct ew_out_sec){.data = p->shstr, .rewrite = true, .moved = true};
	}
	return 0;
}

struct ew_move {
	uint64_t off;
	size_t idx;
};

static int ew_move_cmp(const void *a, const void *b)
{
	const struct ew_move *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* place section @idx at or after *@cur, at @pref if possible; advances *@cur */
static int ew_plan_place(struct ew_plan *p, size_t idx, uint64_t pref, uint64_t *cur)
{
	GElf_Shdr *sh = &p->shdrs[idx];
	uint64_t align = sh->sh_addralign ?: 1;
	uint64_t off;

	if (pref >= *cur && pref % align == 0)
		off = pref;
	else if (!ew_align_up(*cur, align, &off))
		return -EFBIG;
	if (off > UINT64_MAX - sh->sh_size)
		return -EFBIG;
	sh->sh_offset = off;
	*cur = off + sh->sh_size;
	return 0;
}

/*
 * Pass 2: file layout. Everything that is not moved keeps its offset, and
 * the bytes up to the end of the last of them are copied. Moved sections go
 * after that, in their input order (a moved section that already lies past
 * every kept byte, such as a growing name table at the end, stays where it
 * is), then the new sections, then the section header table.
 */
static int ew_plan_layout(struct ew_plan *p, const struct ew_input *in)
{
	size_t shentsize = gelf_fsize(in->elf, ELF_T_SHDR, 1, EV_CURRENT);
	bool is32 = gelf_getclass(in->elf) == ELFCLASS32;
	struct ew_move *moves = NULL;
	size_t i, nr_moves = 0;
	uint64_t cur, end, size;
	int err = 0;

	cur = in->hdr_end;
	for (i = 1; i < in->shnum; i++) {
		const GElf_Shdr *sh = &in->shdrs[i];

		if (p->secs[i].moved) {
			nr_moves++;
			continue;
		}
		if (sh->sh_type == SHT_NOBITS)
			continue;
		/* a slot keeps its old extent even when the new data is smaller */
		size = sh->sh_size > p->shdrs[i].sh_size ? sh->sh_size : p->shdrs[i].sh_size;
		end = sh->sh_offset + size;
		if (size && end > cur)
			cur = end;
	}
	if (!nr_moves && p->shnum == in->shnum) {
		/* same layout: only section contents and sizes change */
		p->copy_end = in->st.st_size;
		p->shoff = in->ehdr.e_shoff;
		p->size = in->st.st_size;
		return 0;
	}
	p->copy_end = cur;

	if (nr_moves) {
		moves = calloc(nr_moves, sizeof(*moves));
		if (!moves)
			return -ENOMEM;
		for (i = 1, nr_moves = 0; i < in->shnum; i++) {
			if (p->secs[i].moved)
				moves[nr_moves++] = (struct ew_move){in->shdrs[i].sh_offset, i};
		}
		qsort(moves, nr_moves, sizeof(*moves), ew_move_cmp);
	}
	for (i = 0; i < nr_moves && !err; i++)
		err = ew_plan_place(p, moves[i].idx, moves[i].off, &cur);
	for (i = in->shnum ?: 1; i < p->shnum && !err; i++)
		err = ew_plan_place(p, i, 0, &cur);
	free(moves);
	if (err)
		goto too_big;

	if (!ew_align_up(cur, is32 ? 4 : 8, &p->shoff) ||
	    p->shoff > UINT64_MAX - (uint64_t)p->shnum * shentsize)
		goto too_big;
	p->size = p->shoff + (uint64_t)p->shnum * shentsize;
	if (is32) {
		if (p->shoff > UINT32_MAX)
			goto too_big;
		for (i = 0; i < p->shnum; i++) {
			if (p->shdrs[i].sh_offset > UINT32_MAX || p->shdrs[i].sh_size > UINT32_MAX)
				goto too_big;
		}
	}
	return 0;
too_big:
	pr_err("'%s': the new file would be too large for its ELF class", in->path);
	return -EFBIG;
}

/* translate @size bytes of @type records from memory to file order */
static int ew_to_file(const struct ew_input *in, void *dst, const void *src, size_t size,
		      Elf_Type type)
{
	Elf_Data d = {.d_buf = dst, .d_size = size, .d_version = EV_CURRENT};
	Elf_Data s = {
		.d_buf = (void *)src, .d_type = type, .d_size = size, .d_version = EV_CURRENT};

	if (!gelf_xlatetof(in->elf, &d, &s, in->ehdr.e_ident[EI_DATA])) {
		pr_err("'%s': cannot translate headers: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	return 0;
}

/* the new section header table, in file order, into a malloc()ed buffer */
static int ew_encode_shdrs(const struct ew_plan *p, const struct ew_input *in, void **out,
			   size_t *out_size)
{
	bool is32 = gelf_getclass(in->elf) == ELFCLASS32;
	size_t i, n = p->shnum, size;
	void *mem, *file;
	int err;

	size = n * (is32 ? sizeof(Elf32_Shdr) : sizeof(Elf64_Shdr));
	mem = malloc(size);
	file = malloc(size);
	if (!mem || !file) {
		free(mem);
		free(file);
		pr_err("'%s': %s", in->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const GElf_Shdr *g = &p->shdrs[i];

		if (is32) {
			((Elf32_Shdr *)mem)[i] = (Elf32_Shdr){
				.sh_name = g->sh_name,
				.sh_type = g->sh_type,
				.sh_flags = g->sh_flags,
				.sh_addr = g->sh_addr,
				.sh_offset = g->sh_offset,
				.sh_size = g->sh_size,
				.sh_link = g->sh_link,
				.sh_info = g->sh_info,
				.sh_addralign = g->sh_addralign,
				.sh_entsize = g->sh_entsize,
			};
		} else {
			((Elf64_Shdr *)mem)[i] = *g;
		}
	}
	err = ew_to_file(in, file, mem, size, ELF_T_SHDR);
	free(mem);
	if (err) {
		free(file);
		return err;
	}
	*out = file;
	*out_size = size;
	return 0;
}

/* the ELF header pointing to the new section header table, in file order */
static int ew_encode_ehdr(const struct ew_plan *p, const struct ew_input *in, void *out,
			  size_t *out_size)
{
	GElf_Ehdr g = in->ehdr;
	Elf32_Ehdr e32;

	if (p->shnum) {
		g.e_shoff = p->shoff;
		g.e_shentsize = gelf_fsize(in->elf, ELF_T_SHDR, 1, EV_CURRENT);
		g.e_shnum = p->shnum >= SHN_LORESERVE ? 0 : p->shnum;
		g.e_shstrndx = p->shstrndx >= SHN_LORESERVE ? SHN_XINDEX : p->shstrndx;
	}
	if (gelf_getclass(in->elf) == ELFCLASS64) {
		*out_size = sizeof(Elf64_Ehdr);
		return ew_to_file(in, out, &g, sizeof(g), ELF_T_EHDR);
	}
	memcpy(e32.e_ident, g.e_ident, EI_NIDENT);
	e32.e_type = g.e_type;
	e32.e_machine = g.e_machine;
	e32.e_version = g.e_version;
	e32.e_entry = g.e_entry;
	e32.e_phoff = g.e_phoff;
	e32.e_shoff = g.e_shoff;
	e32.e_flags = g.e_flags;
	e32.e_ehsize = g.e_ehsize;
	e32.e_phentsize = g.e_phentsize;
	e32.e_phnum = g.e_phnum;
	e32.e_shentsize = g.e_shentsize;
	e32.e_shnum = g.e_shnum;
	e32.e_shstrndx = g.e_shstrndx;
	*out_size = sizeof(e32);
	return ew_to_file(in, out, &e32, sizeof(e32), ELF_T_EHDR);
}

/* copy input bytes [0, len) to @fd: in the kernel if possible, else from libelf's mapping */
static int ew_copy_prefix(const struct ew_input *in, int fd, uint64_t len)
{
	loff_t in_off = 0, out_off = 0;
	const char *image;
	size_t image_size;

	while ((uint64_t)in_off < len) {
		uint64_t left = len - in_off;
		ssize_t n = copy_file_range(in->fd, &in_off, fd, &out_off,
					    left < EW_IO_CHUNK ? left : EW_IO_CHUNK, 0);

		if (n > 0)
			continue;
		if (n == 0)
			return -EIO; /* the input shrank under us */
		if (errno == EINTR)
			continue;
		if (errno != ENOSYS && errno != EXDEV && errno != EINVAL && errno != EOPNOTSUPP)
			return -errno;
		break;
	}
	if ((uint64_t)in_off == len)
		return 0;
	image = elf_rawfile(in->elf, &image_size);
	if (!image || image_size < len)
		return -EIO;
	return ew_io__pwrite_all(fd, image + in_off, len - in_off, in_off);
}

/* pass 3: write the planned file into the temp file */
static int ew_write_plan(const struct ew_plan *p, const struct ew_input *in, int fd)
{
	unsigned char ehdr[sizeof(Elf64_Ehdr)];
	void *shdrs = NULL;
	size_t i, size;
	int err;

	err = ew_copy_prefix(in, fd, p->copy_end);
	if (!err && ftruncate(fd, p->size))
		err = -errno;
	for (i = 0; i < p->shnum && !err; i++) {
		const struct ew_out_sec *s = &p->secs[i];
		const GElf_Shdr *sh = &p->shdrs[i];

		if (!s->rewrite)
			continue;
		err = ew_io__pwrite_all(fd, s->data, sh->sh_size, sh->sh_offset);
		if (!err && s->clear)
			err = ew_io__pzero(fd, s->clear, sh->sh_offset + sh->sh_size);
	}
	if (err) {
		pr_err("'%s': cannot write temp file: %s", in->path, errstr(err));
		return err;
	}
	/* the encoders log their own errors */
	if (p->shnum) {
		err = ew_encode_shdrs(p, in, &shdrs, &size);
		if (err)
			return err;
		err = ew_io__pwrite_all(fd, shdrs, size, p->shoff);
		free(shdrs);
	}
	if (!err) {
		err = ew_encode_ehdr(p, in, ehdr, &size);
		if (err)
			return err;
		err = ew_io__pwrite_all(fd, ehdr, size, 0);
	}
	if (err)
		pr_err("'%s': cannot write headers to temp file: %s", in->path, errstr(err));
	return err;
}

int elf_writer__set_sections(const char *path, const struct ew_section *secs, size_t nr_secs)
{
	struct ew_tmp tmp = {.fd = -1, .live = -1};
	struct ew_plan plan = {};
	struct ew_input in;
	char *target;
	int err;

	target = ew__resolve(path);
	if (!target)
		return -ENOMEM;
	err = ew_input__open(&in, target, path);
	if (err || !nr_secs)
		goto out;
	err = ew_plan_sections(&plan, &in, secs, nr_secs);
	if (!err)
		err = ew_plan_layout(&plan, &in);
	if (err) {
		if (err == -ENOMEM)
			pr_err("'%s': %s", path, errstr(err));
		goto out;
	}
	/* the section header 0 fields that hold large counts (extended numbering) */
	if (plan.shnum >= SHN_LORESERVE)
		plan.shdrs[0].sh_size = plan.shnum;
	if (plan.shstrndx >= SHN_LORESERVE)
		plan.shdrs[0].sh_link = plan.shstrndx;

	err = ew_tmp__create(&tmp, target, 0600);
	if (err) {
		pr_err("'%s': cannot create temp file in directory: %s", path, errstr(err));
		goto out;
	}
	err = ew_write_plan(&plan, &in, tmp.fd);
	if (!err)
		err = ew_tmp__commit(&tmp, path, target, &in.st);
out:
	ew_tmp__discard(&tmp);
	ew_plan_release(&plan);
	ew_input__close(&in);
	free(target);
	return err;
}
