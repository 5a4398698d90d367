// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The pipeline of tools/main.c's encode_file(), step for step, but for the
 * writing of the output: the fuzzers must reach everything the input can
 * reach in dwarf2btf itself.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <gelf.h>
#include "btf_encoder.h"
#include "btf_features.h"
#include "dwarf_loader.h"
#include "elf_symtab.h"
#include "fuzz_common.h"
#include "log.h"

static int quiet_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

void fuzz_init(void)
{
	log_set_level(LOG_ERR);
	libbpf_set_print(quiet_libbpf);
}

int fuzz_memfile(const uint8_t *data, size_t size, char *path)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += n;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

int fuzz_encode(const char *path, struct btf *base, const struct base_index *base_idx)
{
	struct btf_encoder_opts eopts = {
		.features = btf_features__legacy() | BTF_FEAT_FLOAT,
		.path = path,
	};
	struct dwl_opts dopts = { .nr_threads = 1 };
	struct btf_encoder *enc = NULL;
	struct elf_symtab *symtab = NULL;
	struct dwl *dwl = NULL;
	GElf_Ehdr ehdr;
	uint32_t size;
	int err;

	err = dwl__open(path, &dopts, &dwl);
	if (err)
		return err;
	if (!dwl__nr_cus(dwl)) {
		err = -ENODATA;
		goto out;
	}
	err = elf_symtab__new(dwl__elf(dwl), path, &symtab);
	if (err)
		goto out;
	if (gelf_getehdr(dwl__elf(dwl), &ehdr)) {
		eopts.addr_size = ehdr.e_ident[EI_CLASS] == ELFCLASS32 ? 4 : 8;
		eopts.big_endian = ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
	}
	/* dwarf2btf refuses a base of the other byte order */
	if (base && (btf__endianness(base) == BTF_BIG_ENDIAN) != eopts.big_endian) {
		err = -EINVAL;
		goto out;
	}
	eopts.flat_arrays = base && btf_encoder__base_has_flat_arrays(base);
	err = btf_encoder__new(&eopts, base, symtab, &enc);
	if (!err)
		btf_encoder__set_base_index(enc, base_idx);
	err = err ?: btf_encoder__encode_dwarf(enc, dwl);
	err = err ?: btf_encoder__finish(enc);
	if (!err && !btf__raw_data(btf_encoder__btf(enc), &size))
		err = -ENOMEM;
out:
	btf_encoder__free(enc);
	elf_symtab__free(symtab);
	dwl__free(dwl);
	return err;
}
