#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Differential test: random C programs (progen SEED) aimed at structs,
# unions, bitfields, arrays, enums, typedefs and function pointers. Seed S
# is built with gcc (even S) or clang (odd S), at -O0 or -O2 (alternating
# every two seeds), and its BTF is judged by:
#  1. dwarf2btf --verify: exit 0, no message (the BTF against the DWARF);
#  2. the running kernel's BPF_BTF_LOAD (btf_kload; skipped when it cannot
#     be asked);
#  3. --btf_check on the raw BTF, when this dwarf2btf checks a BTF without
#     a base (the kernel's rules in user space);
#  4. clang -target bpf -g's own BTF of the same source: every named
#     struct and union has the same size, member names, bit offsets and
#     bitfield sizes, every 4-byte enum the same values;
#  5. "bpftool btf dump format c" of the BTF, compiled with gcc together
#     with _Static_asserts of sizeof and offsetof of every named struct,
#     union and non-bitfield member, printed by a program built from the
#     original source with the same compiler.
# A failing seed is reported with the files to reproduce it (kept in
# WORKDIR/fail-SEED) and the test goes on; exit 1 when any failed.
#
# usage: diff_test.sh DWARF2BTF PROGEN BTF_KLOAD WORKDIR SHARD NR_SHARDS
# Seeds 1..N (N = $D2B_DIFF_PROGRAMS, default 200: the CI set; more is the
# long mode) are cut into NR_SHARDS ranges; this run takes range SHARD
# (0-based), so that CTest runs the shards side by side.
set -eu

d2b=$1 progen=$2 kload=$3 workdir=$4 shard=$5 nr_shards=$6
total=${D2B_DIFF_PROGRAMS:-200}
first=$((1 + shard * total / nr_shards))
count=$(((shard + 1) * total / nr_shards - shard * total / nr_shards))
rm -rf "$workdir"
mkdir -p "$workdir"
w=$workdir/cur

# layouts from a raw bpftool dump: "KIND NAME size", "NAME.member offset
# bits", "NAME.value val". A bitfield as wide as its type at a byte-aligned
# offset counts as a plain member (clang's x86 DWARF writes no bit size
# for it, its BPF BTF does). Only 4-byte enums have their values compared:
# clang 14 writes 8-byte enums as truncated ENUMs; values as unsigned 32-bit
# numbers, as clang 14 does not say which enums are signed.
layouts() {
	bpftool btf dump file "$1" | awk '
	/^\[[0-9]+\] / {
		id = substr($1, 2, length($1) - 2) + 0; kind[id] = $2; cur = id
		n = $3; gsub("\047", "", n); name[id] = n
		for (i = 4; i <= NF; i++) {
			if ($i ~ /^size=/) size[id] = substr($i, 6)
			if ($i ~ /^type_id=/) ref[id] = substr($i, 9) + 0
		}
		next
	}
	/^\t/ {
		nm[cur]++; k = cur SUBSEP nm[cur]
		m = $1; gsub("\047", "", m); mname[k] = m
		if ($2 ~ /^val=/) { v = substr($2, 5) + 0; if (v < 0) v += 4294967296; mval[k] = v; next }
		t = $2; sub("type_id=", "", t); mtype[k] = t + 0
		o = $3; sub("bits_offset=", "", o); moff[k] = o
		b = $4 == "" ? 0 : $4; sub("bitfield_size=", "", b); mbits[k] = b
	}
	function bytes(t, d) {
		while (d++ < 32 && (kind[t] == "TYPEDEF" || kind[t] == "CONST" || kind[t] == "VOLATILE"))
			t = ref[t]
		return size[t] + 0
	}
	END {
		for (id in kind) {
			kd = kind[id]; n = name[id]
			if (n == "(anon)" || (kd != "STRUCT" && kd != "UNION" && kd != "ENUM" && kd != "ENUM64"))
				continue
			if (kd ~ /ENUM/) {
				print "ENUM", n, size[id]
				if (size[id] != 4)
					continue
				for (i = 1; i <= nm[id]; i++)
					printf "%s.%s %.0f\n", n, mname[id, i], mval[id, i]
				continue
			}
			print kd, n, size[id]
			for (i = 1; i <= nm[id]; i++) {
				k = id SUBSEP i; b = mbits[k]
				if (b && moff[k] % 8 == 0 && b == 8 * bytes(mtype[k], 0))
					b = 0
				print n "." mname[k], moff[k], b
			}
		}
	}' | sort
}

# does dwarf2btf --btf_check take a BTF without --btf_base?
btf_check=0
printf 'int x;\n' > "$workdir/probe.c"
if cc -g -c "$workdir/probe.c" -o "$workdir/probe.o" &&
	"$d2b" --btf_encode_detached="$workdir/probe.btf" "$workdir/probe.o" &&
	"$d2b" --btf_check "$workdir/probe.btf" > /dev/null 2>&1; then
	btf_check=1
fi

failed=0 loaded=0 n=0
seed=$first
last=$((first + count))
while [ "$seed" -lt "$last" ]; do
	rm -rf "$w"
	mkdir -p "$w"
	if [ $((seed % 2)) = 0 ]; then cc=gcc; else cc=clang; fi
	if [ $((seed / 2 % 2)) = 0 ]; then opt=-O0; else opt=-O2; fi
	why=
	"$progen" "$seed" prog > "$w/prog.c"
	"$progen" "$seed" layout > "$w/layout.c"
	if ! $cc -w -g $opt -c "$w/prog.c" -o "$w/prog.o" 2> "$w/cc.err"; then
		why="$cc cannot build the program (generator bug)"
	elif ! "$d2b" --verify --btf_encode_detached="$w/ours.btf" "$w/prog.o" > "$w/d2b.out" 2>&1 ||
		[ -s "$w/d2b.out" ]; then
		why="dwarf2btf --verify: $(head -n 1 "$w/d2b.out")"
	fi
	if [ -z "$why" ]; then
		rc=0
		"$kload" "$w/ours.btf" > "$w/kload.out" 2>&1 || rc=$?
		case $rc in
		0) loaded=$((loaded + 1)) ;;
		77) ;;
		*) why="the kernel rejects the BTF: $(head -n 1 "$w/kload.out")" ;;
		esac
	fi
	if [ -z "$why" ] && [ "$btf_check" = 1 ] &&
		! "$d2b" --btf_check "$w/ours.btf" > "$w/check.out" 2>&1; then
		why="--btf_check: $(head -n 1 "$w/check.out")"
	fi
	if [ -z "$why" ]; then
		if ! clang -w -target bpf -g -O2 -c "$w/prog.c" -o "$w/bpf.o" 2> "$w/bpf.err"; then
			why="clang -target bpf cannot build the program (generator bug)"
		else
			layouts "$w/bpf.o" > "$w/bpf.lay"
			layouts "$w/ours.btf" > "$w/ours.lay"
			[ -s "$w/bpf.lay" ] || why="no layouts in clang -target bpf's BTF"
			diff "$w/bpf.lay" "$w/ours.lay" > "$w/lay.diff" ||
				why="layouts differ from clang -target bpf's: $(grep '^[<>]' "$w/lay.diff" | head -n 2 | tr '\n' ' ')"
		fi
	fi
	if [ -z "$why" ]; then
		if ! bpftool btf dump file "$w/ours.btf" format c > "$w/btf.h" 2> "$w/dump.err"; then
			why="bpftool btf dump format c failed"
		elif ! $cc -w -o "$w/layout" "$w/layout.c" 2> "$w/layout.err" ||
			! "$w/layout" > "$w/asserts.h"; then
			why="the layout printer does not build or run (generator bug)"
		else
			printf '#include <stddef.h>\n#include "btf.h"\n#include "asserts.h"\n' > "$w/check.c"
			gcc -fsyntax-only -DBPF_NO_PRESERVE_ACCESS_INDEX "$w/check.c" > "$w/check.err" 2>&1 ||
				why="the C dump fails the layout asserts: $(grep -m 1 error "$w/check.err")"
		fi
	fi
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "diff_test: seed $seed ($cc $opt): $why"
		mv "$w" "$workdir/fail-$seed"
	fi
	n=$((n + 1))
	seed=$((seed + 1))
done
rm -rf "$w"
checks=verify,layouts,c-dump
[ "$btf_check" = 1 ] && checks="$checks,btf_check"
[ "$loaded" -gt 0 ] && checks="$checks,kernel"
echo "diff_test: seeds $first..$((last - 1)): $n programs, $failed failed; judges: $checks (kernel loaded $loaded)"
[ "$failed" = 0 ]
