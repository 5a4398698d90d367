#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# --verify: dwarf2btf --verify passes on e2e programs built with gcc and
# clang; the check it runs (model_verify__btf(), through the test helper
# verify_corrupt) fails on the encoded BTF of the same objects once one
# member offset, bitfield size, member name, struct size, enum value or
# FUNC parameter count is changed, naming the DWARF DIE and the BTF type,
# and the kernel's rules (btf_verify__check()) fail on a FUNC of linkage 9.
#
# usage: verify_test.sh DWARF2BTF VERIFY_CORRUPT PROGS_DIR
set -eu

d2b=$1 vc=$2 progs=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fail() {
	echo "verify_test: $*" >&2
	exit 1
}

caught=0
for cc in gcc clang; do
	command -v $cc > /dev/null || continue
	for prog in bitfields enums functions; do
		obj="$work/$prog.$cc.o"
		$cc -g -O2 -c "$progs/$prog.c" -o "$obj" || fail "$cc: cannot build $prog"
		"$d2b" --verify --btf_encode_detached="$obj.btf" "$obj" > "$work/out" 2>&1 ||
			{ cat "$work/out" >&2; fail "$prog ($cc): --verify failed on our own output"; }
		[ -s "$work/out" ] && { cat "$work/out" >&2; fail "$prog ($cc): --verify printed messages"; }
		"$vc" "$obj" none > "$work/out" 2>&1 ||
			{ cat "$work/out" >&2; fail "$prog ($cc): the check fails on an unchanged BTF"; }
	done
	for change in "bitfields offset bf_mixed" "bitfields bitfield bf_basic" \
		"bitfields member_name bf_signed" "bitfields size bf_wide" \
		"enums enum_value en_signed" "functions func_params fn_global" \
		"functions offset fn_ctx" "functions func_linkage fn_global"; do
		# shellcheck disable=SC2086 # the three words of a change
		set -- $change
		rc=0
		"$vc" "$work/$1.$cc.o" "$2" "$3" > "$work/out" 2>&1 || rc=$?
		[ "$rc" = 0 ] || { cat "$work/out" >&2; fail "$cc: $2 of $3 in $1 not caught"; }
		# the message names the BTF type ([ID]) and, for types, the DWARF DIE
		grep -q "\(--verify\|kernel's rules\): .*\[[0-9]*\]" "$work/out" ||
			{ cat "$work/out" >&2; fail "$cc: $2 of $3: message names no BTF type"; }
		[ "$2" = func_params ] || [ "$2" = func_linkage ] ||
			grep -q "DIE 0x[0-9a-f]*: .* '$3'" "$work/out" ||
			{ cat "$work/out" >&2; fail "$cc: $2 of $3: message names no DWARF DIE"; }
		caught=$((caught + 1))
	done
done
[ "$caught" -gt 0 ] || fail "no compiler"
echo "verify_test: --verify passes on our output, and caught all $caught changed types"
