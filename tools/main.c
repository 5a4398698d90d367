// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * dwarf2btf: the command. Wires the layers together for each input file:
 * DWARF loader -> per-CU encoding (worker threads) -> ordered merge ->
 * dedup -> ELF writer. Holds no encoding logic of its own.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <elfutils/version.h>
#include <gelf.h>
#include "base_check.h"
#include "btf_distill.h"
#include "btf_encoder.h"
#include "dwarf_loader.h"
#include "elf_symtab.h"
#include "elf_writer.h"
#include "btf_features.h"
#include "btf_verify.h"
#include "busy.h"
#include "clock.h"
#include "log.h"
#include "model_verify.h"
#include "options.h"
#include "split_check.h"

/* the bytes to write, copied out of the encoder: .BTF, and .BTF.base or NULL */
struct out_bytes {
	void *btf, *base;
	uint32_t btf_size, base_size;
};

static void *dup_raw(const struct btf *btf, uint32_t *size)
{
	const void *raw = btf__raw_data(btf, size);
	void *copy = raw ? malloc(*size) : NULL;

	if (copy)
		memcpy(copy, raw, *size);
	return copy;
}

/*
 * distilled_base: .BTF becomes the split BTF on a distilled base, which
 * goes to .BTF.base (pahole 1.28+ with libbpf 1.5's btf__distill_base()).
 */
static int distill(const char *path, const struct btf *btf, struct out_bytes *o)
{
	struct btf *db, *ns;
	int err = btf_distill__base(btf, &db, &ns);

	if (err) {
		pr_err("'%s': cannot make the distilled base: %s", path, errstr(err));
		return err;
	}
	o->btf = dup_raw(ns, &o->btf_size);
	o->base = dup_raw(db, &o->base_size);
	pr_info("'%s': distilled base: %u types, %u bytes; split BTF on it: %u types", path,
		btf__type_cnt(db) - 1, o->base_size, btf__type_cnt(ns) - btf__type_cnt(db));
	btf__free(ns);
	btf__free(db);
	return o->btf && o->base ? 0 : -ENOMEM;
}

static int write_output(const struct d2b_cli *cli, const char *path, const struct out_bytes *o)
{
	struct ew_section secs[] = {
		{.name = ".BTF", .data = o->btf, .size = o->btf_size},
		{.name = ".BTF.base", .data = o->base, .size = o->base_size},
	};

	if (cli->detached)
		return ew__write_raw(cli->detached, o->btf, o->btf_size);
	return ew__set_sections(path, secs, o->base ? 2 : 1);
}

/* --verify: the kernel's BTF rules on the result (split BTF: on its base) */
static int verify_rules(const char *path, const struct btf *btf, const struct btf *base)
{
	char log[512];
	int err;

	err = btf_verify__check(btf, base, log, sizeof(log));
	if (err == -EINVAL)
		pr_err("'%s': --verify: the BTF breaks the kernel's rules (Linux %s): %s", path,
		       BTF_VERIFY_RULES, log);
	else if (err)
		pr_err("'%s': --verify: %s", path, errstr(err));
	return err;
}

/* encode one input file; Return: 0 or negative errno (reason printed) */
static int encode_file(const struct d2b_cli *cli, struct btf *base,
		       const struct base_index *base_idx, const char *path)
{
	struct btf_encoder_opts eopts = { .features = cli->features, .path = path };
	struct btf_encoder *enc = NULL;
	struct elf_symtab *symtab = NULL;
	struct dwl *dwl = NULL;
	struct out_bytes out = {};
	GElf_Ehdr ehdr;
	int err;

	double t_start = clock_now(), t_open, t_load, t_finish;
	struct btf_encoder_stats st;

	err = dwl__open(path, &cli->dwl, &dwl);
	if (err)
		return err;
	t_open = clock_now();
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
	if (base && (btf__endianness(base) == BTF_BIG_ENDIAN) != eopts.big_endian) {
		pr_err("'%s': the file is %s-endian but the base BTF '%s' is %s-endian", path,
		       eopts.big_endian ? "big" : "little", cli->base,
		       eopts.big_endian ? "little" : "big");
		err = -EINVAL;
		goto out;
	}
	eopts.flat_arrays = cli->flat_arrays;
	err = btf_encoder__new(&eopts, base, symtab, &enc);
	if (err)
		pr_err("'%s': cannot create the encoder: %s", path, errstr(err));
	else
		btf_encoder__set_base_index(enc, base_idx);
	err = err ?: btf_encoder__encode_dwarf(enc, dwl);
	t_load = clock_now();
	err = err ?: btf_encoder__finish(enc);
	t_finish = clock_now();
	if (!err && cli->verify) {
		err = model_verify__btf(btf_encoder__btf(enc), dwl, path);
		err = err ?: verify_rules(path, btf_encoder__btf(enc), base);
		pr_info("'%s': --verify: %s in %.3f s", path,
			err ? "failed" : "BTF matches the DWARF and the kernel's rules",
			clock_now() - t_finish);
	}
	if (err)
		goto out;
	btf_encoder__stats(enc, &st);
	/* the loader maps the input: copy the result out before the input is replaced */
	out.btf = dup_raw(btf_encoder__btf(enc), &out.btf_size);
	if (!out.btf) {
		err = -ENOMEM;
		pr_err("'%s': %s", path, errstr(err));
		goto out;
	}
	pr_info("'%s': %u types, %u bytes of BTF", path,
		btf__type_cnt(btf_encoder__btf(enc)) - 1 - (base ? btf__type_cnt(base) - 1 : 0),
		out.btf_size);
	/* like pahole: only split BTF written into the ELF file is distilled */
	if (base && (cli->features & BTF_FEAT_DISTILLED_BASE) && cli->detached) {
		pr_info("'%s': distilled_base is for -J only: written on the full base", path);
	} else if (base && (cli->features & BTF_FEAT_DISTILLED_BASE)) {
		free(out.btf);
		out.btf = NULL;
		err = distill(path, btf_encoder__btf(enc), &out);
		if (err)
			goto out;
	}
	btf_encoder__free(enc);
	enc = NULL;
	elf_symtab__free(symtab);
	symtab = NULL;
	dwl__free(dwl);
	dwl = NULL;
	err = write_output(cli, path, &out);
	pr_info("'%s': time: open %.3f s, load+encode %.3f s (of it ordered merge %.3f s), dedup %.3f s, prune %.3f s, fold %.3f s, write %.3f s; %u types before dedup",
		path, t_open - t_start, t_load - t_open, st.merge, st.dedup, st.prune, st.fold,
		clock_now() - t_finish, st.types_merged);
out:
	free(out.btf);
	free(out.base);
	btf_encoder__free(enc);
	elf_symtab__free(symtab);
	dwl__free(dwl);
	return err;
}

/*
 * While the base is parsed, libbpf's warnings are kept (the last one goes
 * into our own message, which names the file) instead of printed.
 */
/*
 * Batch mode with -jN: modules are encoded N at a time, each on one thread
 * (a module has few CUs; one base, read-only, is shared). Each file's
 * output depends on nothing but the file and the base, so the bytes are
 * the same whatever N; only the order of messages varies.
 */
struct batch {
	struct d2b_cli cli; /* the command line, with one loader thread per file */
	struct btf *base;
	const struct base_index *idx;
	atomic_int next, failed;
};

static void *batch_worker(void *arg)
{
	struct batch *b = arg;
	int i;

	while ((i = atomic_fetch_add(&b->next, 1)) < b->cli.nr_files)
		if (encode_file(&b->cli, b->base, b->idx, b->cli.files[i]))
			atomic_fetch_add(&b->failed, 1);
	return NULL;
}

/* a batch thread of its own, for the serial time (busy.h) */
static void *batch_thread(void *arg)
{
	busy__enter();
	batch_worker(arg);
	busy__leave();
	return NULL;
}

/* encode every file of @cli; Return: the number that failed */
static int encode_files(const struct d2b_cli *cli, struct btf *base,
			const struct base_index *idx)
{
	unsigned int nr = cli->dwl.nr_threads, i, started = 0;
	struct batch b = { .cli = *cli, .base = base, .idx = idx };
	pthread_t *threads;

	if (nr > (unsigned int)cli->nr_files)
		nr = cli->nr_files;
	threads = nr > 1 ? calloc(nr, sizeof(*threads)) : NULL;
	if (threads)
		b.cli.dwl.nr_threads = 1;
	for (i = 1; threads && i < nr; i++) {
		if (pthread_create(&threads[i], NULL, batch_thread, &b))
			break;
		started++;
	}
	batch_worker(&b);
	busy__leave();
	for (i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	busy__enter();
	free(threads);
	return atomic_load(&b.failed);
}

static bool libbpf_keep;
static char libbpf_last[256];

static int __printf(2, 0) libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	enum log_level lvl = level == LIBBPF_WARN ? LOG_WARN :
			     level == LIBBPF_INFO ? LOG_INFO : LOG_DEBUG;
	size_t n;

	if (libbpf_keep && level == LIBBPF_WARN) {
		vsnprintf(libbpf_last, sizeof(libbpf_last), fmt, ap);
		n = strlen(libbpf_last);
		if (n && libbpf_last[n - 1] == '\n')
			libbpf_last[n - 1] = 0;
		return 0;
	}
	if (lvl > log_get_level())
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* what the file at @path starts with: ELF or raw BTF magic (either byte order) */
static const char *base_format(const char *path)
{
	unsigned char magic[SELFMAG];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, magic, sizeof(magic));

	if (fd >= 0)
		close(fd);
	if (n == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG))
		return "ELF";
	if (n >= 2 && ((magic[0] == 0x9f && magic[1] == 0xeb) ||
		       (magic[0] == 0xeb && magic[1] == 0x9f)))
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

static int load_base(const char *path, struct btf **out)
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
	format = base_format(path);
	if (!format) {
		pr_err("'%s': base BTF is neither raw BTF nor an ELF file", path);
		return -EINVAL;
	}
	libbpf_keep = true;
	libbpf_last[0] = 0;
	base = *format == 'E' ? parse_mapped_elf_btf(path) : NULL;
	base = base ?: btf__parse(path, NULL);
	err = base ? 0 : -errno;
	libbpf_keep = false;
	if (!base) {
		char buf[128];

		if (*format == 'E' && err == -ENOENT) {
			pr_err("'%s': cannot read base BTF: ELF file without a .BTF section", path);
			return err;
		}
		/* libbpf's last warning, "libbpf: ...", says more than an errno */
		libbpf_strerror(err, buf, sizeof(buf));
		pr_err("'%s': cannot read base BTF (%s): %s%s%s", path, format, buf,
		       *libbpf_last ? ": " : "", libbpf_last);
		return err;
	}
	err = btf_base__check(base, path);
	if (err) {
		btf__free(base);
		return err;
	}
	*out = base;
	return 0;
}

/*
 * The BTF of an ELF file with .BTF.base (distilled_base), relocated onto
 * @base as the kernel does when it loads the module. Return: 0, -ENOENT
 * when there is no .BTF.base, another negative errno (reason printed).
 */
static int read_relocated(const char *path, struct btf *base, const char *base_path,
			  struct btf **out)
{
	const char *format = base_format(path);
	struct btf *dist, *split;
	void *data;
	size_t size;
	int err;

	if (!format || *format != 'E' || ew__read_section(path, ".BTF.base", &data, &size))
		return -ENOENT;
	dist = btf__new(data, size);
	free(data);
	/* libbpf 1.1 does not export btf__new_split(): it reads .BTF itself */
	split = dist ? btf__parse_elf_split(path, dist) : NULL;
	if (!split) {
		err = -errno;
		pr_err("'%s': cannot read .BTF on its .BTF.base: %s", path, errstr(err));
	} else {
		err = btf_distill__relocate(split, base, out);
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
	const char *format = base_format(path);
	FILE *f;
	long n;
	int err;

	if (!format) {
		pr_err("'%s': neither raw BTF nor an ELF file", path);
		return -EINVAL;
	}
	if (*format == 'E') {
		err = ew__read_section(path, ".BTF", data, size);
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
			pr_err("'%s': BTF rejected by the kernel's rules (Linux %s)%s%s%s: %s", path,
			       BTF_VERIFY_RULES, base_path ? " on base '" : "", base_path ?: "",
			       base_path ? "'" : "", log);
	}
	free(data);
	return err;
}

/* --btf_check without a base: the kernel's verifier on each file */
static int check_standalone(const struct d2b_cli *cli)
{
	struct btf_vbase *vb;
	char log[512];
	void *data;
	size_t size;
	int i, err, failed = 0;

	for (i = 0; i < cli->nr_files; i++) {
		if (read_raw_btf(cli->files[i], &data, &size)) {
			failed++;
			continue;
		}
		vb = btf_vbase__new(data, size, log, sizeof(log), &err);
		free(data);
		if (!vb) {
			pr_err("'%s': BTF rejected by the kernel's rules (Linux %s): %s", cli->files[i],
			       BTF_VERIFY_RULES, log);
			failed++;
			continue;
		}
		printf("%s: BTF passes the kernel's checks (Linux %s rules, %u types)\n",
		       cli->files[i], BTF_VERIFY_RULES, btf_vbase__type_cnt(vb) - 1);
		btf_vbase__free(vb);
	}
	return failed ? 1 : 0;
}

/* --btf_check: does each file's BTF fit the base, and pass the kernel's checks? */
static int check_files(const struct d2b_cli *cli)
{
	struct btf_vbase *vbase = NULL;
	struct btf *base = NULL, *btf;
	int i, err, bad, failed = 0;
	const void *raw;
	char log[512];
	bool relocated;
	__u32 size;

	if (!cli->base)
		return check_standalone(cli);
	if (load_base(cli->base, &base))
		return 1;
	raw = btf__raw_data(base, &size);
	vbase = raw ? btf_vbase__new(raw, size, log, sizeof(log), &err) : NULL;
	if (!vbase) {
		pr_err("'%s': base BTF rejected by the kernel's rules (Linux %s): %s", cli->base,
		       BTF_VERIFY_RULES, raw ? log : "out of memory");
		btf__free(base);
		return 1;
	}
	for (i = 0; i < cli->nr_files; i++) {
		err = read_relocated(cli->files[i], base, cli->base, &btf);
		relocated = !err;
		if (err && err != -ENOENT) {
			failed++;
			continue;
		}
		/* the kernel's rules on the file's own bytes, whatever libbpf makes of them */
		bad = verify_file(cli->files[i], relocated ? btf : NULL, vbase, cli->base);
		btf = relocated ? btf : btf__parse_split(cli->files[i], base);
		if (!btf) {
			err = -errno;
			pr_err("'%s': cannot read BTF on base '%s': %s", cli->files[i], cli->base,
			       errstr(err));
			failed++;
			continue;
		}
		/* and what tells a module built against another vmlinux */
		if (btf_split__check(btf, base, cli->files[i], cli->base))
			bad = -EINVAL;
		if (bad)
			failed++;
		else
			printf("%s: BTF fits base %s (%u types%s)\n", cli->files[i], cli->base,
			       btf__type_cnt(btf) - btf__type_cnt(base),
			       relocated ? ", relocated from .BTF.base" : "");
		btf__free(btf);
	}
	btf_vbase__free(vbase);
	btf__free(base);
	return failed ? 1 : 0;
}

/*
 * SIGINT, SIGTERM, SIGHUP: leave no temp file behind, then die of the
 * signal. SIGKILL cannot be caught: it may leave a ".<file>.XXXXXX" temp
 * file next to the file being rewritten (which itself stays intact).
 */
static void on_fatal_signal(int sig)
{
	ew__remove_temp_files();
	raise(sig); /* SA_RESETHAND: the default action, once this handler returns */
}

static void catch_fatal_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_fatal_signal, .sa_flags = SA_RESETHAND };
	struct sigaction old;
	size_t i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(sigs); i++) {
		/* an ignored signal stays ignored (nohup, background jobs of a script) */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

static void print_tool_version(void)
{
	printf("dwarf2btf %s (pahole-compatible v%u.%u, libbpf %u.%u, elfutils %u.%u)\n",
	       D2B_TOOL_VERSION_STR, D2B_PAHOLE_MAJOR, D2B_PAHOLE_MINOR, libbpf_major_version(),
	       libbpf_minor_version(), _ELFUTILS_VERSION / 1000, _ELFUTILS_VERSION % 1000);
}

/*
 * The heap in 2 MiB pages where the kernel offers them (transparent huge
 * pages in "madvise" mode): a run touches megabytes of fresh heap (the base
 * BTF's copy and its indexes alone are 10 MiB), and a fault per 4 KiB page
 * was a fifth of a module's run. The heap is grown once and the range
 * advised; freed, it stays in the heap (M_TRIM_THRESHOLD) for what follows.
 * Nothing is touched here, so memory is only used as the run needs it.
 * (Threads allocate from heaps of their own: a batch's gained nothing.)
 */
static void heap_prefer_huge_pages(void)
{
	const uintptr_t huge = 2 << 20;
	const size_t len = 64 << 20;
	char *p = malloc(len);
	uintptr_t a, e;

	if (!p)
		return;
	a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	e = ((uintptr_t)p + len) & ~(huge - 1);
	if (e > a)
		madvise((void *)a, e - a, MADV_HUGEPAGE); /* advice: failure changes nothing */
	free(p);
}

int main(int argc, char **argv)
{
	struct d2b_cli cli;
	struct base_index *base_idx = NULL;
	struct btf *base = NULL;
	double t_read, t_index, serial, wall;
	int err, failed = 0;

	/*
	 * Large blocks (BTF buffers, indexes) come from the heap and go back to
	 * it: each mmap() of a fresh block costs a page fault per page, and each
	 * munmap() a TLB shootdown on every CPU running one of our threads.
	 */
	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	heap_prefer_huge_pages();
	err = d2b_cli__parse(&cli, argc, argv);
	if (err)
		return err;
	log_set_level(cli.verbose < 0 ? LOG_ERR : cli.verbose == 0 ? LOG_WARN :
			cli.verbose == 1 ? LOG_INFO : LOG_DEBUG);
	libbpf_set_print(libbpf_print);
	ew__set_durable(cli.fsync);
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
	case D2B_CHECK:
		break;
	}
	if (cli.action == D2B_CHECK)
		return check_files(&cli);
	catch_fatal_signals();
	busy__start();
	t_read = clock_now();
	if (cli.base && load_base(cli.base, &base))
		return 1;
	/* once per base: a batch of modules shares it */
	t_index = clock_now();
	if (base && btf_encoder__base_has_flat_arrays(base))
		cli.flat_arrays = true;
	if (base && base_index__new(base, &base_idx)) {
		pr_err("out of memory indexing the base BTF");
		btf__free(base);
		return 1;
	}
	if (base)
		pr_info("'%s': base BTF: read and checked %.3f s, indexed %.3f s (%u types)",
			cli.base, t_index - t_read, clock_now() - t_index, btf__type_cnt(base) - 1);
	/* the reason of a failure was printed, naming the file */
	failed = encode_files(&cli, base, base_idx);
	if (failed && cli.nr_files > 1)
		pr_err("%d of %d files failed", failed, cli.nr_files);
	serial = busy__serial(&wall);
	pr_info("time: serial %.3f s of %.3f s wall (at most one thread working)", serial, wall);
	base_index__free(base_idx);
	btf__free(base);
	return failed ? 1 : 0;
}
