#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Type units in a relocatable object of several CUs: e2e programs built
# with gcc -fdebug-types-section (DWARF 4 .debug_types, DWARF 5 DW_UT_type,
# each unit in a COMDAT group) and joined with ld -r, which keeps one copy
# of each group. dwarf2btf --verify must encode it, its BTF must hold
# every type of the same programs built and joined without type units
# (btfcmp, all kinds), and the kernel must load it (when it can be asked).
#
# usage: typeunits_test.sh DWARF2BTF BTFCMP BTF_KLOAD PROGS_DIR
set -eu

d2b=$1 cmp=$2 kload=$3 progs=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fail() {
	echo "typeunits_test: $*" >&2
	exit 1
}

loaded=0
for v in 4 5; do
	for prog in structs_unions bitfields enums functions typedefs arrays anon_members; do
		gcc -gdwarf-$v -O2 -fdebug-types-section -c "$progs/$prog.c" -o "$work/$prog.t$v.o" ||
			fail "gcc cannot build $prog"
		gcc -gdwarf-$v -O2 -c "$progs/$prog.c" -o "$work/$prog.p$v.o"
	done
	ld -r "$work"/*.t$v.o -o "$work/all.t$v.o" || fail "ld -r failed"
	ld -r "$work"/*.p$v.o -o "$work/all.p$v.o" || fail "ld -r failed"
	groups=$(readelf -SW "$work/all.t$v.o" | grep -c ' GROUP ' || true)
	[ "$groups" -gt 10 ] || fail "DWARF $v: only $groups section groups: no type units?"
	"$d2b" --verify --btf_encode_detached="$work/t$v.btf" "$work/all.t$v.o" ||
		fail "DWARF $v: encoding the object with type units failed"
	"$d2b" --btf_encode_detached="$work/p$v.btf" "$work/all.p$v.o" ||
		fail "DWARF $v: encoding the object without type units failed"
	"$cmp" "$work/p$v.btf" "$work/t$v.btf" > "$work/cmp" 2>&1 ||
		{ cat "$work/cmp" >&2; fail "DWARF $v: the BTF differs from the build without type units"; }
	rc=0
	"$kload" "$work/t$v.btf" > "$work/kload" 2>&1 || rc=$?
	case $rc in
	0) loaded=$((loaded + 1)) ;;
	77) ;;
	*) cat "$work/kload" >&2; fail "DWARF $v: the kernel rejects the BTF" ;;
	esac
	echo "typeunits_test: DWARF $v: $groups section groups, $(tail -n 1 "$work/cmp")"
done
echo "typeunits_test: type units of 7 CUs joined by ld -r give the BTF of the plain build; kernel loaded $loaded"
