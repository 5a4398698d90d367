#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Runs each fuzzer of a -DFUZZ=ON build for SECONDS, starting from its seed
# corpus (corpus/<name>, read only: new inputs go to
# BUILD_DIR/tests/fuzz/corpus-out/<name>). Fails on the first crash, leak,
# sanitizer report, timeout (20 s for one input) or out-of-memory (2 GB): the
# input is then saved as BUILD_DIR/tests/fuzz/artifacts/<name>/crash-...;
# add it to tests/robust/crashers/{elf,base}/ once fixed. Prints the number
# of executions of each fuzzer.
#
# usage: run.sh BUILD_DIR SECONDS [FUZZER...]   (default: elf base verify)
set -eu

if [ $# -lt 2 ]; then
	echo "usage: run.sh BUILD_DIR SECONDS [elf|base|verify...]" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
[ $# -gt 0 ] || set -- elf base verify
here=$(cd "$(dirname "$0")" && pwd)

for name in "$@"; do
	fuzzer=$build/tests/fuzz/fuzz_$name
	if [ ! -x "$fuzzer" ]; then
		echo "run.sh: no $fuzzer (configure with CC=clang -DFUZZ=ON)" >&2
		exit 1
	fi
	out=$build/tests/fuzz/corpus-out/$name
	artifacts=$build/tests/fuzz/artifacts/$name
	mkdir -p "$out" "$artifacts"
	log=$build/tests/fuzz/fuzz_$name.log
	echo "fuzz_$name: $seconds s"
	status=0
	"$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
		-close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$artifacts/" \
		"$out" "$here/corpus/$name" > "$log" 2>&1 || status=$?
	sed -n '/^stat::number_of_executed_units/p; /^Done [0-9]* runs/p' "$log"
	if [ "$status" != 0 ]; then
		tail -n 60 "$log" >&2
		echo "run.sh: fuzz_$name failed (exit status $status), inputs in $artifacts" >&2
		exit 1
	fi
done
