// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Tests of the ELF writer (elf/elf_writer.c). Each test rewrites a
 * copy of an ELF file (a fixture built by CMake, a file synthesized here
 * with libelf, or a Debian vmlinux and modules) and checks with libelf,
 * libbpf and readelf, and by running, loading or linking the result, that
 * exactly the requested sections changed and nothing else did.
 *
 * Usage: test_elf_writer --fixtures DIR --scratch DIR [--kernel DIR] SUITE.CASE
 *        test_elf_writer --list
 *        test_elf_writer --set FILE NAME DATAFILE [NAME DATAFILE]...
 *        test_elf_writer --get FILE NAME OUTFILE
 * The exit code is 0 for pass, 1 for fail and 77 for skipped.
 */
#include <bpf/btf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <glob.h>
#include <libelf.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "elf_writer.h"

#define SKIP 77

/* on failure: print where and why, then jump to the test's cleanup label "out" */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);   \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			goto out;                                                                  \
		}                                                                                  \
	} while (0)

#define CHECK_EQ(a, b, ...)                                                                        \
	do {                                                                                       \
		unsigned long long a_ = (a), b_ = (b);                                             \
		if (a_ != b_) {                                                                    \
			fprintf(stderr,                                                            \
				"%s:%d: check failed: %s == %s (%llu != %llu): ", __FILE__,        \
				__LINE__, #a, #b, a_, b_);                                         \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			goto out;                                                                  \
		}                                                                                  \
	} while (0)

/* where things are: set once by main() from the command line */
static struct {
	const char *fixtures;
	const char *scratch;
	const char *kernel;
} cfg;

struct buf {
	void *data;
	size_t size;
};

static void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->size = 0;
}

static bool buf_eq(const struct buf *a, const struct buf *b)
{
	return a->size == b->size && !memcmp(a->data, b->data, a->size);
}

static int read_file(const char *path, struct buf *b)
{
	struct stat st;
	size_t done = 0;
	int fd, err = 0;

	b->data = NULL;
	b->size = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		err = -errno;
		goto out;
	}
	b->data = malloc(st.st_size ?: 1);
	if (!b->data) {
		err = -ENOMEM;
		goto out;
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, (char *)b->data + done, st.st_size - done);

		if (n <= 0) {
			err = n ? -errno : -EIO;
			goto out;
		}
		done += n;
	}
	b->size = done;
out:
	if (fd >= 0)
		close(fd);
	if (err) {
		fprintf(stderr, "cannot read '%s': %s\n", path, strerror(-err));
		buf_free(b);
	}
	return err;
}

static int write_file(const char *path, const void *data, size_t size, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	const char *p = data;
	int err = 0;

	if (fd < 0)
		return -errno;
	while (size && !err) {
		ssize_t n = write(fd, p, size);

		if (n <= 0)
			err = n ? -errno : -EIO;
		else {
			p += n;
			size -= n;
		}
	}
	if (close(fd) && !err)
		err = -errno;
	return err;
}

static int copy_file(const char *src, const char *dst)
{
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, err = 0;
	struct stat st;
	loff_t off = 0;

	if (in < 0 || fstat(in, &st)) {
		err = -errno;
		goto out;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		err = -errno;
		goto out;
	}
	while (off < st.st_size) {
		ssize_t n = copy_file_range(in, &off, out, NULL, st.st_size - off, 0);

		if (n <= 0) {
			err = n ? -errno : -EIO;
			goto out;
		}
	}
out:
	if (err)
		fprintf(stderr, "cannot copy '%s' to '%s': %s\n", src, dst, strerror(-err));
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return err;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static char *path_join(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		abort();
	return p;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* a fresh directory under the scratch directory; NULL on failure */
static char *scratch_new(const char *tag)
{
	char *dir;

	mkdir(cfg.scratch, 0755);
	if (asprintf(&dir, "%s/%s.XXXXXX", cfg.scratch, tag) < 0)
		abort();
	if (!mkdtemp(dir)) {
		fprintf(stderr, "cannot create scratch directory '%s': %s\n", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* remove a scratch directory, its files and its empty subdirectories */
static void scratch_remove(char *dir)
{
	struct dirent *de;
	DIR *d;

	if (!dir)
		return;
	chmod(dir, 0755);
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		char *p;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		p = path_join(dir, de->d_name);
		if (unlink(p))
			rmdir(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	free(dir);
}

/* true if every entry of @dir is one of @names (e.g. no temp file was left behind) */
static bool dir_has_only(const char *dir, const char *const *names, size_t nr)
{
	struct dirent *de;
	bool ok = true;
	size_t i;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return false;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		for (i = 0; i < nr && strcmp(de->d_name, names[i]); i++)
			;
		if (i == nr) {
			fprintf(stderr, "unexpected file '%s' in '%s'\n", de->d_name, dir);
			ok = false;
		}
	}
	closedir(d);
	return ok;
}

/*
 * Run @argv[0] (a path) with stdout discarded and stderr captured into
 * *@err_out (NUL-terminated, freed by the caller; may be NULL). Returns the
 * exit code, or -1 if the program could not run or was killed.
 */
static int run_cmd(char *const argv[], const char *ld_path, char **err_out)
{
	size_t len = 0, cap = 4096;
	char *text = malloc(cap);
	int pfd[2], status;
	pid_t pid;

	if (!text || pipe2(pfd, O_CLOEXEC))
		abort();
	pid = fork();
	if (pid < 0)
		abort();
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(pfd[1], 2);
		if (ld_path)
			setenv("LD_LIBRARY_PATH", ld_path, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		ssize_t n;

		if (cap - len < 2) {
			cap *= 2;
			text = realloc(text, cap);
			if (!text)
				abort();
		}
		n = read(pfd[0], text + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	text[len] = 0;
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (err_out)
		*err_out = text;
	else
		free(text);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

enum btf_variant {
	BTF_SMALL,
	BTF_MID,
	BTF_LARGE,
};

/* raw BTF built with libbpf: SMALL < MID < LARGE in size, all different */
static int make_btf(enum btf_variant v, bool big_endian, struct buf *out)
{
	struct btf *btf = btf__new_empty();
	int id_int, id_long, id_s, i, err = 0;
	const void *raw;
	__u32 size;

	if (!btf)
		return -errno;
#define T(call) (err = err ?: ((call) < 0 ? -EINVAL : 0))
	id_int = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	T(id_int);
	if (v >= BTF_MID) {
		id_long = btf__add_int(btf, "long", 8, BTF_INT_SIGNED);
		id_s = btf__add_struct(btf, "fx_point", 16);
		T(id_long);
		T(id_s);
		T(btf__add_field(btf, "x", id_int, 0, 0));
		T(btf__add_field(btf, "y", id_long, 64, 0));
		T(btf__add_ptr(btf, id_s));
		T(btf__add_typedef(btf, "fx_point_t", id_s));
	}
	for (i = 0; v == BTF_LARGE && i < 300; i++) {
		char name[32];

		snprintf(name, sizeof(name), "fx_s%d", i);
		T(btf__add_struct(btf, name, 8));
		T(btf__add_field(btf, "a", id_int, 0, 0));
		T(btf__add_field(btf, "b", id_int, 32, 0));
	}
#undef T
	if (!err && big_endian)
		err = btf__set_endianness(btf, BTF_BIG_ENDIAN);
	raw = err ? NULL : btf__raw_data(btf, &size);
	if (!err && !raw)
		err = -ENOMEM;
	if (!err) {
		out->data = malloc(size);
		out->size = size;
		if (!out->data)
			err = -ENOMEM;
		else
			memcpy(out->data, raw, size);
	}
	btf__free(btf);
	return err;
}

/* a mapped ELF file */
struct img {
	int fd;
	Elf *elf;
	const unsigned char *base;
	size_t size;
	GElf_Ehdr ehdr;
	size_t shnum, shstrndx, phnum;
};

static void img_close(struct img *m)
{
	if (m->elf)
		elf_end(m->elf);
	if (m->fd >= 0)
		close(m->fd);
	m->elf = NULL;
	m->fd = -1;
}

static int img_open(struct img *m, const char *path)
{
	memset(m, 0, sizeof(*m));
	m->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (m->fd < 0) {
		fprintf(stderr, "cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	m->elf = elf_begin(m->fd, ELF_C_READ_MMAP, NULL);
	if (!m->elf || elf_kind(m->elf) != ELF_K_ELF || !gelf_getehdr(m->elf, &m->ehdr) ||
	    elf_getshdrnum(m->elf, &m->shnum) || elf_getshdrstrndx(m->elf, &m->shstrndx) ||
	    elf_getphdrnum(m->elf, &m->phnum)) {
		fprintf(stderr, "'%s': bad ELF file: %s\n", path, elf_errmsg(-1));
		img_close(m);
		return -1;
	}
	m->base = (const unsigned char *)elf_rawfile(m->elf, &m->size);
	if (!m->base) {
		fprintf(stderr, "'%s': cannot map: %s\n", path, elf_errmsg(-1));
		img_close(m);
		return -1;
	}
	return 0;
}

static bool img_shdr(const struct img *m, size_t i, GElf_Shdr *sh)
{
	Elf_Scn *scn = elf_getscn(m->elf, i);

	return scn && gelf_getshdr(scn, sh);
}

static const char *img_name(const struct img *m, size_t i)
{
	GElf_Shdr sh;
	const char *s = NULL;

	if (img_shdr(m, i, &sh))
		s = elf_strptr(m->elf, m->shstrndx, sh.sh_name);
	return s ?: "<bad name>";
}

/* index of the first section called @name, 0 if none; *@count gets the number of them */
static size_t img_find(const struct img *m, const char *name, size_t *count)
{
	size_t i, found = 0;

	*count = 0;
	for (i = 1; i < m->shnum; i++) {
		if (!strcmp(img_name(m, i), name) && !(*count)++)
			found = i;
	}
	return found;
}

/* what a section must contain after a rewrite */
struct expect {
	const char *name;
	const struct buf *data;
};

static const struct expect *expect_find(const struct expect *exp, size_t nr, const char *name)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		if (!strcmp(exp[i].name, name))
			return &exp[i];
	}
	return NULL;
}

struct range {
	uint64_t start, end;
	const char *what;
	size_t idx;
	bool segment; /* the range is a segment */
	bool inplace; /* a rewritten section that kept its offset */
};

static bool ranges_overlap(const struct range *a, const struct range *b)
{
	return a->start < b->end && b->start < a->end;
}

/* bytes [start, end) are the same in both files, but for the @ex ranges */
static bool same_bytes_except(const struct img *o, const struct img *n, uint64_t start,
			      uint64_t end, const struct range *ex, size_t nr_ex)
{
	uint64_t p = start;

	if (end > o->size || end > n->size)
		return false;
	while (p < end) {
		uint64_t stop = end, skip_to = 0;
		size_t k;

		for (k = 0; k < nr_ex; k++) {
			if (ex[k].start <= p && p < ex[k].end && ex[k].end > skip_to)
				skip_to = ex[k].end;
			else if (ex[k].start > p && ex[k].start < stop)
				stop = ex[k].start;
		}
		if (skip_to) {
			p = skip_to;
			continue;
		}
		if (memcmp(o->base + p, n->base + p, stop - p))
			return false;
		p = stop;
	}
	return true;
}

/*
 * The heart of the tests: @new_path must be @orig_path with the sections in
 * @exp added or replaced and nothing else changed. Every original section
 * keeps its header fields and bytes (and its offset, unless rewritten), the
 * ELF header (but for the section table fields), the program headers and
 * the segment contents are the same, each @exp section exists exactly once
 * with exactly the expected bytes, and no moved or new section nor the
 * section header table overlaps anything else.
 */
static int check_elf(const char *orig_path, const char *new_path, const struct expect *exp,
		     size_t nr_exp)
{
	struct img o = {.fd = -1}, n = {.fd = -1};
	struct range *all = NULL, *moved = NULL, *exempt = NULL;
	size_t i, j, nr_all = 0, nr_moved = 0, nr_new = 0, nr_exempt = 0, count;
	GElf_Shdr so, sn;
	int ret = 1;

	CHECK(!img_open(&o, orig_path), "original");
	CHECK(!img_open(&n, new_path), "rewritten");

	CHECK(!memcmp(o.ehdr.e_ident, n.ehdr.e_ident, EI_NIDENT), "e_ident differs");
	CHECK_EQ(o.ehdr.e_type, n.ehdr.e_type, "ELF header");
	CHECK_EQ(o.ehdr.e_machine, n.ehdr.e_machine, "ELF header");
	CHECK_EQ(o.ehdr.e_version, n.ehdr.e_version, "ELF header");
	CHECK_EQ(o.ehdr.e_entry, n.ehdr.e_entry, "ELF header");
	CHECK_EQ(o.ehdr.e_phoff, n.ehdr.e_phoff, "ELF header");
	CHECK_EQ(o.ehdr.e_flags, n.ehdr.e_flags, "ELF header");
	CHECK_EQ(o.ehdr.e_ehsize, n.ehdr.e_ehsize, "ELF header");
	CHECK_EQ(o.ehdr.e_phentsize, n.ehdr.e_phentsize, "ELF header");
	CHECK_EQ(o.ehdr.e_phnum, n.ehdr.e_phnum, "ELF header");

	CHECK_EQ(o.phnum, n.phnum, "program header count");
	all = calloc(n.shnum + n.phnum + 3, sizeof(*all));
	moved = calloc(n.shnum + 1, sizeof(*moved));
	CHECK(all && moved, "out of memory");
	all[nr_all++] =
		(struct range){0, gelf_fsize(n.elf, ELF_T_EHDR, 1, EV_CURRENT), "ELF header", 0};
	if (n.phnum)
		all[nr_all++] = (struct range){
			n.ehdr.e_phoff,
			n.ehdr.e_phoff + n.phnum * gelf_fsize(n.elf, ELF_T_PHDR, 1, EV_CURRENT),
			"program headers", 0};
	/*
	 * Segments hold the same bytes, but for the ELF header (its section table
	 * fields change) and sections rewritten in place (allocated ones).
	 */
	exempt = calloc(nr_exp + 1, sizeof(*exempt));
	CHECK(exempt, "out of memory");
	exempt[nr_exempt++] = all[0];
	for (j = 0; j < nr_exp; j++) {
		size_t io = img_find(&o, exp[j].name, &count),
		       in = img_find(&n, exp[j].name, &count);

		if (io && in && img_shdr(&o, io, &so) && img_shdr(&n, in, &sn) &&
		    so.sh_offset == sn.sh_offset)
			exempt[nr_exempt++] = (struct range){
				so.sh_offset,
				so.sh_offset + (so.sh_size > sn.sh_size ? so.sh_size : sn.sh_size),
				exp[j].name, io};
	}
	for (i = 0; i < o.phnum; i++) {
		GElf_Phdr po, pn;

		CHECK(gelf_getphdr(o.elf, i, &po) && gelf_getphdr(n.elf, i, &pn), "phdr %zu", i);
		CHECK(!memcmp(&po, &pn, sizeof(po)), "program header %zu differs", i);
		CHECK(pn.p_offset + pn.p_filesz <= n.size, "segment %zu past end of file", i);
		CHECK(same_bytes_except(&o, &n, pn.p_offset, pn.p_offset + pn.p_filesz, exempt,
					nr_exempt),
		      "contents of segment %zu differ", i);
		if (pn.p_filesz)
			all[nr_all++] = (struct range){pn.p_offset, pn.p_offset + pn.p_filesz,
						       "segment", i, true};
	}

	for (j = 0; j < nr_exp; j++) {
		CHECK(img_find(&n, exp[j].name, &count), "'%s' missing", exp[j].name);
		CHECK_EQ(count, 1, "number of '%s' sections", exp[j].name);
		if (!img_find(&o, exp[j].name, &count))
			nr_new++;
	}
	CHECK_EQ(n.shnum, o.shnum + nr_new, "section count");
	CHECK_EQ(n.shstrndx, o.shstrndx, "section name table index");

	for (i = 1; i < n.shnum; i++) {
		const char *name = img_name(&n, i);
		const struct expect *e = expect_find(exp, nr_exp, name);
		bool is_new = i >= o.shnum;

		CHECK(img_shdr(&n, i, &sn), "section %zu", i);
		if (is_new) {
			CHECK(e, "unexpected new section %zu '%s'", i, name);
			memset(&so, 0, sizeof(so));
			so.sh_type = SHT_PROGBITS;
			so.sh_addralign = 1;
			so.sh_name = sn.sh_name;
		} else {
			CHECK(img_shdr(&o, i, &so), "section %zu", i);
			CHECK(!strcmp(img_name(&o, i), name), "section %zu renamed '%s' -> '%s'", i,
			      img_name(&o, i), name);
		}
		CHECK_EQ(so.sh_type, sn.sh_type, "section %zu '%s'", i, name);
		CHECK_EQ(so.sh_flags, sn.sh_flags, "section %zu '%s'", i, name);
		CHECK_EQ(so.sh_addr, sn.sh_addr, "section %zu '%s'", i, name);
		CHECK_EQ(so.sh_link, sn.sh_link, "section %zu '%s'", i, name);
		CHECK_EQ(so.sh_info, sn.sh_info, "section %zu '%s'", i, name);
		CHECK_EQ(so.sh_addralign, sn.sh_addralign, "section %zu '%s'", i, name);
		CHECK_EQ(so.sh_entsize, sn.sh_entsize, "section %zu '%s'", i, name);
		if (sn.sh_type != SHT_NOBITS) {
			CHECK(sn.sh_offset <= n.size && sn.sh_size <= n.size - sn.sh_offset,
			      "section %zu '%s' past end of file", i, name);
			if (sn.sh_size)
				all[nr_all++] = (struct range){sn.sh_offset,
							       sn.sh_offset + sn.sh_size, name, i};
		}
		if (e) {
			CHECK_EQ(sn.sh_size, e->data->size, "size of '%s'", name);
			CHECK(!memcmp(n.base + sn.sh_offset, e->data->data, sn.sh_size),
			      "contents of '%s'", name);
		} else if (i == o.shstrndx) {
			CHECK(sn.sh_size >= so.sh_size, "name table shrank");
			CHECK(!memcmp(o.base + so.sh_offset, n.base + sn.sh_offset, so.sh_size),
			      "old names changed");
		} else {
			CHECK_EQ(so.sh_offset, sn.sh_offset, "offset of section %zu '%s'", i, name);
			CHECK_EQ(so.sh_size, sn.sh_size, "size of section %zu '%s'", i, name);
			if (sn.sh_type != SHT_NOBITS)
				CHECK(!memcmp(o.base + so.sh_offset, n.base + sn.sh_offset,
					      sn.sh_size),
				      "contents of section %zu '%s'", i, name);
		}
		if ((is_new || so.sh_offset != sn.sh_offset || sn.sh_size > so.sh_size) &&
		    sn.sh_type != SHT_NOBITS && sn.sh_size) {
			CHECK(sn.sh_addralign < 2 || sn.sh_offset % sn.sh_addralign == 0,
			      "'%s' misaligned", name);
			moved[nr_moved] = all[nr_all - 1];
			moved[nr_moved++].inplace = !is_new && so.sh_offset == sn.sh_offset;
		}
	}
	moved[nr_moved++] = (struct range){
		n.ehdr.e_shoff,
		n.ehdr.e_shoff + n.shnum * gelf_fsize(n.elf, ELF_T_SHDR, 1, EV_CURRENT),
		"section headers", 0};
	CHECK(moved[nr_moved - 1].end <= n.size, "section headers past end of file");
	for (i = 0; i < nr_moved; i++) {
		for (j = 0; j < nr_all; j++) {
			if (moved[i].start == all[j].start && moved[i].what == all[j].what)
				continue;
			/* a section that grew in place may stay inside its segment */
			if (moved[i].inplace && all[j].segment && moved[i].start >= all[j].start &&
			    moved[i].end <= all[j].end)
				continue;
			CHECK(!ranges_overlap(&moved[i], &all[j]),
			      "%s [%#llx, %#llx) overlaps %s %zu [%#llx, %#llx)", moved[i].what,
			      (unsigned long long)moved[i].start, (unsigned long long)moved[i].end,
			      all[j].what, all[j].idx, (unsigned long long)all[j].start,
			      (unsigned long long)all[j].end);
		}
	}
	ret = 0;
out:
	free(all);
	free(moved);
	free(exempt);
	img_close(&o);
	img_close(&n);
	return ret;
}

/* readelf -a must not complain about @path (beyond what it says about @orig) */
static int check_readelf(const char *path, const char *orig)
{
	char *argv_n[] = {EW_READELF, "-a", "-W", (char *)path, NULL};
	char *argv_o[] = {EW_READELF, "-a", "-W", (char *)orig, NULL};
	char *err_n = NULL, *err_o = NULL;
	int rc_n, rc_o, ret = 1;

	if (!*EW_READELF) {
		fprintf(stderr, "note: readelf not found, not checking with it\n");
		return 0;
	}
	rc_n = run_cmd(argv_n, NULL, &err_n);
	rc_o = run_cmd(argv_o, NULL, &err_o);
	CHECK(rc_n == rc_o && (!*err_n || !strcmp(err_n, err_o)),
	      "readelf -a '%s' exit %d (original %d), stderr:\n%s", path, rc_n, rc_o, err_n);
	ret = 0;
out:
	free(err_n);
	free(err_o);
	return ret;
}

/* libbpf must find @want in the .BTF section of @path */
static int check_btf_parse(const char *path, const struct buf *want)
{
	struct btf *btf = btf__parse_elf(path, NULL);
	const void *raw;
	__u32 size = 0;
	int ret = 1;

	CHECK(btf, "btf__parse_elf('%s'): %s", path, strerror(errno));
	raw = btf__raw_data(btf, &size);
	CHECK(raw && size == want->size && !memcmp(raw, want->data, size),
	      "BTF parsed from '%s' differs (%u bytes, want %zu)", path, size, want->size);
	ret = 0;
out:
	btf__free(btf);
	return ret;
}

/* a fixture built by CMake from fixture.c */
struct fixture {
	const char *name;
	const char *file;
	int exit_code;		/* when run; -1: not run */
	const char *link_flag;	/* link the object with CC and this flag; NULL: do not */
	const char *link_needs; /* fixture whose presence shows that linking works */
	const char *so_user;	/* program that loads this library */
	bool big_endian;
};

static const struct fixture fixtures[] = {
	{"obj", "fixture.o", -1, "", NULL, NULL, false},
	{"exec", "fixture_exec", 42, NULL, NULL, NULL, false},
	{"pie", "fixture_pie", 42, NULL, NULL, NULL, false},
	{"so", "libfixture.so", -1, NULL, NULL, "so_user", false},
	{"obj32", "fixture32.o", -1, "-m32", "fixture_exec32", NULL, false},
	{"exec32", "fixture_exec32", 42, NULL, NULL, NULL, false},
	{"obj_be64", "fixture_be64.o", -1, NULL, NULL, NULL, true},
	{"obj_be32", "fixture_be32.o", -1, NULL, NULL, NULL, true},
};

/* the file under test: a copy of @orig named @file in scratch directory @dir */
struct subject {
	const char *orig;
	const char *dir;
	const char *file;
	char *path;
	bool big_endian;
	const struct fixture *fx; /* NULL for synthesized files */
	const char *also;	  /* another file allowed in @dir, or NULL */
};

/* everything that must hold after each rewrite of a subject */
static int verify(const struct subject *s, const struct expect *exp, size_t nr_exp)
{
	const struct expect *btf = expect_find(exp, nr_exp, ".BTF");
	const char *names[] = {s->file, s->also};
	char *linked = NULL, *tool = NULL;
	struct stat st;
	int ret = 1, rc;

	CHECK(!check_elf(s->orig, s->path, exp, nr_exp), "'%s'", s->path);
	CHECK(!stat(s->path, &st), "stat");
	CHECK_EQ(st.st_mode, S_IFREG | 0751, "mode of '%s'", s->path);
	if (geteuid() == 0) {
		CHECK_EQ(st.st_uid, 1234, "owner");
		CHECK_EQ(st.st_gid, 5678, "group");
	}
	CHECK(!check_readelf(s->path, s->orig), "readelf");
	if (btf)
		CHECK(!check_btf_parse(s->path, btf->data), "libbpf");
	if (s->fx && s->fx->exit_code >= 0) {
		char *argv[] = {s->path, NULL};

		rc = run_cmd(argv, NULL, NULL);
		CHECK_EQ(rc, s->fx->exit_code, "running '%s'", s->path);
	}
	if (s->fx && s->fx->link_flag) {
		char *needs = s->fx->link_needs ? path_join(cfg.fixtures, s->fx->link_needs) : NULL;
		bool can_link = !needs || exists(needs);

		free(needs);
		linked = path_join(s->dir, "linked");
		if (can_link) {
			char *argv_link[] = {EW_CC, (char *)s->fx->link_flag, s->path, "-o", linked,
					     NULL};
			char *argv_run[] = {linked, NULL};
			char *err = NULL;

			if (!*argv_link[1])
				memmove(&argv_link[1], &argv_link[2], 4 * sizeof(char *));
			rc = run_cmd(argv_link, NULL, &err);
			CHECK(rc == 0, "linking '%s' failed:\n%s", s->path, err);
			free(err);
			rc = run_cmd(argv_run, NULL, NULL);
			CHECK_EQ(rc, 42, "running the program linked from '%s'", s->path);
			unlink(linked);
		}
	}
	if (s->fx && s->fx->so_user) {
		char *argv[] = {tool = path_join(cfg.fixtures, s->fx->so_user), NULL};

		rc = run_cmd(argv, s->dir, NULL);
		CHECK_EQ(rc, 42, "running '%s' with the rewritten library", tool);
	}
	CHECK(dir_has_only(s->dir, names, s->also ? 2 : 1), "leftover files");
	ret = 0;
out:
	free(linked);
	free(tool);
	return ret;
}

static int set_one(const char *path, const char *name, const struct buf *b)
{
	struct ew_section sec = {name, b->data, b->size};

	return elf_writer__set_sections(path, &sec, 1);
}

/*
 * The main scenario, for any ELF file: add .BTF, grow it, shrink it, store
 * .BTF and .BTF.base in one call, then check that a rewrite that changes no
 * layout gives back the same bytes.
 */
static int roundtrip(struct subject *s)
{
	struct buf small = {}, mid = {}, large = {}, snap = {}, again = {};
	int ret = 1, err;

	CHECK(!make_btf(BTF_SMALL, s->big_endian, &small), "btf");
	CHECK(!make_btf(BTF_MID, s->big_endian, &mid), "btf");
	CHECK(!make_btf(BTF_LARGE, s->big_endian, &large), "btf");
	CHECK(small.size < mid.size && mid.size < large.size, "BTF sizes");

	s->path = path_join(s->dir, s->file);
	CHECK(!copy_file(s->orig, s->path), "copy");
	CHECK(!chmod(s->path, 0751), "chmod");
	if (geteuid() == 0)
		CHECK(!chown(s->path, 1234, 5678), "chown");

	err = set_one(s->path, ".BTF", &mid);
	CHECK_EQ(err, 0, "add .BTF");
	CHECK(!verify(s, (struct expect[]){{".BTF", &mid}}, 1), "after adding .BTF");

	err = set_one(s->path, ".BTF", &large);
	CHECK_EQ(err, 0, "grow .BTF");
	CHECK(!verify(s, (struct expect[]){{".BTF", &large}}, 1), "after growing .BTF");

	err = set_one(s->path, ".BTF", &small);
	CHECK_EQ(err, 0, "shrink .BTF");
	CHECK(!verify(s, (struct expect[]){{".BTF", &small}}, 1), "after shrinking .BTF");

	err = elf_writer__set_sections(s->path,
				       (struct ew_section[]){{".BTF", mid.data, mid.size},
							     {".BTF.base", large.data, large.size}},
				       2);
	CHECK_EQ(err, 0, "set .BTF and .BTF.base");
	CHECK(!verify(s, (struct expect[]){{".BTF", &mid}, {".BTF.base", &large}}, 2),
	      "after setting .BTF and .BTF.base");

	/* same layout: the file must come back byte for byte */
	CHECK(!read_file(s->path, &snap), "read");
	err = elf_writer__set_sections(s->path,
				       (struct ew_section[]){{".BTF", mid.data, mid.size},
							     {".BTF.base", large.data, large.size}},
				       2);
	CHECK_EQ(err, 0, "same data again");
	CHECK(!read_file(s->path, &again) && buf_eq(&snap, &again), "rewrite changed bytes");
	buf_free(&again);
	err = set_one(s->path, ".BTF", &small);
	CHECK_EQ(err, 0, "shrink .BTF in place");
	CHECK(!verify(s, (struct expect[]){{".BTF", &small}, {".BTF.base", &large}}, 2),
	      "after shrinking .BTF in place");
	err = set_one(s->path, ".BTF", &mid);
	CHECK_EQ(err, 0, "restore .BTF");
	CHECK(!read_file(s->path, &again) && buf_eq(&snap, &again),
	      "storing the old bytes again did not give back the old file");
	ret = 0;
out:
	buf_free(&small);
	buf_free(&mid);
	buf_free(&large);
	buf_free(&snap);
	buf_free(&again);
	return ret;
}

static int test_fixture__roundtrip(const char *arg)
{
	const struct fixture *fx = NULL;
	struct subject s = {};
	char *dir = NULL, *orig;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		if (!strcmp(fixtures[i].name, arg))
			fx = &fixtures[i];
	}
	if (!fx) {
		fprintf(stderr, "unknown fixture '%s'\n", arg);
		return 1;
	}
	orig = path_join(cfg.fixtures, fx->file);
	if (!exists(orig)) {
		fprintf(stderr, "skip: fixture '%s' was not built (no compiler support)\n", orig);
		free(orig);
		return SKIP;
	}
	dir = scratch_new(fx->name);
	if (!dir) {
		free(orig);
		return 1;
	}
	s = (struct subject){orig, dir, fx->file, NULL, fx->big_endian, fx, NULL};
	ret = roundtrip(&s);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	free(s.path);
	free(orig);
	return ret;
}

/* a synthesized ELF file */
struct synth {
	int cls;
	int data;
	size_t nr_fill;	       /* extra non-ALLOC ".f<N>" sections */
	bool shstr_last;       /* the section name table is the last section */
	const struct buf *btf; /* contents of a ".BTF" right before the end, or NULL */
};

#define SYNTH_GAP_START 0x140
#define SYNTH_GAP_END 0x180

/* one section of a synthesized file */
struct synth_sec {
	const char *name;
	uint32_t type;
	uint64_t flags, size, align;
	const void *data;
};

/*
 * Write an ET_EXEC file with one PT_LOAD segment holding .text, a gap with
 * a 0xee pattern that belongs to no section, .data and .bss, followed by
 * non-ALLOC sections (the name table in the middle or last, fillers,
 * .comment and optionally .BTF) and the section header table.
 */
static int synth_write(const char *path, const struct synth *sy)
{
	static const unsigned char text[64] = {0x90, 0x90, 0xc3};
	static const unsigned char data[32] = {1, 2, 3, 4, 5, 6, 7, 8};
	static const char comment[] = "synthesized by test_elf_writer";
	static const unsigned char fill[4] = {0xf1, 0xf2, 0xf3, 0xf4};
	size_t nr = 0, cap = sy->nr_fill + 8, i, strsz = 1, shstr_idx = 0;
	struct synth_sec *secs = calloc(cap, sizeof(*secs));
	char **fill_names = calloc(sy->nr_fill + 1, sizeof(char *));
	uint64_t *name_off = calloc(cap, sizeof(uint64_t));
	char *strtab = NULL;
	unsigned char gap[SYNTH_GAP_END - SYNTH_GAP_START];
	uint64_t off, vaddr = 0x400000;
	Elf *elf = NULL;
	GElf_Ehdr eh;
	GElf_Phdr ph;
	int fd = -1, ret = 1;

	CHECK(secs && fill_names && name_off, "out of memory");
	secs[nr++] = (struct synth_sec){".text",      SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
					sizeof(text), 16,	    text};
	secs[nr++] = (struct synth_sec){".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, sizeof(data),
					8,	 data};
	secs[nr++] = (struct synth_sec){".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0x40, 8, NULL};
	if (!sy->shstr_last) {
		shstr_idx = nr + 1;
		secs[nr++] = (struct synth_sec){".shstrtab", SHT_STRTAB, 0, 0, 1, NULL};
	}
	for (i = 0; i < sy->nr_fill; i++) {
		CHECK(asprintf(&fill_names[i], ".f%zu", i) > 0, "asprintf");
		secs[nr++] =
			(struct synth_sec){fill_names[i], SHT_PROGBITS, 0, sizeof(fill), 4, fill};
	}
	secs[nr++] = (struct synth_sec){
		".comment", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, sizeof(comment), 1, comment};
	if (sy->btf)
		secs[nr++] = (struct synth_sec){".BTF", SHT_PROGBITS, 0, sy->btf->size,
						1,	sy->btf->data};
	if (sy->shstr_last) {
		shstr_idx = nr + 1;
		secs[nr++] = (struct synth_sec){".shstrtab", SHT_STRTAB, 0, 0, 1, NULL};
	}
	/* the section name table; index i + 1 is secs[i] */
	for (i = 0; i < nr; i++)
		strsz += strlen(secs[i].name) + 1;
	strtab = malloc(strsz);
	CHECK(strtab, "out of memory");
	strtab[0] = 0;
	for (i = 0, off = 1; i < nr; i++) {
		name_off[i] = off;
		strcpy(strtab + off, secs[i].name);
		off += strlen(secs[i].name) + 1;
	}
	secs[shstr_idx - 1].data = strtab;
	secs[shstr_idx - 1].size = strsz;

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	CHECK(fd >= 0, "create '%s': %s", path, strerror(errno));
	elf = elf_begin(fd, ELF_C_WRITE, NULL);
	CHECK(elf && gelf_newehdr(elf, sy->cls) && gelf_newphdr(elf, 2) && gelf_getehdr(elf, &eh),
	      "%s", elf_errmsg(-1));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = sy->cls;
	eh.e_ident[EI_DATA] = sy->data;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = sy->data == ELFDATA2MSB ? (sy->cls == ELFCLASS64 ? EM_S390 : EM_PPC)
					       : (sy->cls == ELFCLASS64 ? EM_X86_64 : EM_386);
	eh.e_version = EV_CURRENT;
	eh.e_entry = vaddr + 0x100;
	eh.e_phoff = gelf_fsize(elf, ELF_T_EHDR, 1, EV_CURRENT);

	/* ALLOC sections at fixed places inside the segment, the rest packed after it */
	off = 0x100;
	for (i = 0; i < nr; i++) {
		Elf_Scn *scn = elf_newscn(elf);
		Elf_Data *d = scn ? elf_newdata(scn) : NULL;
		GElf_Shdr sh = {};

		CHECK(d && gelf_getshdr(scn, &sh), "%s", elf_errmsg(-1));
		if (i == 1)
			off = SYNTH_GAP_END;
		if (secs[i].align > 1)
			off = (off + secs[i].align - 1) / secs[i].align * secs[i].align;
		sh.sh_name = name_off[i];
		sh.sh_type = secs[i].type;
		sh.sh_flags = secs[i].flags;
		sh.sh_addr = (secs[i].flags & SHF_ALLOC) ? vaddr + off : 0;
		sh.sh_offset = off;
		sh.sh_size = secs[i].size;
		sh.sh_addralign = secs[i].align;
		sh.sh_entsize = (secs[i].flags & SHF_STRINGS) ? 1 : 0;
		d->d_buf = (void *)secs[i].data;
		d->d_size = secs[i].type == SHT_NOBITS ? 0 : secs[i].size;
		d->d_type = ELF_T_BYTE;
		d->d_align = 1;
		if (secs[i].type == SHT_NOBITS) {
			d->d_buf = NULL;
			d->d_size = secs[i].size;
		}
		CHECK(gelf_update_shdr(scn, &sh), "%s", elf_errmsg(-1));
		if (secs[i].type != SHT_NOBITS)
			off += secs[i].size;
	}
	eh.e_shoff = (off + 7) & ~7ULL;
	if (shstr_idx >= SHN_LORESERVE) {
		Elf_Scn *scn0 = elf_getscn(elf, 0);
		GElf_Shdr sh0;

		CHECK(scn0 && gelf_getshdr(scn0, &sh0), "%s", elf_errmsg(-1));
		sh0.sh_link = shstr_idx;
		CHECK(gelf_update_shdr(scn0, &sh0), "%s", elf_errmsg(-1));
		eh.e_shstrndx = SHN_XINDEX;
	} else {
		eh.e_shstrndx = shstr_idx;
	}
	CHECK(gelf_update_ehdr(elf, &eh), "%s", elf_errmsg(-1));

	memset(&ph, 0, sizeof(ph));
	ph.p_type = PT_LOAD;
	ph.p_flags = PF_R | PF_W | PF_X;
	ph.p_vaddr = ph.p_paddr = vaddr;
	ph.p_filesz = SYNTH_GAP_END + sizeof(data);
	ph.p_memsz = ph.p_filesz + 0x40;
	ph.p_align = 0x1000;
	CHECK(gelf_update_phdr(elf, 0, &ph), "%s", elf_errmsg(-1));
	memset(&ph, 0, sizeof(ph));
	ph.p_type = PT_GNU_STACK;
	ph.p_flags = PF_R | PF_W;
	CHECK(gelf_update_phdr(elf, 1, &ph), "%s", elf_errmsg(-1));

	elf_flagelf(elf, ELF_C_SET, ELF_F_LAYOUT);
	CHECK(elf_update(elf, ELF_C_WRITE) > 0, "elf_update: %s", elf_errmsg(-1));
	elf_end(elf);
	elf = NULL;
	/* bytes that belong to the segment but to no section must survive */
	memset(gap, 0xee, sizeof(gap));
	CHECK(pwrite(fd, gap, sizeof(gap), SYNTH_GAP_START) == sizeof(gap), "pwrite");
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
	for (i = 0; fill_names && i < sy->nr_fill; i++)
		free(fill_names[i]);
	free(fill_names);
	free(name_off);
	free(strtab);
	free(secs);
	return ret;
}

/* the byte pattern outside any section must still be there */
static int check_gap(const char *path)
{
	unsigned char gap[SYNTH_GAP_END - SYNTH_GAP_START];
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 1;
	size_t i;

	CHECK(fd >= 0 && pread(fd, gap, sizeof(gap), SYNTH_GAP_START) == sizeof(gap), "read");
	for (i = 0; i < sizeof(gap); i++)
		CHECK(gap[i] == 0xee, "gap byte %zu is %#x", i, gap[i]);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * After roundtrip(): allocated sections are rewritten in place only, within
 * their segment and over zero bytes (the tail a smaller rewrite zeroed), and
 * a growing aligned section moves to an aligned offset.
 */
static int check_slots(const struct subject *s)
{
	struct buf mid = {}, large = {}, data = {}, small = {"\x5a\x5a\x5a\x5a", 4}, big = {};
	int ret = 1, err;

	CHECK(!make_btf(BTF_MID, s->big_endian, &mid), "btf");
	CHECK(!make_btf(BTF_LARGE, s->big_endian, &large), "btf");
	CHECK_EQ(elf_writer__read_section(s->orig, ".data", &data.data, &data.size), 0, ".data");
	big.size = data.size + 1;
	big.data = calloc(1, big.size);
	CHECK(big.data, "out of memory");

	err = set_one(s->path, ".data", &small);
	CHECK_EQ(err, 0, "shrink .data");
	err = set_one(s->path, ".data", &data);
	CHECK_EQ(err, 0, "restore .data over its zeroed tail");
	err = set_one(s->path, ".data", &big);
	CHECK_EQ(err, -EINVAL, "grow .data past its segment");
	big.size = 64 + 1;
	err = set_one(s->path, ".text", &big);
	CHECK_EQ(err, -EINVAL, "grow .text over non-zero bytes");
	CHECK(!check_gap(s->path), "gap");
	CHECK(!check_elf(s->orig, s->path, (struct expect[]){{".BTF", &mid}, {".BTF.base", &large}},
			 2),
	      "after rewriting .data");

	err = set_one(s->path, ".f1", &large);
	CHECK_EQ(err, 0, "grow .f1");
	CHECK(!check_elf(s->orig, s->path,
			 (struct expect[]){{".BTF", &mid}, {".BTF.base", &large}, {".f1", &large}},
			 3),
	      "after growing .f1");
	CHECK(!check_readelf(s->path, s->orig), "readelf");
	ret = 0;
out:
	buf_free(&mid);
	buf_free(&large);
	buf_free(&data);
	buf_free(&big);
	return ret;
}

/*
 * Synthesized files of every class and byte order: "elf64le", "elf32be",
 * ...; "+btf" gives the file a .BTF before its name table, "+last" puts the
 * name table last so that it grows in place.
 */
static int test_synthetic__roundtrip(const char *arg)
{
	bool be = strstr(arg, "be"), with_btf = strstr(arg, "+btf");
	struct synth sy = {strstr(arg, "32") ? ELFCLASS32 : ELFCLASS64,
			   be ? ELFDATA2MSB : ELFDATA2LSB, 3, strstr(arg, "+last"), NULL};
	struct subject s = {};
	struct buf old = {};
	char *dir, *orig = NULL, *err = NULL;
	int ret = 1, rc;

	dir = scratch_new("synthetic");
	CHECK(dir, "scratch");
	if (with_btf) {
		CHECK(!make_btf(BTF_SMALL, be, &old), "btf");
		sy.btf = &old;
	}
	orig = path_join(dir, "orig");
	CHECK(!synth_write(orig, &sy), "synthesize");
	CHECK(!check_gap(orig), "synthesized gap");
	if (*EW_READELF) {
		char *argv[] = {EW_READELF, "-a", "-W", orig, NULL};

		rc = run_cmd(argv, NULL, &err);
		CHECK(rc == 0 && !*err, "readelf on the synthesized file:\n%s", err);
	}
	s = (struct subject){orig, dir, "synth", NULL, be, NULL, "orig"};
	ret = roundtrip(&s) || check_gap(s.path) || check_slots(&s);
out:
	free(err);
	buf_free(&old);
	free(s.path);
	free(orig);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	return ret;
}

/*
 * A file without any section header (like a stripped core or firmware
 * image): the writer creates the table, with a null section, the new
 * sections and a name table, and keeps the segment bytes.
 */
static int test_synthetic__no_sections(const char *arg)
{
	struct img o = {.fd = -1}, n = {.fd = -1};
	unsigned char payload[0x100];
	struct buf mid = {};
	char *dir, *orig = NULL, *path = NULL;
	GElf_Shdr sh;
	GElf_Phdr ph;
	Elf *elf = NULL;
	GElf_Ehdr eh;
	size_t i;
	int fd = -1, ret = 1, err;

	dir = scratch_new("nosections");
	CHECK(dir, "scratch");
	orig = path_join(dir, "orig");
	path = path_join(dir, "file");
	CHECK(!make_btf(BTF_MID, false, &mid), "btf");
	fd = open(orig, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	CHECK(fd >= 0, "create");
	elf = elf_begin(fd, ELF_C_WRITE, NULL);
	CHECK(elf && gelf_newehdr(elf, ELFCLASS64) && gelf_newphdr(elf, 1) &&
		      gelf_getehdr(elf, &eh),
	      "%s", elf_errmsg(-1));
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = gelf_fsize(elf, ELF_T_EHDR, 1, EV_CURRENT);
	CHECK(gelf_update_ehdr(elf, &eh), "%s", elf_errmsg(-1));
	memset(&ph, 0, sizeof(ph));
	ph.p_type = PT_LOAD;
	ph.p_flags = PF_R;
	ph.p_vaddr = ph.p_paddr = 0x400000;
	ph.p_filesz = ph.p_memsz = 0x200;
	ph.p_align = 0x1000;
	CHECK(gelf_update_phdr(elf, 0, &ph), "%s", elf_errmsg(-1));
	elf_flagelf(elf, ELF_C_SET, ELF_F_LAYOUT);
	CHECK(elf_update(elf, ELF_C_WRITE) > 0, "%s", elf_errmsg(-1));
	elf_end(elf);
	elf = NULL;
	for (i = 0; i < sizeof(payload); i++)
		payload[i] = i;
	CHECK(pwrite(fd, payload, sizeof(payload), 0x100) == sizeof(payload), "pwrite");
	close(fd);
	fd = -1;
	CHECK(!copy_file(orig, path), "copy");

	err = set_one(path, ".BTF", &mid);
	CHECK_EQ(err, 0, "add .BTF to a file without sections");
	CHECK(!img_open(&o, orig) && !img_open(&n, path), "open");
	CHECK_EQ(o.shnum, 0, "original section count");
	CHECK_EQ(n.shnum, 3, "section count");
	CHECK_EQ(n.shstrndx, 2, "name table index");
	CHECK(!strcmp(img_name(&n, 1), ".BTF") && !strcmp(img_name(&n, 2), ".shstrtab"), "names");
	CHECK(img_shdr(&n, 1, &sh), "shdr");
	CHECK(sh.sh_type == SHT_PROGBITS && !sh.sh_flags && !sh.sh_addr && sh.sh_addralign == 1 &&
		      sh.sh_size == mid.size && sh.sh_offset >= 0x200 &&
		      !memcmp(n.base + sh.sh_offset, mid.data, mid.size),
	      ".BTF header or contents");
	CHECK(img_shdr(&n, 2, &sh) && sh.sh_type == SHT_STRTAB, ".shstrtab");
	CHECK_EQ(n.phnum, 1, "program headers");
	CHECK(!memcmp(o.base + eh.e_phoff, n.base + eh.e_phoff, 0x200 - eh.e_phoff),
	      "program headers and segment bytes");
	img_close(&o);
	img_close(&n);
	CHECK(!check_readelf(path, orig), "readelf");
	CHECK(!check_btf_parse(path, &mid), "libbpf");
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
	img_close(&o);
	img_close(&n);
	buf_free(&mid);
	free(orig);
	free(path);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	return ret;
}

/*
 * Extended section numbering. "cross": 0xff00 - 2 sections, adding two
 * crosses into e_shnum == 0 with the count in section 0. "strndx": the name
 * table itself has an index >= 0xff00 (e_shstrndx == SHN_XINDEX).
 */
static int test_xindex__roundtrip(const char *arg)
{
	bool cross = !strcmp(arg, "cross");
	/* 6 sections besides the fillers: null, .text, .data, .bss, .shstrtab, .comment */
	struct synth sy = {ELFCLASS64, ELFDATA2LSB, cross ? SHN_LORESERVE - 2 - 6 : SHN_LORESERVE,
			   !cross, NULL};
	struct buf small = {}, mid = {};
	struct img m = {.fd = -1};
	char *dir, *orig = NULL, *path = NULL;
	size_t orig_shnum = 0;
	GElf_Shdr sh0;
	int ret = 1, err;

	dir = scratch_new("xindex");
	CHECK(dir, "scratch");
	CHECK(!make_btf(BTF_SMALL, false, &small) && !make_btf(BTF_MID, false, &mid), "btf");
	orig = path_join(dir, "orig");
	path = path_join(dir, "file");
	CHECK(!synth_write(orig, &sy), "synthesize");
	CHECK(!img_open(&m, orig), "open");
	orig_shnum = m.shnum;
	if (cross)
		CHECK(m.shnum == SHN_LORESERVE - 2 && m.ehdr.e_shnum == m.shnum, "%zu", m.shnum);
	else
		CHECK(m.ehdr.e_shnum == 0 && m.ehdr.e_shstrndx == SHN_XINDEX, "not extended");
	img_close(&m);
	CHECK(!copy_file(orig, path), "copy");

	err = elf_writer__set_sections(path,
				       (struct ew_section[]){{".BTF", mid.data, mid.size},
							     {".BTF.base", small.data, small.size}},
				       2);
	CHECK_EQ(err, 0, "add .BTF and .BTF.base");
	CHECK(!check_elf(orig, path, (struct expect[]){{".BTF", &mid}, {".BTF.base", &small}}, 2),
	      "check");
	CHECK(!img_open(&m, path), "open");
	CHECK(img_shdr(&m, 0, &sh0), "section 0");
	CHECK_EQ(m.shnum, orig_shnum + 2, "section count");
	CHECK_EQ(m.ehdr.e_shnum, 0, "e_shnum of an extended table");
	CHECK_EQ(sh0.sh_size, m.shnum, "section 0 sh_size");
	if (!cross) {
		CHECK_EQ(m.ehdr.e_shstrndx, SHN_XINDEX, "e_shstrndx");
		CHECK_EQ(sh0.sh_link, m.shstrndx, "section 0 sh_link");
	} else {
		CHECK_EQ(m.ehdr.e_shstrndx, 4, "e_shstrndx");
	}
	img_close(&m);
	CHECK(!check_readelf(path, orig), "readelf");
	CHECK(!check_btf_parse(path, &mid), "libbpf");

	err = set_one(path, ".BTF", &small);
	CHECK_EQ(err, 0, "shrink .BTF");
	CHECK(!check_elf(orig, path, (struct expect[]){{".BTF", &small}, {".BTF.base", &small}}, 2),
	      "check");
	ret = 0;
out:
	img_close(&m);
	buf_free(&small);
	buf_free(&mid);
	free(orig);
	free(path);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	return ret;
}

/* @path must still hold @want, with mode @mode, and @dir nothing but @names */
static int check_untouched(const char *path, const struct buf *want, mode_t mode, const char *dir,
			   const char *const *names, size_t nr)
{
	struct buf now_bytes = {};
	struct stat st;
	int ret = 1;

	CHECK(!read_file(path, &now_bytes), "read");
	CHECK(buf_eq(&now_bytes, want), "'%s' changed", path);
	CHECK(!stat(path, &st), "stat");
	CHECK_EQ(st.st_mode & 07777, mode, "mode of '%s'", path);
	CHECK(dir_has_only(dir, names, nr), "leftover files");
	ret = 0;
out:
	buf_free(&now_bytes);
	return ret;
}

/*
 * set_one(@path, ".BTF", @b) without the rights of root, which may create
 * files in a read-only directory: as root, run it in a child process that
 * became "nobody" first.
 */
static int set_one_unprivileged(const char *path, const struct buf *b)
{
	int status, fd;
	pid_t pid;

	if (geteuid() != 0)
		return set_one(path, ".BTF", b);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(100);
		/* the file itself must be readable, so that only the temp file fails */
		fd = open(path, O_RDONLY);
		if (fd < 0)
			_exit(101);
		close(fd);
		_exit(-set_one(path, ".BTF", b));
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) >= 100) {
		fprintf(stderr, "unprivileged child failed (status %#x)\n", status);
		return -ECHILD;
	}
	return -WEXITSTATUS(status);
}

/* failed rewrites leave the file as it was and no temp file behind */
static int test_failures__all(const char *arg)
{
	const char *names[] = {"exec", "text", "sub"};
	struct buf mid = {}, big = {}, orig = {}, text = {};
	char *dir, *fx, *path = NULL, *txt = NULL, *sub = NULL, *missing = NULL;
	struct rlimit old_lim, lim;
	int ret = 1, err;

	dir = scratch_new("failures");
	CHECK(dir, "scratch");
	fx = path_join(cfg.fixtures, "fixture_exec");
	path = path_join(dir, "exec");
	txt = path_join(dir, "text");
	sub = path_join(dir, "sub");
	missing = path_join(dir, "missing");
	CHECK(!copy_file(fx, path), "copy");
	free(fx);
	CHECK(!chmod(path, 0751), "chmod");
	CHECK(!mkdir(sub, 0755), "mkdir");
	CHECK(!read_file(path, &orig), "read");
	CHECK(!make_btf(BTF_MID, false, &mid), "btf");
	big.size = orig.size * 2;
	big.data = calloc(1, big.size);
	CHECK(big.data, "out of memory");
	text.data = strdup("this is not an ELF file, but it is long enough for libelf to look\n");
	text.size = strlen(text.data);
	CHECK(!write_file(txt, text.data, text.size, 0640), "write");

	/* not ELF */
	err = set_one(txt, ".BTF", &mid);
	CHECK_EQ(err, -EINVAL, "non-ELF file");
	CHECK(!check_untouched(txt, &text, 0640, dir, names, 3), "non-ELF file");
	/* missing file, directory */
	err = set_one(missing, ".BTF", &mid);
	CHECK_EQ(err, -ENOENT, "missing file");
	err = set_one(sub, ".BTF", &mid);
	CHECK_EQ(err, -EINVAL, "directory");
	/* allocated sections cannot grow, SHT_NOBITS ones cannot be written */
	err = set_one(path, ".text", &big);
	CHECK_EQ(err, -EINVAL, "growing .text");
	err = set_one(path, ".bss", &mid);
	CHECK_EQ(err, -EINVAL, "writing .bss");
	err = set_one(path, ".shstrtab", &mid);
	CHECK_EQ(err, -EINVAL, "replacing the name table");
	err = elf_writer__set_sections(
		path,
		(struct ew_section[]){{".BTF", mid.data, mid.size}, {".BTF", mid.data, mid.size}},
		2);
	CHECK_EQ(err, -EINVAL, "same section twice");
	err = elf_writer__set_sections(path, (struct ew_section[]){{"", mid.data, mid.size}}, 1);
	CHECK_EQ(err, -EINVAL, "empty name");
	CHECK(!check_untouched(path, &orig, 0751, dir, names, 3), "after bad requests");

	/* a write that fails half way: the file size limit stops the copy */
	signal(SIGXFSZ, SIG_IGN);
	CHECK(!getrlimit(RLIMIT_FSIZE, &old_lim), "getrlimit");
	lim = old_lim;
	lim.rlim_cur = 4096;
	CHECK(!setrlimit(RLIMIT_FSIZE, &lim), "setrlimit");
	err = set_one(path, ".BTF", &mid);
	setrlimit(RLIMIT_FSIZE, &old_lim);
	CHECK_EQ(err, -EFBIG, "write past the file size limit");
	CHECK(!check_untouched(path, &orig, 0751, dir, names, 3), "after a failed write");
	err = elf_writer__write_raw(path, big.data, big.size);
	CHECK_EQ(err, 0, "write_raw");
	CHECK(!elf_writer__write_raw(path, orig.data, orig.size), "write_raw");
	CHECK(!setrlimit(RLIMIT_FSIZE, &lim), "setrlimit");
	err = elf_writer__write_raw(path, big.data, big.size);
	setrlimit(RLIMIT_FSIZE, &old_lim);
	CHECK_EQ(err, -EFBIG, "write_raw past the file size limit");
	CHECK(!check_untouched(path, &orig, 0751, dir, names, 3), "after a failed raw write");

	/* a directory where no temp file can be created */
	CHECK(!chmod(dir, 0555) && !chmod(path, 0755), "chmod");
	err = set_one_unprivileged(path, &mid);
	CHECK(!chmod(dir, 0700) && !chmod(path, 0751), "chmod");
	CHECK_EQ(err, -EACCES, "read-only directory");
	CHECK(!check_untouched(path, &orig, 0751, dir, names, 3), "read-only directory");
	ret = 0;
out:
	buf_free(&mid);
	buf_free(&big);
	buf_free(&orig);
	buf_free(&text);
	free(path);
	free(txt);
	free(sub);
	free(missing);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	return ret;
}

static int test_write_raw__all(const char *arg)
{
	const char *names[] = {"raw", "raw2", "link", "empty"};
	char *dir, *raw = NULL, *raw2 = NULL, *link = NULL, *empty = NULL, *bad = NULL;
	struct buf long_data = {}, short_data = {"short", 5}, got = {};
	mode_t old_umask;
	struct stat st;
	int ret = 1, err;

	dir = scratch_new("write_raw");
	CHECK(dir, "scratch");
	raw = path_join(dir, "raw");
	raw2 = path_join(dir, "raw2");
	link = path_join(dir, "link");
	empty = path_join(dir, "empty");
	bad = path_join(dir, "no/such/dir");
	CHECK(!make_btf(BTF_LARGE, false, &long_data), "btf");

	old_umask = umask(022);
	err = elf_writer__write_raw(raw, long_data.data, long_data.size);
	CHECK_EQ(err, 0, "new file");
	CHECK(!read_file(raw, &got) && buf_eq(&got, &long_data), "contents");
	buf_free(&got);
	CHECK(!stat(raw, &st), "stat");
	CHECK_EQ(st.st_mode, S_IFREG | 0644, "mode of a new file");

	/* a shorter write truncates, an existing file keeps its mode */
	CHECK(!chmod(raw, 0640), "chmod");
	err = elf_writer__write_raw(raw, short_data.data, short_data.size);
	CHECK_EQ(err, 0, "shorter write");
	CHECK(!read_file(raw, &got) && buf_eq(&got, &short_data), "contents after truncation");
	buf_free(&got);
	CHECK(!stat(raw, &st), "stat");
	CHECK_EQ(st.st_mode, S_IFREG | 0640, "mode kept");

	/* the umask applies to new files */
	umask(077);
	err = elf_writer__write_raw(raw2, short_data.data, short_data.size);
	umask(old_umask);
	CHECK_EQ(err, 0, "new file");
	CHECK(!stat(raw2, &st), "stat");
	CHECK_EQ(st.st_mode, S_IFREG | 0600, "mode of a new file with umask 077");

	/* a symlink stays a symlink and its target gets the data */
	CHECK(!symlink("raw", link), "symlink");
	err = elf_writer__write_raw(link, long_data.data, long_data.size);
	CHECK_EQ(err, 0, "write through a symlink");
	CHECK(!lstat(link, &st) && S_ISLNK(st.st_mode), "symlink replaced");
	CHECK(!read_file(raw, &got) && buf_eq(&got, &long_data), "target contents");
	buf_free(&got);

	err = elf_writer__write_raw(empty, NULL, 0);
	CHECK_EQ(err, 0, "empty file");
	CHECK(!stat(empty, &st) && st.st_size == 0, "empty file size");

	err = elf_writer__write_raw(bad, short_data.data, short_data.size);
	CHECK_EQ(err, -ENOENT, "missing directory");
	err = elf_writer__write_raw(dir, short_data.data, short_data.size);
	CHECK_EQ(err, -EINVAL, "directory as target");
	CHECK(dir_has_only(dir, names, 4), "leftover files");
	ret = 0;
out:
	buf_free(&long_data);
	buf_free(&got);
	free(raw);
	free(raw2);
	free(link);
	free(empty);
	free(bad);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	return ret;
}

static int test_read_section__all(const char *arg)
{
	char *dir, *fx = NULL, *path = NULL, *txt = NULL, *missing = NULL;
	struct buf mid = {}, got = {}, text = {};
	struct img m = {.fd = -1};
	GElf_Shdr sh;
	size_t idx, count;
	int ret = 1, err;

	dir = scratch_new("read_section");
	CHECK(dir, "scratch");
	fx = path_join(cfg.fixtures, "fixture.o");
	path = path_join(dir, "fixture.o");
	txt = path_join(dir, "text");
	missing = path_join(dir, "missing");
	CHECK(!copy_file(fx, path), "copy");
	CHECK(!make_btf(BTF_MID, false, &mid), "btf");
	CHECK(!set_one(path, ".BTF", &mid), "add .BTF");

	err = elf_writer__read_section(path, ".BTF", &got.data, &got.size);
	CHECK_EQ(err, 0, "read .BTF");
	CHECK(buf_eq(&got, &mid), ".BTF contents");
	buf_free(&got);

	CHECK(!img_open(&m, path), "open");
	idx = img_find(&m, ".text", &count);
	CHECK(idx && img_shdr(&m, idx, &sh), ".text");
	err = elf_writer__read_section(path, ".text", &got.data, &got.size);
	CHECK_EQ(err, 0, "read .text");
	CHECK(got.size == sh.sh_size && !memcmp(got.data, m.base + sh.sh_offset, got.size),
	      ".text contents");
	buf_free(&got);
	img_close(&m);

	err = elf_writer__read_section(path, ".note.GNU-stack", &got.data, &got.size);
	CHECK_EQ(err, 0, "empty section");
	CHECK(got.data && got.size == 0, "empty section");
	buf_free(&got);

	err = elf_writer__read_section(path, ".nope", &got.data, &got.size);
	CHECK_EQ(err, -ENOENT, "missing section");
	err = elf_writer__read_section(path, ".bss", &got.data, &got.size);
	CHECK_EQ(err, -ENODATA, "SHT_NOBITS section");
	err = elf_writer__read_section(missing, ".BTF", &got.data, &got.size);
	CHECK_EQ(err, -ENOENT, "missing file");
	text.data = strdup("plain text, not ELF\n");
	text.size = strlen(text.data);
	CHECK(!write_file(txt, text.data, text.size, 0644), "write");
	err = elf_writer__read_section(txt, ".BTF", &got.data, &got.size);
	CHECK_EQ(err, -EINVAL, "non-ELF file");
	ret = 0;
out:
	img_close(&m);
	buf_free(&mid);
	buf_free(&got);
	buf_free(&text);
	free(fx);
	free(path);
	free(txt);
	free(missing);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	return ret;
}

/* elf_writer__set_sections() through a symlink rewrites the target and keeps the link */
static int test_symlink__set_sections(const char *arg)
{
	char *dir, *fx = NULL, *path = NULL, *link = NULL;
	struct buf mid = {};
	struct stat st;
	int ret = 1, err;

	dir = scratch_new("symlink");
	CHECK(dir, "scratch");
	fx = path_join(cfg.fixtures, "fixture.o");
	path = path_join(dir, "fixture.o");
	link = path_join(dir, "link.o");
	CHECK(!copy_file(fx, path), "copy");
	CHECK(!symlink("fixture.o", link), "symlink");
	CHECK(!make_btf(BTF_MID, false, &mid), "btf");
	err = set_one(link, ".BTF", &mid);
	CHECK_EQ(err, 0, "set through a symlink");
	CHECK(!lstat(link, &st) && S_ISLNK(st.st_mode), "symlink replaced");
	CHECK(!check_elf(fx, path, (struct expect[]){{".BTF", &mid}}, 1), "target");
	ret = 0;
out:
	buf_free(&mid);
	free(fx);
	free(path);
	free(link);
	if (!ret)
		scratch_remove(dir);
	else
		free(dir);
	return ret;
}

/* the first file matching @pattern under the kernel directory, or NULL */
static char *kernel_file(const char *pattern)
{
	char *p = path_join(cfg.kernel ?: "", pattern), *found = NULL;
	glob_t g;

	if (cfg.kernel && !glob(p, 0, NULL, &g)) {
		if (g.gl_pathc)
			found = strdup(g.gl_pathv[0]);
		globfree(&g);
	}
	free(p);
	return found;
}

static int files_equal(const char *a, const char *b)
{
	struct img x = {.fd = -1}, y = {.fd = -1};
	int eq;

	if (img_open(&x, a) || img_open(&y, b)) {
		img_close(&x);
		return 0;
	}
	eq = x.size == y.size && !memcmp(x.base, y.base, x.size);
	img_close(&x);
	img_close(&y);
	return eq;
}

/*
 * A copy of the real vmlinux. Its .BTF is SHF_ALLOC (linked into the
 * image), so it can only be replaced in place: store a smaller BTF, then
 * the original bytes, which must give back the original file; growing it
 * must fail. A new .BTF.base is appended after everything.
 */
static int test_kernel__vmlinux(const char *arg)
{
	char *vmlinux = kernel_file("usr/lib/debug/boot/vmlinux-*");
	struct buf orig_btf = {}, other = {}, bigger = {};
	char *dir = NULL, *path = NULL;
	const char *names[] = {"vmlinux"};
	double t;
	int ret = 1, err;

	if (!vmlinux) {
		fprintf(stderr, "skip: no vmlinux under '%s'\n", cfg.kernel ?: "(none)");
		return SKIP;
	}
	dir = scratch_new("vmlinux");
	CHECK(dir, "scratch");
	path = path_join(dir, "vmlinux");
	t = now();
	CHECK(!copy_file(vmlinux, path), "copy");
	fprintf(stderr, "copy of %s: %.2f s\n", vmlinux, now() - t);
	CHECK_EQ(elf_writer__read_section(vmlinux, ".BTF", &orig_btf.data, &orig_btf.size), 0,
		 "read");
	CHECK(!make_btf(BTF_LARGE, false, &other), "btf");

	t = now();
	err = set_one(path, ".BTF", &other);
	fprintf(stderr, "set .BTF (%zu bytes, in place): %.2f s\n", other.size, now() - t);
	CHECK_EQ(err, 0, "smaller .BTF");
	CHECK(!check_elf(vmlinux, path, (struct expect[]){{".BTF", &other}}, 1), "check");
	CHECK(!check_btf_parse(path, &other), "libbpf");

	t = now();
	err = set_one(path, ".BTF", &orig_btf);
	fprintf(stderr, "set .BTF back (%zu bytes, in place): %.2f s\n", orig_btf.size, now() - t);
	CHECK_EQ(err, 0, "original .BTF");
	CHECK(files_equal(vmlinux, path), "restoring .BTF did not give back the original file");

	bigger.size = orig_btf.size + 4096; /* past .BTF_ids */
	bigger.data = calloc(1, bigger.size);
	CHECK(bigger.data, "out of memory");
	err = set_one(path, ".BTF", &bigger);
	CHECK_EQ(err, -EINVAL, "growing the allocated .BTF");
	CHECK(files_equal(vmlinux, path), "a failed rewrite changed the file");

	t = now();
	err = set_one(path, ".BTF.base", &orig_btf);
	fprintf(stderr, "add .BTF.base (%zu bytes, appended): %.2f s\n", orig_btf.size, now() - t);
	CHECK_EQ(err, 0, "add .BTF.base");
	CHECK(!check_elf(vmlinux, path,
			 (struct expect[]){{".BTF", &orig_btf}, {".BTF.base", &orig_btf}}, 2),
	      "check");
	CHECK(!check_btf_parse(path, &orig_btf), "libbpf");
	CHECK(dir_has_only(dir, names, 1), "leftover files");
	ret = 0;
out:
	buf_free(&orig_btf);
	buf_free(&other);
	buf_free(&bigger);
	free(vmlinux);
	free(path);
	scratch_remove(dir);
	return ret;
}

/* module .BTF is split BTF on top of the vmlinux .BTF */
static int check_split_btf(const char *path, const struct buf *want, struct btf *base)
{
	struct btf *btf = btf__parse_elf_split(path, base);
	const void *raw;
	__u32 size = 0;
	int ret = 1;

	CHECK(btf, "btf__parse_elf_split('%s'): %s", path, strerror(errno));
	raw = btf__raw_data(btf, &size);
	CHECK(raw && size == want->size && !memcmp(raw, want->data, size),
	      "BTF parsed from '%s' differs", path);
	ret = 0;
out:
	btf__free(btf);
	return ret;
}

/*
 * Copies of real modules, whose .BTF is not allocated: replace it with the
 * .BTF of another module (larger: it moves to the end; smaller: in place),
 * then with its own bytes again, and add a .BTF.base.
 */
static int test_kernel__modules(const char *arg)
{
	static const char *const mods[] = {"net/key/af_key.ko", "net/netfilter/nf_tables.ko",
					   "fs/fuse/fuse.ko", "net/sctp/sctp.ko"};
	const size_t nr = sizeof(mods) / sizeof(mods[0]);
	char *vmlinux = kernel_file("usr/lib/debug/boot/vmlinux-*");
	char *moddir = kernel_file("usr/lib/debug/lib/modules/*/kernel");
	struct buf vm_btf = {}, btfs[4] = {};
	char *origs[4] = {}, *dir = NULL, *path = NULL;
	struct btf *base = NULL;
	size_t i;
	double t;
	int ret = 1, err;

	if (!vmlinux || !moddir) {
		fprintf(stderr, "skip: no vmlinux or modules under '%s'\n", cfg.kernel ?: "(none)");
		free(vmlinux);
		free(moddir);
		return SKIP;
	}
	dir = scratch_new("modules");
	CHECK(dir, "scratch");
	CHECK_EQ(elf_writer__read_section(vmlinux, ".BTF", &vm_btf.data, &vm_btf.size), 0, "read");
	base = btf__new(vm_btf.data, vm_btf.size);
	CHECK(base, "vmlinux BTF");
	for (i = 0; i < nr; i++) {
		origs[i] = path_join(moddir, mods[i]);
		CHECK_EQ(elf_writer__read_section(origs[i], ".BTF", &btfs[i].data, &btfs[i].size),
			 0, "'%s'", origs[i]);
	}
	for (i = 0; i < nr; i++) {
		const struct buf *own = &btfs[i], *other = &btfs[(i + 1) % nr];
		const char *names[] = {strrchr(mods[i], '/') + 1};

		free(path);
		path = path_join(dir, names[0]);
		CHECK(!copy_file(origs[i], path), "copy");
		t = now();
		err = set_one(path, ".BTF", other);
		fprintf(stderr, "%s: .BTF %zu -> %zu bytes: %.3f s\n", names[0], own->size,
			other->size, now() - t);
		CHECK_EQ(err, 0, "other .BTF");
		CHECK(!check_elf(origs[i], path, (struct expect[]){{".BTF", other}}, 1), "check");
		CHECK(!check_readelf(path, origs[i]), "readelf");

		err = set_one(path, ".BTF", own);
		CHECK_EQ(err, 0, "own .BTF");
		CHECK(!check_elf(origs[i], path, (struct expect[]){{".BTF", own}}, 1), "check");
		CHECK(!check_split_btf(path, own, base), "libbpf");

		err = elf_writer__set_sections(
			path,
			(struct ew_section[]){{".BTF", own->data, own->size},
					      {".BTF.base", vm_btf.data, vm_btf.size}},
			2);
		CHECK_EQ(err, 0, "add .BTF.base");
		CHECK(!check_elf(origs[i], path,
				 (struct expect[]){{".BTF", own}, {".BTF.base", &vm_btf}}, 2),
		      "check");
		CHECK(!check_readelf(path, origs[i]), "readelf");
		CHECK(!check_split_btf(path, own, base), "libbpf");
		CHECK(dir_has_only(dir, names, 1), "leftover files");
		unlink(path);
	}
	ret = 0;
out:
	btf__free(base);
	buf_free(&vm_btf);
	for (i = 0; i < nr; i++) {
		buf_free(&btfs[i]);
		free(origs[i]);
	}
	free(vmlinux);
	free(moddir);
	free(path);
	scratch_remove(dir);
	return ret;
}

struct test {
	const char *suite;
	const char *name;
	int (*fn)(const char *arg);
	const char *arg;
};

static const struct test tests[] = {
	{"fixture", "obj", test_fixture__roundtrip, "obj"},
	{"fixture", "exec", test_fixture__roundtrip, "exec"},
	{"fixture", "pie", test_fixture__roundtrip, "pie"},
	{"fixture", "so", test_fixture__roundtrip, "so"},
	{"fixture", "obj32", test_fixture__roundtrip, "obj32"},
	{"fixture", "exec32", test_fixture__roundtrip, "exec32"},
	{"fixture", "obj_be64", test_fixture__roundtrip, "obj_be64"},
	{"fixture", "obj_be32", test_fixture__roundtrip, "obj_be32"},
	{"synthetic", "elf64le", test_synthetic__roundtrip, "elf64le"},
	{"synthetic", "elf64be", test_synthetic__roundtrip, "elf64be"},
	{"synthetic", "elf32le", test_synthetic__roundtrip, "elf32le"},
	{"synthetic", "elf32be", test_synthetic__roundtrip, "elf32be"},
	{"synthetic", "elf64le_btf", test_synthetic__roundtrip, "elf64le+btf"},
	{"synthetic", "elf32be_btf_last", test_synthetic__roundtrip, "elf32be+btf+last"},
	{"synthetic", "elf64be_last", test_synthetic__roundtrip, "elf64be+last"},
	{"synthetic", "no_sections", test_synthetic__no_sections, NULL},
	{"xindex", "cross", test_xindex__roundtrip, "cross"},
	{"xindex", "strndx", test_xindex__roundtrip, "strndx"},
	{"failures", "all", test_failures__all, NULL},
	{"write_raw", "all", test_write_raw__all, NULL},
	{"read_section", "all", test_read_section__all, NULL},
	{"symlink", "set_sections", test_symlink__set_sections, NULL},
	{"kernel", "vmlinux", test_kernel__vmlinux, NULL},
	{"kernel", "modules", test_kernel__modules, NULL},
};

/* --set FILE NAME DATAFILE [NAME DATAFILE]...: for manual runs and measurements */
static int tool_set(int argc, char **argv)
{
	size_t nr = (argc - 1) / 2, i;
	struct ew_section *secs = calloc(nr ?: 1, sizeof(*secs));
	struct buf *bufs = calloc(nr ?: 1, sizeof(*bufs));
	int err = 0;

	if (argc < 3 || argc % 2 == 0 || !secs || !bufs) {
		fprintf(stderr, "usage: --set FILE NAME DATAFILE [NAME DATAFILE]...\n");
		err = 2;
		goto out;
	}
	for (i = 0; i < nr && !err; i++) {
		err = read_file(argv[2 + 2 * i], &bufs[i]);
		secs[i] = (struct ew_section){argv[1 + 2 * i], bufs[i].data, bufs[i].size};
	}
	if (!err)
		err = elf_writer__set_sections(argv[0], secs, nr);
	err = err ? 1 : 0;
out:
	for (i = 0; bufs && i < nr; i++)
		buf_free(&bufs[i]);
	free(bufs);
	free(secs);
	return err;
}

/* --get FILE NAME OUTFILE */
static int tool_get(int argc, char **argv)
{
	struct buf b = {};
	int err;

	if (argc != 3) {
		fprintf(stderr, "usage: --get FILE NAME OUTFILE\n");
		return 2;
	}
	err = elf_writer__read_section(argv[0], argv[1], &b.data, &b.size);
	if (err == -ENOENT)
		fprintf(stderr, "'%s': no section '%s'\n", argv[0], argv[1]);
	if (!err)
		err = elf_writer__write_raw(argv[2], b.data, b.size);
	buf_free(&b);
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *which = NULL;
	size_t i;
	int a;

	elf_version(EV_CURRENT);
	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--list")) {
			for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
				printf("%s.%s\n", tests[i].suite, tests[i].name);
			return 0;
		} else if (!strcmp(argv[a], "--set")) {
			return tool_set(argc - a - 1, argv + a + 1);
		} else if (!strcmp(argv[a], "--get")) {
			return tool_get(argc - a - 1, argv + a + 1);
		} else if (!strcmp(argv[a], "--fixtures") && a + 1 < argc) {
			cfg.fixtures = argv[++a];
		} else if (!strcmp(argv[a], "--scratch") && a + 1 < argc) {
			cfg.scratch = argv[++a];
		} else if (!strcmp(argv[a], "--kernel") && a + 1 < argc) {
			cfg.kernel = argv[++a];
		} else if (!which && argv[a][0] != '-') {
			which = argv[a];
		} else {
			which = NULL;
			break;
		}
	}
	if (!which || !cfg.fixtures || !cfg.scratch) {
		fprintf(stderr,
			"usage: %s --fixtures DIR --scratch DIR [--kernel DIR] SUITE.CASE\n"
			"       %s --list | --set FILE NAME DATAFILE... | --get FILE NAME OUT\n",
			argv[0], argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		size_t len = strlen(tests[i].suite);

		if (!strncmp(which, tests[i].suite, len) && which[len] == '.' &&
		    !strcmp(which + len + 1, tests[i].name))
			return tests[i].fn(tests[i].arg);
	}
	fprintf(stderr, "unknown test '%s' (see --list)\n", which);
	return 2;
}
