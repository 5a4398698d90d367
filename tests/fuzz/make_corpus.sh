#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Regenerates the seed corpora corpus/elf and corpus/base (committed, so the
# fuzzers start from the same seeds everywhere; under 1 MB in all).
#  - elf: every program of tests/e2e/progs compiled with gcc and clang at
#    -O0, -O2, DWARF 4 and DWARF 5, plus a few variants: type units,
#    compressed sections, 32-bit, big-endian, a linked executable;
#  - base: raw BTF made by robust_gen (little and big endian) and by
#    dwarf2btf from some of those programs, a split BTF, and an ELF file
#    with a .BTF section (clang -target bpf).
# File names carry no .o/.btf suffix (.gitignore hides those).
#
# usage: make_corpus.sh BUILD_DIR     (a build of dwarf2btf with the tests)
set -eu

if [ $# != 1 ]; then
	echo "usage: make_corpus.sh BUILD_DIR" >&2
	exit 2
fi
build=$1
here=$(cd "$(dirname "$0")" && pwd)
progs=$here/../e2e/progs
d2b=$build/tools/dwarf2btf
gen=$build/tests/robust/robust_gen
[ -x "$d2b" ] || { echo "make_corpus: no $d2b" >&2; exit 1; }
[ -x "$gen" ] || { echo "make_corpus: no $gen" >&2; exit 1; }

elf=$here/corpus/elf
base=$here/corpus/base
rm -rf "$elf" "$base"
mkdir -p "$elf" "$base"

for src in "$progs"/*.c; do
	prog=$(basename "$src" .c)
	for cc in gcc clang; do
		command -v "$cc" > /dev/null || continue
		"$cc" -w -g -O0 -c "$src" -o "$elf/$prog.$cc.O0"
		"$cc" -w -g -O2 -c "$src" -o "$elf/$prog.$cc.O2"
		"$cc" -w -gdwarf-4 -O1 -c "$src" -o "$elf/$prog.$cc.dwarf4"
		"$cc" -w -gdwarf-5 -O1 -c "$src" -o "$elf/$prog.$cc.dwarf5"
	done
done
# variants, on a few programs (a compiler that cannot build one is skipped)
for prog in structs_unions bitfields enums typedefs; do
	src=$progs/$prog.c
	gcc -gdwarf-4 -fdebug-types-section -O0 -c "$src" -o "$elf/$prog.gcc.types4" || true
	gcc -gdwarf-5 -fdebug-types-section -O0 -c "$src" -o "$elf/$prog.gcc.types5" || true
	gcc -g -gz -O0 -c "$src" -o "$elf/$prog.gcc.gz" || true
	gcc -m32 -g -O0 -c "$src" -o "$elf/$prog.gcc.m32" 2> /dev/null || true
	clang --target=s390x-linux-gnu -g -O0 -c "$src" -o "$elf/$prog.clang.s390x" \
		2> /dev/null || true
done
gcc -g -O2 "$progs/structs_unions.c" "$progs/enums.c" "$here/../e2e/exe_main.c" \
	-o "$elf/structs_enums.gcc.exe"

"$gen" btf "$base/robust_gen.valid" valid
"$gen" btf "$base/robust_gen.big_endian" be
for prog in structs_unions bitfields enums enum64 arrays func_protos; do
	"$d2b" --btf_gen_floats --btf_encode_detached="$base/$prog.gcc.raw" \
		"$elf/$prog.gcc.O0"
done
"$d2b" --btf_base "$base/structs_unions.gcc.raw" \
	--btf_encode_detached="$base/typedefs_on_structs_unions.split" "$elf/typedefs.gcc.O0"
if clang -target bpf -g -O2 -c "$progs/structs_unions.c" -o "$base/structs_unions.bpf"; then
	:
fi
du -sh "$here/corpus"
