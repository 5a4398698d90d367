#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Benchmarks dwarf2btf against Debian's pahole 1.24, side by side, on the
# Debian cloud kernel that scripts/fetch-kernel.sh caches:
#   vmlinux at -j2 and -j1, modules one process each (as kbuild runs them),
#   and dwarf2btf's batch mode (one process, many modules, one base; one
#   module at a time and two at a time).
# Each measurement is the median of --runs runs (wall, user seconds, peak
# RSS from /usr/bin/time). Prints a markdown table with the ratios, then
# dwarf2btf's own phase breakdown, and checks that its output is the same
# bytes at -j1 and -j2.
#
# usage: bench/run.sh [--runs N] [--modules N] [--dwarf2btf PATH] [--pahole PATH]
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
runs=3
nmods=100
d2b=$top/build/tools/dwarf2btf
pahole=/usr/bin/pahole
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--modules) nmods=$2; shift ;;
	--dwarf2btf) d2b=$2; shift ;;
	--pahole) pahole=$2; shift ;;
	*) echo "bench: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
[ -x "$d2b" ] || { echo "bench: no dwarf2btf at $d2b (build first)" >&2; exit 2; }
[ -x "$pahole" ] || { echo "bench: no pahole at $pahole (apt-get install dwarves)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

vars=$("$top/scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
flags="--btf_gen_floats --lang_exclude=rust"

# measure NAME CMD...: runs CMD $runs times, records the median wall/user/rss
measure() {
	name=$1
	shift
	i=0
	: > "$work/$name.all"
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f "%e %U %M" -o "$work/t" "$@" > /dev/null 2> "$work/$name.err" ||
			{ echo "bench: '$name' failed:" >&2; cat "$work/$name.err" >&2; exit 1; }
		cat "$work/t" >> "$work/$name.all"
		i=$((i + 1))
	done
	sort -n "$work/$name.all" | sed -n "$(((runs + 1) / 2))p" > "$work/$name"
}

find "$D2B_DBG_MODDIR/kernel" -name '*.ko' | sort | head -n "$nmods" > "$work/mods"
nmods=$(wc -l < "$work/mods")
mkdir "$work/batch"
while read -r ko; do
	cp "$ko" "$work/batch/$(echo "$ko" | md5sum | cut -c1-12).ko"
done < "$work/mods"

echo "bench: $D2B_ABI, $(nproc) CPUs, median of $runs runs, $nmods modules" >&2
# shellcheck disable=SC2086 # flags are words
measure pahole_j2 "$pahole" -J $flags -j2 --btf_encode_detached="$work/p.btf" "$D2B_VMLINUX"
# shellcheck disable=SC2086
measure d2b_j2 "$d2b" $flags -j2 --btf_encode_detached="$work/d2.btf" "$D2B_VMLINUX"
# shellcheck disable=SC2086
measure pahole_j1 "$pahole" -J $flags --btf_encode_detached="$work/p1.btf" "$D2B_VMLINUX"
# shellcheck disable=SC2086
measure d2b_j1 "$d2b" $flags -j1 --btf_encode_detached="$work/d1.btf" "$D2B_VMLINUX"
# one process per module, as kbuild runs them: a loop script per tool
for tool in pahole d2b; do
	{
		echo 'set -e'
		while read -r ko; do
			if [ "$tool" = pahole ]; then
				echo "'$pahole' -J $flags -j1 --btf_base '$D2B_VMLINUX' --btf_encode_detached='$work/m.btf' '$ko'"
			else
				echo "'$d2b' $flags -j1 --btf_base '$D2B_VMLINUX' --btf_encode_detached='$work/m.btf' '$ko'"
			fi
		done < "$work/mods"
	} > "$work/loop_$tool.sh"
done
measure pahole_mods sh "$work/loop_pahole.sh"
measure d2b_mods sh "$work/loop_d2b.sh"
# one process for all the modules (copies, written in place), one module at
# a time and two at a time
# shellcheck disable=SC2086
measure d2b_batch "$d2b" -J $flags -j1 --btf_base "$D2B_VMLINUX" "$work"/batch/*.ko
# shellcheck disable=SC2086
measure d2b_batch2 "$d2b" -J $flags -j2 --btf_base "$D2B_VMLINUX" "$work"/batch/*.ko

row() { # row LABEL PAHOLE_FILE D2B_FILE
	read -r pw pu pm < "$work/$2"
	read -r dw du dm < "$work/$3"
	awk -v l="$1" -v pw="$pw" -v pu="$pu" -v pm="$pm" -v dw="$dw" -v du="$du" -v dm="$dm" 'BEGIN {
		printf "| %s | %.2f s / %.2f s / %d MiB | %.2f s / %.2f s / %d MiB | %.2fx | %.2fx | %.2fx |\n",
			l, pw, pu, pm / 1024, dw, du, dm / 1024, dw / pw, du / (pu > 0 ? pu : 1), dm / pm }'
}
echo "| run | pahole 1.24 (wall / user / peak RSS) | dwarf2btf | wall ratio | user ratio | RSS ratio |"
echo "|---|---|---|---|---|---|"
row "vmlinux -j2" pahole_j2 d2b_j2
row "vmlinux -j1" pahole_j1 d2b_j1
row "$nmods modules, a process each" pahole_mods d2b_mods
row "$nmods modules, dwarf2btf batch -j1" pahole_mods d2b_batch
row "$nmods modules, dwarf2btf batch -j2" pahole_mods d2b_batch2

echo
echo "dwarf2btf phases (vmlinux -j2, -V):"
# shellcheck disable=SC2086
"$d2b" -V $flags -j2 --btf_encode_detached="$work/v.btf" "$D2B_VMLINUX" 2>&1 | sed -n 's/.*: time: /  /p'
echo "dwarf2btf phases (one module process, the first of the list, -V):"
# shellcheck disable=SC2086
"$d2b" -V $flags -j1 --btf_base "$D2B_VMLINUX" --btf_encode_detached="$work/m1.btf" \
	"$(head -n 1 "$work/mods")" 2>&1 | sed -n 's/.*: time: /  /p; s/.*base BTF: /  base: /p'
if cmp -s "$work/d1.btf" "$work/d2.btf" && cmp -s "$work/d2.btf" "$work/v.btf"; then
	echo "determinism: -j1, -j2 and a second -j2 run gave the same $(wc -c < "$work/d2.btf") bytes"
else
	echo "determinism: FAILED, outputs differ" >&2
	exit 1
fi
