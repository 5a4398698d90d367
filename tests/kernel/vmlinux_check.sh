#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Encodes the Debian cloud kernel's vmlinux with the flags its build used and
# checks the result against the .BTF the distro's pahole 1.24 put in it:
#  1. with --btf_flat_arrays (pahole's array layout) the INT..FLOAT types are
#     the same set, except the per-CPU variable at section offset 0
#     (fixed_percpu_data), which pahole 1.24 drops;
#  2. the default output (nested multi-dimensional arrays) is accepted by the
#     running kernel, and bpftool's C header of it compiles;
#  3. -j1 and -j2 give the same bytes, the -j2 run with --verify (the BTF
#     checked against the DWARF), and so does reading every DIE through
#     libdw (D2B_LIBDW_DIES=1) instead of the loader's own decoder;
#  4. no two types of either output are identical (btf_dups).
#
# usage: vmlinux_check.sh DWARF2BTF BTFCMP BTF_KLOAD BTF_DUPS
set -eu

d2b=$1 cmp=$2 kload=$3 dups=$4
here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
flags="--btf_gen_floats --lang_exclude=rust"
kinds=INT,PTR,ARRAY,STRUCT,UNION,ENUM,ENUM64,FWD,TYPEDEF,CONST,VOLATILE,RESTRICT,VAR,DATASEC,FLOAT

fail() {
	echo "vmlinux_check: FAIL: $*" >&2
	exit 1
}

# shellcheck disable=SC2086 # flags are words
"$d2b" $flags -j2 --btf_flat_arrays --btf_encode_detached="$work/flat.btf" "$D2B_VMLINUX"
rc=0
"$cmp" --max-diffs 0 --kinds "$kinds" "$D2B_VMLINUX" "$work/flat.btf" > "$work/cmp" || rc=$?
[ "$rc" = 1 ] || fail "btfcmp exit $rc, expected exactly the fixed_percpu_data difference"
grep -v '^---\|^+++' "$work/cmp" | sed 's/ vlen=35[67] {.*//' > "$work/got"
cat > "$work/want" <<'EOT'
# VAR: only-in-A=0 only-in-B=1
+VAR 'fixed_percpu_data' linkage=global-alloc type=STRUCT 'fixed_percpu_data'
# DATASEC: only-in-A=1 only-in-B=1
-DATASEC '.data..percpu' size=209156
+DATASEC '.data..percpu' size=209156
EOT
tail -n 1 "$work/got" | grep -q 'only-in-A=1 only-in-B=2 (VAR: -0 +1, DATASEC: -1 +1)' ||
	fail "unexpected summary: $(tail -n 1 "$work/got")"
sed '$d' "$work/got" | diff "$work/want" - || fail "unexpected differences (above)"
grep -q "type=VAR 'fixed_percpu_data' offset=0 size=48; type=VAR 'cpu_debug_store' offset=4096" "$work/cmp" ||
	fail "fixed_percpu_data not first in our DATASEC"
echo "vmlinux_check: same type set as the distro's BTF but for fixed_percpu_data at offset 0"

# shellcheck disable=SC2086
"$d2b" $flags -j1 --btf_encode_detached="$work/j1.btf" "$D2B_VMLINUX"
# shellcheck disable=SC2086
"$d2b" $flags -j2 --verify --btf_encode_detached="$work/j2.btf" "$D2B_VMLINUX" ||
	fail "--verify: the BTF does not match the DWARF (above)"
cmp "$work/j1.btf" "$work/j2.btf" || fail "-j1 and -j2 outputs differ"
# shellcheck disable=SC2086
D2B_LIBDW_DIES=1 "$d2b" $flags -j2 --btf_encode_detached="$work/libdw.btf" "$D2B_VMLINUX"
cmp "$work/j1.btf" "$work/libdw.btf" || fail "libdw's DIE reading gave different BTF"
echo "vmlinux_check: --verify: the BTF matches the DWARF"
echo "vmlinux_check: -j1, -j2 and libdw's DIE reading give the same bytes ($(wc -c < "$work/j1.btf") bytes)"
"$dups" "$work/j2.btf" "$work/flat.btf" || fail "identical types (above)"

bpftool btf dump file "$work/j2.btf" format c > "$work/vmlinux.h"
printf '#include "vmlinux.h"\nint x;\n' > "$work/t.c"
clang -target bpf -c -o "$work/t.o" "$work/t.c" -I"$work" || fail "bpftool's header does not compile"
echo "vmlinux_check: bpftool's C header compiles ($(wc -l < "$work/vmlinux.h") lines)"

rc=0
"$kload" "$work/j2.btf" || rc=$?
if [ "$rc" = 77 ]; then
	echo "vmlinux_check: kernel load not checked (not root)"
	exit 77
fi
[ "$rc" = 0 ] || fail "the kernel rejected the BTF"
