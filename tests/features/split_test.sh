#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Split BTF on a small base: base.o's BTF is the base; mod1.o and mod2.o
# share some of its types and add their own. Their split BTF must hold
# exactly their own types, with IDs continuing after the base's (the
# expected/*.expected raw dumps, checked by hand: mod1 reuses 'shape' [3],
# 'int' [2], 'unsigned int' [4]; mod2 reuses 'point' [1] and 'long unsigned
# int' [5] under its own typedef), and a batch run (-J on both in one
# process, base loaded once) must give the same bytes as each file alone.
# usage: split_test.sh DWARF2BTF DIR_WITH_OBJECTS
set -eu
d2b=$1 objs=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

"$d2b" --btf_encode_detached="$work/base.btf" "$objs/base.o"
bpftool btf dump file "$work/base.btf" | diff "$here/split/base.expected" -
for m in mod1 mod2; do
	"$d2b" --btf_base "$work/base.btf" --btf_encode_detached="$work/$m.btf" "$objs/$m.o"
	bpftool btf dump -B "$work/base.btf" file "$work/$m.btf" | diff "$here/split/$m.expected" -
	cp "$objs/$m.o" "$work/batch_$m.o"
done
"$d2b" -J --btf_base "$work/base.btf" "$work/batch_mod1.o" "$work/batch_mod2.o"
for m in mod1 mod2; do
	objcopy --dump-section .BTF="$work/$m.sec" "$work/batch_$m.o" "$work/junk.o"
	cmp "$work/$m.btf" "$work/$m.sec"
done
echo "split_test: exact split contents and IDs; batch output identical to single runs"
