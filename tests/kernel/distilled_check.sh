#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --btf_features=distilled_base on every module of the Debian cloud kernel,
# as a 6.11+ out-of-tree (M=) build asks for it: all modules are encoded in
# one batch on the vmlinux's .BTF (-J into hard-linked copies), once plainly
# and once with distilled_base. Then:
#  1. every distilled module has .BTF and .BTF.base, no plain one has
#     .BTF.base;
#  2. btf_reloc relocates each distilled module back onto vmlinux by the
#     kernel's rules (kernel/bpf/btf_relocate.c) and checks the result
#     exactly against the plain module: the same types at the same IDs, each
#     reference to a base type relocated to that very type or to a copy
#     equal to it (see tests/helpers/btf_reloc.c);
#     dwarf2btf --btf_check, which relocates them the same way, accepts them;
#  3. btfcmp (type sets) on every 10th module: the plain split BTF is a
#     subset of the relocated one (which also holds the copies);
#  4. the running kernel accepts every 10th distilled base joined with its
#     split BTF, and every 50th relocated split BTF joined with vmlinux.
# Prints the counts, sizes and times; exit 0 only when everything passed.
#
# usage: distilled_check.sh DWARF2BTF BTF_RELOC BTF_KLOAD BTFCMP [--limit N]
set -eu

d2b=$1 reloc=$2 kload=$3 cmp=$4
shift 4
limit=0
while [ $# -gt 0 ]; do
	case $1 in
	--limit) limit=$2; shift ;;
	*) echo "distilled_check: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}" "${D2B_DBG_MODDIR:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fail() {
	echo "distilled_check: FAIL: $*" >&2
	exit 1
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# the flags of a 6.11/6.12 kbuild for pahole 1.27, M= modules
flags="-j --btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs --lang_exclude=rust"

# -J rewrites a file by renaming a new one over it: hard links leave the cache alone
for t in plain dist; do
	cp -al "$D2B_DBG_MODDIR/kernel" "$work/$t" 2> /dev/null ||
		cp -a "$D2B_DBG_MODDIR/kernel" "$work/$t"
done
(cd "$work/plain" && find . -name '*.ko' | sed 's|^\./||' | sort) > "$work/list"
if [ "$limit" -gt 0 ]; then
	head -n "$limit" "$work/list" > "$work/list.n"
	mv "$work/list.n" "$work/list"
fi
total=$(wc -l < "$work/list")
[ "$total" -gt 0 ] || fail "no modules under $D2B_DBG_MODDIR/kernel"
sed "s|^|$work/plain/|" "$work/list" > "$work/plain.list"
sed "s|^|$work/dist/|" "$work/list" > "$work/dist.list"

t0=$(now)
# shellcheck disable=SC2086 # $flags is a list of options
xargs "$d2b" -J $flags --btf_base "$D2B_VMLINUX" < "$work/plain.list" 2> "$work/err" ||
	fail "plain encoding: $(head -n 3 "$work/err")"
t1=$(now)
# shellcheck disable=SC2086
xargs "$d2b" -J $flags --btf_features=distilled_base --btf_base "$D2B_VMLINUX" \
	< "$work/dist.list" 2> "$work/err" || fail "distilled encoding: $(head -n 3 "$work/err")"
t2=$(now)

# 1. sections, and their sizes (readelf -SW: [nr] name type address offset size)
xargs readelf -SW < "$work/dist.list" > "$work/dist.sec"
xargs readelf -SW < "$work/plain.list" > "$work/plain.sec"
# "count bytes" of the sections named $1 in the readelf output $2
size_sum() {
	awk -v s="$1" 'function hex(x,  i, n) { n = 0
			for (i = 1; i <= length(x); i++) n = n * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1
			return n }
		{ sub(/.*\] /, "") }
		$1 == s { n += hex($5); c++ }
		END { printf "%d %d\n", c, n }' "$2"
}
read -r nbase base_bytes <<EOF
$(size_sum .BTF.base "$work/dist.sec")
EOF
read -r ndist dist_bytes <<EOF
$(size_sum .BTF "$work/dist.sec")
EOF
read -r nplainbase _ <<EOF
$(size_sum .BTF.base "$work/plain.sec")
EOF
read -r nplain plain_bytes <<EOF
$(size_sum .BTF "$work/plain.sec")
EOF
[ "$nplainbase" = 0 ] || fail "$nplainbase plain modules have .BTF.base"
if [ "$nbase" != "$total" ] || [ "$ndist" != "$total" ] || [ "$nplain" != "$total" ]; then
	fail "of $total modules, $ndist distilled have .BTF, $nbase .BTF.base, $nplain plain .BTF"
fi

# 2. relocation onto vmlinux, checked against the plain module
mkdir "$work/rel"
awk -v w="$work" '{ printf "%s/dist/%s %s/plain/%s %s/rel/%d.btf\n", w, $0, w, $0, w, NR }' \
	"$work/list" > "$work/pairs"
t3=$(now)
rc=0
"$reloc" "$D2B_VMLINUX" < "$work/pairs" > "$work/reloc.out" 2> "$work/reloc.err" || rc=$?
t4=$(now)
[ "$rc" = 0 ] || fail "relocation: $(head -n 5 "$work/reloc.err") $(tail -n 1 "$work/reloc.out")"
grep -q " $total relocated, $total matched, 0 failed" "$work/reloc.out" ||
	fail "relocation: $(tail -n 1 "$work/reloc.out")"

# --btf_check relocates each distilled module onto vmlinux before checking it
xargs "$d2b" --btf_check --btf_base "$D2B_VMLINUX" < "$work/dist.list" > "$work/check" \
	2> "$work/err" || fail "--btf_check: $(head -n 3 "$work/err")"
nfit=$(grep -c ': BTF fits base .*, relocated from .BTF.base)$' "$work/check")
[ "$nfit" = "$total" ] || fail "--btf_check: $nfit of $total distilled modules fit"

# 3. btfcmp: plain split BTF within the relocated one (every 10th module)
ncmp=0
while read -r dist plain rel; do
	"$cmp" -q --subset --base "$D2B_VMLINUX" "$rel" "$plain" > "$work/cmp" 2>&1 ||
		fail "btfcmp ${plain#"$work"/}: $(tail -n 1 "$work/cmp")"
	ncmp=$((ncmp + 1))
done <<EOF
$(awk 'NR % 10 == 1' "$work/pairs")
EOF

# 4. the kernel: distilled base + split joined, relocated split + vmlinux joined
nload=0 nrload=0 kskip=0
kl() {
	rc=0
	"$kload" "$@" > "$work/kl" 2>&1 || rc=$?
	[ "$rc" = 77 ] && { kskip=1; return 1; }
	[ "$rc" = 0 ] || fail "kernel refused $1: $(head -n 3 "$work/kl")"
}
n=0
while read -r dist plain rel; do
	n=$((n + 1))
	[ "$kskip" = 0 ] || break
	if [ $((n % 10)) = 1 ]; then
		objcopy --dump-section .BTF="$work/k.split" --dump-section .BTF.base="$work/k.base" \
			"$dist" "$work/junk.o"
		kl "$work/k.split" "$work/k.base" && nload=$((nload + 1))
	fi
	if [ $((n % 50)) = 1 ] && [ "$kskip" = 0 ]; then
		kl "$rel" "$D2B_VMLINUX" && nrload=$((nrload + 1))
	fi
done < "$work/pairs"
[ "$kskip" = 0 ] || echo "distilled_check: kernel loads skipped: $(head -n 1 "$work/kl")"

echo "distilled_check: $total modules; encoding (batch, -J): plain $(secs "$t0" "$t1") s, distilled $(secs "$t1" "$t2") s; relocation of all $(secs "$t3" "$t4") s"
echo "distilled_check: .BTF.base $base_bytes bytes in all ($((base_bytes / total)) per module); .BTF $dist_bytes bytes distilled, $plain_bytes plain"
echo "distilled_check: $(tail -n 1 "$work/reloc.out"); --btf_check: $nfit fit"
echo "distilled_check: btfcmp: $ncmp of $ncmp plain modules within their relocated BTF; kernel: $nload distilled bases with their split BTF, $nrload relocated split BTF with vmlinux accepted"
