// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The writer's temp files: created next to the target, tracked for
 * elf_writer__remove_temp_files() (signal handlers), renamed over the target at
 * the very end; whole-buffer I/O; elf_writer__write_raw().
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
#include "ew_private.h"
#include "log.h"

/* fsync the temp file and the directory: set once before any write */
static bool ew_durable;

void elf_writer__set_durable(bool durable)
{
	ew_durable = durable;
}

/* longest part of the target's name that goes into a temp file name */
#define EW_TMP_BASE_MAX 200
/* attempts at finding an unused temp file name */
#define EW_TMP_TRIES 100

/*
 * The temp files that exist right now, for elf_writer__remove_temp_files() in a
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

void elf_writer__remove_temp_files(void)
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
int ew_tmp__create(struct ew_tmp *tmp, const char *target, mode_t mode)
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

/* remove a temp file that was not committed; a no-op after ew_tmp__commit() */
void ew_tmp__discard(struct ew_tmp *tmp)
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
int ew_tmp__commit(struct ew_tmp *tmp, const char *name, const char *target,
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
char *ew__resolve(const char *path)
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

int ew_io__pwrite_all(int fd, const void *buf, size_t size, uint64_t off)
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

int ew_io__pzero(int fd, uint64_t size, uint64_t off)
{
	static const char zeros[65536];
	int err = 0;

	while (size && !err) {
		size_t n = size < sizeof(zeros) ? size : sizeof(zeros);

		err = ew_io__pwrite_all(fd, zeros, n, off);
		size -= n;
		off += n;
	}
	return err;
}

int ew_io__pread_all(int fd, void *buf, size_t size, uint64_t off)
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

int elf_writer__write_raw(const char *path, const void *data, size_t size)
{
	struct ew_tmp tmp = {.fd = -1, .live = -1};
	struct stat st;
	bool exists;
	char *target;
	int err;

	target = ew__resolve(path);
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
	err = ew_tmp__create(&tmp, target, exists ? 0600 : 0644);
	if (err) {
		pr_err("'%s': cannot create temp file in directory: %s", path, errstr(err));
		goto out;
	}
	err = ew_io__pwrite_all(tmp.fd, data, size, 0);
	if (err) {
		pr_err("'%s': cannot write temp file '%s': %s", path, tmp.path, errstr(err));
		goto out;
	}
	err = ew_tmp__commit(&tmp, path, target, exists ? &st : NULL);
out:
	ew_tmp__discard(&tmp);
	free(target);
	return err;
}
