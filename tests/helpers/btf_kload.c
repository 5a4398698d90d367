// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_kload: asks the running kernel's BTF verifier to accept a BTF file
 * (bpf(BPF_BTF_LOAD), needs root). Split BTF is first joined with its base
 * into one standalone BTF, which is what the kernel loads for vmlinux.
 *
 * Usage: btf_kload FILE [BASE]
 * Exit: 0 accepted, 1 rejected (the verifier log is printed), 2 usage or
 * input error, 77 when the kernel cannot be asked (not root, no BPF).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

/* base + split as one BTF: the split types appended to a copy of the base */
static struct btf *join(struct btf *base, struct btf *split)
{
	struct btf *all = btf__new_empty();
	__u32 i, n = btf__type_cnt(base);

	if (!all)
		return NULL;
	for (i = 1; i < n; i++)
		if (btf__add_type(all, base, btf__type_by_id(base, i)) < 0)
			goto err;
	/* split type IDs already continue after the base: copy them as they are */
	n = btf__type_cnt(split);
	for (i = btf__type_cnt(base); i < n; i++)
		if (btf__add_type(all, split, btf__type_by_id(split, i)) < 0)
			goto err;
	return all;
err:
	btf__free(all);
	return NULL;
}

int main(int argc, char **argv)
{
	struct btf *base = NULL, *btf, *load;
	static char log[16 * 1024 * 1024];
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .log_buf = log, .log_size = sizeof(log),
		    .log_level = 1);
	const void *raw;
	__u32 size;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: btf_kload FILE [BASE]\n");
		return 2;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "btf_kload: needs root for BPF_BTF_LOAD\n");
		return 77;
	}
	if (argc == 3) {
		base = btf__parse(argv[2], NULL);
		if (!base) {
			fprintf(stderr, "btf_kload: '%s': cannot read base BTF: %s\n", argv[2],
				strerror(errno));
			return 2;
		}
	}
	btf = btf__parse_split(argv[1], base);
	if (!btf) {
		fprintf(stderr, "btf_kload: '%s': cannot read BTF: %s\n", argv[1], strerror(errno));
		return 2;
	}
	load = base ? join(base, btf) : btf;
	if (!load) {
		fprintf(stderr, "btf_kload: cannot join '%s' with its base\n", argv[1]);
		return 2;
	}
	raw = btf__raw_data(load, &size);
	fd = bpf_btf_load(raw, size, &opts);
	if (fd < 0) {
		int err = errno;

		if (err == EPERM || err == ENOSYS) {
			fprintf(stderr, "btf_kload: kernel refused BPF_BTF_LOAD: %s\n",
				strerror(err));
			return 77;
		}
		fprintf(stderr, "btf_kload: '%s': rejected by the kernel: %s\n%s\n", argv[1],
			strerror(err), log);
		return 1;
	}
	printf("btf_kload: '%s': accepted by the kernel (%u bytes, %u types)\n", argv[1], size,
	       btf__type_cnt(load) - 1);
	close(fd);
	if (load != btf)
		btf__free(load);
	btf__free(btf);
	btf__free(base);
	return 0;
}
