#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Debian 12's kernel of another architecture (s390x: big-endian; ppc64el),
# which ships no BTF, encoded on this host by dwarf2btf and by Debian's
# pahole 1.24 with the flags of the 6.1 kbuild (--btf_gen_floats -j
# --lang_exclude=rust; dwarf2btf adds --btf_flat_arrays, pahole's array
# layout):
#  1. vmlinux: the non-FUNC types are the same multiset as pahole's, and
#     no two of our types are identical (btf_dups; modules too, also not
#     identical to a base type);
#  2. 40 modules spread over the sorted list, both encoders on the same base
#     (pahole's vmlinux BTF, so that a difference of the vmlinux encodings
#     cannot show up as a module difference): dwarf2btf's own types are a
#     subset of pahole's, and every type only pahole has is a copy of one of
#     the base's types (libbpf 1.1's split dedup leaves them, dwarf2btf folds
#     them: btf/split_fold.c);
#  3. every output is in the target's byte order: the header is read in that
#     order (magic, hdr_len 24, type section first, sections ending at the
#     end of the file), libbpf reads the whole of it (btfcmp) and
#     --btf_check (the kernel's verifier rules) accepts it;
#  4. one module written into the ELF (-J): a .BTF in that order, the
#     detached bytes' types, and --btf_check finds it fits its base;
#  5. vmlinux written into its ELF file (-J): program headers and the other
#     sections unchanged, the .BTF the detached one;
#  6. with --kraw, the running kernel also loads the vmlinux BTF once libbpf
#     has turned it into this machine's byte order.
# Modules are ET_REL objects relocated by libdwfl on these machines.
# Exit 77 (skipped) when pahole is missing.
#
# usage: cross_check.sh DWARF2BTF BTFCMP BTF_DUPS ARCH [--modules N] [--kraw BTF_KRAW]
#   ARCH  s390x or ppc64el (D2B_KERNEL_ARCH of scripts/fetch-kernel.sh)
set -eu

d2b=$1 cmp=$2 dups=$3 arch=$4
shift 4
nmods=40
kraw=
while [ $# -gt 0 ]; do
	case $1 in
	--modules) nmods=$2; shift ;;
	--kraw) kraw=$2; shift ;;
	*) echo "cross_check: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
case $arch in
s390x) order=big ;;
ppc64el) order=little ;;
*) echo "cross_check: unknown ARCH '$arch'" >&2; exit 2 ;;
esac
if ! command -v pahole > /dev/null 2>&1; then
	echo "cross_check: no pahole to compare with" >&2
	exit 77
fi

here=$(dirname "$0")
vars=$(D2B_KERNEL_ARCH=$arch "$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}" "${D2B_DBG_MODDIR:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
flags="--btf_gen_floats -j --lang_exclude=rust"
kinds=INT,PTR,ARRAY,STRUCT,UNION,ENUM,ENUM64,FWD,TYPEDEF,CONST,VOLATILE,RESTRICT,VAR,DATASEC
kinds=$kinds,FLOAT,DECL_TAG,TYPE_TAG

fail() {
	echo "cross_check: FAIL ($arch): $*" >&2
	exit 1
}

# u32 FILE OFFSET: the 32-bit word at OFFSET, in the target's byte order
u32() {
	# shellcheck disable=SC2046 # the four numbers are words
	set -- $(od -An -tu1 -j "$2" -N4 "$1")
	if [ "$order" = big ]; then
		echo $(($1 << 24 | $2 << 16 | $3 << 8 | $4))
	else
		echo $(($4 << 24 | $3 << 16 | $2 << 8 | $1))
	fi
}

# check_order FILE: raw BTF whose header reads right in the target's order
check_order() {
	want_magic=eb9f
	[ "$order" = big ] || want_magic=9feb
	magic=$(od -An -tx1 -N2 "$1" | tr -d ' \n')
	[ "$magic" = "$want_magic" ] || fail "${1##*/}: magic bytes $magic, want $want_magic"
	hdr_len=$(u32 "$1" 4) type_off=$(u32 "$1" 8) type_len=$(u32 "$1" 12)
	str_off=$(u32 "$1" 16) str_len=$(u32 "$1" 20)
	size=$(wc -c < "$1")
	if [ "$hdr_len" != 24 ] || [ "$type_off" != 0 ] || [ "$str_off" != "$type_len" ] ||
		[ $((hdr_len + str_off + str_len)) != "$size" ]; then
		fail "${1##*/}: header ($hdr_len $type_off $type_len $str_off $str_len) does not" \
			"describe a $size-byte file in $order-endian order"
	fi
}

# 1. vmlinux
start=$(date +%s)
# shellcheck disable=SC2086 # flags are words
pahole -J $flags --btf_encode_detached="$work/pahole.btf" "$D2B_VMLINUX" ||
	fail "pahole failed on vmlinux"
# shellcheck disable=SC2086
"$d2b" $flags --btf_flat_arrays --btf_encode_detached="$work/ours.btf" "$D2B_VMLINUX" ||
	fail "dwarf2btf failed on vmlinux"
check_order "$work/ours.btf"
"$d2b" --btf_check "$work/ours.btf" > "$work/check" 2>&1 || {
	cat "$work/check" >&2
	fail "vmlinux: --btf_check rejects our BTF"
}
"$cmp" --kinds "$kinds" "$work/pahole.btf" "$work/ours.btf" > "$work/cmp" ||
	{ head -n 40 "$work/cmp" >&2; fail "vmlinux: non-FUNC types differ from pahole's"; }
"$dups" "$work/ours.btf" > "$work/dups" ||
	{ head -n 20 "$work/dups" >&2; fail "vmlinux: identical types (above)"; }
echo "cross_check: $arch vmlinux: $(tail -n 1 "$work/cmp" | sed 's/^btfcmp: //')" \
	"(non-FUNC), no identical types, $order-endian, $(($(date +%s) - start)) s"
echo "cross_check: $arch vmlinux: $(sed 's/^.*: BTF/BTF/' "$work/check")"
if [ -n "$kraw" ]; then
	rc=0
	"$kraw" --native "$work/ours.btf" > "$work/kraw" || rc=$?
	case $rc in
	0)
		grep -q '^ACCEPT' "$work/kraw" || fail "vmlinux: the kernel rejects it: $(cat "$work/kraw")"
		echo "cross_check: $arch vmlinux in this machine's byte order: the kernel loads it"
		;;
	77) echo "cross_check: the kernel cannot be asked, vmlinux not loaded" ;;
	*) fail "btf_kraw exit $rc" ;;
	esac
fi

# 2. modules
"$cmp" --dump "$work/pahole.btf" > "$work/pahole.base.txt"
find "$D2B_DBG_MODDIR" -name '*.ko' | LC_ALL=C sort > "$work/all"
total=$(wc -l < "$work/all")
[ "$total" -ge "$nmods" ] || fail "only $total modules in $D2B_DBG_MODDIR"
step=$((total / nmods))
awk -v s="$step" -v n="$nmods" 'NR % s == 0 && c < n { print; c++ }' "$work/all" > "$work/list"
same=0 subset=0 leftovers=0
while read -r ko; do
	name=${ko##*/}
	# shellcheck disable=SC2086
	pahole -J $flags --btf_base "$work/pahole.btf" --btf_encode_detached="$work/m.pahole" \
		"$ko" || fail "pahole failed on $name"
	# shellcheck disable=SC2086
	"$d2b" $flags --btf_flat_arrays --btf_base "$work/pahole.btf" \
		--btf_encode_detached="$work/m.ours" "$ko" || fail "dwarf2btf failed on $name"
	check_order "$work/m.ours"
	"$dups" -B "$work/pahole.btf" "$work/m.ours" > "$work/dups" ||
		{ head -n 20 "$work/dups" >&2; fail "$name: identical types (above)"; }
	"$d2b" --btf_check --btf_base "$work/pahole.btf" "$work/m.ours" > /dev/null ||
		fail "$name: --btf_check rejects our BTF on its base"
	rc=0
	"$cmp" --max-diffs 0 --kinds "$kinds" --base "$work/pahole.btf" \
		"$work/m.pahole" "$work/m.ours" > "$work/cmp" || rc=$?
	case $rc in
	0) same=$((same + 1)) ;;
	1)
		if grep -q '^+[^+]' "$work/cmp"; then
			grep '^+[^+]' "$work/cmp" | head -n 10 >&2
			fail "$name: types pahole does not have (above)"
		fi
		# each type only pahole has must be one of its base's types
		grep '^-[^-]' "$work/cmp" | cut -c2- > "$work/only"
		if grep -vxF -f "$work/pahole.base.txt" "$work/only" > "$work/odd"; then
			head -n 10 "$work/odd" >&2
			fail "$name: pahole has types that are not copies of base types (above)"
		fi
		subset=$((subset + 1))
		leftovers=$((leftovers + $(wc -l < "$work/only")))
		;;
	*) fail "$name: btfcmp exit $rc" ;;
	esac
done < "$work/list"
echo "cross_check: $arch modules: $same of $nmods the same non-FUNC types as pahole's," \
	"$subset pahole's but for $leftovers copies of base types; all $order-endian"

# 3. a module written into its ELF file
ko=$(head -n 1 "$work/list")
cp "$ko" "$work/j.ko"
# shellcheck disable=SC2086
"$d2b" $flags --btf_flat_arrays --btf_base "$work/ours.btf" -J "$work/j.ko" ||
	fail "-J failed on ${ko##*/}"
# shellcheck disable=SC2086
"$d2b" $flags --btf_flat_arrays --btf_base "$work/ours.btf" \
	--btf_encode_detached="$work/j.btf" "$ko" || fail "dwarf2btf failed on ${ko##*/}"
readelf -h "$work/j.ko" | grep -q "Data:.*$order endian" || fail "-J changed the ELF's byte order"
readelf -x .BTF "$work/j.ko" | sed -n 's/^  0x0*[0-9a-f]* \([0-9a-f]\{4\}\).*/\1/p' |
	head -n 1 > "$work/sec_magic"
[ "$(cat "$work/sec_magic")" = "$(od -An -tx1 -N2 "$work/j.btf" | tr -d ' \n')" ] ||
	fail "${ko##*/}: the .BTF section is not in the target's byte order"
"$cmp" -q --base "$work/ours.btf" "$work/j.ko" "$work/j.btf" > /dev/null ||
	fail "${ko##*/}: the .BTF of -J differs from the detached BTF"
"$d2b" --btf_check --btf_base "$work/ours.btf" "$work/j.ko" > /dev/null ||
	fail "${ko##*/}: --btf_check rejects the -J output"
echo "cross_check: $arch ${ko##*/} -J: $order-endian .BTF in the ELF, fits its base"

# 5. vmlinux written into its ELF file (ET_EXEC in the target's byte order):
# the program headers and every other section stay as they were
cp "$D2B_VMLINUX" "$work/vmlinux"
# shellcheck disable=SC2086
"$d2b" $flags --btf_flat_arrays -J "$work/vmlinux" || fail "-J failed on vmlinux"
readelf -lW "$D2B_VMLINUX" > "$work/ph.orig"
readelf -lW "$work/vmlinux" > "$work/ph.new"
cmp -s "$work/ph.orig" "$work/ph.new" || fail "vmlinux -J changed the program headers"
readelf -SW "$D2B_VMLINUX" | grep '^  \[' | grep -v -e ' \.shstrtab ' -e ' \.BTF ' > "$work/sh.orig"
readelf -SW "$work/vmlinux" | grep '^  \[' | grep -v -e ' \.shstrtab ' -e ' \.BTF ' > "$work/sh.new"
cmp -s "$work/sh.orig" "$work/sh.new" || fail "vmlinux -J changed other sections"
readelf -h "$work/vmlinux" | grep -q "Data:.*$order endian" || fail "vmlinux -J changed the byte order"
"$cmp" -q "$work/vmlinux" "$work/ours.btf" > /dev/null ||
	fail "the .BTF of vmlinux -J differs from the detached BTF"
"$d2b" --btf_check "$work/vmlinux" > /dev/null || fail "--btf_check rejects vmlinux after -J"
echo "cross_check: $arch vmlinux -J: $order-endian ELF, program headers and other sections kept"
