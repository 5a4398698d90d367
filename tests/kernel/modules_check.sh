#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Encodes the split BTF of every module of the Debian cloud kernel against
# the .BTF of that kernel's vmlinux and compares each with the .BTF of the
# shipped (unsigned package) module, as type sets. A module passes when its
# types are the same set as the shipped ones, or a subset of them: pahole
# 1.24 with -j emits a second FUNC for names defined twice (its threads do
# not share the "already emitted" flag) and libbpf 1.1's dedup leaves copies
# of base types behind that dwarf2btf folds away (btf/split_fold.c).
# Each module is encoded a second time with D2B_LIBDWFL_RELOC=1 (libdwfl
# relocates the object instead of elf/elf_reloc.c): the bytes must be
# the same. The first encoding runs with --verify (the BTF checked against
# the module's DWARF; a mismatch fails the module).
# Prints one line per subset, mismatch or failure and a summary; exit 0 only
# when no module has a type the shipped BTF lacks, both relocations agree
# and, with --load, every base+split BTF loads into the running kernel.
#
# usage: modules_check.sh DWARF2BTF BTFCMP BTF_KLOAD [--load] [--limit N]
set -eu

d2b=$1 cmp=$2 kload=$3
shift 3
load=0 limit=0
while [ $# -gt 0 ]; do
	case $1 in
	--load) load=1 ;;
	--limit) limit=$2; shift ;;
	*) echo "modules_check: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}" "${D2B_DBG_MODDIR:?}" "${D2B_UNSIGNED_MODDIR:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

find "$D2B_DBG_MODDIR/kernel" -name '*.ko' | sort > "$work/list"
if [ "$limit" -gt 0 ]; then
	head -n "$limit" "$work/list" > "$work/list.n"
	mv "$work/list.n" "$work/list"
fi

total=0 match=0 subset=0 fail=0 diff=0 loadfail=0 ours=0 shipped=0 relocdiff=0
while read -r ko; do
	rel=${ko#"$D2B_DBG_MODDIR"/}
	ref="$D2B_UNSIGNED_MODDIR/$rel"
	total=$((total + 1))
	out="$work/m.btf"
	if ! "$d2b" --btf_gen_floats -j --lang_exclude=rust --verify --btf_base "$D2B_VMLINUX" \
		--btf_encode_detached="$out" "$ko" 2> "$work/err"; then
		fail=$((fail + 1))
		echo "FAIL $rel: $(head -n 1 "$work/err")"
		continue
	fi
	if ! D2B_LIBDWFL_RELOC=1 "$d2b" --btf_gen_floats -j --lang_exclude=rust \
		--btf_base "$D2B_VMLINUX" --btf_encode_detached="$work/libdwfl.btf" "$ko" \
		2> "$work/err" || ! cmp -s "$out" "$work/libdwfl.btf"; then
		relocdiff=$((relocdiff + 1))
		echo "RELOC $rel: relocated by libdwfl, the BTF differs (or encoding failed)"
	fi
	ours=$((ours + $(wc -c < "$out")))
	size=$(readelf -SW "$ref" | sed -n 's/.*] \.BTF  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
	shipped=$((shipped + 0x${size:-0}))
	if "$cmp" -q --base "$D2B_VMLINUX" "$ref" "$out" > "$work/cmp" 2>&1; then
		match=$((match + 1))
	elif "$cmp" -q --subset --base "$D2B_VMLINUX" "$ref" "$out" > "$work/cmp" 2>&1; then
		subset=$((subset + 1))
		echo "SUBSET $rel: $(tail -n 1 "$work/cmp")"
	else
		diff=$((diff + 1))
		echo "DIFF $rel: $(tail -n 1 "$work/cmp")"
	fi
	if [ "$load" = 1 ] && ! "$kload" "$out" "$D2B_VMLINUX" > "$work/kl" 2>&1; then
		rc=$?
		[ "$rc" = 77 ] && { echo "modules_check: cannot ask the kernel (not root?)" >&2; load=0; continue; }
		loadfail=$((loadfail + 1))
		echo "LOAD $rel: $(head -n 1 "$work/kl")"
	fi
done < "$work/list"

echo "modules: $total encoded, $match identical type sets, $subset subsets of the shipped set, $diff different, $fail failed, $loadfail rejected by the kernel, $relocdiff different when libdwfl relocates"
echo "module BTF bytes: ours $ours, shipped $shipped"
[ "$total" -gt 0 ] && [ "$((match + subset))" = "$total" ] && [ "$loadfail" = 0 ] &&
	[ "$relocdiff" = 0 ]
