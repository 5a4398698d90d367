#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Projects dwarf2btf's vmlinux wall time on machines with more CPUs, from
# what this one can measure: the wall time at -j1 (T1) and -j2 (T2), and
# the serial time S that -V reports (the wall time during which at most one
# thread works) at -j2. The model:
#   T(n) = max(S + (T1 - S) / n, C)
# where the work outside S spreads over n threads, and C, the sum of the
# phases that run in order on one thread (open, the ordered stage, dedup,
# prune, fold, write, from -V), is a floor no thread count goes below.
# The check: the model's T(2) against T2 measured with the two threads on
# two CPUs (taskset -c 0,1), and T(1) = T1 against -j2 with both threads on
# one CPU (taskset -c 0). Medians of --runs runs each. The same projection
# from CPU seconds follows (T1 as user + system time, S and the ordered
# stage as -V's CPU figures): on a loaded machine that one still means
# something.
#
# usage: bench/model.sh [--runs N] [--dwarf2btf PATH]
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
runs=3
d2b=$top/build/tools/dwarf2btf
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--dwarf2btf) d2b=$2; shift ;;
	*) echo "model: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
[ -x "$d2b" ] || { echo "model: no dwarf2btf at $d2b (build first)" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "model: needs two CPUs" >&2; exit 2; }
vars=$("$top/scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
flags="--btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs"

# run NAME CPUS JOBS: $runs runs of -V; NAME.all gets lines of
# "wall serial in_order cpu serial_cpu merge_cpu" (cpu: user + system)
run() {
	i=0
	: > "$work/$1.all"
	while [ "$i" -lt "$runs" ]; do
		# shellcheck disable=SC2086 # flags are words
		/usr/bin/time -f "%U %S" -o "$work/t" taskset -c "$2" "$d2b" -V $flags -j"$3" \
			--btf_encode_detached="$work/o.btf" "$D2B_VMLINUX" 2> "$work/v" > /dev/null
		# "time: serial S s of W s wall (...), C s of CPU" and the phases of the file
		awk -v t="$(cat "$work/t")" '
		     /time: serial/ { s = $4; w = $7; sc = $(NF - 3) }
		     /time: open/ {
			for (k = 1; k <= NF; k++) {
				if ($k == "open" || $k == "dedup" || $k == "prune" || $k == "fold" ||
				    $k == "write")
					c += $(k + 1)
				if ($k == "merge" && $(k - 1) == "ordered") {
					c += $(k + 1)
					mc = $(k + 3)
				}
			}
		     }
		     END { split(t, u, " "); print w, s, c, u[1] + u[2], sc, mc }' "$work/v" >> "$work/$1.all"
		i=$((i + 1))
	done
	sort -n "$work/$1.all" | sed -n "$(((runs + 1) / 2))p" > "$work/$1"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
run j1 0,1 1
run j2 0,1 2
run j2_one_cpu 0 2
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
read -r t1 _ _ u1 _ _ < "$work/j1"
read -r t2 s2 c2 _ sc2 mc2 < "$work/j2"
read -r t21 _ _ _ _ _ < "$work/j2_one_cpu"
echo "model: vmlinux, median of $runs runs; load average $load_start at the start, $load_end at the end"
# other processes on the CPUs stretch every wall time, and the -j2 runs most
if awk -v l="${load_end%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
	echo "model: WARNING: load average above the $(nproc) CPUs: the wall times and the check below are not reliable"
fi
awk -v t1="$t1" -v t2="$t2" -v s="$s2" -v c="$c2" -v t21="$t21" 'BEGIN {
	printf "measured: T1 %.2f s (-j1), T2 %.2f s (-j2 on CPUs 0,1), serial S %.2f s and in-order phases C %.2f s (-j2)\n", t1, t2, s, c
	p = t1 - s
	printf "| threads | projected wall | of it serial |\n|---|---|---|\n"
	n = split("1 2 8 32 128", ns, " ")
	for (k = 1; k <= n; k++) {
		t = s + p / ns[k]
		if (t < c)
			t = c
		printf "| %d | %.2f s | %.2f s |\n", ns[k], t, s
	}
	t = s + p / 2
	if (t < c)
		t = c
	printf "check: T(2) projected %.2f s, measured %.2f s (%+.0f%%)\n", t, t2, (t2 / t - 1) * 100
	printf "check: -j2 on one CPU (taskset -c 0) %.2f s, the model says T1 = %.2f s (%+.0f%%)\n", t21, t1, (t21 / t1 - 1) * 100
}'
# the same model from CPU seconds, which other processes do not stretch:
# T1 from the user and system time of -j1, S from the CPU time of -j2's
# serial part, the floor from it plus the ordered stage's CPU time
awk -v t1="$u1" -v s="$sc2" -v m="$mc2" 'BEGIN {
	printf "from CPU seconds: T1 %.2f s (user + system, -j1), serial %.2f s and ordered stage %.2f s (-j2)\n", t1, s, m
	printf "| threads | projected from CPU seconds |\n|---|---|\n"
	n = split("1 2 8 32 128", ns, " ")
	for (k = 1; k <= n; k++) {
		t = s + (t1 - s) / ns[k]
		if (ns[k] > 1 && t < s + m)
			t = s + m
		printf "| %d | %.2f s |\n", ns[k], t
	}
}'
