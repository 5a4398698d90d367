// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_kraw: the running kernel's verdict on raw BTF files, byte for byte
 * (bpf(BPF_BTF_LOAD) on the file's contents, nothing parsed or fixed up
 * first, unlike btf_kload). For the mutant tests of --btf_check.
 *
 * Usage: btf_kraw [--native] FILE...
 * --native: BTF of the other byte order (an s390x vmlinux's) is first turned
 * into this machine's by libbpf, which must be able to parse it.
 * Prints one line per file: "ACCEPT FILE" or "REJECT FILE: <last line of
 * the kernel's log>". Exit: 0, 2 on a usage or read error, 77 when the
 * kernel cannot be asked (not root, no BPF).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <bpf/btf.h>
#include "file_bytes.h"

static char log_buf[16 << 20];

static int btf_load(const void *data, size_t size, int level)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.btf = (unsigned long)data;
	a.btf_size = size;
	if (level) {
		a.btf_log_buf = (unsigned long)log_buf;
		a.btf_log_size = sizeof(log_buf);
		a.btf_log_level = level;
		log_buf[0] = 0;
	}
	return syscall(SYS_bpf, BPF_BTF_LOAD, &a, sizeof(a));
}

/* the kernel's reason: the last non-empty line of its log */
static const char *last_line(void)
{
	char *end = log_buf + strlen(log_buf), *p;

	while (end > log_buf && end[-1] == '\n')
		*--end = 0;
	p = strrchr(log_buf, '\n');
	return p ? p + 1 : log_buf;
}

/* @data in this machine's byte order (libbpf converts); NULL if libbpf cannot parse it */
static void *to_native(void *data, size_t *size)
{
	struct btf *btf = btf__new(data, *size);
	const void *raw;
	void *copy = NULL;
	__u32 n;

	if (btf && !btf__set_endianness(btf, BTF_LITTLE_ENDIAN +
						     (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__))) {
		raw = btf__raw_data(btf, &n);
		copy = raw ? malloc(n) : NULL;
		if (copy) {
			memcpy(copy, raw, n);
			*size = n;
		}
	}
	btf__free(btf);
	free(data);
	return copy;
}

int main(int argc, char **argv)
{
	int i = 1, fd, native = 0;
	size_t size;
	void *data;

	if (argc > 1 && !strcmp(argv[1], "--native"))
		native = i = 2;
	if (argc <= i) {
		fprintf(stderr, "usage: btf_kraw [--native] FILE...\n");
		return 2;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "btf_kraw: needs root for BPF_BTF_LOAD\n");
		return 77;
	}
	for (; i < argc; i++) {
		data = file_bytes__read(argv[i], &size);
		if (data && native)
			data = to_native(data, &size);
		if (!data) {
			fprintf(stderr, "btf_kraw: cannot read '%s'\n", argv[i]);
			return 2;
		}
		/* the verdict without a log (a log too small would be an error of its own) */
		fd = btf_load(data, size, 0);
		if (fd >= 0) {
			printf("ACCEPT %s\n", argv[i]);
			close(fd);
		} else if (errno == EPERM || errno == ENOSYS) {
			fprintf(stderr, "btf_kraw: kernel refused BPF_BTF_LOAD: %s\n",
				strerror(errno));
			return 77;
		} else {
			fd = btf_load(data, size, 1);
			if (fd >= 0)
				close(fd);
			printf("REJECT %s: %s\n", argv[i], last_line());
		}
		free(data);
	}
	return 0;
}
