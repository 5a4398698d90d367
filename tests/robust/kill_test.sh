#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Interrupted runs: "dwarf2btf -J --btf_base vmlinux copy.ko" on a copy of a
# big module of the cached Debian kernel (btrfs.ko, else the biggest one) is
# killed with SIGKILL, SIGTERM and SIGINT after 10, 50, 100, 200 and 400 ms,
# in its write phase (as soon as the temp file ".copy.ko.XXXXXX" that the
# ELF writer creates next to copy.ko shows up, and 20 ms later) and once
# after it ended. After each run:
#  - copy.ko is byte-identical to the original module, or (run completed, or
#    killed after the rename) to the output of an uninterrupted run, whose
#    .BTF bpftool reads: nothing else in the file changed;
#  - after SIGTERM and SIGINT no temp file is left, and nothing else appeared
#    in the directory. SIGKILL cannot be caught, so it may leave the temp
#    file (reported, then removed); copy.ko is intact all the same.
# Exit 77 when the kernel data is not cached (scripts/fetch-kernel.sh --print).
#
# usage: kill_test.sh DWARF2BTF ROBUST_GEN BPFTOOL WORK_DIR
set -eu

if [ $# != 4 ]; then
	echo "usage: kill_test.sh DWARF2BTF ROBUST_GEN BPFTOOL WORK_DIR" >&2
	exit 2
fi
d2b=$1 gen=$2 bpftool=$3 work=$4
here=$(dirname "$0")

fail() {
	echo "FAIL: kill_test: $*" >&2
	exit 1
}

if ! vars=$("$here/../../scripts/fetch-kernel.sh" --print 2> /dev/null); then
	echo "SKIP: kernel data not cached (run scripts/fetch-kernel.sh)" >&2
	exit 77
fi
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}" "${D2B_DBG_MODDIR:?}"
[ -x "$bpftool" ] || fail "no bpftool"

module=$D2B_DBG_MODDIR/kernel/fs/btrfs/btrfs.ko
if [ ! -f "$module" ]; then
	module=$(find "$D2B_DBG_MODDIR" -name '*.ko' -printf '%s %p\n' | sort -n | tail -n 1 |
		cut -d' ' -f2-)
fi
[ -f "$module" ] || fail "no module found in $D2B_DBG_MODDIR"

rm -rf "$work"
mkdir -p "$work/ref" "$work/run"
cp "$module" "$work/orig.ko"
chmod 444 "$work/orig.ko"

# the uninterrupted run: its output is the only other acceptable content
cp "$work/orig.ko" "$work/ref/copy.ko"
chmod 644 "$work/ref/copy.ko"
start=$(date +%s%N)
"$d2b" -J --btf_base "$D2B_VMLINUX" "$work/ref/copy.ko" ||
	fail "the uninterrupted run failed"
ms=$((($(date +%s%N) - start) / 1000000))
"$bpftool" btf dump -B "$D2B_VMLINUX" file "$work/ref/copy.ko" > /dev/null ||
	fail "bpftool cannot read the .BTF of the uninterrupted run"
echo "module $module: uninterrupted run $ms ms"

dir=$work/run
# temp_files: the writer's temp files in $dir, one a line
temp_files() {
	for f in "$dir"/.copy.ko.*; do
		if [ -e "$f" ]; then
			echo "$f"
		fi
	done
}

# one_run SIGNAL WHEN: WHEN is a delay in ms, "write" (as soon as the temp
# file exists) or "write+20" (20 ms later)
one_run() {
	sig=$1 when=$2
	rm -rf "$dir"
	mkdir "$dir"
	cp "$work/orig.ko" "$dir/copy.ko"
	chmod 644 "$dir/copy.ko"
	# a background job of a script starts with SIGINT ignored: robust_gen
	# exec restores the default action before running dwarf2btf
	"$gen" exec "$d2b" -J --btf_base "$D2B_VMLINUX" "$dir/copy.ko" 2> "$work/stderr" &
	pid=$!
	saw_temp=no
	if [ "${when%+*}" = write ]; then
		while kill -0 "$pid" 2> /dev/null; do
			if [ -n "$(temp_files)" ]; then
				saw_temp=yes
				break
			fi
		done
		if [ "$when" = write+20 ]; then
			sleep 0.020
		fi
	elif [ "$when" -ge 1000 ]; then
		sleep "$((when / 1000)).$(printf '%03d' $((when % 1000)))"
	else
		sleep "$(printf '0.%03d' "$when")"
	fi
	kill -s "$sig" "$pid" 2> /dev/null || echo "  (the process had already ended)"
	st=0
	wait "$pid" || st=$?

	if grep -E -q 'Sanitizer|runtime error:' "$work/stderr"; then
		cat "$work/stderr" >&2
		fail "SIG$sig at $when: sanitizer report"
	fi
	case $sig in
	KILL) signum=9 ;;
	TERM) signum=15 ;;
	INT) signum=2 ;;
	esac
	case $st in
	0) outcome=completed ;;
	$((128 + signum))) outcome=killed ;;
	*)
		cat "$work/stderr" >&2
		fail "SIG$sig at $when: exit status $st" ;;
	esac
	if cmp -s "$dir/copy.ko" "$work/orig.ko"; then
		content=original
	elif cmp -s "$dir/copy.ko" "$work/ref/copy.ko"; then
		content=encoded
	else
		fail "SIG$sig at $when: copy.ko is neither the original nor the encoded file"
	fi
	[ "$outcome" = killed ] || [ "$content" = encoded ] ||
		fail "SIG$sig at $when: the run completed but copy.ko is the original"
	temps=$(temp_files)
	if [ -n "$temps" ]; then
		[ "$sig" = KILL ] || fail "SIG$sig at $when: temp file left: $temps"
		echo "  SIGKILL left a temp file, as it may: $temps"
		rm -f "$dir"/.copy.ko.*
	fi
	[ "$(ls -A "$dir")" = copy.ko ] || fail "SIG$sig at $when: files left: $(ls -A "$dir")"
	if [ "$saw_temp" = yes ]; then
		when="$when (temp file seen)"
	fi
	echo "SIG$sig at $when: $outcome, copy.ko $content"
}

for sig in KILL TERM INT; do
	for when in 10 50 100 200 400; do
		one_run "$sig" "$when"
	done
	# the write phase: retry if the poll loop missed the temp file
	for when in write write+20; do
		tries=0
		while :; do
			one_run "$sig" "$when"
			[ "$saw_temp" = no ] || break
			tries=$((tries + 1))
			[ "$tries" -lt 5 ] || fail "SIG$sig: never caught the write phase"
		done
	done
	# after the end: the run completed
	one_run "$sig" $((ms * 2 + 500))
done
echo "PASS: kill_test"
