#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# dwarf2btf --btf_check against the running kernel's BPF_BTF_LOAD, on
# mutants of real BTF: Debian 6.1's vmlinux BTF, a module's split BTF on it
# and our own output for e2e programs (with decl and type tags, ENUM64,
# functions). btf_mutate changes a few bytes of one type, one string or the
# header per mutant, aimed at one family of the kernel's rules; btf_kraw
# asks the kernel about the very same bytes. The verdicts must be the same
# for every mutant, and every family must be hit.
#
# A module mutant is checked twice: split on the vmlinux (--btf_base), and
# joined with it into one standalone BTF, the form the kernel is given.
#
# usage: verify_mutants.sh DWARF2BTF BTF_MUTATE BTF_KRAW SRCDIR [SEED]
set -eu

d2b=$1
mutate=$2
kraw=$3
src=$4
seed=${5:-1}
here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}" "${D2B_UNSIGNED_MODDIR:?}"
work=$(mktemp -d)
# D2B_KEEP=1 keeps the mutants and verdicts for a look
if [ "${D2B_KEEP:-0}" = 1 ]; then
	echo "verify_mutants: work dir $work"
else
	trap 'rm -rf "$work"' EXIT INT TERM
fi

fail() {
	echo "verify_mutants: FAIL: $*" >&2
	exit 1
}

# the kernel must be askable: the unmutated vmlinux BTF loads
objcopy --dump-section .BTF="$work/vmlinux.btf" "$D2B_VMLINUX" "$work/vmlinux.o"
rc=0
"$kraw" "$work/vmlinux.btf" > "$work/k0" || rc=$?
[ "$rc" = 77 ] && { echo "SKIP: the kernel cannot be asked" >&2; exit 77; }
if ! { [ "$rc" = 0 ] && grep -q '^ACCEPT' "$work/k0"; }; then
	fail "the kernel refuses the vmlinux BTF: $(cat "$work/k0")"
fi

ko=$D2B_UNSIGNED_MODDIR/kernel/net/key/af_key.ko
objcopy --dump-section .BTF="$work/mod.btf" "$ko" "$work/mod.o"
rm -f "$work/vmlinux.o" "$work/mod.o"

# our own output for e2e programs: tags need clang, gcc builds the rest
n=0
progs=
for p in btf_tags enum64 functions bitfields; do
	cc=gcc
	[ "$p" = btf_tags ] && cc=clang
	command -v "$cc" > /dev/null || continue
	"$cc" -g -O2 -c -o "$work/$p.o" "$src/tests/e2e/progs/$p.c"
	"$d2b" --btf_features=default,decl_tag,type_tag --btf_encode_detached="$work/$p.btf" \
		"$work/$p.o"
	progs="$progs $p"
	n=$((n + 1))
done
[ "$n" -ge 3 ] || fail "only $n e2e programs could be built"

# compare DIR: our verdict on each mutant (with ARGS...) against the kernel's
compare() {
	cdir=$1
	shift
	for m in "$cdir"/m[0-9][0-9][0-9][0-9]; do
		k=$m
		[ -e "$m.joined" ] && [ "$1" = --btf_base ] && k=$m.joined
		kv=$(awk -v f="$k" '$2 == f || $2 == f ":" { print $1 }' "$cdir/kern")
		# the kernel's rules say REJECT; with a base, the fit checks may
		# refuse more (a module built against another vmlinux)
		if "$d2b" --btf_check "$@" "$m" > /dev/null 2> "$m.ours"; then
			ov=ACCEPT
		elif [ $# = 0 ] || grep -aq "rejected by the kernel's rules" "$m.ours"; then
			ov=REJECT
		else
			ov=ACCEPT
			echo "$m" >> "$work/fit_refused"
		fi
		echo "$(basename "$m") $kv $ov" >> "$cdir/verdicts"
		if [ "$kv" != "$ov" ]; then
			echo "DISAGREE $m ($(grep -a "^$(basename "$m") " "$cdir/list")):" \
				"kernel $(grep -aF " $k" "$cdir/kern" | head -n 1)," \
				"ours $ov $(cat "$m.ours")" >&2
		fi
	done
}

# mutants SOURCE COUNT [BASE]
mutants() {
	dir=$work/mutants.$(basename "$1" .btf)
	mkdir "$dir"
	"$mutate" "$1" "$dir" "$2" "$seed" ${3:+"$3"} > "$dir/list"
	if [ -n "${3:-}" ]; then
		"$kraw" "$dir"/m*.joined > "$dir/kern"
		compare "$dir" --btf_base "$work/vmlinux.btf"
		# the joined form, standalone
		for j in "$dir"/m*.joined; do
			mv "$j" "$dir/j${j#"$dir"/m}"
		done
		mkdir "$dir/joined"
		for j in "$dir"/j*.joined; do
			b=$(basename "$j" .joined)
			mv "$j" "$dir/joined/m${b#j}"
		done
		cp "$dir/list" "$dir/joined/list"
		"$kraw" "$dir/joined"/m* > "$dir/joined/kern"
		compare "$dir/joined"
		cat "$dir/joined/verdicts" >> "$work/all"
		sed "s|^|$(basename "$1" .btf).joined |" "$dir/joined/list" >> "$work/lists"
	else
		"$kraw" "$dir"/m* > "$dir/kern"
		compare "$dir"
	fi
	cat "$dir/verdicts" >> "$work/all"
	sed "s|^|$(basename "$1" .btf) |" "$dir/list" >> "$work/lists"
}

mutants "$work/vmlinux.btf" 120
mutants "$work/mod.btf" 60 "$work/vmlinux.btf"
for p in $progs; do
	mutants "$work/$p.btf" 40
done

total=$(wc -l < "$work/all")
agree=$(awk '$2 == $3' "$work/all" | wc -l)
rejected=$(awk '$2 == "REJECT"' "$work/all" | wc -l)
families=$(awk '{ print $3 }' "$work/lists" | sort -u | tr '\n' ' ')
nfam=$(awk '{ print $3 }' "$work/lists" | sort -u | wc -l)
echo "verify_mutants: $agree of $total verdicts agree with the kernel ($rejected rejected by it)"
echo "verify_mutants: $nfam rule families hit: $families"
echo "verify_mutants: per family, rejected by the kernel/mutants:" \
	"$(paste -d' ' "$work/lists" "$work/all" | awk '{ n[$3]++; if ($(NF - 1) == "REJECT") r[$3]++ }
		END { for (f in n) printf "%s %d/%d, ", f, r[f], n[f] }')"
touch "$work/fit_refused"
echo "verify_mutants: split mutants the kernel's rules pass but the base fit checks refuse:" \
	"$(wc -l < "$work/fit_refused")"
[ "$total" -ge 100 ] || fail "only $total mutants"
[ "$agree" = "$total" ] || fail "$((total - agree)) verdicts differ from the kernel's"
for f in header strings int enum array struct fwd typedef modifier func func_proto var datasec \
	decl_tag type_tag float kind_vlen; do
	awk '{ print $3 }' "$work/lists" | grep -qx "$f" || fail "rule family '$f' not hit"
done
