/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The ELF writer: the last step of the pipeline. It stores the encoded BTF
 * either as a raw file or as the ".BTF" (and ".BTF.base") section of an
 * existing ELF file (vmlinux, kernel module, object, executable). Every
 * write builds a complete temp file next to the target and rename()s it
 * over the target, so the target is never left half written by a failing
 * or killed process. With elf_writer__set_durable(true) the temp file is fsynced
 * before the rename and the directory after it, so that a system crash
 * cannot leave the target empty either.
 *
 * All functions are thread-safe when called on different paths. They log
 * one line through pr_err() when they fail, except where noted.
 */
#ifndef D2B_ELF_WRITER_H
#define D2B_ELF_WRITER_H

#include <stdbool.h>
#include <stddef.h>

/**
 * elf_writer__set_durable() - sync every write to disk
 * @durable: fsync each temp file before it is renamed over its target, and
 *           the target's directory after (default: false)
 *
 * Not thread-safe: call it once, before any write. Without it, a process
 * that fails or is killed still never leaves a target half written (the
 * temp file is renamed only when complete); what a power loss leaves is up
 * to the file system's ordering of the rename and the data.
 */
void elf_writer__set_durable(bool durable);

/**
 * struct ew_section - one section to add or replace
 * @name: section name, e.g. ".BTF"; borrowed, must not be empty
 * @data: section contents; borrowed, may be NULL when @size is 0
 * @size: number of bytes at @data
 */
struct ew_section {
	const char *name;
	const void *data;
	size_t size;
};

/**
 * elf_writer__write_raw() - atomically replace a file with a buffer
 * @path: file to create or replace; a symlink is followed and its target
 *        replaced
 * @data: bytes to write; borrowed, may be NULL when @size is 0
 * @size: number of bytes
 *
 * The bytes go to a temp file in the directory of @path, which is renamed
 * over @path (fsynced first with elf_writer__set_durable()), so any old content is gone (the file
 * is truncated to @size). A new file gets mode 0644 minus the umask; an existing file keeps its
 * mode (and its owner when running as root). Hard links to the old file keep pointing to the old
 * content.
 *
 * Return: 0 on success, negative errno on failure; on failure @path is
 * unchanged and no temp file is left behind.
 */
int elf_writer__write_raw(const char *path, const void *data, size_t size);

/**
 * elf_writer__set_sections() - add or replace sections of an ELF file
 * @path: ELF file (ET_REL, ET_EXEC or ET_DYN, 32 or 64 bit, either byte
 *        order) to rewrite; a symlink is followed
 * @secs: sections to store; borrowed; names must be unique in the array
 * @nr_secs: number of entries in @secs
 *
 * A section that does not exist yet is appended to the section header
 * table (so the indices of existing sections do not change) as
 * SHT_PROGBITS with flags 0, address 0 and alignment 1, and its name is
 * added to the section name table. An existing section keeps its header
 * fields except sh_offset and sh_size. Its new data is written in its old
 * slot when it fits there, the rest of the slot being zeroed; the slot
 * extends over the unused bytes that follow the section, up to the next
 * section, header table, segment start or segment end (bytes inside a
 * segment count only if they are zero, like the tail that a smaller
 * rewrite zeroed). Otherwise the section moves to the end of the file and
 * its old bytes stay as unused space. An SHF_ALLOC section can only be
 * replaced in place; an SHT_NOBITS section cannot be replaced.
 *
 * Everything else keeps its offset and its bytes: the ELF header (but for
 * e_shoff, e_shnum and e_shstrndx, with extended numbering past 0xff00
 * sections), the program headers, every other section and all segment
 * contents. When no section moves and no name is added, the file layout is
 * unchanged: storing the original bytes again after a rewrite in place
 * gives back the original file, byte for byte. Otherwise the new section
 * header table goes at the end, and bytes that belonged to nothing after
 * the last used byte (such as an appended module signature) are dropped.
 * With @nr_secs 0, only checks that @path is an ELF file.
 *
 * The new file is built as a temp file ".<name>.XXXXXX" in the same
 * directory (fsynced with elf_writer__set_durable()), given the mode (and, when running as root,
 * the owner) of the original and renamed over @path. The input is read through a private mapping
 * and copied with copy_file_range(), so memory use does not grow with the size of the file.
 *
 * Return: 0 on success, negative errno on failure (-EINVAL for a file that
 * is not ELF or a request that cannot be honoured, -EFBIG when an
 * ELFCLASS32 file would exceed 4 GiB). On failure @path is unchanged and
 * no temp file is left behind.
 */
int elf_writer__set_sections(const char *path, const struct ew_section *secs, size_t nr_secs);

/**
 * elf_writer__read_section() - read the contents of a named ELF section
 * @path: ELF file to read
 * @name: section name, e.g. ".BTF"; the first section with that name wins
 * @data: out: the raw (file-order) section bytes, malloc()ed and owned by
 *        the caller, who must free() it; never NULL on success, even for
 *        an empty section
 * @size: out: number of bytes at *@data
 *
 * Return: 0 on success; -ENOENT if the file has no such section (nothing
 * is logged, as a missing section is often an expected answer); -ENODATA
 * for an SHT_NOBITS section; -EINVAL if @path is not an ELF file; another
 * negative errno if the file cannot be read (for instance -ENOENT when it
 * does not exist, which is logged). *@data and *@size are only set on
 * success.
 */
int elf_writer__read_section(const char *path, const char *name, void **data, size_t *size);

/**
 * elf_writer__remove_temp_files() - remove the temp files the writers have open
 *
 * For a handler of a fatal signal (SIGINT, SIGTERM...), which must then end
 * the process: async-signal-safe (it only calls unlink()), and consistent
 * whatever the writers were doing, as they change the set of temp files
 * with all signals blocked. Temp files are named ".<name>.XXXXXX" next to
 * their target; up to 16 writers at a time are tracked. Nothing can remove
 * the temp file of a process killed with SIGKILL: it stays behind (the
 * target itself is intact, as it is only ever replaced by a rename).
 */
void elf_writer__remove_temp_files(void);

#endif
