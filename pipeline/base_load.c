// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Reading the base BTF (see base_load.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <gelf.h>
#include "base_check.h"
#include "base_load.h"
#include "log.h"
#include "process.h"

/* what the file at @path starts with: ELF or raw BTF magic (either byte order) */
const char *base_load__format(const char *path)
{
	unsigned char magic[SELFMAG];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, magic, sizeof(magic));

	if (fd >= 0)
		close(fd);
	if (n == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG))
		return "ELF";
	if (n >= 2 &&
	    ((magic[0] == 0x9f && magic[1] == 0xeb) || (magic[0] == 0xeb && magic[1] == 0x9f)))
		return "raw";
	return NULL;
}

/*
 * The .BTF of an ELF file, parsed from the file's mapping: libbpf's
 * btf__parse() reads the section into a buffer and then copies it, two
 * 4 MB copies of a vmlinux's BTF, for every module of a kernel build.
 * NULL when anything is unusual (no .BTF, compressed, unparsable): the
 * caller then asks libbpf, whose diagnostics say what is wrong.
 */
static struct btf *parse_mapped_elf_btf(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct btf *btf = NULL;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *elf;

	if (fd < 0)
		return NULL;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (elf && !elf_getshdrstrndx(elf, &shstrndx)) {
		while ((scn = elf_nextscn(elf, scn))) {
			GElf_Shdr sh;
			const char *name;
			Elf_Data *data;

			if (!gelf_getshdr(scn, &sh))
				break;
			name = elf_strptr(elf, shstrndx, sh.sh_name);
			if (!name || strcmp(name, ".BTF"))
				continue;
			if (sh.sh_type == SHT_NOBITS || (sh.sh_flags & SHF_COMPRESSED))
				break;
			data = elf_rawdata(scn, NULL);
			if (data && data->d_buf && data->d_size)
				btf = btf__new(data->d_buf, data->d_size);
			break;
		}
	}
	elf_end(elf);
	close(fd);
	return btf && !libbpf_get_error(btf) ? btf : NULL;
}

int base_load__read(const char *path, struct btf **out)
{
	const char *format;
	struct btf *base;
	struct stat st;
	int err;

	if (stat(path, &st) || access(path, R_OK)) {
		err = -errno;
		pr_err("'%s': cannot read base BTF: %s", path, errstr(err));
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		pr_err("'%s': cannot read base BTF: not a regular file", path);
		return -EINVAL;
	}
	format = base_load__format(path);
	if (!format) {
		pr_err("'%s': base BTF is neither raw BTF nor an ELF file", path);
		return -EINVAL;
	}
	process__libbpf_keep(true);
	base = *format == 'E' ? parse_mapped_elf_btf(path) : NULL;
	base = base ?: btf__parse(path, NULL);
	err = base ? 0 : -errno;
	process__libbpf_keep(false);
	if (!base) {
		char buf[128];

		if (*format == 'E' && err == -ENOENT) {
			pr_err("'%s': cannot read base BTF: ELF file without a .BTF section", path);
			return err;
		}
		/* libbpf's last warning, "libbpf: ...", says more than an errno */
		libbpf_strerror(err, buf, sizeof(buf));
		pr_err("'%s': cannot read base BTF (%s): %s%s%s", path, format, buf,
		       *process__libbpf_last() ? ": " : "", process__libbpf_last());
		return err;
	}
	err = base_check__base(base, path);
	if (err) {
		btf__free(base);
		return err;
	}
	*out = base;
	return 0;
}
