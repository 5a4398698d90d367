// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The pipeline of dwarf2btf itself (pipeline__encode()), but for the
 * writing of the output: the fuzzers must reach everything the input can
 * reach in dwarf2btf.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <gelf.h>
#include "btf_encoder.h"
#include "btf_features.h"
#include "fuzz_common.h"
#include "log.h"
#include "pipeline.h"

static int quiet_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

void fuzz_init(void)
{
	log_set_level(LOG_ERR);
	libbpf_set_print(quiet_libbpf);
}

int fuzz_memfile(const uint8_t *data, size_t size, char *path)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += n;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

int fuzz_encode(const char *path, struct btf *base, const struct base_index *base_idx)
{
	struct pipeline_opts opts = {
		.features = btf_features__legacy() | BTF_FEAT_FLOAT,
		.flat_arrays = base && btf_encoder__base_has_flat_arrays(base),
		.dwl = {.nr_threads = 1},
	};
	struct pipeline_out out;
	int err = pipeline__encode(&opts, base, base_idx, path, &out);

	pipeline_out__release(&out);
	return err;
}
