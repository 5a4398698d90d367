// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * What libbpf 1.1 lacks (see libbpf_compat.h).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "btf_distill.h"
#include "libbpf_compat.h"

/* libbpf 1.2 */
struct btf *libbpf_compat__new_split(const void *data, uint32_t size, struct btf *base)
{
	char path[64];
	struct btf *btf;
	ssize_t n;
	int fd, err;

	if (!base)
		return btf__new(data, size);
	fd = memfd_create("dwarf2btf-split", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	n = write(fd, data, size);
	if (n != (ssize_t)size) {
		err = n < 0 ? errno : EIO;
		close(fd);
		errno = err;
		return NULL;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	btf = btf__parse_raw_split(path, base);
	err = errno;
	close(fd);
	errno = err;
	return btf;
}

/* libbpf 1.2 */
struct btf *libbpf_compat__parse_elf_split(const char *path, struct btf *base)
{
	return btf__parse_elf_split(path, base);
}

/* libbpf 1.6 */
int libbpf_compat__add_type_attr(struct btf *btf, const char *value, int ref_type_id)
{
	int id = btf__add_type_tag(btf, value, ref_type_id);

	if (id < 0)
		return id;
	/* kind_flag is the top bit of info; the record is ours to change */
	((struct btf_type *)btf__type_by_id(btf, id))->info |= 1u << 31;
	return id;
}

/* libbpf 1.5 */
int libbpf_compat__distill_base(const struct btf *split, struct btf **new_base,
				struct btf **new_split)
{
	return btf_distill__base(split, new_base, new_split);
}

/* libbpf 1.5 */
int libbpf_compat__relocate(const struct btf *split, struct btf *base, struct btf **out)
{
	return btf_distill__relocate(split, base, out);
}
