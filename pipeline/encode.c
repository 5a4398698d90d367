// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The per-file flow and the batch (see pipeline.h): loader, symbols,
 * encoder, optional distilled base, writer.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <gelf.h>
#include "base_load.h"
#include "libbpf_compat.h"
#include "btf_encoder.h"
#include "btf_verify.h"
#include "busy.h"
#include "clock.h"
#include "elf_symtab.h"
#include "elf_writer.h"
#include "log.h"
#include "model_verify.h"
#include "pipeline.h"
#include "split_fold.h"

/* where one file's time went, for the -V summary line */
struct file_times {
	double start, open, load, finish;
	struct btf_encoder_stats st;
};

static void *dup_raw(const struct btf *btf, uint32_t *size)
{
	const void *raw = btf__raw_data(btf, size);
	void *copy = raw ? malloc(*size) : NULL;

	if (copy)
		memcpy(copy, raw, *size);
	return copy;
}

void pipeline_out__release(struct pipeline_out *out)
{
	free(out->btf);
	free(out->base);
	memset(out, 0, sizeof(*out));
}

/*
 * distilled_base: .BTF becomes the split BTF on a distilled base, which
 * goes to .BTF.base (pahole 1.28+ with libbpf 1.5's btf__distill_base()).
 */
static int distill(const char *path, const struct btf *btf, struct pipeline_out *o)
{
	struct btf *db, *ns;
	int err = libbpf_compat__distill_base(btf, &db, &ns);

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

static int write_output(const struct pipeline_opts *opts, const char *path,
			const struct pipeline_out *o)
{
	struct ew_section secs[] = {
		{.name = ".BTF", .data = o->btf, .size = o->btf_size},
		{.name = ".BTF.base", .data = o->base, .size = o->base_size},
	};

	if (opts->detached)
		return elf_writer__write_raw(opts->detached, o->btf, o->btf_size);
	return elf_writer__set_sections(path, secs, o->base ? 2 : 1);
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

/* --func_report: written whole or not at all */
static int func_report(const char *path, const struct btf_encoder *enc)
{
	FILE *f = fopen(path, "w");
	int err;

	if (!f) {
		err = -errno;
		pr_err("'%s': cannot write the function report: %s", path, errstr(err));
		return err;
	}
	err = btf_encoder__func_report(enc, f);
	if (fclose(f) && !err)
		err = -EIO;
	if (err) {
		pr_err("'%s': cannot write the function report: %s", path, errstr(err));
		unlink(path);
	}
	return err;
}

/*
 * The symbol table and the encoder built on it (with its function symbol
 * groups), made on a thread of their own while the loader indexes the
 * units: they need the ELF alone, and were 32 ms of a kernel's serial start
 * at -j2. The thread reads the file through an Elf of its own. Only for a
 * linked file with threads to spare: an object file's symbols need the
 * section layout the loader gives it (elf_symtab.h). Whatever the thread
 * cannot do is left to the serial path, which reports what is wrong.
 */
struct early {
	pthread_t thread;
	bool started;
	const struct pipeline_opts *opts;
	const char *path;
	struct btf *base;
	int fd;
	Elf *elf;		   /* the symbols' strings: kept until they are freed */
	struct elf_symtab *symtab; /* NULL: left to the serial path */
	struct btf_encoder *enc;   /* on @symtab, or NULL */
};

/* the encoder's options for the file @path whose ELF header is @ehdr (NULL: unreadable) */
static struct btf_encoder_opts encoder_opts(const struct pipeline_opts *opts, const char *path,
					    const GElf_Ehdr *ehdr)
{
	struct btf_encoder_opts eo = {.features = opts->features,
				      .path = path,
				      .flat_arrays = opts->flat_arrays,
				      .nr_threads = opts->dwl.nr_threads};

	if (ehdr) {
		eo.addr_size = ehdr->e_ident[EI_CLASS] == ELFCLASS32 ? 4 : 8;
		eo.big_endian = ehdr->e_ident[EI_DATA] == ELFDATA2MSB;
	}
	return eo;
}

static void early_run(void *arg)
{
	struct early *e = arg;
	struct btf_encoder_opts eo;
	GElf_Ehdr ehdr;

	e->elf = elf_begin(e->fd, ELF_C_READ_MMAP, NULL);
	if (!e->elf || elf_kind(e->elf) != ELF_K_ELF || !gelf_getehdr(e->elf, &ehdr) ||
	    ehdr.e_type == ET_REL)
		return;
	if (elf_symtab__new(e->elf, NULL, &e->symtab))
		return; /* the serial path reads it again and says why */
	eo = encoder_opts(e->opts, e->path, &ehdr);
	if (btf_encoder__new(&eo, e->base, e->symtab, &e->enc))
		e->enc = NULL;
}

static void early_start(struct early *e, const struct pipeline_opts *opts, struct btf *base,
			const char *path)
{
	memset(e, 0, sizeof(*e));
	e->opts = opts;
	e->path = path;
	e->base = base;
	e->fd = -1;
	if (opts->dwl.nr_threads < 2)
		return;
	e->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (e->fd < 0)
		return;
	elf_version(EV_CURRENT);
	e->started = !busy__spawn(&e->thread, early_run, e);
}

static void early_join(struct early *e)
{
	if (e->started)
		busy__join(e->thread);
	e->started = false;
}

/* after early_join(); what was taken from @e (set to NULL) stays */
static void early_release(struct early *e)
{
	btf_encoder__free(e->enc);
	elf_symtab__free(e->symtab);
	if (e->elf)
		elf_end(e->elf);
	if (e->fd >= 0)
		close(e->fd);
}

/*
 * What encoding a file leaves to free: the encoder (with the BTF before its
 * prune), the symbols, the early thread's copies, and the loader with its
 * mapping of the input. The output is copied out of them first, so with -j2
 * and up pipeline__encode_file() frees them on a thread of their own while
 * it writes (on the 6.1 vmlinux, 10 ms that were serial).
 */
struct leftovers {
	struct btf_encoder *enc;
	struct elf_symtab *symtab;
	struct early early;
	struct dwl *dwl;
	pthread_t thread;
	bool threaded;
};

static void leftovers_free(void *arg)
{
	struct leftovers *l = arg;

	btf_encoder__free(l->enc);
	elf_symtab__free(l->symtab);
	early_release(&l->early);
	dwl__free(l->dwl);
}

/* free @l on a thread of its own when @threaded (and a thread can be had), else now */
static void leftovers_start(struct leftovers *l, bool threaded)
{
	l->threaded = threaded && !busy__spawn(&l->thread, leftovers_free, l);
	if (!l->threaded)
		leftovers_free(l);
}

static void leftovers_join(struct leftovers *l)
{
	if (l->threaded)
		busy__join(l->thread);
	l->threaded = false;
}

/* encode @path into @out; what it leaves to free goes to @left, also after an error */
static int encode(const struct pipeline_opts *opts, struct btf *base,
		  const struct base_index *base_idx, const char *path, struct pipeline_out *out,
		  struct file_times *tm, struct leftovers *left)
{
	struct btf_encoder_opts eopts;
	struct btf_encoder *enc = NULL;
	struct elf_symtab *symtab = NULL;
	struct dwl *dwl = NULL;
	struct early early;
	GElf_Ehdr ehdr;
	int err;

	memset(out, 0, sizeof(*out));
	tm->start = clock_now();
	early_start(&early, opts, base, path);
	err = dwl__open(path, &opts->dwl, &dwl);
	early_join(&early);
	if (err)
		goto out;
	tm->open = clock_now();
	if (!dwl__nr_cus(dwl)) {
		pr_err("'%s': no compilation unit to encode (all excluded by language?)", path);
		err = -ENODATA;
		goto out;
	}
	if (early.symtab) {
		symtab = early.symtab;
		early.symtab = NULL;
	} else {
		err = elf_symtab__new(dwl__elf(dwl), path, &symtab);
		if (err)
			goto out;
	}
	eopts = encoder_opts(opts, path, gelf_getehdr(dwl__elf(dwl), &ehdr) ? &ehdr : NULL);
	if (base && (btf__endianness(base) == BTF_BIG_ENDIAN) != eopts.big_endian) {
		pr_err("'%s': the file is %s-endian but the base BTF '%s' is %s-endian", path,
		       eopts.big_endian ? "big" : "little", opts->base,
		       eopts.big_endian ? "little" : "big");
		err = -EINVAL;
		goto out;
	}
	if (early.enc) { /* made on the same symbols, with the same encoder_opts() */
		enc = early.enc;
		early.enc = NULL;
	} else {
		err = btf_encoder__new(&eopts, base, symtab, &enc);
		if (err)
			pr_err("'%s': cannot create the encoder: %s", path, errstr(err));
	}
	if (!err)
		btf_encoder__set_base_index(enc, base_idx);
	err = err ?: btf_encoder__encode_dwarf(enc, dwl);
	tm->load = clock_now();
	err = err ?: btf_encoder__finish(enc);
	tm->finish = clock_now();
	if (!err && opts->verify) {
		err = model_verify__btf(btf_encoder__btf(enc), dwl, path);
		err = err ?: verify_rules(path, btf_encoder__btf(enc), base);
		pr_info("'%s': --verify: %s in %.3f s", path,
			err ? "failed" : "BTF matches the DWARF and the kernel's rules",
			clock_now() - tm->finish);
	}
	if (err)
		goto out;
	btf_encoder__stats(enc, &tm->st);
	btf_encoder__func_counts(enc);
	if (opts->func_report) {
		err = func_report(opts->func_report, enc);
		if (err)
			goto out;
	}
	/* the loader maps the input: copy the result out before the input is replaced */
	out->btf = dup_raw(btf_encoder__btf(enc), &out->btf_size);
	if (!out->btf) {
		err = -ENOMEM;
		pr_err("'%s': %s", path, errstr(err));
		goto out;
	}
	pr_info("'%s': %u types, %u bytes of BTF", path,
		btf__type_cnt(btf_encoder__btf(enc)) - 1 - (base ? btf__type_cnt(base) - 1 : 0),
		out->btf_size);
	/* like pahole: only split BTF written into the ELF file is distilled */
	if (base && (opts->features & BTF_FEAT_DISTILLED_BASE) && opts->detached) {
		pr_info("'%s': distilled_base is for -J only: written on the full base", path);
	} else if (base && (opts->features & BTF_FEAT_DISTILLED_BASE)) {
		free(out->btf);
		out->btf = NULL;
		err = distill(path, btf_encoder__btf(enc), out);
	}
out:
	*left = (struct leftovers){.enc = enc, .symtab = symtab, .early = early, .dwl = dwl};
	return err;
}

int pipeline__encode(const struct pipeline_opts *opts, struct btf *base,
		     const struct base_index *idx, const char *path, struct pipeline_out *out)
{
	struct leftovers left;
	struct file_times tm;
	int err = encode(opts, base, idx, path, out, &tm, &left);

	leftovers_free(&left);
	return err;
}

int pipeline__encode_file(const struct pipeline_opts *opts, struct btf *base,
			  const struct base_index *idx, const char *path)
{
	struct leftovers left;
	struct pipeline_out out;
	struct file_times tm;
	int err = encode(opts, base, idx, path, &out, &tm, &left);

	leftovers_start(&left, opts->dwl.nr_threads > 1);
	if (!err) {
		err = write_output(opts, path, &out);
		pr_info("'%s': time: open %.3f s, load+encode %.3f s (of it ordered merge %.3f s, "
			"%.3f s of CPU), dedup %.3f s, prune %.3f s, fold %.3f s, write %.3f s; %u "
			"types before dedup",
			path, tm.open - tm.start, tm.load - tm.open, tm.st.merge, tm.st.merge_cpu,
			tm.st.dedup, tm.st.prune, tm.st.fold, clock_now() - tm.finish,
			tm.st.types_merged);
	}
	leftovers_join(&left);
	pipeline_out__release(&out);
	return err;
}

/*
 * Batch mode with -jN: modules are encoded N at a time, each on one thread
 * (a module has few CUs; one base, read-only, is shared). Each file's
 * output depends on nothing but the file and the base, so the bytes are
 * the same whatever N; only the order of messages varies.
 */
struct batch {
	struct pipeline_opts opts; /* with one loader thread per file */
	struct btf *base;
	const struct base_index *idx;
	char **files;
	int nr_files;
	atomic_int next, failed;
};

static void batch_worker(void *arg)
{
	struct batch *b = arg;
	int i;

	while ((i = atomic_fetch_add(&b->next, 1)) < b->nr_files)
		if (pipeline__encode_file(&b->opts, b->base, b->idx, b->files[i]))
			atomic_fetch_add(&b->failed, 1);
}

int pipeline__encode_batch(const struct pipeline_opts *opts, struct btf *base,
			   const struct base_index *idx, char **files, int nr_files)
{
	unsigned int nr = opts->dwl.nr_threads, i, started = 0;
	struct batch b = {
		.opts = *opts, .base = base, .idx = idx, .files = files, .nr_files = nr_files};
	pthread_t *threads;

	if (nr > (unsigned int)nr_files)
		nr = nr_files;
	threads = nr > 1 ? calloc(nr, sizeof(*threads)) : NULL;
	if (threads)
		b.opts.dwl.nr_threads = 1;
	for (i = 1; threads && i < nr; i++) {
		if (busy__spawn(&threads[i], batch_worker, &b))
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

int pipeline__run(const struct pipeline_opts *opts, char **files, int nr_files)
{
	struct pipeline_opts o = *opts;
	struct base_index *base_idx = NULL;
	struct btf *base = NULL;
	double t_read, t_index, serial, wall, serial_cpu;
	int failed;

	busy__start();
	t_read = clock_now();
	if (o.base && base_load__read(o.base, &base))
		return 1;
	/* once per base: a batch of modules shares it */
	t_index = clock_now();
	if (base && btf_encoder__base_has_flat_arrays(base))
		o.flat_arrays = true;
	if (base && base_index__new(base, &base_idx)) {
		pr_err("out of memory indexing the base BTF");
		btf__free(base);
		return 1;
	}
	if (base)
		pr_info("'%s': base BTF: read and checked %.3f s, indexed %.3f s (%u types)",
			o.base, t_index - t_read, clock_now() - t_index, btf__type_cnt(base) - 1);
	/* the reason of a failure was printed, naming the file */
	failed = pipeline__encode_batch(&o, base, base_idx, files, nr_files);
	if (failed && nr_files > 1)
		pr_err("%d of %d files failed", failed, nr_files);
	serial = busy__serial(&wall, &serial_cpu);
	pr_info("time: serial %.3f s of %.3f s wall (at most one thread working), %.3f s of CPU",
		serial, wall, serial_cpu);
	base_index__free(base_idx);
	btf__free(base);
	return failed ? 1 : 0;
}
