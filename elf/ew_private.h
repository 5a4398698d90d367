/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The ELF writer's parts, private to elf/: temp files and whole-buffer I/O
 * (ew_tmpfile.c), the input ELF file as read (ew_input.c); elf_writer.c
 * plans and writes the output with them.
 */
#ifndef D2B_EW_PRIVATE_H
#define D2B_EW_PRIVATE_H

#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

/* largest single read/write/copy request */
#define EW_IO_CHUNK (1UL << 30)

/* a temp file next to the target; @path is NULL once renamed or removed */
struct ew_tmp {
	char *path;
	int fd;
	int live; /* its slot in ew_live[], -1 if none */
};

/*
 * The input ELF file, opened read only. Section headers are copied out of
 * libelf (in memory order); the section name table points into libelf's
 * mapping of the file.
 */
struct ew_input {
	const char *path; /* as given by the caller, for messages */
	int fd;
	Elf *elf;
	struct stat st;
	GElf_Ehdr ehdr;
	size_t shnum;	   /* number of section headers, 0 if there is no table */
	size_t shstrndx;   /* index of the section name table, 0 if none */
	GElf_Shdr *shdrs;  /* [shnum], owned */
	const char *shstr; /* section name table bytes; borrowed from libelf */
	size_t shstr_size;
	uint64_t hdr_end; /* end of the ELF header, program headers and segments */
	GElf_Phdr *phdrs; /* [phnum], owned */
	size_t phnum;
	const unsigned char *image; /* the whole file, mapped by libelf */
};

/* ew_tmp__create() - a new temp file next to @target, with @mode; Return: 0 or -errno */
int ew_tmp__create(struct ew_tmp *tmp, const char *target, mode_t mode);
/* ew_tmp__discard() - close and remove @tmp unless it was committed */
void ew_tmp__discard(struct ew_tmp *tmp);
/*
 * ew_tmp__commit() - rename @tmp over @target, with the mode (and owner, as
 * root) of @keep when not NULL; synced first with elf_writer__set_durable(true).
 * @name is for messages. Return: 0 or -errno (reason printed).
 */
int ew_tmp__commit(struct ew_tmp *tmp, const char *name, const char *target,
		   const struct stat *keep);
/* ew__resolve() - the file to replace: @path, or what a symlink at @path points to */
char *ew__resolve(const char *path);
/* whole-buffer pwrite()/pread(), and zeros; Return: 0 or -errno */
int ew_io__pwrite_all(int fd, const void *buf, size_t size, uint64_t off);
int ew_io__pzero(int fd, uint64_t size, uint64_t off);
int ew_io__pread_all(int fd, void *buf, size_t size, uint64_t off);

/* ew_input__open() - open and check the ELF file @path (@name for messages) */
int ew_input__open(struct ew_input *in, const char *path, const char *name);
void ew_input__close(struct ew_input *in);
bool ew_input__has_range(const struct ew_input *in, uint64_t off, uint64_t size);
/* ew_input__name() - the name of section @idx */
const char *ew_input__name(const struct ew_input *in, size_t idx);
/* ew_input__find() - the index of the section named @name (0: none); @count: how many */
size_t ew_input__find(const struct ew_input *in, const char *name, size_t *count);

#endif
