#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# From a fresh Debian 12 machine to BTF for a real kernel: installs the
# dependencies, builds dwarf2btf, fetches Debian's cloud kernel debug package
# (cached), encodes its vmlinux and one module, and prints a short summary.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$top/build" -j "$(nproc)" > /dev/null
vars=$("$top/scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
out=${TMPDIR:-/tmp}/dwarf2btf-quickstart
mkdir -p "$out"
d2b="$top/build/tools/dwarf2btf"

echo "== vmlinux $D2B_ABI"
/usr/bin/env time -f "encoded in %e s, peak RSS %M KiB" \
	"$d2b" -V --btf_gen_floats -j --lang_exclude=rust --btf_encode_detached="$out/vmlinux.btf" \
	"$D2B_VMLINUX"
bpftool btf dump file "$out/vmlinux.btf" | grep '^\[' | awk '{print $2}' | sort | uniq -c |
	awk '{printf "%s=%s ", $2, $1} END {print ""}'
"$top/build/tools/btfcmp" -q --kinds INT,PTR,ARRAY,STRUCT,UNION,ENUM,ENUM64,FWD,TYPEDEF,CONST,VOLATILE,RESTRICT,VAR,DATASEC,FLOAT \
	"$D2B_VMLINUX" "$out/vmlinux.btf" || true

ko=$D2B_DBG_MODDIR/kernel/net/key/af_key.ko
echo "== module $(basename "$ko"), split on the distro's vmlinux BTF"
"$d2b" -V --btf_gen_floats -j --lang_exclude=rust --btf_base "$D2B_VMLINUX" \
	--btf_encode_detached="$out/af_key.btf" "$ko"
"$top/build/tools/btfcmp" -q --base "$D2B_VMLINUX" "$D2B_UNSIGNED_MODDIR/kernel/net/key/af_key.ko" \
	"$out/af_key.btf" || true
echo "outputs in $out"
