/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The pipeline, as a library: ELF file in, BTF bytes out, written back.
 * For each input file: DWARF loader -> per-CU encoding (worker threads) ->
 * ordered stage -> dedup, FUNC choice, fold into the base -> ELF writer.
 * Callers: the dwarf2btf command (tools/main.c), the fuzzers. Holds no
 * encoding logic of its own; owns the per-file flow, the batch's thread
 * pool and the --btf_check flow.
 */
#ifndef D2B_PIPELINE_H
#define D2B_PIPELINE_H

#include <stdbool.h>
#include <stdint.h>
#include "dwarf_loader.h"

struct btf;
struct base_index;

/**
 * struct pipeline_opts - what to encode and where the result goes
 * @features:	enum btf_feature bits
 * @flat_arrays: multi-dimensional arrays flattened (forced on when the base
 *		writes them so)
 * @verify:	check the BTF against the DWARF before writing (--verify)
 * @detached:	write raw BTF to this file instead of into the input (-J)
 * @func_report: write why each function has a FUNC or not to this file
 *		(--func_report; a single input file)
 * @base:	path of the base BTF (raw or ELF), or NULL
 * @dwl:	loader options; @dwl.nr_threads is the -j of the run
 */
struct pipeline_opts {
	uint32_t features;
	bool flat_arrays;
	bool verify;
	const char *detached;
	const char *func_report;
	const char *base;
	struct dwl_opts dwl;
};

/**
 * struct pipeline_out - the bytes to write, copied out of the encoder
 * @btf:	.BTF; owned
 * @base:	.BTF.base (distilled_base) or NULL; owned
 */
struct pipeline_out {
	void *btf, *base;
	uint32_t btf_size, base_size;
};

void pipeline_out__release(struct pipeline_out *out);

/**
 * pipeline__encode() - encode one file into memory
 * @base, @idx:	the base BTF and its index, or NULL; borrowed, read-only
 *		(one base is shared by every thread of a batch)
 * @out:	filled with the bytes to write (release with
 *		pipeline_out__release(), also after an error)
 * Return: 0 or a negative errno (reason printed, naming @path).
 */
int pipeline__encode(const struct pipeline_opts *opts, struct btf *base,
		     const struct base_index *idx, const char *path, struct pipeline_out *out);

/**
 * pipeline__encode_file() - encode one file and write the result (into
 * the file as .BTF, or to opts->detached)
 * Return: 0 or a negative errno (reason printed).
 */
int pipeline__encode_file(const struct pipeline_opts *opts, struct btf *base,
			  const struct base_index *idx, const char *path);

/**
 * pipeline__encode_batch() - pipeline__encode_file() for each of @files on
 * one shared base; with opts->dwl.nr_threads > 1 and several files, files
 * are encoded that many at a time, one thread each. The bytes of each file
 * are the same whatever the thread count.
 * Return: the number of files that failed.
 */
int pipeline__encode_batch(const struct pipeline_opts *opts, struct btf *base,
			   const struct base_index *idx, char **files, int nr_files);

/**
 * pipeline__run() - the whole encoding run of the command: read, check and
 * index opts->base once, then encode every file of @files on it
 * Return: 0 when every file was encoded, else 1 (reasons printed).
 */
int pipeline__run(const struct pipeline_opts *opts, char **files, int nr_files);

/**
 * pipeline__check() - --btf_check: does each file's BTF pass the kernel's
 * checks (btf_check/btf_verify.h) and fit the base at @base_path (NULL: no
 * base)? One line per file on stdout when it does.
 * Return: 0 when all fit, else 1 (reasons printed).
 */
int pipeline__check(const char *base_path, char **files, int nr_files);

#endif
