#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# dwarf2btf --btf_check on Debian's cloud kernel: every shipped module's BTF
# fits the vmlinux it was built with, and a module checked against another
# build of vmlinux (the same kernel encoded anew, so every type ID and string
# offset moved) is refused with the "different vmlinux" verdict.
#
# usage: check_split.sh DWARF2BTF
set -eu

d2b=$1
here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}" "${D2B_UNSIGNED_MODDIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fail() {
	echo "check_split: FAIL: $*" >&2
	exit 1
}

find "$D2B_UNSIGNED_MODDIR/kernel" -name '*.ko' | sort > "$work/mods"
total=$(wc -l < "$work/mods")
rc=0
xargs "$d2b" --btf_check --btf_base "$D2B_VMLINUX" < "$work/mods" > "$work/out" 2> "$work/err" || rc=$?
[ "$rc" = 0 ] || fail "shipped modules refused: $(head -n 3 "$work/err")"
fits=$(grep -c ': BTF fits base ' "$work/out")
[ "$fits" = "$total" ] || fail "only $fits of $total modules reported as fitting"
echo "check_split: all $total shipped modules fit their vmlinux"

"$d2b" --btf_gen_floats -j2 --btf_encode_detached="$work/other.btf" "$D2B_VMLINUX"
ko=$D2B_UNSIGNED_MODDIR/kernel/net/key/af_key.ko
rc=0
"$d2b" --btf_check --btf_base "$work/other.btf" "$ko" > "$work/out" 2> "$work/err" || rc=$?
[ "$rc" = 1 ] || fail "a module on another vmlinux build was not refused (exit $rc)"
grep -q "af_key.ko': BTF does not fit base '.*other.btf'.*built against a different vmlinux" "$work/err" ||
	fail "no verdict line: $(tail -n 1 "$work/err")"
echo "check_split: af_key.ko on another vmlinux build: $(tail -n 1 "$work/err" | sed 's/.*: BTF does not fit/does not fit/')"
