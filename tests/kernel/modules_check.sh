#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Encodes the split BTF of every module of the Debian cloud kernel against
# the .BTF of that kernel's vmlinux and compares each with the .BTF of the
# shipped (unsigned package) module, as type sets. A module passes when its
# types are the same set as the shipped ones, or a subset of them: pahole
# 1.24 with -j emits a second FUNC for names defined twice (its threads do
# not share the "already emitted" flag) and libbpf 1.1's dedup leaves copies
# of base types behind that dwarf2btf folds away (btf/split_fold.c).
# Each module is encoded a second time with D2B_LIBDWFL_RELOC=1 (libdwfl
# relocates the object instead of elf/elf_reloc.c): the bytes must be
# the same. The first encoding runs with --verify (the BTF checked against
# the module's DWARF; a mismatch fails the module).
# No module's BTF may hold two identical types, nor a type identical to one
# of the base (btf_dups).
# With --series 6.12, Debian 13's kernel is the judge: modules are encoded
# with 6.12's kbuild flags, the shipped .BTF is read from the .ko.xz, and
# FUNC and FUNC_PROTO (which follow pahole 1.30's newer function rules,
# issue 11) are counted apart from the other kinds, which are judged; the
# libdwfl relocation is compared on 6.1 only. A 6.12 subset must be
# explained by the shipped BTF itself: it holds types identical to base
# types or to each other (libbpf's dedup leftovers, which ours folds).
# Prints one line per subset, mismatch or failure and a summary; exit 0 only
# when no module has a type the shipped BTF lacks, both relocations agree
# and, with --load, every base+split BTF loads into the running kernel.
#
# usage: modules_check.sh DWARF2BTF BTFCMP BTF_KLOAD BTF_DUPS [--load] [--limit N]
#                         [--series 6.1|6.12]
set -eu

d2b=$1 cmp=$2 kload=$3 dups=$4
shift 4
load=0 limit=0 series=6.1
while [ $# -gt 0 ]; do
	case $1 in
	--load) load=1 ;;
	--limit) limit=$2; shift ;;
	--series) series=$2; shift ;;
	*) echo "modules_check: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
case $series in
6.1)
	flags="--btf_gen_floats -j --lang_exclude=rust"
	kinds=
	;;
6.12)
	flags="-j --btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs --btf_features=attributes --lang_exclude=rust"
	kinds="--kinds INT,PTR,ARRAY,STRUCT,UNION,ENUM,ENUM64,FWD,TYPEDEF,CONST,VOLATILE,RESTRICT,VAR,DATASEC,FLOAT,DECL_TAG,TYPE_TAG"
	;;
*) echo "modules_check: unknown series '$series'" >&2; exit 2 ;;
esac

here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh" --series "$series")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}" "${D2B_DBG_MODDIR:?}" "${D2B_UNSIGNED_MODDIR:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

find "$D2B_DBG_MODDIR/kernel" -name '*.ko' | sort > "$work/list"
if [ "$limit" -gt 0 ]; then
	head -n "$limit" "$work/list" > "$work/list.n"
	mv "$work/list.n" "$work/list"
fi

mkdir "$work/out"
total=0 match=0 subset=0 fail=0 diff=0 loadfail=0 ours=0 shipped=0 relocdiff=0 funcdiff=0
while read -r ko; do
	rel=${ko#"$D2B_DBG_MODDIR"/}
	ref="$D2B_UNSIGNED_MODDIR/$rel"
	if [ ! -f "$ref" ] && [ -f "$ref.xz" ]; then
		xz -dc "$ref.xz" > "$work/ref.ko"
		ref=$work/ref.ko
	fi
	total=$((total + 1))
	out="$work/out/$total.btf"
	# shellcheck disable=SC2086 # flags are words
	if ! "$d2b" $flags --verify --btf_base "$D2B_VMLINUX" \
		--btf_encode_detached="$out" "$ko" 2> "$work/err"; then
		fail=$((fail + 1))
		echo "FAIL $rel: $(head -n 1 "$work/err")"
		continue
	fi
	# shellcheck disable=SC2086
	if [ "$series" = 6.1 ] && { ! D2B_LIBDWFL_RELOC=1 "$d2b" $flags \
		--btf_base "$D2B_VMLINUX" --btf_encode_detached="$work/libdwfl.btf" "$ko" \
		2> "$work/err" || ! cmp -s "$out" "$work/libdwfl.btf"; }; then
		relocdiff=$((relocdiff + 1))
		echo "RELOC $rel: relocated by libdwfl, the BTF differs (or encoding failed)"
	fi
	ours=$((ours + $(wc -c < "$out")))
	size=$(readelf -SW "$ref" | sed -n 's/.*] \.BTF  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
	shipped=$((shipped + 0x${size:-0}))
	if [ -n "$kinds" ] &&
		! "$cmp" -q --kinds FUNC,FUNC_PROTO --base "$D2B_VMLINUX" "$ref" "$out" > /dev/null 2>&1; then
		funcdiff=$((funcdiff + 1))
	fi
	# shellcheck disable=SC2086 # kinds are words
	if "$cmp" -q $kinds --base "$D2B_VMLINUX" "$ref" "$out" > "$work/cmp" 2>&1; then
		match=$((match + 1))
	elif "$cmp" -q $kinds --subset --base "$D2B_VMLINUX" "$ref" "$out" > "$work/cmp" 2>&1; then
		subset=$((subset + 1))
		echo "SUBSET $rel: $(tail -n 1 "$work/cmp")"
		# on 6.12 the explanation is checked: the shipped BTF keeps types
		# identical to base types or to each other, which ours folds
		if [ -n "$kinds" ] && "$dups" -B "$D2B_VMLINUX" "$ref" > /dev/null 2>&1; then
			subset=$((subset - 1)) diff=$((diff + 1))
			echo "DIFF $rel: a subset, but the shipped BTF has no leftover to explain it"
		fi
	else
		diff=$((diff + 1))
		echo "DIFF $rel: $(tail -n 1 "$work/cmp")"
	fi
	if [ "$load" = 1 ] && ! "$kload" "$out" "$D2B_VMLINUX" > "$work/kl" 2>&1; then
		rc=$?
		[ "$rc" = 77 ] && { echo "modules_check: cannot ask the kernel (not root?)" >&2; load=0; continue; }
		loadfail=$((loadfail + 1))
		echo "LOAD $rel: $(head -n 1 "$work/kl")"
	fi
done < "$work/list"

dupsok=0
if [ "$total" -gt "$fail" ]; then
	# shellcheck disable=SC2046 # one argument per module
	"$dups" -B "$D2B_VMLINUX" $(ls "$work/out"/*.btf) > "$work/dups" || dupsok=1
	grep -v '^btf_dups: ' "$work/dups" | head -n 20
	tail -n 1 "$work/dups"
fi

echo "modules ($D2B_ABI): $total encoded, $match identical type sets${kinds:+ (kinds but FUNC, FUNC_PROTO)}, $subset subsets of the shipped set, $diff different, $fail failed, $loadfail rejected by the kernel, $relocdiff different when libdwfl relocates"
[ -z "$kinds" ] || echo "modules: $funcdiff with FUNCs or FUNC_PROTOs unlike the shipped ones (not judged)"
echo "module BTF bytes: ours $ours, shipped $shipped"
[ "$total" -gt 0 ] && [ "$((match + subset))" = "$total" ] && [ "$loadfail" = 0 ] &&
	[ "$relocdiff" = 0 ] && [ "$dupsok" = 0 ]
