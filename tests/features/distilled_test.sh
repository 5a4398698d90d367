#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --btf_features=distilled_base on a small base and module (distilled/*.c).
# The base is two CUs linked together, so it has two 'struct dup' (4 and 16
# bytes); the module holds 'struct emb' by value, points to 'struct
# ptr_only', uses the anonymous struct behind 'anon_t', an enum, int, double
# and the 4-byte 'dup'. Checked:
#  - .BTF.base and .BTF are exactly distilled/distilled_*.expected (by hand:
#    the distilled base is emb, int, ptr_only, unsigned int, short int,
#    color, the 4-byte dup and double, in base ID order, memberless; the PTR
#    to ptr_only, the anonymous struct and its TYPEDEF are copied into the
#    split BTF after the module's own types);
#  - relocated onto the base by the kernel's rules it is the plain split
#    BTF plus those copies (btf_reloc, exact), and onto another build of the
#    base (other IDs, ptr_only grown) it relocates too
#    (relocated_other.expected), but not onto one where 'emb' grew;
#  - --btf_check relocates the module before checking it;
#  - the distilled base joined with the split BTF loads into the running
#    kernel (skipped when it cannot be asked);
#  - without distilled_base, with --btf_encode_detached or without
#    --btf_base, no .BTF.base and the plain split BTF;
#  - batch mode gives the same bytes as single runs; a second run on the
#    same file changes nothing.
# usage: distilled_test.sh DWARF2BTF BTF_RELOC BTF_KLOAD DIR_WITH_OBJECTS
set -eu
d2b=$1 reloc=$2 kload=$3 objs=$4
here=$(cd "$(dirname "$0")" && pwd)/distilled
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
feat=--btf_features=default,distilled_base

fail() { echo "distilled_test: FAIL: $*" >&2; exit 1; }
sections() { readelf -SW "$1" | sed -n 's/.*] \(\.BTF[.a-z]*\) .*/\1/p' | tr '\n' ' '; }

ld -r "$objs/base_a.o" "$objs/base_b.o" -o "$work/base.o"
"$d2b" --btf_features=default --btf_encode_detached="$work/base.btf" "$work/base.o"
bpftool btf dump file "$work/base.btf" | diff "$here/base.expected" -

# the plain split BTF, for comparisons
"$d2b" --btf_features=default --btf_base "$work/base.btf" \
	--btf_encode_detached="$work/plain.btf" "$objs/mod.o"

# -J with distilled_base: .BTF on .BTF.base
cp "$objs/mod.o" "$work/mod.o"
"$d2b" -J $feat --btf_base "$work/base.btf" "$work/mod.o"
[ "$(sections "$work/mod.o")" = ".BTF .BTF.base " ] ||
	fail "sections after -J: '$(sections "$work/mod.o")'"
objcopy --dump-section .BTF.base="$work/dist.base" --dump-section .BTF="$work/dist.split" \
	"$work/mod.o" "$work/junk.o"
bpftool btf dump file "$work/dist.base" | diff "$here/distilled_base.expected" -
bpftool btf dump -B "$work/dist.base" file "$work/dist.split" |
	diff "$here/distilled_split.expected" -

# relocation: back onto the base, exactly the plain split BTF plus the copies
"$reloc" "$work/base.btf" "$work/mod.o" "$work/plain.btf" > "$work/out" ||
	fail "relocation onto the base: $(cat "$work/out")"
grep -q ' 1 matched, 0 failed' "$work/out" || fail "relocation: $(cat "$work/out")"
# onto another build of the base
"$d2b" --btf_features=default --btf_encode_detached="$work/other.btf" "$objs/base_c.o"
"$reloc" "$work/other.btf" "$work/mod.o" - "$work/rel_other.btf" > /dev/null
bpftool btf dump -B "$work/other.btf" file "$work/rel_other.btf" |
	diff "$here/relocated_other.expected" -
# not onto one where the struct the module holds by value grew
"$d2b" --btf_features=default --btf_encode_detached="$work/grown.btf" "$objs/base_c_grown.o"
if "$reloc" "$work/grown.btf" "$work/mod.o" > "$work/out" 2> "$work/err"; then
	fail "relocated onto a base whose 'emb' grew"
fi
grep -q "distilled base type \[1\] STRUCT 'emb' (size 8) matches no base type" "$work/err" ||
	fail "refusal: $(cat "$work/err")"

# --btf_check relocates a module with .BTF.base before checking it
"$d2b" --btf_check --btf_base "$work/other.btf" "$work/mod.o" > "$work/out"
grep -q "mod.o: BTF fits base .*other.btf (9 types, relocated from .BTF.base)" "$work/out" ||
	fail "--btf_check: $(cat "$work/out")"
if "$d2b" --btf_check --btf_base "$work/grown.btf" "$work/mod.o" > "$work/out" 2> "$work/err"; then
	fail "--btf_check accepted a base whose 'emb' grew"
fi
grep -q "mod.o': BTF does not fit base '.*grown.btf': its .BTF.base does not relocate" \
	"$work/err" || fail "--btf_check refusal: $(cat "$work/err")"

# the kernel's BTF verifier takes the distilled base with the split BTF
rc=0
"$kload" "$work/dist.split" "$work/dist.base" > "$work/out" 2>&1 || rc=$?
case $rc in
0) ;;
77) echo "distilled_test: kernel load skipped: $(cat "$work/out")" ;;
*) fail "kernel load: $(cat "$work/out")" ;;
esac

# no distilled base without the feature, for detached output, or without a base
cp "$objs/mod.o" "$work/plain.o"
"$d2b" -J --btf_features=default --btf_base "$work/base.btf" "$work/plain.o"
[ "$(sections "$work/plain.o")" = ".BTF " ] || fail "sections without the feature"
objcopy --dump-section .BTF="$work/plain.sec" "$work/plain.o" "$work/junk.o"
cmp "$work/plain.btf" "$work/plain.sec"
"$d2b" $feat --btf_base "$work/base.btf" --btf_encode_detached="$work/det.btf" "$objs/mod.o"
cmp "$work/plain.btf" "$work/det.btf"
cp "$objs/mod.o" "$work/nobase.o"
"$d2b" -J $feat "$work/nobase.o"
[ "$(sections "$work/nobase.o")" = ".BTF " ] || fail "sections without a base"

# batch: the same bytes as single runs; a second run changes nothing
cp "$objs/mod.o" "$work/b1.o"
cp "$objs/mod.o" "$work/b2.o"
"$d2b" -J $feat --btf_base "$work/base.btf" "$work/b1.o" "$work/b2.o"
cmp "$work/mod.o" "$work/b1.o"
cmp "$work/mod.o" "$work/b2.o"
"$d2b" -J $feat --btf_base "$work/base.btf" "$work/b1.o"
cmp "$work/mod.o" "$work/b1.o"
echo "distilled_test: exact .BTF.base and .BTF, relocation onto the base and another build, kernel load, batch"
