// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btfcmp's runs: reading the input files, comparing (btf_check/btf_compare.h)
 * and printing the difference or the dump.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "btf_compare.h"
#include "btfcmp.h"
#include "compiler.h"
#include "type_refs.h"

/*
 * input_probe() - check that @path is raw BTF or an ELF file with a .BTF
 * section, so that a failure names the real problem instead of libbpf's errno.
 * Return: 0 if it looks parseable, negative errno after printing a message.
 */
static int input_probe(const char *path)
{
	unsigned char magic[SELFMAG];
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	Elf *elf = NULL;
	int fd, err = 0;
	ssize_t n;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		fprintf(stderr, "btfcmp: '%s': cannot open: %s\n", path, errstr(err));
		return err;
	}
	n = pread(fd, magic, sizeof(magic), 0);
	if (n >= 2 &&
	    ((magic[0] == 0x9f && magic[1] == 0xeb) || (magic[0] == 0xeb && magic[1] == 0x9f)))
		goto out;
	if (n != SELFMAG || memcmp(magic, ELFMAG, SELFMAG)) {
		fprintf(stderr, "btfcmp: '%s': not a BTF or ELF file\n", path);
		err = -EINVAL;
		goto out;
	}
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx)) {
		fprintf(stderr, "btfcmp: '%s': invalid ELF file: %s\n", path, elf_errmsg(-1));
		err = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, ".BTF"))
			continue;
		if (sh.sh_type == SHT_NOBITS) {
			fprintf(stderr, "btfcmp: '%s': .BTF section has no data (SHT_NOBITS)\n",
				path);
			err = -ENODATA;
		}
		goto out;
	}
	fprintf(stderr, "btfcmp: '%s': no .BTF section\n", path);
	err = -ENODATA;
out:
	elf_end(elf);
	close(fd);
	return err;
}

/* parse_btf() - parse @path, split on @base if not NULL; NULL after a message */
static struct btf *parse_btf(const char *path, struct btf *base)
{
	struct btf *btf;
	int err;

	if (input_probe(path))
		return NULL;
	btf = base ? btf__parse_split(path, base) : btf__parse(path, NULL);
	if (!btf) {
		err = -errno;
		fprintf(stderr, "btfcmp: '%s': invalid BTF: %s%s\n", path, errstr(err),
			base ? "" : " (split BTF needs its base: --base)");
	}
	return btf;
}

/* side_load() - parse the side's files and render its compared types */
static int side_load(struct btfcmp_side *s, unsigned long kinds)
{
	__u32 start = 1;
	int err;

	if (s->base_path) {
		s->base = parse_btf(s->base_path, NULL);
		if (!s->base)
			return -EINVAL;
		start = btf__type_cnt(s->base);
	}
	s->btf = parse_btf(s->path, s->base);
	if (!s->btf)
		return -EINVAL;
	err = btfcmp_side__render(s, start, kinds);
	if (err)
		fprintf(stderr, "btfcmp: '%s': %s\n", s->path, errstr(err));
	return err;
}

/* diff_set_print() - the lines grouped by kind, at most @max per side (0: all) */
static void diff_set_print(const struct btfcmp_diffs *ds, const struct btfcmp_side *a,
			   const struct btfcmp_side *b, long max)
{
	size_t shown_a = 0, shown_b = 0, i;
	int kind = -1;

	if (!ds->nr)
		return;
	printf("--- %s\n+++ %s\n", a->path, b->path);
	for (i = 0; i < ds->nr; i++) {
		const struct btfcmp_diff *d = &ds->diffs[i];
		size_t *shown = d->sign == '-' ? &shown_a : &shown_b;

		if (d->ent->kind != kind) {
			kind = d->ent->kind;
			printf("# %s: only-in-A=%zu only-in-B=%zu\n", tref__kind_name(kind),
			       ds->kind_a[kind < CANON_NR_KINDS ? kind : 0],
			       ds->kind_b[kind < CANON_NR_KINDS ? kind : 0]);
		}
		if (max && *shown >= (size_t)max)
			continue;
		(*shown)++;
		printf("%c%s\n", d->sign, d->ent->line);
	}
	if (shown_a < ds->only_a || shown_b < ds->only_b)
		printf("# not shown: %zu only-in-A, %zu only-in-B (--max-diffs %ld; 0 shows all)\n",
		       ds->only_a - shown_a, ds->only_b - shown_b, max);
}

static void diff_set_summary(const struct btfcmp_diffs *ds, const struct btfcmp_side *a,
			     const struct btfcmp_side *b)
{
	const char *sep = " (";
	unsigned int kind;

	printf("btfcmp: A=%zu B=%zu types compared, only-in-A=%zu only-in-B=%zu", a->nr_ents,
	       b->nr_ents, ds->only_a, ds->only_b);
	for (kind = 0; kind < CANON_NR_KINDS; kind++) {
		if (!ds->kind_a[kind] && !ds->kind_b[kind])
			continue;
		printf("%s%s: -%zu +%zu", sep, tref__kind_name(kind), ds->kind_a[kind],
		       ds->kind_b[kind]);
		sep = ", ";
	}
	printf("%s\n", ds->nr ? ")" : "");
}

static int stdout_check(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "btfcmp: cannot write the output: %s\n", strerror(errno));
		return BTFCMP_ERROR;
	}
	return 0;
}

int run_compare(const struct btfcmp_opts *opts, const char *path_a, const char *path_b)
{
	struct btfcmp_side a = {.path = path_a, .base_path = opts->base_a};
	struct btfcmp_side b = {.path = path_b, .base_path = opts->base_b};
	struct btfcmp_diffs ds = {};
	int ret = BTFCMP_ERROR;

	if (side_load(&a, opts->kinds) || side_load(&b, opts->kinds))
		goto out;
	if (btfcmp_diffs__build(&ds, &a, &b)) {
		fprintf(stderr, "btfcmp: %s\n", errstr(-ENOMEM));
		goto out;
	}
	if (!opts->quiet)
		diff_set_print(&ds, &a, &b, opts->max_diffs);
	diff_set_summary(&ds, &a, &b);
	if (opts->subset)
		ret = ds.only_b ? BTFCMP_DIFFERENT : BTFCMP_EQUAL;
	else
		ret = ds.nr ? BTFCMP_DIFFERENT : BTFCMP_EQUAL;
	ret = stdout_check() ?: ret;
out:
	free(ds.diffs);
	btfcmp_side__release(&b);
	btfcmp_side__release(&a);
	return ret;
}

int run_dump(const struct btfcmp_opts *opts, const char *path)
{
	struct btfcmp_side s = {.path = path, .base_path = opts->base_a};
	int ret = BTFCMP_ERROR;
	size_t i;

	if (side_load(&s, opts->kinds))
		goto out;
	for (i = 0; i < s.nr_ents; i++)
		printf("%s\n", s.ents[i].line);
	ret = stdout_check();
out:
	btfcmp_side__release(&s);
	return ret;
}
