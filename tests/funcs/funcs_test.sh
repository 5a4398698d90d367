#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Small programs whose parameters the compiler drops, moves or keeps
# (params.c, weak.c + strong.c, asm.S), built with CC at -O2: the FUNC each
# function gets, or its skip reason, must be the line of
# expected/<cc>[.true_signature].tsv (name, decision, reason or prototype,
# from --func_report), with and without true_signature. Every FUNC names one
# address of the symbol table, and the report has a line for each FUNC.
#
# usage: funcs_test.sh DWARF2BTF CC WORKDIR
set -eu

d2b=$1 cc=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
command -v "$cc" > /dev/null || { echo "funcs_test: $cc not installed, skipped"; exit 77; }
mkdir -p "$work"
name=$(basename "$cc")
flags=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs

"$cc" -O2 -g -o "$work/prog" "$here/params.c" "$here/weak.c" "$here/strong.c" "$here/asm.S"
nm --defined-only "$work/prog" > "$work/nm"
status=0
for ts in "" ",true_signature"; do
	exp="$here/expected/$name${ts:+.true_signature}.tsv"
	"$d2b" --btf_features="$flags$ts" --func_report="$work/report" \
		--btf_encode_detached="$work/prog.btf" "$work/prog"
	grep '^f_' "$work/report" > "$work/got" || true
	if ! grep -v "^#" "$exp" | diff -u - "$work/got"; then
		echo "funcs_test: $name$ts: FUNC decisions differ from $exp" >&2
		status=1
	fi
	python3 "$here/../kernel/btf_funcs.py" "$work/prog.btf" | cut -f1 > "$work/funcs"
	awk -F'\t' '$2 == "encoded" {print $1}' "$work/report" | sort > "$work/encoded"
	sort "$work/funcs" | cmp -s - "$work/encoded" ||
		{ echo "funcs_test: $name$ts: report lines are not the FUNCs" >&2; status=1; }
	python3 "$here/../kernel/func_addrs.py" "$work/nm" "$work/funcs" > "$work/addrs" ||
		{ cat "$work/addrs" >&2; status=1; }
done
[ "$status" = 0 ] && echo "funcs_test: $name: decisions as expected, one address per FUNC"
exit "$status"
