#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Writes the dwarf2btf(1) man page from `dwarf2btf --help` (the same option
# table the parser uses) and docs/dwarf2btf.1.in (the prose around it).
# usage: gen-man.sh DWARF2BTF TEMPLATE OUT
set -eu
d2b=$1 tmpl=$2 out=$3
{
	sed -n '1,/@OPTIONS@/p' "$tmpl" | sed '$d'
	"$d2b" --help | sed -n 's/^ *\(-[^ ]\([^ ]\| [^ ]\)*\)  *\(.*\)$/.TP\n.B \1\n\3/p' |
		sed 's/-/\\-/g'
	sed -n '/@OPTIONS@/,$p' "$tmpl" | sed '1d'
} > "$out"
