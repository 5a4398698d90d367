// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * dwarf2btf: the command. Wires the layers together for each input file:
 * DWARF loader -> per-CU encoding (worker threads) -> ordered merge ->
 * dedup -> ELF writer. Holds no encoding logic of its own.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <elfutils/version.h>
#include <gelf.h>
#include "btf_encoder.h"
#include "dwarf_loader.h"
#include "elf_symtab.h"
#include "elf_writer.h"
#include "btf_features.h"
#include "log.h"
#include "options.h"

static int encode_work(struct tm_cu *cu, void *ctx, void **result)
{
	return btf_encoder__encode_cu(ctx, cu, (struct btf_encoder_cu **)result);
}

static int encode_ordered(void *result, uint32_t cu_index, void *ctx)
{
	return btf_encoder__add_cu(ctx, result);
}

static void encode_drop(void *result, void *ctx)
{
	btf_encoder_cu__free(result);
}

static int write_output(const struct d2b_cli *cli, const char *path, const void *data,
			uint32_t size)
{
	struct ew_section sec = { .name = ".BTF", .data = data, .size = size };

	if (cli->detached)
		return ew__write_raw(cli->detached, data, size);
	return ew__set_sections(path, &sec, 1);
}

/* encode one input file; Return: 0 or negative errno (reason printed) */
static int encode_file(const struct d2b_cli *cli, struct btf *base,
		       const struct base_index *base_idx, const char *path)
{
	struct btf_encoder_opts eopts = { .features = cli->features, .path = path };
	struct btf_encoder *enc = NULL;
	struct elf_symtab *symtab = NULL;
	struct dwl *dwl = NULL;
	const void *raw;
	void *copy = NULL;
	uint32_t size;
	GElf_Ehdr ehdr;
	int err;

	err = dwl__open(path, &cli->dwl, &dwl);
	if (err)
		return err;
	if (!dwl__nr_cus(dwl)) {
		pr_err("'%s': no compilation unit to encode (all excluded by language?)", path);
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
	eopts.flat_arrays = cli->flat_arrays || (base && btf_encoder__base_has_flat_arrays(base));
	err = btf_encoder__new(&eopts, base, symtab, &enc);
	if (!err)
		btf_encoder__set_base_index(enc, base_idx);
	err = err ?: dwl__load(dwl, encode_work, encode_ordered, encode_drop, enc);
	err = err ?: btf_encoder__finish(enc);
	if (err)
		goto out;
	raw = btf__raw_data(btf_encoder__btf(enc), &size);
	if (!raw) {
		err = -ENOMEM;
		goto out;
	}
	/* the loader maps the input: release it before the input is replaced */
	copy = malloc(size);
	if (!copy) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(copy, raw, size);
	pr_info("'%s': %u types, %u bytes of BTF", path,
		btf__type_cnt(btf_encoder__btf(enc)) - 1 -
			(base ? btf__type_cnt(base) - 1 : 0), size);
	btf_encoder__free(enc);
	enc = NULL;
	elf_symtab__free(symtab);
	symtab = NULL;
	dwl__free(dwl);
	dwl = NULL;
	err = write_output(cli, path, copy, size);
out:
	free(copy);
	btf_encoder__free(enc);
	elf_symtab__free(symtab);
	dwl__free(dwl);
	return err;
}

static int load_base(const char *path, struct btf **out)
{
	struct btf *base = btf__parse(path, NULL);
	int err;

	if (!base) {
		err = -errno;
		pr_err("'%s': cannot read base BTF: %s", path,
		       err == -ENOENT ? "no such file or no .BTF section" : errstr(err));
		return err;
	}
	*out = base;
	return 0;
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	enum log_level lvl = level == LIBBPF_WARN ? LOG_WARN :
			     level == LIBBPF_INFO ? LOG_INFO : LOG_DEBUG;

	if (lvl > log_get_level())
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static void print_tool_version(void)
{
	printf("dwarf2btf %s (pahole-compatible v%u.%u, libbpf %u.%u, elfutils %u.%u)\n",
	       D2B_TOOL_VERSION_STR, D2B_PAHOLE_MAJOR, D2B_PAHOLE_MINOR, libbpf_major_version(),
	       libbpf_minor_version(), _ELFUTILS_VERSION / 1000, _ELFUTILS_VERSION % 1000);
}

int main(int argc, char **argv)
{
	struct d2b_cli cli;
	struct base_index *base_idx = NULL;
	struct btf *base = NULL;
	int i, err, failed = 0;

	err = d2b_cli__parse(&cli, argc, argv);
	if (err)
		return err;
	log_set_level(cli.verbose < 0 ? LOG_ERR : cli.verbose == 0 ? LOG_WARN :
			cli.verbose == 1 ? LOG_INFO : LOG_DEBUG);
	libbpf_set_print(libbpf_print);
	switch (cli.action) {
	case D2B_HELP:
		d2b_cli__help(stdout);
		return 0;
	case D2B_VERSION:
		printf("v%u.%u\n", D2B_PAHOLE_MAJOR, D2B_PAHOLE_MINOR);
		return 0;
	case D2B_NUMERIC_VERSION:
		printf("%u%02u\n", D2B_PAHOLE_MAJOR, D2B_PAHOLE_MINOR);
		return 0;
	case D2B_TOOL_VERSION:
		print_tool_version();
		return 0;
	case D2B_SUPPORTED_FEATURES:
		btf_features__print(stdout);
		return 0;
	case D2B_ENCODE:
		break;
	}
	if (cli.base && load_base(cli.base, &base))
		return 1;
	if (base && base_index__new(base, &base_idx)) {
		pr_err("out of memory indexing the base BTF");
		btf__free(base);
		return 1;
	}
	for (i = 0; i < cli.nr_files; i++) {
		err = encode_file(&cli, base, base_idx, cli.files[i]);
		if (err) {
			pr_err("'%s': BTF encoding failed", cli.files[i]);
			failed++;
		}
	}
	if (failed && cli.nr_files > 1)
		pr_err("%d of %d files failed", failed, cli.nr_files);
	base_index__free(base_idx);
	btf__free(base);
	return failed ? 1 : 0;
}
