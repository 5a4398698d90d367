#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Benchmarks dwarf2btf against pahole side by side, on the Debian cloud
# kernel that scripts/fetch-kernel.sh caches. The peers:
#   1.24  Debian 12's pahole (/usr/bin/pahole, package dwarves);
#   1.30  Debian 13's pahole, unpacked by bench/fetch-peers.sh (it creates
#         the folder through a private trixie sources list if needed);
#   head  upstream pahole built from git, if $D2B_PAHOLE_HEAD (default
#         /tmp/pahole-head/build/pahole) exists; never required.
# Runs: vmlinux at -j2 and -j1; modules written in place (-J, as kbuild
# does, on copies restored before each run) one process per module; and
# dwarf2btf's batch mode (one process for all of them, -j1 and -j2).
# Each measurement is the median of --runs runs (wall, user seconds, peak
# RSS from /usr/bin/time). Prints a markdown table with dwarf2btf's ratios
# to each peer (wall / user / RSS), the load average while it ran,
# dwarf2btf's phases and serial time (-V), and checks that its output is
# the same bytes at -j1, -j2 and -j4, and in batch and single runs.
#
# usage: bench/run.sh [--runs N] [--modules N] [--dwarf2btf PATH]
#                     [--peers LIST]   (comma-separated: 1.24,1.30,head)
# --modules 0 measures vmlinux only.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
runs=3
nmods=120
d2b=$top/build/tools/dwarf2btf
peers=1.24,1.30,head
head=${D2B_PAHOLE_HEAD:-/tmp/pahole-head/build/pahole}
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--modules) nmods=$2; shift ;;
	--dwarf2btf) d2b=$2; shift ;;
	--peers) peers=$2; shift ;;
	*) echo "bench: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
[ -x "$d2b" ] || { echo "bench: no dwarf2btf at $d2b (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# the peers that are here: name and command line
plist=
for p in $(echo "$peers" | tr ',' ' '); do
	case $p in
	1.24) cmd=/usr/bin/pahole
		[ -x "$cmd" ] || { echo "bench: no pahole 1.24 (apt-get install dwarves)" >&2; exit 2; } ;;
	1.30) cmd=$("$top/bench/fetch-peers.sh") ;;
	head) cmd=$head
		[ -x "$cmd" ] || { echo "bench: no pahole head at $cmd, left out" >&2; continue; } ;;
	*) echo "bench: unknown peer '$p'" >&2; exit 2 ;;
	esac
	plist="$plist $p"
	eval "cmd_$(echo "$p" | tr . _)=\$cmd"
done

vars=$("$top/scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
# the features of the kernel build (issue 14); pahole 1.24 has no
# --btf_features, and of these only floats and encode_force are options
feat=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs
flags_new="--btf_features=$feat --lang_exclude=rust"
flags_124="--btf_gen_floats --btf_encode_force --lang_exclude=rust"

peer_cmd() { eval "echo \"\$cmd_$(echo "$1" | tr . _)\""; }
peer_flags() { if [ "$1" = 1.24 ]; then echo "$flags_124"; else echo "$flags_new"; fi; }

# measure NAME CMD...: runs CMD $runs times (after $prep, if set, untimed),
# records the median wall/user/rss line (by wall time)
prep=
measure() {
	name=$1
	shift
	i=0
	: > "$work/$name.all"
	while [ "$i" -lt "$runs" ]; do
		[ -z "$prep" ] || $prep
		/usr/bin/time -f "%e %U %M" -o "$work/t" "$@" > /dev/null 2> "$work/$name.err" ||
			{ echo "bench: '$name' failed:" >&2; cat "$work/$name.err" >&2; exit 1; }
		cat "$work/t" >> "$work/$name.all"
		i=$((i + 1))
	done
	sort -n "$work/$name.all" | sed -n "$(((runs + 1) / 2))p" > "$work/$name"
}

if [ "$nmods" -gt 0 ]; then
	find "$D2B_DBG_MODDIR/kernel" -name '*.ko' | sort | head -n "$nmods" > "$work/mods"
else
	: > "$work/mods"
fi
nmods=$(wc -l < "$work/mods")
mkdir "$work/orig"
i=0
while read -r ko; do
	i=$((i + 1))
	cp "$ko" "$work/orig/$(printf %04d "$i")-${ko##*/}"
done < "$work/mods"
# fresh copies of the modules to write in place
restore() {
	rm -rf "$work/ko"
	cp -r "$work/orig" "$work/ko"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "bench: $D2B_ABI, $(nproc) CPUs, median of $runs runs, $nmods modules, peers:$plist" >&2
load_start=$(loadavg)
for p in $plist; do
	pc=$(peer_cmd "$p")
	pf=$(peer_flags "$p")
	# shellcheck disable=SC2086 # command lines and flags are words
	measure "p${p}_j2" $pc -J $pf -j2 --btf_encode_detached="$work/p.btf" "$D2B_VMLINUX"
	# shellcheck disable=SC2086
	measure "p${p}_j1" $pc -J $pf --btf_encode_detached="$work/p.btf" "$D2B_VMLINUX"
done
# shellcheck disable=SC2086
measure d2b_j2 "$d2b" $flags_new -j2 --btf_encode_detached="$work/d2.btf" "$D2B_VMLINUX"
# shellcheck disable=SC2086
measure d2b_j1 "$d2b" $flags_new -j1 --btf_encode_detached="$work/d1.btf" "$D2B_VMLINUX"

if [ "$nmods" -gt 0 ]; then
	# one process per module, in place, as kbuild runs them: a loop script per tool
	(cd "$work/orig" && ls) > "$work/names"
	for tool in $plist d2b; do
		{
			echo 'set -e'
			while read -r n; do
				if [ "$tool" = d2b ]; then
					echo "'$d2b' $flags_new -J -j1 --btf_base '$D2B_VMLINUX' '$work/ko/$n'"
				else
					echo "$(peer_cmd "$tool") $(peer_flags "$tool") -J --btf_base '$D2B_VMLINUX' '$work/ko/$n'"
				fi
			done < "$work/names"
		} > "$work/loop_$tool.sh"
	done
	prep=restore
	for tool in $plist; do
		measure "p${tool}_mods" sh "$work/loop_$tool.sh"
	done
	measure d2b_mods sh "$work/loop_d2b.sh"
	(cd "$work/ko" && md5sum ./*.ko) > "$work/ko_single.md5"
	# one process for all the modules, one module at a time and two at a time
	# shellcheck disable=SC2086
	measure d2b_batch "$d2b" $flags_new -J -j1 --btf_base "$D2B_VMLINUX" "$work"/ko/*.ko
	(cd "$work/ko" && md5sum ./*.ko) > "$work/ko_batch.md5"
	# shellcheck disable=SC2086
	measure d2b_batch2 "$d2b" $flags_new -J -j2 --btf_base "$D2B_VMLINUX" "$work"/ko/*.ko
	(cd "$work/ko" && md5sum ./*.ko) > "$work/ko_batch2.md5"
fi
prep=
load_end=$(loadavg)

cell() { # cell FILE: "wall s / user s / RSS MiB"
	read -r w u m < "$work/$1"
	awk -v w="$w" -v u="$u" -v m="$m" 'BEGIN { printf "%.2f s / %.2f s / %d MiB", w, u, m / 1024 }'
}
ratio() { # ratio PEER_FILE D2B_FILE: "wall / user / RSS" ratios
	read -r pw pu pm < "$work/$1"
	read -r dw du dm < "$work/$2"
	awk -v pw="$pw" -v pu="$pu" -v pm="$pm" -v dw="$dw" -v du="$du" -v dm="$dm" 'BEGIN {
		printf "%.2fx / %.2fx / %.2fx", dw / pw, du / (pu > 0 ? pu : 1), dm / pm }'
}
row() { # row LABEL PEER_SUFFIX D2B_FILE
	line="| $1 |"
	for p in $plist; do
		line="$line $(cell "p${p}_$2") |"
	done
	line="$line $(cell "$3") |"
	for p in $plist; do
		line="$line $(ratio "p${p}_$2" "$3") |"
	done
	echo "$line"
}
hdr="| run |"
sep="|---|"
for p in $plist; do
	hdr="$hdr pahole $p |"
	sep="$sep---|"
done
hdr="$hdr dwarf2btf |"
sep="$sep---|"
for p in $plist; do
	hdr="$hdr vs $p |"
	sep="$sep---|"
done
echo "Cells: wall / user / peak RSS; ratios: dwarf2btf / pahole (wall / user / RSS)."
echo "Load average (1, 5, 15 min): $load_start at the start, $load_end at the end."
echo
echo "$hdr"
echo "$sep"
row "vmlinux -j2" j2 d2b_j2
row "vmlinux -j1" j1 d2b_j1
if [ "$nmods" -gt 0 ]; then
	row "$nmods modules in place, a process each" mods d2b_mods
	row "$nmods modules in place, dwarf2btf batch -j1" mods d2b_batch
	row "$nmods modules in place, dwarf2btf batch -j2" mods d2b_batch2
fi

echo
echo "dwarf2btf phases (vmlinux -j2, -V):"
# shellcheck disable=SC2086
"$d2b" -V $flags_new -j2 --btf_encode_detached="$work/v.btf" "$D2B_VMLINUX" 2>&1 |
	sed -n 's/.*: time: /  /p'
if [ "$nmods" -gt 0 ]; then
	echo "dwarf2btf phases (one module process, the first of the list, -V):"
	restore
	# shellcheck disable=SC2086
	"$d2b" -V $flags_new -J -j1 --btf_base "$D2B_VMLINUX" "$(find "$work/ko" -name "*.ko" | sort | head -n 1)" 2>&1 |
		sed -n 's/.*: time: /  /p; s/.*base BTF: /  base: /p'
fi
# shellcheck disable=SC2086
"$d2b" $flags_new -j4 --btf_encode_detached="$work/d4.btf" "$D2B_VMLINUX"
if cmp -s "$work/d1.btf" "$work/d2.btf" && cmp -s "$work/d2.btf" "$work/v.btf" &&
	cmp -s "$work/d2.btf" "$work/d4.btf"; then
	echo "determinism: vmlinux at -j1, -j2 (twice) and -j4 gave the same $(wc -c < "$work/d2.btf") bytes"
else
	echo "determinism: FAILED, vmlinux outputs differ" >&2
	exit 1
fi
if [ "$nmods" -eq 0 ]; then
	:
elif cmp -s "$work/ko_single.md5" "$work/ko_batch.md5" &&
	cmp -s "$work/ko_single.md5" "$work/ko_batch2.md5"; then
	echo "determinism: the $nmods modules written in place are the same bytes one process each and in batch -j1 and -j2"
else
	echo "determinism: FAILED, module outputs differ between single and batch runs" >&2
	exit 1
fi
