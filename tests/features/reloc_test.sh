#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Object files of other machines, cross-compiled with clang: dwarf2btf
# relocates arm64 objects itself (elf/elf_reloc.c) and leaves RISC-V
# ones to libdwfl; either way the BTF must be the bytes libdwfl's relocation
# gives (D2B_LIBDWFL_RELOC=1), and dwarf2btf -V -V must say who relocated.
# Exit 77 (skipped) when clang cannot build for these targets.
#
# usage: reloc_test.sh DWARF2BTF CLANG PROGS_DIR
set -eu

d2b=$1 clang=$2 progs=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fail() {
	echo "reloc_test: $*" >&2
	exit 1
}

checked=0
for target in aarch64-linux-gnu riscv64-linux-gnu; do
	case $target in
	aarch64*) want="relocations applied" ;;
	*) want="relocated by libdwfl" ;;
	esac
	for prog in structs_unions bitfields functions enums arrays; do
		for flags in "-O0 -gdwarf-4" "-O2 -gdwarf-5"; do
			obj="$work/$prog.$target.o"
			# shellcheck disable=SC2086 # flags are words
			if ! "$clang" --target="$target" $flags -c "$progs/$prog.c" -o "$obj" 2>/dev/null; then
				echo "reloc_test: clang cannot build for $target" >&2
				exit 77
			fi
			"$d2b" -V -V --btf_encode_detached="$work/ours.btf" "$obj" > "$work/v.out" 2>&1 ||
				{ cat "$work/v.out" >&2; fail "$prog ($target $flags): encoding failed"; }
			grep -q "$want" "$work/v.out" ||
				{ cat "$work/v.out" >&2; fail "$prog ($target $flags): no '$want'"; }
			D2B_LIBDWFL_RELOC=1 "$d2b" --btf_encode_detached="$work/libdwfl.btf" "$obj" ||
				fail "$prog ($target $flags): encoding with libdwfl's relocation failed"
			cmp -s "$work/ours.btf" "$work/libdwfl.btf" ||
				fail "$prog ($target $flags): the two relocations gave different BTF"
			[ "$(wc -c < "$work/ours.btf")" -gt 100 ] ||
				fail "$prog ($target $flags): suspiciously small BTF"
			checked=$((checked + 1))
		done
	done
done
echo "reloc_test: $checked objects, same BTF from both relocations"
