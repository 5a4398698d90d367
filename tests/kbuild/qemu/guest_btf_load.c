// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * guest_btf_load: runs inside the qemu guest of scripts/kernel-build-qemu.sh
 * (linked statically, no libbpf). It hands a raw BTF file, normally
 * /sys/kernel/btf/vmlinux, to the booted kernel's BTF verifier with
 * bpf(BPF_BTF_LOAD) and prints one "D2B: ..." line with the result; when the
 * kernel rejects it, the verifier log follows.
 *
 * Usage: guest_btf_load FILE      Exit: 0 accepted, 1 rejected or error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/bpf.h>

#define LOG_SIZE (16u << 20)

/* the whole file in a malloc()ed buffer; sysfs may report no size */
static char *read_all(const char *path, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY);

	if (!buf || fd < 0)
		goto err;
	for (;;) {
		ssize_t r;

		if (n == cap) {
			char *bigger = realloc(buf, cap * 2);

			if (!bigger)
				goto err;
			buf = bigger;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto err;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return buf;
err:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

static int btf_load(const char *data, size_t len, char *log, unsigned int level)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.btf = (uint64_t)(uintptr_t)data;
	attr.btf_size = (uint32_t)len;
	if (level) {
		attr.btf_log_buf = (uint64_t)(uintptr_t)log;
		attr.btf_log_size = LOG_SIZE;
		attr.btf_log_level = level;
	}
	return (int)syscall(__NR_bpf, BPF_BTF_LOAD, &attr, sizeof(attr));
}

int main(int argc, char **argv)
{
	size_t len;
	char *data, *log;
	int fd, err;

	if (argc != 2) {
		fprintf(stderr, "usage: guest_btf_load FILE\n");
		return 1;
	}
	data = read_all(argv[1], &len);
	if (!data) {
		printf("D2B: cannot read %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	fd = btf_load(data, len, NULL, 0);
	if (fd >= 0) {
		printf("D2B: BPF_BTF_LOAD %s (%zu bytes): accepted\n", argv[1], len);
		close(fd);
		free(data);
		return 0;
	}
	err = errno;
	printf("D2B: BPF_BTF_LOAD %s (%zu bytes): rejected: %s\n", argv[1], len, strerror(err));
	/* again with the verifier log, to show why */
	log = calloc(1, LOG_SIZE);
	if (log && btf_load(data, len, log, 1) < 0) {
		size_t l = strlen(log);

		printf("D2B: verifier log (last lines):\n%s\n", l > 2000 ? log + l - 2000 : log);
	}
	free(log);
	free(data);
	return 1;
}
