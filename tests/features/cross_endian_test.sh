#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Objects of other architectures, cross-compiled with clang: s390x
# (big-endian) and ppc64le. For each, dwarf2btf must
#  - write BTF in the target's byte order, detached and in the ELF (-J);
#  - give the non-FUNC types pahole gives from the same object (when pahole
#    is there);
#  - read .BTF_ids in the target's byte order: kfuncs.c's set gets the
#    same DECL_TAGs as on the host;
#  - accept its own output with --btf_check, and btfcmp read it.
# Exit 77 (skipped) when clang cannot build for these targets.
#
# usage: cross_endian_test.sh DWARF2BTF BTFCMP CLANG SRC_DIR [PAHOLE]
#   SRC_DIR is tests/ (progs in e2e/progs, kfuncs.c in features/)
set -eu

d2b=$1 cmp=$2 clang=$3 src=$4 pahole=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
kinds=INT,PTR,ARRAY,STRUCT,UNION,ENUM,ENUM64,FWD,TYPEDEF,CONST,VOLATILE,RESTRICT,VAR,DATASEC
kinds=$kinds,FLOAT,DECL_TAG,TYPE_TAG

fail() {
	echo "cross_endian_test: $*" >&2
	exit 1
}

# magic FILE: the first two bytes of raw BTF, in hex (eb9f: big-endian)
magic() {
	od -An -tx1 -N2 "$1" | tr -d ' \n'
}

# sec_magic OBJ: the same for the .BTF section of an ELF file
sec_magic() {
	readelf -x .BTF "$1" | sed -n 's/^  0x0*[0-9a-f]* \([0-9a-f]\{4\}\).*/\1/p' | head -n 1
}

if [ -n "$pahole" ] && ! command -v "$pahole" > /dev/null 2>&1; then
	pahole=
fi
checked=0
for target in s390x-linux-gnu powerpc64le-linux-gnu; do
	case $target in
	s390x*) want=eb9f ;;
	*) want=9feb ;;
	esac
	for prog in structs_unions bitfields functions enums arrays pointers_cv typedefs; do
		obj=$work/$prog.$target.o
		if ! "$clang" --target="$target" -O2 -gdwarf-5 -c "$src/e2e/progs/$prog.c" -o "$obj" \
			2> /dev/null; then
			echo "cross_endian_test: clang cannot build for $target" >&2
			exit 77
		fi
		"$d2b" --btf_gen_floats --btf_flat_arrays --btf_encode_detached="$work/ours.btf" "$obj" ||
			fail "$prog ($target): encoding failed"
		[ "$(magic "$work/ours.btf")" = "$want" ] ||
			fail "$prog ($target): BTF magic bytes $(magic "$work/ours.btf"), want $want"
		if [ -n "$pahole" ]; then
			"$pahole" -J --btf_gen_floats --btf_encode_detached="$work/pahole.btf" "$obj" ||
				fail "$prog ($target): pahole failed"
			"$cmp" -q --kinds "$kinds" "$work/pahole.btf" "$work/ours.btf" > /dev/null ||
				fail "$prog ($target): non-FUNC types differ from pahole's"
		fi
		cp "$obj" "$work/j.o"
		"$d2b" --btf_gen_floats --btf_flat_arrays -J "$work/j.o" || fail "$prog ($target): -J failed"
		[ "$(sec_magic "$work/j.o")" = "$want" ] ||
			fail "$prog ($target): .BTF section starts with $(sec_magic "$work/j.o"), want $want"
		"$cmp" -q "$work/j.o" "$work/ours.btf" > /dev/null ||
			fail "$prog ($target): the .BTF of -J differs from the detached BTF"
		"$d2b" --btf_check "$work/j.o" > /dev/null || fail "$prog ($target): --btf_check failed"
		checked=$((checked + 1))
	done

	kobj=$work/kfuncs.$target.o
	"$clang" --target="$target" -O1 -g -c "$src/features/kfuncs.c" -o "$kobj" ||
		fail "kfuncs.c ($target): clang failed"
	"$d2b" --btf_features=default --btf_encode_detached="$work/kf.btf" "$kobj" ||
		fail "kfuncs.c ($target): encoding failed"
	"$cmp" --dump --kinds DECL_TAG "$work/kf.btf" > "$work/kf.txt"
	cat > "$work/kf.want" << 'EOT'
DECL_TAG 'bpf_fastcall' component_idx=-1 type=FUNC 'bpf_fast'
DECL_TAG 'bpf_kfunc' component_idx=-1 type=FUNC 'bpf_fast'
DECL_TAG 'bpf_kfunc' component_idx=-1 type=FUNC 'bpf_foo'
EOT
	diff "$work/kf.want" "$work/kf.txt" || fail "kfuncs.c ($target): wrong kfunc DECL_TAGs"
	[ "$(magic "$work/kf.btf")" = "$want" ] || fail "kfuncs.c ($target): wrong byte order"
done
same=
[ -z "$pahole" ] || same=", non-FUNC types equal to pahole's"
echo "cross_endian_test: $checked objects in the target's byte order$same;" \
	"kfunc tags read from big- and little-endian .BTF_ids"
