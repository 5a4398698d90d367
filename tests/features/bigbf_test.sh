#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Bitfields beyond bit 2^24 (bigbf/bigbf.c), built with gcc and clang at -O0
# and -O2: dwarf2btf encodes their structs without kind_flag, each bitfield's
# type an INT of its width. Checked against a program built from the same
# source that finds each bitfield's bits in memory: every bitfield's BTF
# offset and INT width are the real ones, no member of these structs has a
# kind_flag bitfield_size, and the running kernel loads the BTF (when it can
# be asked: btf_kload exit 77 is reported, not a failure).
#
# usage: bigbf_test.sh DWARF2BTF BTF_KLOAD SRC_DIR
set -eu

d2b=$1 kload=$2 src=$3/bigbf.c
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fail() {
	echo "bigbf_test: $*" >&2
	exit 1
}

cc -DPROBE -o "$work/probe" "$src" || fail "cannot build the probe"
"$work/probe" > "$work/want"
[ "$(wc -l < "$work/want")" -eq 10 ] || fail "probe printed $(wc -l < "$work/want") lines"

# the bitfields as BTF says: "struct member offset bits" (bits: the INT's nr_bits)
btf_bitfields() {
	bpftool btf dump file "$1" | awk '
	/^\[[0-9]+\] INT / { id = substr($1, 2, length($1) - 2); for (i = 1; i <= NF; i++) if ($i ~ /^nr_bits=/) bits[id] = substr($i, 9) }
	/^\[[0-9]+\] STRUCT / { s = $3; gsub("\047", "", s); next }
	/^\[/ { s = "" }
	/^\t/ && s != "" { m = $1; gsub("\047", "", m); t = $2; sub("type_id=", "", t); o = $3; sub("bits_offset=", "", o); if ($4 != "" && s ~ /^big/) kf = kf s "." m " "; mt[s " " m] = t; mo[s " " m] = o }
	END { if (kf != "") print "KIND_FLAG " kf; for (k in mt) print k, mo[k], bits[mt[k]] }'
}

loaded=0
for cc in gcc clang; do
	command -v $cc > /dev/null || continue
	for opt in -O0 -O2; do
		obj="$work/bigbf.$cc$opt.o"
		$cc -g $opt -c "$src" -o "$obj" || fail "$cc $opt: cannot build"
		"$d2b" --verify --btf_encode_detached="$obj.btf" "$obj" || fail "$cc $opt: encoding failed"
		btf_bitfields "$obj.btf" > "$work/got"
		grep KIND_FLAG "$work/got" && fail "$cc $opt: kind_flag bitfields in a struct past 2^24 bits"
		while read -r s m off bits; do
			grep -qx "$s $m $off $bits" "$work/got" ||
				fail "$cc $opt: $s.$m: want offset $off, $bits bits; BTF has: $(grep "^$s $m " "$work/got")"
		done < "$work/want"
		rc=0
		"$kload" "$obj.btf" > "$work/kload.out" 2>&1 || rc=$?
		case $rc in
		0) loaded=$((loaded + 1)) ;;
		77) ;;
		*) cat "$work/kload.out" >&2; fail "$cc $opt: the kernel rejects the BTF" ;;
		esac
	done
done
echo "bigbf_test: bitfield offsets and widths past 2^24 bits are the real ones; kernel loaded $loaded BTFs"
