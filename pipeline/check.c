// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * --btf_check (see pipeline.h): each file's BTF read on the base, or
 * relocated onto it from its .BTF.base, then checked with the kernel's
 * rules (btf_check/btf_verify.h) and against the base (btf_check/split_check.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "base_load.h"
#include "libbpf_compat.h"
#include "btf_verify.h"
#include "elf_writer.h"
#include "log.h"
#include "pipeline.h"
#include "split_check.h"

/*
 * The BTF of an ELF file with .BTF.base (distilled_base), relocated onto
 * @base as the kernel does when it loads the module. Return: 0, -ENOENT
 * when there is no .BTF.base, another negative errno (reason printed).
 */
static int read_relocated(const char *path, struct btf *base, const char *base_path,
			  struct btf **out)
{
	const char *format = base_load__format(path);
	struct btf *dist, *split;
	void *data;
	size_t size;
	int err;

	if (!format || *format != 'E' || elf_writer__read_section(path, ".BTF.base", &data, &size))
		return -ENOENT;
	dist = btf__new(data, size);
	free(data);
	split = dist ? libbpf_compat__parse_elf_split(path, dist) : NULL;
	if (!split) {
		err = -errno;
		pr_err("'%s': cannot read .BTF on its .BTF.base: %s", path, errstr(err));
	} else {
		err = libbpf_compat__relocate(split, base, out);
		if (err)
			pr_err("'%s': BTF does not fit base '%s': its .BTF.base does not relocate",
			       path, base_path);
	}
	btf__free(split);
	btf__free(dist);
	return err;
}

/* the raw BTF of @path: an ELF file's .BTF, or the whole of a raw BTF file */
static int read_raw_btf(const char *path, void **data, size_t *size)
{
	const char *format = base_load__format(path);
	FILE *f;
	long n;
	int err;

	if (!format) {
		pr_err("'%s': neither raw BTF nor an ELF file", path);
		return -EINVAL;
	}
	if (*format == 'E') {
		err = elf_writer__read_section(path, ".BTF", data, size);
		if (err == -ENOENT)
			pr_err("'%s': ELF file without a .BTF section", path);
		else if (err)
			pr_err("'%s': cannot read .BTF: %s", path, errstr(err));
		return err;
	}
	f = fopen(path, "rb");
	n = -1;
	if (f && !fseek(f, 0, SEEK_END))
		n = ftell(f);
	*data = n >= 0 ? malloc(n ?: 1) : NULL;
	err = *data && !fseek(f, 0, SEEK_SET) && fread(*data, 1, n, f) == (size_t)n ? 0 : -EIO;
	if (f)
		fclose(f);
	if (err) {
		free(*data);
		pr_err("'%s': cannot read raw BTF", path);
		return err;
	}
	*size = n;
	return 0;
}

/* the kernel's verifier on @path's raw BTF (or on @btf's, when given) */
static int verify_file(const char *path, const struct btf *btf, const struct btf_vbase *vbase,
		       const char *base_path)
{
	char log[512];
	void *data = NULL;
	const void *raw;
	size_t size;
	__u32 raw_size;
	int err;

	if (btf) {
		raw = btf__raw_data(btf, &raw_size);
		size = raw_size;
		err = raw ? 0 : -ENOMEM;
	} else {
		err = read_raw_btf(path, &data, &size);
		raw = data;
	}
	if (!err) {
		err = btf_verify__raw(raw, size, vbase, log, sizeof(log));
		if (err)
			pr_err("'%s': BTF rejected by the kernel's rules (Linux %s)%s%s%s: %s",
			       path, BTF_VERIFY_RULES, base_path ? " on base '" : "",
			       base_path ?: "", base_path ? "'" : "", log);
	}
	free(data);
	return err;
}

/* --btf_check without a base: the kernel's verifier on each file */
static int check_standalone(char **files, int nr_files)
{
	struct btf_vbase *vb;
	char log[512];
	void *data;
	size_t size;
	int i, err, failed = 0;

	for (i = 0; i < nr_files; i++) {
		if (read_raw_btf(files[i], &data, &size)) {
			failed++;
			continue;
		}
		vb = btf_vbase__new(data, size, log, sizeof(log), &err);
		free(data);
		if (!vb) {
			pr_err("'%s': BTF rejected by the kernel's rules (Linux %s): %s", files[i],
			       BTF_VERIFY_RULES, log);
			failed++;
			continue;
		}
		printf("%s: BTF passes the kernel's checks (Linux %s rules, %u types)\n", files[i],
		       BTF_VERIFY_RULES, btf_vbase__type_cnt(vb) - 1);
		btf_vbase__free(vb);
	}
	return failed ? 1 : 0;
}

/* --btf_check: does each file's BTF fit the base, and pass the kernel's checks? */
int pipeline__check(const char *base_path, char **files, int nr_files)
{
	struct btf_vbase *vbase = NULL;
	struct btf *base = NULL, *btf;
	int i, err, bad, failed = 0;
	const void *raw;
	char log[512];
	bool relocated;
	__u32 size;

	if (!base_path)
		return check_standalone(files, nr_files);
	if (base_load__read(base_path, &base))
		return 1;
	raw = btf__raw_data(base, &size);
	vbase = raw ? btf_vbase__new(raw, size, log, sizeof(log), &err) : NULL;
	if (!vbase) {
		pr_err("'%s': base BTF rejected by the kernel's rules (Linux %s): %s", base_path,
		       BTF_VERIFY_RULES, raw ? log : "out of memory");
		btf__free(base);
		return 1;
	}
	for (i = 0; i < nr_files; i++) {
		err = read_relocated(files[i], base, base_path, &btf);
		relocated = !err;
		if (err && err != -ENOENT) {
			failed++;
			continue;
		}
		/* the kernel's rules on the file's own bytes, whatever libbpf makes of them */
		bad = verify_file(files[i], relocated ? btf : NULL, vbase, base_path);
		btf = relocated ? btf : btf__parse_split(files[i], base);
		if (!btf) {
			err = -errno;
			pr_err("'%s': cannot read BTF on base '%s': %s", files[i], base_path,
			       errstr(err));
			failed++;
			continue;
		}
		/* and what tells a module built against another vmlinux */
		if (split_check__split(btf, base, files[i], base_path))
			bad = -EINVAL;
		if (bad)
			failed++;
		else
			printf("%s: BTF fits base %s (%u types%s)\n", files[i], base_path,
			       btf__type_cnt(btf) - btf__type_cnt(base),
			       relocated ? ", relocated from .BTF.base" : "");
		btf__free(btf);
	}
	btf_vbase__free(vbase);
	btf__free(base);
	return failed ? 1 : 0;
}
