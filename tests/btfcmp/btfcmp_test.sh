#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# btfcmp tests. Each case runs btfcmp on files written by btfcmp_gen (unit
# cases) or on the cached Debian kernel packages (kernel cases, exit 77 = skip
# when scripts/fetch-kernel.sh has not cached them), and checks exit statuses
# and key output lines. CMake registers one CTest test per case.
#
# Usage: btfcmp_test.sh --list unit|kernel
#        btfcmp_test.sh BTFCMP DATADIR CASE
set -eu

UNIT_CASES="self reordered elf member_offset anon_member counts kinds quiet max_diffs
dump_golden split split_bases split_diff split_dump split_nobase err_missing
err_garbage err_nobtf usage"
KERNEL_CASES="kernel_vmlinux_self kernel_modules"

if [ "${1:-}" = --list ]; then
	case "${2:-}" in
	unit) echo "$UNIT_CASES" ;;
	kernel) echo "$KERNEL_CASES" ;;
	*) echo "usage: btfcmp_test.sh --list unit|kernel" >&2; exit 2 ;;
	esac
	exit 0
fi
if [ $# -ne 3 ]; then
	echo "usage: btfcmp_test.sh BTFCMP DATADIR CASE" >&2
	exit 2
fi

BTFCMP=$1
D=$2
CASE=$3
SRCDIR=$(cd "$(dirname "$0")" && pwd)
TOPDIR=$(cd "$SRCDIR/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/btfcmp_test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# number of types in the generated files (see btfcmp_gen.c)
MAIN_NR=34
SPLIT_NR=7

fail() {
	echo "FAIL: $CASE: $*" >&2
	exit 1
}

# run RC ARGS...: run btfcmp, which must exit with RC; keeps $TMP/out and $TMP/err
run() {
	want=$1
	shift
	rc=0
	"$BTFCMP" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "--- stdout:" >&2
		cat "$TMP/out" >&2
		echo "--- stderr:" >&2
		cat "$TMP/err" >&2
		fail "btfcmp $* exited with $rc, expected $want"
	fi
}

# has_line out|err LINE: the output contains exactly this line
has_line() {
	if ! grep -Fqx -- "$2" "$TMP/$1"; then
		cat "$TMP/$1" >&2
		fail "no such line in std$1: $2"
	fi
}

# nr_lines out|err N [PATTERN]: the output has N lines (matching the grep PATTERN)
nr_lines() {
	n=$(grep -c -- "${3:-}" "$TMP/$1" || true)
	if [ "$n" -ne "$2" ]; then
		cat "$TMP/$1" >&2
		fail "std$1 has $n lines matching '${3:-}', expected $2"
	fi
}

# same_as_golden NAME: stdout equals tests/btfcmp/expected/NAME
same_as_golden() {
	if ! diff -u "$SRCDIR/expected/$1" "$TMP/out" >&2; then
		fail "output differs from expected/$1"
	fi
}

equal_summary() {
	echo "btfcmp: A=$1 B=$1 types compared, only-in-A=0 only-in-B=0"
}

# kernel_env: source the cached kernel paths, or skip the test
kernel_env() {
	if ! vars=$(sh "$TOPDIR/scripts/fetch-kernel.sh" --print 2>/dev/null); then
		echo "SKIP: kernel packages are not cached; run scripts/fetch-kernel.sh" >&2
		exit 77
	fi
	eval "$vars"
}

case "$CASE" in
self)
	run 0 "$D/main.btf" "$D/main.btf"
	has_line out "$(equal_summary $MAIN_NR)"
	nr_lines out 1
	;;
reordered)
	# same types, other IDs and order, other string offsets
	run 0 "$D/main.btf" "$D/main_rev.btf"
	has_line out "$(equal_summary $MAIN_NR)"
	nr_lines out 1
	;;
elf)
	run 0 "$D/main.elf" "$D/main.btf"
	has_line out "$(equal_summary $MAIN_NR)"
	run 0 --base "$D/base.btf" "$D/split.elf" "$D/split.btf"
	has_line out "$(equal_summary $SPLIT_NR)"
	;;
member_offset)
	# struct pair changes; everything that refers to it by name does not
	run 1 "$D/main.btf" "$D/main_moved.btf"
	has_line out "--- $D/main.btf"
	has_line out "+++ $D/main_moved.btf"
	has_line out "# STRUCT: only-in-A=1 only-in-B=1"
	has_line out "-STRUCT 'pair' size=8 vlen=2 {'a' type=INT 'int' bits_offset=0; 'b' type=INT 'int' bits_offset=32}"
	has_line out "+STRUCT 'pair' size=8 vlen=2 {'a' type=INT 'int' bits_offset=0; 'b' type=INT 'int' bits_offset=64}"
	has_line out "btfcmp: A=$MAIN_NR B=$MAIN_NR types compared, only-in-A=1 only-in-B=1 (STRUCT: -1 +1)"
	nr_lines out 2 '^[-+][A-Z]'
	# the other direction swaps the signs
	run 1 "$D/main_moved.btf" "$D/main.btf"
	has_line out "+STRUCT 'pair' size=8 vlen=2 {'a' type=INT 'int' bits_offset=0; 'b' type=INT 'int' bits_offset=32}"
	;;
anon_member)
	# the anonymous struct changes, and so does struct outer, which expands it
	run 1 "$D/main.btf" "$D/main_anon.btf"
	has_line out "btfcmp: A=$MAIN_NR B=$MAIN_NR types compared, only-in-A=2 only-in-B=2 (STRUCT: -2 +2)"
	has_line out "+STRUCT '' size=16 vlen=2 {'l' type=INT 'unsigned int' bits_offset=0; 'p' type=(PTR type=STRUCT 'pair') bits_offset=96}"
	has_line out "+STRUCT 'outer' size=24 vlen=2 {'' type=(STRUCT '' size=16 vlen=2 {'l' type=INT 'unsigned int' bits_offset=0; 'p' type=(PTR type=STRUCT 'pair') bits_offset=96}) bits_offset=0; 'tail' type=(ARRAY type=INT 'char' index_type=INT 'int' nr_elems=8) bits_offset=128}"
	;;
counts)
	# a second, identical PTR: the multisets differ by one line
	run 1 "$D/main.btf" "$D/main_dup.btf"
	has_line out "# PTR: only-in-A=0 only-in-B=1"
	has_line out "+PTR type=STRUCT 'pair'"
	has_line out "btfcmp: A=$MAIN_NR B=$((MAIN_NR + 1)) types compared, only-in-A=0 only-in-B=1 (PTR: -0 +1)"
	;;
kinds)
	# 4 INT + 4 PTR + 1 UNION: the changed struct is not compared
	run 0 --kinds INT,ptr,Union "$D/main.btf" "$D/main_moved.btf"
	has_line out "$(equal_summary 9)"
	run 1 --kinds STRUCT "$D/main.btf" "$D/main_moved.btf"
	has_line out "btfcmp: A=4 B=4 types compared, only-in-A=1 only-in-B=1 (STRUCT: -1 +1)"
	run 0 --dump --kinds FUNC,DECL_TAG "$D/main_rev.btf"
	nr_lines out 4
	nr_lines out 2 '^FUNC '
	nr_lines out 2 '^DECL_TAG '
	;;
quiet)
	run 1 -q "$D/main.btf" "$D/main_moved.btf"
	nr_lines out 1
	has_line out "btfcmp: A=$MAIN_NR B=$MAIN_NR types compared, only-in-A=1 only-in-B=1 (STRUCT: -1 +1)"
	nr_lines err 0
	;;
max_diffs)
	run 1 --max-diffs 1 "$D/main.btf" "$D/main_anon.btf"
	nr_lines out 1 '^-STRUCT'
	nr_lines out 1 '^+STRUCT'
	has_line out "# not shown: 1 only-in-A, 1 only-in-B (--max-diffs 1; 0 shows all)"
	run 1 --max-diffs 0 "$D/main.btf" "$D/main_anon.btf"
	nr_lines out 2 '^-STRUCT'
	nr_lines out 2 '^+STRUCT'
	nr_lines out 0 '^# not shown'
	;;
dump_golden)
	# the dump is sorted: it does not depend on type order or file format
	for f in main.btf main_rev.btf main.elf; do
		run 0 --dump "$D/$f"
		same_as_golden main.dump
	done
	;;
split)
	# only the split types are compared, not the base's
	run 0 --base "$D/base.btf" "$D/split.btf" "$D/split_rev.btf"
	has_line out "$(equal_summary $SPLIT_NR)"
	run 0 -B "$D/base.btf" "$D/split.btf" "$D/split.btf"
	has_line out "$(equal_summary $SPLIT_NR)"
	;;
split_bases)
	# the same split types on a base in another order, or with one more type
	run 0 --base-a "$D/base.btf" --base-b "$D/base_rev.btf" "$D/split.btf" \
		"$D/split_on_base_rev.btf"
	has_line out "$(equal_summary $SPLIT_NR)"
	run 0 --base "$D/base.btf" --base-b "$D/base_extra.btf" "$D/split.btf" \
		"$D/split_on_base_extra.btf"
	has_line out "$(equal_summary $SPLIT_NR)"
	;;
split_diff)
	run 1 --base "$D/base.btf" "$D/split.btf" "$D/split_moved.btf"
	has_line out "-STRUCT 'mod' size=32 vlen=3 {'head' type=STRUCT 'node' bits_offset=0; 'cur' type=(PTR type=STRUCT 'node') bits_offset=128; 'n' type=TYPEDEF 'count_t' bits_offset=192}"
	has_line out "+STRUCT 'mod' size=32 vlen=3 {'head' type=STRUCT 'node' bits_offset=0; 'cur' type=(PTR type=STRUCT 'node') bits_offset=128; 'n' type=TYPEDEF 'count_t' bits_offset=224}"
	has_line out "btfcmp: A=$SPLIT_NR B=$SPLIT_NR types compared, only-in-A=1 only-in-B=1 (STRUCT: -1 +1)"
	;;
split_dump)
	run 0 --dump --base "$D/base.btf" "$D/split_rev.btf"
	same_as_golden split.dump
	run 0 --dump --base "$D/base_rev.btf" "$D/split_on_base_rev.btf"
	same_as_golden split.dump
	;;
split_nobase)
	run 2 "$D/split.btf" "$D/split_rev.btf"
	has_line err "btfcmp: '$D/split.btf': invalid BTF: Invalid argument (split BTF needs its base: --base)"
	;;
err_missing)
	run 2 "$D/main.btf" "$D/no-such-file.btf"
	has_line err "btfcmp: '$D/no-such-file.btf': cannot open: No such file or directory"
	nr_lines out 0
	run 2 --base "$D/no-such-base.btf" "$D/split.btf" "$D/split.btf"
	has_line err "btfcmp: '$D/no-such-base.btf': cannot open: No such file or directory"
	;;
err_garbage)
	run 2 "$D/garbage.bin" "$D/main.btf"
	has_line err "btfcmp: '$D/garbage.bin': not a BTF or ELF file"
	;;
err_nobtf)
	run 2 "$D/main.btf" "$D/nobtf.elf"
	has_line err "btfcmp: '$D/nobtf.elf': no .BTF section"
	;;
usage)
	run 2
	has_line err "btfcmp: expected two files A and B, got 0 arguments"
	run 2 "$D/main.btf"
	run 2 "$D/main.btf" "$D/main.btf" "$D/main.btf"
	run 2 --dump "$D/main.btf" "$D/main.btf"
	has_line err "btfcmp: expected one FILE with --dump, got 2 arguments"
	run 2 --kinds INT,NOPE "$D/main.btf" "$D/main.btf"
	has_line err "btfcmp: --kinds: unknown BTF kind 'NOPE'"
	run 2 --kinds "" "$D/main.btf" "$D/main.btf"
	run 2 --max-diffs -1 "$D/main.btf" "$D/main.btf"
	has_line err "btfcmp: --max-diffs: invalid number '-1'"
	run 2 --no-such-option "$D/main.btf" "$D/main.btf"
	run 0 --help
	has_line out "Usage: btfcmp [options] A B"
	;;
kernel_vmlinux_self)
	kernel_env
	start=$(date +%s)
	run 0 "$D2B_VMLINUX" "$D2B_VMLINUX"
	elapsed=$(($(date +%s) - start))
	nr_lines out 1 '^btfcmp: A=[0-9]* B=[0-9]* types compared, only-in-A=0 only-in-B=0$'
	# the project needs vmlinux comparisons well under 5 s
	if [ "$elapsed" -gt "${D2B_BTFCMP_MAX_SECONDS:-5}" ]; then
		fail "vmlinux self-comparison took ${elapsed}s"
	fi
	run 0 --dump "$D2B_VMLINUX"
	nr_lines out 1 "^STRUCT 'task_struct' size="
	;;
kernel_modules)
	# every module of the dbg package equals its copy in the unsigned package
	kernel_env
	(cd "$D2B_DBG_MODDIR" && find kernel -name '*.ko' | sort) >"$TMP/modules"
	n=0
	while read -r ko; do
		run 0 -q --base "$D2B_VMLINUX" "$D2B_DBG_MODDIR/$ko" "$D2B_UNSIGNED_MODDIR/$ko"
		n=$((n + 1))
	done <"$TMP/modules"
	if [ "$n" -lt 100 ]; then
		fail "only $n modules found under $D2B_DBG_MODDIR"
	fi
	# and two different modules differ
	ko1=$(sed -n 1p "$TMP/modules")
	ko2=$(sed -n 2p "$TMP/modules")
	run 1 -q --base "$D2B_VMLINUX" "$D2B_DBG_MODDIR/$ko1" "$D2B_DBG_MODDIR/$ko2"
	echo "compared $n modules" >&2
	;;
*)
	fail "unknown case"
	;;
esac
