#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Debian 13's 6.12 cloud vmlinux as a second judge: encoded with the flags
# 6.12's scripts/Makefile.btf passes (plus attributes and pahole's array
# layout, --btf_flat_arrays), it is checked against the .BTF the distro's
# pahole 1.30 put in it:
#  1. every kind but FUNC and FUNC_PROTO is the same type set (kfunc
#     DECL_TAGs of BTF_SET8_KFUNCS included); FUNCs, and the prototypes
#     only they use, follow pahole's newer function rules (issue 11): their
#     differences are printed, not judged;
#  2. no two types are identical (btf_dups); reading every DIE through libdw
#     (D2B_LIBDW_DIES=1) gives the same bytes as the loader's own decoder;
#  3. the running kernel accepts it (btf_kload).
#
# usage: vmlinux612_check.sh DWARF2BTF BTFCMP BTF_KLOAD BTF_DUPS
set -eu

d2b=$1 cmp=$2 kload=$3 dups=$4
here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh" --series 6.12)
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
flags="-j2 --btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs --btf_features=attributes --lang_exclude=rust"
kinds=INT,PTR,ARRAY,STRUCT,UNION,ENUM,ENUM64,FWD,TYPEDEF,CONST,VOLATILE,RESTRICT,VAR,DATASEC,FLOAT,DECL_TAG,TYPE_TAG

fail() {
	echo "vmlinux612_check: FAIL: $*" >&2
	exit 1
}

# shellcheck disable=SC2086 # flags are words
"$d2b" $flags --btf_flat_arrays --btf_encode_detached="$work/flat.btf" "$D2B_VMLINUX"
"$cmp" --max-diffs 20 --kinds "$kinds" "$D2B_VMLINUX" "$work/flat.btf" ||
	fail "types other than FUNC and FUNC_PROTO differ from the distro's (above)"
tags=$("$cmp" --dump --kinds DECL_TAG "$work/flat.btf" | grep -c "^DECL_TAG 'bpf_kfunc' ") || true
[ "$tags" -gt 0 ] || fail "no bpf_kfunc DECL_TAG"
echo "vmlinux612_check: all kinds but FUNC and FUNC_PROTO equal the distro's ($tags kfunc tags)"
"$cmp" -q --kinds FUNC,FUNC_PROTO "$D2B_VMLINUX" "$work/flat.btf" || true

"$dups" "$work/flat.btf" || fail "identical types (above)"
# shellcheck disable=SC2086
D2B_LIBDW_DIES=1 "$d2b" $flags --btf_flat_arrays --btf_encode_detached="$work/libdw.btf" \
	"$D2B_VMLINUX"
cmp "$work/flat.btf" "$work/libdw.btf" || fail "libdw's DIE reading gave different BTF"
echo "vmlinux612_check: the loader's DIE decoder and libdw's give the same bytes"

rc=0
"$kload" "$work/flat.btf" || rc=$?
if [ "$rc" = 77 ]; then
	echo "vmlinux612_check: kernel load not checked (not root)"
	exit 77
fi
[ "$rc" = 0 ] || fail "the kernel rejected the BTF"
