// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The ELF writer: stores encoded BTF as a raw file or as sections of an
 * existing ELF file. libelf reads and validates the input (through a
 * private mapping) and translates headers to the file's class and byte
 * order; the output is the input's bytes copied with copy_file_range(),
 * plus the new section data and section header table written with pwrite()
 * into a temp file that is renamed over the target at the very end.
 * The temp file (and the rename) are synced to disk only when asked
 * (ew__set_durable()): see docs/design.md, "Writing in place".
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "elf_writer.h"
#include "log.h"

/* fsync the temp file and the directory: set once before any write */
static bool ew_durable;

void ew__set_durable(bool durable)
{
	ew_durable = durable;
}

/* longest part of the target's name that goes into a temp file name */
#define EW_TMP_BASE_MAX 200
/* attempts at finding an unused temp file name */
#define EW_TMP_TRIES 100
/* largest single read/write/copy request */
#define EW_IO_CHUNK (1UL << 30)

/* a temp file next to the target; @path is NULL once renamed or removed */
struct ew_tmp {
	char *path;
	int fd;
	int live; /* its slot in ew_live[], -1 if none */
};

/*
 * The temp files that exist right now, for ew__remove_temp_files() in a
 * signal handler: a slot is published (state EW_LIVE_READY) only once its
 * path is complete, and every change happens with signals blocked in the
 * calling thread, so a handler running in that thread sees a consistent
 * state and the file exists exactly while its slot is ready.
 */
enum { EW_LIVE_FREE, EW_LIVE_CLAIMED, EW_LIVE_READY };
#define EW_LIVE_SLOTS 16
static struct {
	atomic_int state;
	char path[PATH_MAX];
} ew_live[EW_LIVE_SLOTS];

void ew__remove_temp_files(void)
{
	unsigned int i;

	for (i = 0; i < EW_LIVE_SLOTS; i++)
		if (atomic_load(&ew_live[i].state) == EW_LIVE_READY)
			unlink(ew_live[i].path);
}

static void ew_block_signals(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, old);
}

static void ew_restore_signals(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* publish @tmp's path; without a free slot the file is simply not tracked */
static void ew_live_add(struct ew_tmp *tmp)
{
	size_t len = strlen(tmp->path);
	int i;

	tmp->live = -1;
	if (len >= PATH_MAX)
		return;
	for (i = 0; i < EW_LIVE_SLOTS; i++) {
		int expected = EW_LIVE_FREE;

		if (atomic_compare_exchange_strong(&ew_live[i].state, &expected, EW_LIVE_CLAIMED)) {
			memcpy(ew_live[i].path, tmp->path, len + 1);
			atomic_store(&ew_live[i].state, EW_LIVE_READY);
			tmp->live = i;
			return;
		}
	}
}

static void ew_live_remove(struct ew_tmp *tmp)
{
	if (tmp->live >= 0)
		atomic_store(&ew_live[tmp->live].state, EW_LIVE_FREE);
	tmp->live = -1;
}

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

/* how one output section gets its bytes */
struct ew_out_sec {
	const void *data; /* new contents (sh_size bytes), borrowed */
	uint64_t clear;	  /* zero bytes to write after them (tail of a reused slot) */
	bool rewrite;	  /* write data (else the copied input bytes stay) */
	bool moved;	  /* needs a new place after all kept bytes */
};

/*
 * The output file: input bytes [0, copy_end) are copied unchanged, then the
 * rewritten sections and the section header table are written on top.
 */
struct ew_plan {
	size_t shnum;
	size_t shstrndx;
	GElf_Shdr *shdrs;	 /* [shnum] output section headers, owned */
	struct ew_out_sec *secs; /* [shnum], owned */
	char *shstr;		 /* new section name table if it changes, owned */
	uint64_t copy_end;
	uint64_t shoff;
	uint64_t size; /* size of the output file */
};

static uint64_t ew_random(unsigned int attempt)
{
	struct timespec ts;
	uint64_t r;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) == sizeof(r))
		return r;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	r = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 40);
	return r * 0x9e3779b97f4a7c15ULL + attempt;
}

/* create ".<base>.XXXXXX" in the directory of @target, with @mode minus the umask */
static int ew_tmp_create(struct ew_tmp *tmp, const char *target, mode_t mode)
{
	static const char chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	const char *slash = strrchr(target, '/');
	size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
	const char *base = target + dir_len;
	size_t base_len = strnlen(base, EW_TMP_BASE_MAX);
	size_t cap = dir_len + base_len + 9;
	unsigned int i, j;
	int err = -EEXIST;
	sigset_t old;

	tmp->fd = -1;
	tmp->live = -1;
	tmp->path = malloc(cap);
	if (!tmp->path)
		return -ENOMEM;
	for (i = 0; i < EW_TMP_TRIES; i++) {
		uint64_t r = ew_random(i);
		char suffix[7];

		for (j = 0; j < 6; j++, r /= sizeof(chars) - 1)
			suffix[j] = chars[r % (sizeof(chars) - 1)];
		suffix[6] = 0;
		snprintf(tmp->path, cap, "%.*s.%.*s.%s", (int)dir_len, target, (int)base_len, base,
			 suffix);
		ew_block_signals(&old);
		tmp->fd = open(tmp->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		err = tmp->fd >= 0 ? 0 : -errno;
		if (!err)
			ew_live_add(tmp);
		ew_restore_signals(&old);
		if (!err)
			return 0;
		if (err != -EEXIST)
			break;
	}
	free(tmp->path);
	tmp->path = NULL;
	return err;
}

/* remove a temp file that was not committed; a no-op after ew_tmp_commit() */
static void ew_tmp_discard(struct ew_tmp *tmp)
{
	sigset_t old;

	if (tmp->fd >= 0)
		close(tmp->fd);
	tmp->fd = -1;
	if (tmp->path) {
		ew_block_signals(&old);
		unlink(tmp->path);
		ew_live_remove(tmp);
		ew_restore_signals(&old);
	}
	free(tmp->path);
	tmp->path = NULL;
}

/* best effort: make the rename durable; the data itself is already synced */
static void ew_sync_dir(const char *target)
{
	const char *slash = strrchr(target, '/');
	char *dir;
	int fd;

	if (!slash)
		dir = strdup(".");
	else if (slash == target)
		dir = strdup("/");
	else
		dir = strndup(target, slash - target);
	if (!dir)
		return;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		if (fsync(fd))
			pr_debug("'%s': cannot sync directory: %s", dir, errstr(-errno));
		close(fd);
	}
	free(dir);
}

/*
 * Give the temp file the mode (and owner, as root) of @keep when not NULL,
 * sync it and rename it over @target. @name is the path for messages.
 */
static int ew_tmp_commit(struct ew_tmp *tmp, const char *name, const char *target,
			 const struct stat *keep)
{
	sigset_t old;
	int err;

	/* chown first: it clears the set-user-ID and set-group-ID bits */
	if (keep && geteuid() == 0 && fchown(tmp->fd, keep->st_uid, keep->st_gid)) {
		err = -errno;
		pr_err("'%s': cannot set the owner of temp file '%s': %s", name, tmp->path,
		       errstr(err));
		return err;
	}
	if (keep && fchmod(tmp->fd, keep->st_mode & 07777)) {
		err = -errno;
		pr_err("'%s': cannot set the mode of temp file '%s': %s", name, tmp->path,
		       errstr(err));
		return err;
	}
	if (ew_durable && fsync(tmp->fd)) {
		err = -errno;
		pr_err("'%s': cannot sync temp file '%s': %s", name, tmp->path, errstr(err));
		return err;
	}
	err = close(tmp->fd) ? -errno : 0;
	tmp->fd = -1;
	if (err) {
		pr_err("'%s': cannot close temp file '%s': %s", name, tmp->path, errstr(err));
		return err;
	}
	ew_block_signals(&old);
	err = rename(tmp->path, target) ? -errno : 0;
	if (!err)
		ew_live_remove(tmp);
	ew_restore_signals(&old);
	if (err) {
		pr_err("'%s': cannot rename temp file '%s' over it: %s", name, tmp->path,
		       errstr(err));
		return err;
	}
	free(tmp->path);
	tmp->path = NULL;
	if (ew_durable)
		ew_sync_dir(target);
	return 0;
}

/* the file to replace: @path, or the file a symlink at @path points to */
static char *ew_resolve(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
		if (real)
			return real;
	}
	return strdup(path);
}

static int ew_pwrite_all(int fd, const void *buf, size_t size, uint64_t off)
{
	const char *p = buf;

	while (size) {
		ssize_t n = pwrite(fd, p, size < EW_IO_CHUNK ? size : EW_IO_CHUNK, off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO;
		p += n;
		size -= n;
		off += n;
	}
	return 0;
}

static int ew_pzero(int fd, uint64_t size, uint64_t off)
{
	static const char zeros[65536];
	int err = 0;

	while (size && !err) {
		size_t n = size < sizeof(zeros) ? size : sizeof(zeros);

		err = ew_pwrite_all(fd, zeros, n, off);
		size -= n;
		off += n;
	}
	return err;
}

static int ew_pread_all(int fd, void *buf, size_t size, uint64_t off)
{
	char *p = buf;

	while (size) {
		ssize_t n = pread(fd, p, size < EW_IO_CHUNK ? size : EW_IO_CHUNK, off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO; /* the file shrank under us */
		p += n;
		size -= n;
		off += n;
	}
	return 0;
}

int ew__write_raw(const char *path, const void *data, size_t size)
{
	struct ew_tmp tmp = {.fd = -1, .live = -1};
	struct stat st;
	bool exists;
	char *target;
	int err;

	target = ew_resolve(path);
	if (!target)
		return -ENOMEM;
	exists = stat(target, &st) == 0;
	if (!exists && errno != ENOENT) {
		err = -errno;
		pr_err("'%s': cannot stat: %s", path, errstr(err));
		goto out;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		err = -EINVAL;
		pr_err("'%s': not a regular file", path);
		goto out;
	}
	err = ew_tmp_create(&tmp, target, exists ? 0600 : 0644);
	if (err) {
		pr_err("'%s': cannot create temp file in directory: %s", path, errstr(err));
		goto out;
	}
	err = ew_pwrite_all(tmp.fd, data, size, 0);
	if (err) {
		pr_err("'%s': cannot write temp file '%s': %s", path, tmp.path, errstr(err));
		goto out;
	}
	err = ew_tmp_commit(&tmp, path, target, exists ? &st : NULL);
out:
	ew_tmp_discard(&tmp);
	free(target);
	return err;
}

static void ew_input_close(struct ew_input *in)
{
	free(in->shdrs);
	in->shdrs = NULL;
	free(in->phdrs);
	in->phdrs = NULL;
	if (in->elf)
		elf_end(in->elf);
	in->elf = NULL;
	if (in->fd >= 0)
		close(in->fd);
	in->fd = -1;
}

/* true if [off, off + size) lies within the input file */
static bool ew_input_has_range(const struct ew_input *in, uint64_t off, uint64_t size)
{
	uint64_t fsize = in->st.st_size;

	return off <= fsize && size <= fsize - off;
}

static int ew_input_read_phdrs(struct ew_input *in)
{
	size_t phnum, i;
	uint64_t size;

	if (elf_getphdrnum(in->elf, &phnum)) {
		pr_err("'%s': invalid program header count: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	in->hdr_end = gelf_fsize(in->elf, ELF_T_EHDR, 1, EV_CURRENT);
	if (phnum) {
		size = (uint64_t)phnum * gelf_fsize(in->elf, ELF_T_PHDR, 1, EV_CURRENT);
		if (!ew_input_has_range(in, in->ehdr.e_phoff, size)) {
			pr_err("'%s': program headers extend past the end of the file", in->path);
			return -EINVAL;
		}
		if (in->ehdr.e_phoff + size > in->hdr_end)
			in->hdr_end = in->ehdr.e_phoff + size;
	}
	in->phdrs = calloc(phnum ?: 1, sizeof(*in->phdrs));
	if (!in->phdrs) {
		pr_err("'%s': %s", in->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	in->phnum = phnum;
	for (i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(in->elf, i, &ph)) {
			pr_err("'%s': cannot read program header %zu: %s", in->path, i,
			       elf_errmsg(-1));
			return -EINVAL;
		}
		if (!ph.p_filesz)
			continue;
		if (!ew_input_has_range(in, ph.p_offset, ph.p_filesz)) {
			pr_err("'%s': segment %zu extends past the end of the file", in->path, i);
			return -EINVAL;
		}
		in->phdrs[i] = ph;
		if (ph.p_offset + ph.p_filesz > in->hdr_end)
			in->hdr_end = ph.p_offset + ph.p_filesz;
	}
	if (in->hdr_end > (uint64_t)in->st.st_size) {
		pr_err("'%s': truncated ELF header", in->path);
		return -EINVAL;
	}
	return 0;
}

static int ew_input_read_shdrs(struct ew_input *in)
{
	const GElf_Shdr *sh;
	Elf_Data *d;
	size_t i;

	if (elf_getshdrnum(in->elf, &in->shnum) || elf_getshdrstrndx(in->elf, &in->shstrndx)) {
		pr_err("'%s': invalid section header table: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	if (!in->shnum)
		return 0;
	in->shdrs = calloc(in->shnum, sizeof(*in->shdrs));
	if (!in->shdrs) {
		pr_err("'%s': %s", in->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	for (i = 0; i < in->shnum; i++) {
		Elf_Scn *scn = elf_getscn(in->elf, i);

		if (!scn || !gelf_getshdr(scn, &in->shdrs[i])) {
			pr_err("'%s': cannot read section header %zu: %s", in->path, i,
			       elf_errmsg(-1));
			return -EINVAL;
		}
		sh = &in->shdrs[i];
		if (i && sh->sh_type != SHT_NOBITS && sh->sh_size &&
		    !ew_input_has_range(in, sh->sh_offset, sh->sh_size)) {
			pr_err("'%s': section %zu extends past the end of the file", in->path, i);
			return -EINVAL;
		}
	}
	if (!in->shstrndx || in->shstrndx >= in->shnum ||
	    in->shdrs[in->shstrndx].sh_type == SHT_NOBITS) {
		pr_err("'%s': no section name table", in->path);
		return -EINVAL;
	}
	d = elf_rawdata(elf_getscn(in->elf, in->shstrndx), NULL);
	if (!d) {
		pr_err("'%s': cannot read the section name table: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	in->shstr = d->d_buf;
	in->shstr_size = d->d_size;
	return 0;
}

/*
 * Open @path and read its headers; @name is the path for messages. On
 * failure this logs, and the caller must still call ew_input_close().
 */
static int ew_input_open(struct ew_input *in, const char *path, const char *name)
{
	int err;

	memset(in, 0, sizeof(*in));
	in->path = name;
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		err = -errno;
		pr_err("'%s': cannot open: %s", name, errstr(err));
		return err;
	}
	if (fstat(in->fd, &in->st)) {
		err = -errno;
		pr_err("'%s': cannot stat: %s", name, errstr(err));
		return err;
	}
	if (!S_ISREG(in->st.st_mode)) {
		pr_err("'%s': not a regular file", name);
		return -EINVAL;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		pr_err("'%s': libelf is too old: %s", name, elf_errmsg(-1));
		return -EINVAL;
	}
	in->elf = elf_begin(in->fd, ELF_C_READ_MMAP, NULL);
	if (!in->elf || elf_kind(in->elf) != ELF_K_ELF) {
		pr_err("'%s': not an ELF file", name);
		return -EINVAL;
	}
	if (!gelf_getehdr(in->elf, &in->ehdr)) {
		pr_err("'%s': invalid ELF header: %s", name, elf_errmsg(-1));
		return -EINVAL;
	}
	in->image = (const unsigned char *)elf_rawfile(in->elf, NULL);
	if (!in->image) {
		pr_err("'%s': cannot map: %s", name, elf_errmsg(-1));
		return -EINVAL;
	}
	err = ew_input_read_phdrs(in);
	return err ?: ew_input_read_shdrs(in);
}

/* the name of input section @idx, or NULL if it has none or a bad one */
static const char *ew_input_name(const struct ew_input *in, size_t idx)
{
	uint64_t off = in->shdrs[idx].sh_name;

	if (off >= in->shstr_size || !memchr(in->shstr + off, 0, in->shstr_size - off))
		return NULL;
	return in->shstr + off;
}

/* index of the first section named @name (0 if none); *@count gets the number of matches */
static size_t ew_input_find(const struct ew_input *in, const char *name, size_t *count)
{
	size_t i, found = 0;

	*count = 0;
	for (i = 1; i < in->shnum; i++) {
		const char *s = ew_input_name(in, i);

		if (s && !strcmp(s, name) && !(*count)++)
			found = i;
	}
	return found;
}

int ew__read_section(const char *path, const char *name, void **data, size_t *size)
{
	struct ew_input in;
	const GElf_Shdr *sh;
	size_t idx, count;
	void *buf = NULL;
	int err;

	err = ew_input_open(&in, path, path);
	if (err)
		goto out;
	idx = ew_input_find(&in, name, &count);
	if (!idx) {
		err = -ENOENT;
		goto out;
	}
	sh = &in.shdrs[idx];
	if (sh->sh_type == SHT_NOBITS) {
		pr_err("'%s': section '%s' has no data in the file", path, name);
		err = -ENODATA;
		goto out;
	}
	if (sh->sh_size > SIZE_MAX - 1) {
		err = -EFBIG;
		goto out;
	}
	buf = malloc(sh->sh_size ?: 1);
	if (!buf) {
		err = -ENOMEM;
		pr_err("'%s': %s", path, errstr(err));
		goto out;
	}
	err = ew_pread_all(in.fd, buf, sh->sh_size, sh->sh_offset);
	if (err) {
		pr_err("'%s': cannot read section '%s': %s", path, name, errstr(err));
		goto out;
	}
	*data = buf;
	*size = sh->sh_size;
	buf = NULL;
out:
	free(buf);
	ew_input_close(&in);
	return err;
}

static void ew_plan_release(struct ew_plan *p)
{
	free(p->shdrs);
	free(p->secs);
	free(p->shstr);
	memset(p, 0, sizeof(*p));
}

/* round @v up to a multiple of @align (any value >= 1); false on overflow */
static bool ew_align_up(uint64_t v, uint64_t align, uint64_t *out)
{
	uint64_t r;

	if (align <= 1) {
		*out = v;
		return true;
	}
	r = v % align;
	if (!r) {
		*out = v;
		return true;
	}
	if (v > UINT64_MAX - (align - r))
		return false;
	*out = v + (align - r);
	return true;
}

/*
 * Offset in the (growing) name table @p->shstr of @name, appending it when
 * no existing string ends with it. @size is the current table size.
 */
static int ew_plan_name(struct ew_plan *p, size_t *size, const char *name, uint64_t *off)
{
	size_t len = strlen(name) + 1;
	const char *hit = memmem(p->shstr, *size, name, len);
	char *grown;

	if (hit) {
		*off = hit - p->shstr;
		return 0;
	}
	grown = realloc(p->shstr, *size + len);
	if (!grown)
		return -ENOMEM;
	p->shstr = grown;
	memcpy(p->shstr + *size, name, len);
	*off = *size;
	*size += len;
	return 0;
}

/* append a section header for a section that does not exist in the input */
static void ew_plan_add(struct ew_plan *p, uint64_t name, uint32_t type, const void *data,
			size_t size)
{
	GElf_Shdr *sh = &p->shdrs[p->shnum];

	memset(sh, 0, sizeof(*sh));
	sh->sh_name = name;
	sh->sh_type = type;
	sh->sh_size = size;
	sh->sh_addralign = 1;
	p->secs[p->shnum] = (struct ew_out_sec){.data = data, .rewrite = true, .moved = true};
	p->shnum++;
}

/*
 * How far input section @idx may grow in place: up to the first byte after
 * its start used by anything else (another section, the program or section
 * header table, a later segment, the end of the segment that holds it) or
 * the end of the file. The bytes it grows over must be zero when they lie
 * in a segment (*@in_segment), as they are part of the loaded image; that
 * is the case for the zeroed tail of a slot that an earlier rewrite shrank.
 */
static uint64_t ew_input_slot_end(const struct ew_input *in, size_t idx, bool *in_segment)
{
	const GElf_Shdr *sh = &in->shdrs[idx];
	uint64_t off = sh->sh_offset, end = in->st.st_size;
	size_t i;

	*in_segment = false;
	if (in->phnum && in->ehdr.e_phoff >= off && in->ehdr.e_phoff < end)
		end = in->ehdr.e_phoff;
	if (in->shnum && in->ehdr.e_shoff >= off && in->ehdr.e_shoff < end)
		end = in->ehdr.e_shoff;
	for (i = 1; i < in->shnum; i++) {
		const GElf_Shdr *o = &in->shdrs[i];

		if (i != idx && o->sh_type != SHT_NOBITS && o->sh_size && o->sh_offset >= off &&
		    o->sh_offset < end)
			end = o->sh_offset;
	}
	for (i = 0; i < in->phnum; i++) {
		const GElf_Phdr *ph = &in->phdrs[i];
		uint64_t seg_end = ph->p_offset + ph->p_filesz;

		if (!ph->p_filesz)
			continue;
		if (ph->p_offset > off && ph->p_offset < end)
			end = ph->p_offset;
		if (ph->p_offset <= off && off < seg_end) {
			*in_segment = true;
			if (seg_end < end)
				end = seg_end;
		}
	}
	return end > off + sh->sh_size ? end : off + sh->sh_size;
}

static bool ew_is_zero(const unsigned char *p, uint64_t size)
{
	while (size && !*p) {
		p++;
		size--;
	}
	return !size;
}

/* store new data for existing section @idx: in its slot if it fits, else mark it moved */
static int ew_plan_replace(struct ew_plan *p, const struct ew_input *in, size_t idx,
			   const char *name, const void *data, size_t size)
{
	GElf_Shdr *sh = &p->shdrs[idx];
	struct ew_out_sec *s = &p->secs[idx];
	uint64_t old = sh->sh_size, slot_end;
	bool in_segment;

	if (sh->sh_type == SHT_NOBITS) {
		pr_err("'%s': section '%s' has no data in the file and cannot be replaced",
		       in->path, name);
		return -EINVAL;
	}
	s->data = data;
	s->rewrite = true;
	sh->sh_size = size;
	if (size <= old) {
		s->clear = old - size;
		return 0;
	}
	slot_end = ew_input_slot_end(in, idx, &in_segment);
	if (size <= slot_end - sh->sh_offset &&
	    (!in_segment || ew_is_zero(in->image + sh->sh_offset + old, size - old)))
		return 0;
	if (sh->sh_flags & SHF_ALLOC) {
		pr_err("'%s': allocated section '%s' cannot grow from %llu to %zu bytes here",
		       in->path, name, (unsigned long long)old, size);
		return -EINVAL;
	}
	s->moved = true;
	return 0;
}

/* pass 1: output section headers, new name table and where each section's bytes come from */
static int ew_plan_sections(struct ew_plan *p, const struct ew_input *in,
			    const struct ew_section *secs, size_t nr_secs)
{
	size_t i, j, idx, count = 0, cap, str_size;
	uint64_t name;
	int err;

	cap = (in->shnum ?: 1) + nr_secs + 1;
	p->shdrs = calloc(cap, sizeof(*p->shdrs));
	p->secs = calloc(cap, sizeof(*p->secs));
	str_size = in->shnum ? in->shstr_size : 1;
	p->shstr = malloc(str_size ?: 1);
	if (!p->shdrs || !p->secs || !p->shstr)
		return -ENOMEM;
	if (in->shnum)
		memcpy(p->shstr, in->shstr, str_size);
	else
		p->shstr[0] = 0;
	if (in->shnum)
		memcpy(p->shdrs, in->shdrs, in->shnum * sizeof(*p->shdrs));
	p->shnum = in->shnum ?: 1;
	p->shstrndx = in->shstrndx;

	for (i = 0; i < nr_secs; i++) {
		const struct ew_section *s = &secs[i];

		if (!s->name || !*s->name || (!s->data && s->size)) {
			pr_err("'%s': invalid section %zu in request", in->path, i);
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (!strcmp(secs[j].name, s->name)) {
				pr_err("'%s': section '%s' given twice", in->path, s->name);
				return -EINVAL;
			}
		}
		idx = in->shnum ? ew_input_find(in, s->name, &count) : 0;
		if (count > 1) {
			pr_err("'%s': more than one section named '%s'", in->path, s->name);
			return -EINVAL;
		}
		if (idx && idx == in->shstrndx) {
			pr_err("'%s': the section name table '%s' cannot be replaced", in->path,
			       s->name);
			return -EINVAL;
		}
		if (idx) {
			err = ew_plan_replace(p, in, idx, s->name, s->data, s->size);
		} else {
			err = ew_plan_name(p, &str_size, s->name, &name);
			if (!err)
				ew_plan_add(p, name, SHT_PROGBITS, s->data, s->size);
		}
		if (err)
			return err;
	}

	if (!in->shnum) {
		/* no section header table yet: add one with its own name table */
		err = ew_plan_name(p, &str_size, ".shstrtab", &name);
		if (err)
			return err;
		p->shstrndx = p->shnum;
		ew_plan_add(p, name, SHT_STRTAB, p->shstr, str_size);
	} else if (str_size != in->shstr_size) {
		GElf_Shdr *sh = &p->shdrs[p->shstrndx];

		if (sh->sh_flags & SHF_ALLOC) {
			pr_err("'%s': the section name table is allocated and cannot grow",
			       in->path);
			return -EINVAL;
		}
		sh->sh_size = str_size;
		p->secs[p->shstrndx] =
			(struct ew_out_sec){.data = p->shstr, .rewrite = true, .moved = true};
	}
	return 0;
}

struct ew_move {
	uint64_t off;
	size_t idx;
};

static int ew_move_cmp(const void *a, const void *b)
{
	const struct ew_move *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* place section @idx at or after *@cur, at @pref if possible; advances *@cur */
static int ew_plan_place(struct ew_plan *p, size_t idx, uint64_t pref, uint64_t *cur)
{
	GElf_Shdr *sh = &p->shdrs[idx];
	uint64_t align = sh->sh_addralign ?: 1;
	uint64_t off;

	if (pref >= *cur && pref % align == 0)
		off = pref;
	else if (!ew_align_up(*cur, align, &off))
		return -EFBIG;
	if (off > UINT64_MAX - sh->sh_size)
		return -EFBIG;
	sh->sh_offset = off;
	*cur = off + sh->sh_size;
	return 0;
}

/*
 * Pass 2: file layout. Everything that is not moved keeps its offset, and
 * the bytes up to the end of the last of them are copied. Moved sections go
 * after that, in their input order (a moved section that already lies past
 * every kept byte, such as a growing name table at the end, stays where it
 * is), then the new sections, then the section header table.
 */
static int ew_plan_layout(struct ew_plan *p, const struct ew_input *in)
{
	size_t shentsize = gelf_fsize(in->elf, ELF_T_SHDR, 1, EV_CURRENT);
	bool is32 = gelf_getclass(in->elf) == ELFCLASS32;
	struct ew_move *moves = NULL;
	size_t i, nr_moves = 0;
	uint64_t cur, end, size;
	int err = 0;

	cur = in->hdr_end;
	for (i = 1; i < in->shnum; i++) {
		const GElf_Shdr *sh = &in->shdrs[i];

		if (p->secs[i].moved) {
			nr_moves++;
			continue;
		}
		if (sh->sh_type == SHT_NOBITS)
			continue;
		/* a slot keeps its old extent even when the new data is smaller */
		size = sh->sh_size > p->shdrs[i].sh_size ? sh->sh_size : p->shdrs[i].sh_size;
		end = sh->sh_offset + size;
		if (size && end > cur)
			cur = end;
	}
	if (!nr_moves && p->shnum == in->shnum) {
		/* same layout: only section contents and sizes change */
		p->copy_end = in->st.st_size;
		p->shoff = in->ehdr.e_shoff;
		p->size = in->st.st_size;
		return 0;
	}
	p->copy_end = cur;

	if (nr_moves) {
		moves = calloc(nr_moves, sizeof(*moves));
		if (!moves)
			return -ENOMEM;
		for (i = 1, nr_moves = 0; i < in->shnum; i++) {
			if (p->secs[i].moved)
				moves[nr_moves++] = (struct ew_move){in->shdrs[i].sh_offset, i};
		}
		qsort(moves, nr_moves, sizeof(*moves), ew_move_cmp);
	}
	for (i = 0; i < nr_moves && !err; i++)
		err = ew_plan_place(p, moves[i].idx, moves[i].off, &cur);
	for (i = in->shnum ?: 1; i < p->shnum && !err; i++)
		err = ew_plan_place(p, i, 0, &cur);
	free(moves);
	if (err)
		goto too_big;

	if (!ew_align_up(cur, is32 ? 4 : 8, &p->shoff) ||
	    p->shoff > UINT64_MAX - (uint64_t)p->shnum * shentsize)
		goto too_big;
	p->size = p->shoff + (uint64_t)p->shnum * shentsize;
	if (is32) {
		if (p->shoff > UINT32_MAX)
			goto too_big;
		for (i = 0; i < p->shnum; i++) {
			if (p->shdrs[i].sh_offset > UINT32_MAX || p->shdrs[i].sh_size > UINT32_MAX)
				goto too_big;
		}
	}
	return 0;
too_big:
	pr_err("'%s': the new file would be too large for its ELF class", in->path);
	return -EFBIG;
}

/* translate @size bytes of @type records from memory to file order */
static int ew_to_file(const struct ew_input *in, void *dst, const void *src, size_t size,
		      Elf_Type type)
{
	Elf_Data d = {.d_buf = dst, .d_size = size, .d_version = EV_CURRENT};
	Elf_Data s = {
		.d_buf = (void *)src, .d_type = type, .d_size = size, .d_version = EV_CURRENT};

	if (!gelf_xlatetof(in->elf, &d, &s, in->ehdr.e_ident[EI_DATA])) {
		pr_err("'%s': cannot translate headers: %s", in->path, elf_errmsg(-1));
		return -EINVAL;
	}
	return 0;
}

/* the new section header table, in file order, into a malloc()ed buffer */
static int ew_encode_shdrs(const struct ew_plan *p, const struct ew_input *in, void **out,
			   size_t *out_size)
{
	bool is32 = gelf_getclass(in->elf) == ELFCLASS32;
	size_t i, n = p->shnum, size;
	void *mem, *file;
	int err;

	size = n * (is32 ? sizeof(Elf32_Shdr) : sizeof(Elf64_Shdr));
	mem = malloc(size);
	file = malloc(size);
	if (!mem || !file) {
		free(mem);
		free(file);
		pr_err("'%s': %s", in->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const GElf_Shdr *g = &p->shdrs[i];

		if (is32) {
			((Elf32_Shdr *)mem)[i] = (Elf32_Shdr){
				.sh_name = g->sh_name,
				.sh_type = g->sh_type,
				.sh_flags = g->sh_flags,
				.sh_addr = g->sh_addr,
				.sh_offset = g->sh_offset,
				.sh_size = g->sh_size,
				.sh_link = g->sh_link,
				.sh_info = g->sh_info,
				.sh_addralign = g->sh_addralign,
				.sh_entsize = g->sh_entsize,
			};
		} else {
			((Elf64_Shdr *)mem)[i] = *g;
		}
	}
	err = ew_to_file(in, file, mem, size, ELF_T_SHDR);
	free(mem);
	if (err) {
		free(file);
		return err;
	}
	*out = file;
	*out_size = size;
	return 0;
}

/* the ELF header pointing to the new section header table, in file order */
static int ew_encode_ehdr(const struct ew_plan *p, const struct ew_input *in, void *out,
			  size_t *out_size)
{
	GElf_Ehdr g = in->ehdr;
	Elf32_Ehdr e32;

	if (p->shnum) {
		g.e_shoff = p->shoff;
		g.e_shentsize = gelf_fsize(in->elf, ELF_T_SHDR, 1, EV_CURRENT);
		g.e_shnum = p->shnum >= SHN_LORESERVE ? 0 : p->shnum;
		g.e_shstrndx = p->shstrndx >= SHN_LORESERVE ? SHN_XINDEX : p->shstrndx;
	}
	if (gelf_getclass(in->elf) == ELFCLASS64) {
		*out_size = sizeof(Elf64_Ehdr);
		return ew_to_file(in, out, &g, sizeof(g), ELF_T_EHDR);
	}
	memcpy(e32.e_ident, g.e_ident, EI_NIDENT);
	e32.e_type = g.e_type;
	e32.e_machine = g.e_machine;
	e32.e_version = g.e_version;
	e32.e_entry = g.e_entry;
	e32.e_phoff = g.e_phoff;
	e32.e_shoff = g.e_shoff;
	e32.e_flags = g.e_flags;
	e32.e_ehsize = g.e_ehsize;
	e32.e_phentsize = g.e_phentsize;
	e32.e_phnum = g.e_phnum;
	e32.e_shentsize = g.e_shentsize;
	e32.e_shnum = g.e_shnum;
	e32.e_shstrndx = g.e_shstrndx;
	*out_size = sizeof(e32);
	return ew_to_file(in, out, &e32, sizeof(e32), ELF_T_EHDR);
}

/* copy input bytes [0, len) to @fd: in the kernel if possible, else from libelf's mapping */
static int ew_copy_prefix(const struct ew_input *in, int fd, uint64_t len)
{
	loff_t in_off = 0, out_off = 0;
	const char *image;
	size_t image_size;

	while ((uint64_t)in_off < len) {
		uint64_t left = len - in_off;
		ssize_t n = copy_file_range(in->fd, &in_off, fd, &out_off,
					    left < EW_IO_CHUNK ? left : EW_IO_CHUNK, 0);

		if (n > 0)
			continue;
		if (n == 0)
			return -EIO; /* the input shrank under us */
		if (errno == EINTR)
			continue;
		if (errno != ENOSYS && errno != EXDEV && errno != EINVAL && errno != EOPNOTSUPP)
			return -errno;
		break;
	}
	if ((uint64_t)in_off == len)
		return 0;
	image = elf_rawfile(in->elf, &image_size);
	if (!image || image_size < len)
		return -EIO;
	return ew_pwrite_all(fd, image + in_off, len - in_off, in_off);
}

/* pass 3: write the planned file into the temp file */
static int ew_write_plan(const struct ew_plan *p, const struct ew_input *in, int fd)
{
	unsigned char ehdr[sizeof(Elf64_Ehdr)];
	void *shdrs = NULL;
	size_t i, size;
	int err;

	err = ew_copy_prefix(in, fd, p->copy_end);
	if (!err && ftruncate(fd, p->size))
		err = -errno;
	for (i = 0; i < p->shnum && !err; i++) {
		const struct ew_out_sec *s = &p->secs[i];
		const GElf_Shdr *sh = &p->shdrs[i];

		if (!s->rewrite)
			continue;
		err = ew_pwrite_all(fd, s->data, sh->sh_size, sh->sh_offset);
		if (!err && s->clear)
			err = ew_pzero(fd, s->clear, sh->sh_offset + sh->sh_size);
	}
	if (err) {
		pr_err("'%s': cannot write temp file: %s", in->path, errstr(err));
		return err;
	}
	/* the encoders log their own errors */
	if (p->shnum) {
		err = ew_encode_shdrs(p, in, &shdrs, &size);
		if (err)
			return err;
		err = ew_pwrite_all(fd, shdrs, size, p->shoff);
		free(shdrs);
	}
	if (!err) {
		err = ew_encode_ehdr(p, in, ehdr, &size);
		if (err)
			return err;
		err = ew_pwrite_all(fd, ehdr, size, 0);
	}
	if (err)
		pr_err("'%s': cannot write headers to temp file: %s", in->path, errstr(err));
	return err;
}

int ew__set_sections(const char *path, const struct ew_section *secs, size_t nr_secs)
{
	struct ew_tmp tmp = {.fd = -1, .live = -1};
	struct ew_plan plan = {};
	struct ew_input in;
	char *target;
	int err;

	target = ew_resolve(path);
	if (!target)
		return -ENOMEM;
	err = ew_input_open(&in, target, path);
	if (err || !nr_secs)
		goto out;
	err = ew_plan_sections(&plan, &in, secs, nr_secs);
	if (!err)
		err = ew_plan_layout(&plan, &in);
	if (err) {
		if (err == -ENOMEM)
			pr_err("'%s': %s", path, errstr(err));
		goto out;
	}
	/* the section header 0 fields that hold large counts (extended numbering) */
	if (plan.shnum >= SHN_LORESERVE)
		plan.shdrs[0].sh_size = plan.shnum;
	if (plan.shstrndx >= SHN_LORESERVE)
		plan.shdrs[0].sh_link = plan.shstrndx;

	err = ew_tmp_create(&tmp, target, 0600);
	if (err) {
		pr_err("'%s': cannot create temp file in directory: %s", path, errstr(err));
		goto out;
	}
	err = ew_write_plan(&plan, &in, tmp.fd);
	if (!err)
		err = ew_tmp_commit(&tmp, path, target, &in.st);
out:
	ew_tmp_discard(&tmp);
	ew_plan_release(&plan);
	ew_input_close(&in);
	free(target);
	return err;
}
