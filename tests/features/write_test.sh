#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Writing in place and the serial time:
#  - -J with and without --fsync gives the same bytes; with strace, the run
#    without --fsync makes no fsync() call and the run with it syncs the
#    temp file and the directory (two calls);
#  - -V -j2 ends with "time: serial S s of W s wall (...), C s of CPU",
#    0 <= S <= W and 0 <= C <= S (the CPU used in the serial part).
#
# usage: write_test.sh DWARF2BTF OBJECT WORK_DIR
set -eu

[ $# = 3 ] || { echo "usage: write_test.sh DWARF2BTF OBJECT WORK_DIR" >&2; exit 2; }
d2b=$1 obj=$2 work=$3

fail() {
	echo "FAIL: write_test: $*" >&2
	exit 1
}

rm -rf "$work"
mkdir -p "$work"
cp "$obj" "$work/plain.o"
cp "$obj" "$work/synced.o"
"$d2b" -J "$work/plain.o" || fail "-J failed"
"$d2b" -J --fsync "$work/synced.o" || fail "-J --fsync failed"
cmp -s "$work/plain.o" "$work/synced.o" || fail "--fsync changed the output"
cmp -s "$obj" "$work/plain.o" && fail "-J did not write the file"

if command -v strace > /dev/null 2>&1; then
	for mode in plain synced; do
		cp "$obj" "$work/$mode.o"
		opt=
		[ "$mode" = synced ] && opt=--fsync
		# LeakSanitizer cannot run under ptrace (the sanitizer build of test.sh)
		# shellcheck disable=SC2086 # $opt is empty or one word
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			strace -f -qq -e trace=fsync,fdatasync -o "$work/$mode.strace" \
			"$d2b" -J $opt "$work/$mode.o" || fail "-J $opt under strace failed"
	done
	n=$(grep -c 'sync(' "$work/plain.strace" || true)
	[ "$n" = 0 ] || fail "$n fsync calls without --fsync"
	n=$(grep -c 'fsync(' "$work/synced.strace" || true)
	[ "$n" = 2 ] || fail "$n fsync calls with --fsync, expected 2 (temp file, directory)"
else
	echo "write_test: no strace, fsync calls not counted" >&2
fi

line=$("$d2b" -V -j2 --btf_encode_detached="$work/out.btf" "$obj" 2>&1 | grep 'time: serial') ||
	fail "-V printed no serial time"
echo "$line" | awk '{
	for (i = 1; i <= NF; i++) {
		if ($i == "serial") s = $(i + 1)
		if ($i == "of" && w == "") w = $(i + 1)
		if ($i == "CPU") c = $(i - 3)
	}
	if (s == "" || w == "" || c == "") { print "bad: " $0; exit 1 }
	if (s < 0 || s > w + 0.0005 || c < 0 || c > s + 0.01) { print "bad: " $0; exit 1 }
}' || fail "serial time not within 0 and the wall time, or its CPU time above it: $line"
echo "write_test: ok"
