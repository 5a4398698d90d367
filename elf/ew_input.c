// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The writer's input: an ELF file opened read only through libelf, its
 * headers copied out and checked; elf_writer__read_section().
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

void ew_input__close(struct ew_input *in)
{
	free(in->shdrs);
	in->shdrs = NULL;
	free(in->phdrs);
	in->phdrs = NULL;
	if (in->elf)
		elf_end(in->elf);
	in->elf = NULL;
	if (in->fd >= 0)
		close(in->fd);
	in->fd = -1;
}

/* true if [off, off + size) lies within the input file */
bool ew_input__has_range(const struct ew_input *in, uint64_t off, uint64_t size)
{
	uint64_t fsize = in->st.st_size;

	return off <= fsize && size <= fsize - off;
}

static int ew_input_read_phdrs(struct ew_input *in)
{
	size_t phnum, i;
	uint64_t size;

	if (elf_getphdrnum(in->elf, &phnum)) {
		pr_err("'%s': invalid program header count: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	in->hdr_end = gelf_fsize(in->elf, ELF_T_EHDR, 1, EV_CURRENT);
	if (phnum) {
		size = (uint64_t)phnum * gelf_fsize(in->elf, ELF_T_PHDR, 1, EV_CURRENT);
		if (!ew_input__has_range(in, in->ehdr.e_phoff, size)) {
			pr_err("'%s': program headers extend past the end of the file", in->path);
			return -EINVAL;
		}
		if (in->ehdr.e_phoff + size > in->hdr_end)
			in->hdr_end = in->ehdr.e_phoff + size;
	}
	in->phdrs = calloc(phnum ?: 1, sizeof(*in->phdrs));
	if (!in->phdrs) {
		pr_err("'%s': %s", in->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	in->phnum = phnum;
	for (i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(in->elf, i, &ph)) {
			pr_err("'%s': cannot read program header %zu: %s", in->path, i,
			       elf_errmsg(-1));
			return -EINVAL;
		}
		if (!ph.p_filesz)
			continue;
		if (!ew_input__has_range(in, ph.p_offset, ph.p_filesz)) {
			pr_err("'%s': segment %zu extends past the end of the file", in->path, i);
			return -EINVAL;
		}
		in->phdrs[i] = ph;
		if (ph.p_offset + ph.p_filesz > in->hdr_end)
			in->hdr_end = ph.p_offset + ph.p_filesz;
	}
	if (in->hdr_end > (uint64_t)in->st.st_size) {
		pr_err("'%s': truncated ELF header", in->path);
		return -EINVAL;
	}
	return 0;
}

static int ew_input_read_shdrs(struct ew_input *in)
{
	const GElf_Shdr *sh;
	Elf_Data *d;
	size_t i;

	if (elf_getshdrnum(in->elf, &in->shnum) || elf_getshdrstrndx(in->elf, &in->shstrndx)) {
		pr_err("'%s': invalid section header table: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	if (!in->shnum)
		return 0;
	in->shdrs = calloc(in->shnum, sizeof(*in->shdrs));
	if (!in->shdrs) {
		pr_err("'%s': %s", in->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	for (i = 0; i < in->shnum; i++) {
		Elf_Scn *scn = elf_getscn(in->elf, i);

		if (!scn || !gelf_getshdr(scn, &in->shdrs[i])) {
			pr_err("'%s': cannot read section header %zu: %s", in->path, i,
			       elf_errmsg(-1));
			return -EINVAL;
		}
		sh = &in->shdrs[i];
		if (i && sh->sh_type != SHT_NOBITS && sh->sh_size &&
		    !ew_input__has_range(in, sh->sh_offset, sh->sh_size)) {
			pr_err("'%s': section %zu extends past the end of the file", in->path, i);
			return -EINVAL;
		}
	}
	if (!in->shstrndx || in->shstrndx >= in->shnum ||
	    in->shdrs[in->shstrndx].sh_type == SHT_NOBITS) {
		pr_err("'%s': no section name table", in->path);
		return -EINVAL;
	}
	d = elf_rawdata(elf_getscn(in->elf, in->shstrndx), NULL);
	if (!d) {
		pr_err("'%s': cannot read the section name table: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	in->shstr = d->d_buf;
	in->shstr_size = d->d_size;
	return 0;
}

/*
 * Open @path and read its headers; @name is the path for messages. On
 * failure this logs, and the caller must still call ew_input__close().
 */
int ew_input__open(struct ew_input *in, const char *path, const char *name)
{
	int err;

	memset(in, 0, sizeof(*in));
	in->path = name;
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		err = -errno;
		pr_err("'%s': cannot open: %s", name, errstr(err));
		return err;
	}
	if (fstat(in->fd, &in->st)) {
		err = -errno;
		pr_err("'%s': cannot stat: %s", name, errstr(err));
		return err;
	}
	if (!S_ISREG(in->st.st_mode)) {
		pr_err("'%s': not a regular file", name);
		return -EINVAL;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		pr_err("'%s': libelf is too old: %s", name, elf_errmsg(-1));
		return -EINVAL;
	}
	in->elf = elf_begin(in->fd, ELF_C_READ_MMAP, NULL);
	if (!in->elf || elf_kind(in->elf) != ELF_K_ELF) {
		pr_err("'%s': not an ELF file", name);
		return -EINVAL;
	}
	if (!gelf_getehdr(in->elf, &in->ehdr)) {
		pr_err("'%s': invalid ELF header: %s", name, elf_errmsg(-1));
		return -EINVAL;
	}
	in->image = (const unsigned char *)elf_rawfile(in->elf, NULL);
	if (!in->image) {
		pr_err("'%s': cannot map: %s", name, elf_errmsg(-1));
		return -EINVAL;
	}
	err = ew_input_read_phdrs(in);
	return err ?: ew_input_read_shdrs(in);
}

/* the name of input section @idx, or NULL if it has none or a bad one */
const char *ew_input__name(const struct ew_input *in, size_t idx)
{
	uint64_t off = in->shdrs[idx].sh_name;

	if (off >= in->shstr_size || !memchr(in->shstr + off, 0, in->shstr_size - off))
		return NULL;
	return in->shstr + off;
}

/* index of the first section named @name (0 if none); *@count gets the number of matches */
size_t ew_input__find(const struct ew_input *in, const char *name, size_t *count)
{
	size_t i, found = 0;

	*count = 0;
	for (i = 1; i < in->shnum; i++) {
		const char *s = ew_input__name(in, i);

		if (s && !strcmp(s, name) && !(*count)++)
			found = i;
	}
	return found;
}

int elf_writer__read_section(const char *path, const char *name, void **data, size_t *size)
{
	struct ew_input in;
	const GElf_Shdr *sh;
	size_t idx, count;
	void *buf = NULL;
	int err;

	err = ew_input__open(&in, path, path);
	if (err)
		goto out;
	idx = ew_input__find(&in, name, &count);
	if (!idx) {
		err = -ENOENT;
		goto out;
	}
	sh = &in.shdrs[idx];
	if (sh->sh_type == SHT_NOBITS) {
		pr_err("'%s': section '%s' has no data in the file", path, name);
		err = -ENODATA;
		goto out;
	}
	if (sh->sh_size > SIZE_MAX - 1) {
		err = -EFBIG;
		goto out;
	}
	buf = malloc(sh->sh_size ?: 1);
	if (!buf) {
		err = -ENOMEM;
		pr_err("'%s': %s", path, errstr(err));
		goto out;
	}
	err = ew_io__pread_all(in.fd, buf, sh->sh_size, sh->sh_offset);
	if (err) {
		pr_err("'%s': cannot read section '%s': %s", path, name, errstr(err));
		goto out;
	}
	*data = buf;
	*size = sh->sh_size;
	buf = NULL;
out:
	free(buf);
	ew_input__close(&in);
	return err;
}
