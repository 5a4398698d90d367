#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# global_var on Debian 12's 6.1 vmlinux (with issue 11's kbuild flags): every
# VAR is named after its DWARF variable, so each DATASEC entry has an ELF
# symbol of the VAR's name and of non-zero size at that offset of that
# section (the 155 VARs that took the name of a zero-size label at the same
# place, __key.0 for sgx_epc_sections, have none); no VAR has a name of pahole's filter
# (__UNIQUE_ID*, __tpstrtab_*, __exitcall_*, __gendwarfksyms_ptr_*,
# __func_stack_frame_non_standard_*). With D2B_PAHOLE_HEAD (an upstream
# pahole >= 1.31) the VAR names are also compared with its: it may lack
# only arrays, which it types by their incomplete declaration and so drops
# as zero-sized.
#
# usage: global_var_check.sh DWARF2BTF BTFCMP
set -eu

d2b=$1 cmp=$2
here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh" --series 6.1)
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs,global_var

fail() {
	echo "global_var_check: FAIL: $*" >&2
	exit 1
}

"$d2b" -j2 --btf_features=$features --lang_exclude=rust --btf_encode_detached="$work/gv.btf" \
	"$D2B_VMLINUX"
# "SECTION OFFSET NAME" of every DATASEC entry
"$cmp" --dump --kinds DATASEC "$work/gv.btf" |
	sed -n "s/^DATASEC '\([^']*\)' [^{]*{\(.*\)}$/\1 \2/p" |
	awk '{ sec = $1; $1 = ""; n = split($0, e, ";")
		for (i = 1; i <= n; i++)
			if (match(e[i], /VAR '\''[^'\'']*'\'' offset=[0-9]+/)) {
				s = substr(e[i], RSTART, RLENGTH)
				split(s, f, "'\''"); sub(/.*offset=/, "", s)
				print sec, s, f[2]
			} }' | sort > "$work/entries"
# "SECTION OFFSET NAME" of every object symbol; offsets from the low 32 bits
# of the addresses (awk's numbers are doubles; kernel sections stay below 4 GiB)
readelf -SW "$D2B_VMLINUX" | sed 's/^ *\[ *//; s/\]//' | awk '$1 ~ /^[0-9]+$/ { print $1, $2, $4 }' \
	> "$work/secs"
# (sized ones: a variable's symbol has its size, a label at its place has none)
readelf -sW "$D2B_VMLINUX" | awk '$4 == "OBJECT" && $3 != "0" { print $7, $2, $8 }' > "$work/syms"
awk 'function lo32(h,   i, v) { v = 0; h = substr(h, length(h) > 8 ? length(h) - 7 : 1)
		for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
		return v }
	NR == FNR { name[$1] = $2; addr[$1] = lo32($3); next }
	($1 in name) { off = lo32($2) - addr[$1]; if (off < 0) off += 4294967296
		print name[$1], off, $3 }' "$work/secs" "$work/syms" | sort -u > "$work/symplaces"
total=$(wc -l < "$work/entries")
[ "$total" -gt 10000 ] || fail "only $total DATASEC entries"
comm -23 "$work/entries" "$work/symplaces" > "$work/unnamed"
if [ -s "$work/unnamed" ]; then
	head -n 20 "$work/unnamed" >&2
	fail "$(wc -l < "$work/unnamed") of $total VARs are not named after a sized symbol at their place (above)"
fi
awk '{ print $3 }' "$work/entries" |
	grep -E '^(__UNIQUE_ID|__tpstrtab_|__exitcall_|__gendwarfksyms_ptr_|__func_stack_frame_non_standard_)' \
	> "$work/filtered" || true
[ ! -s "$work/filtered" ] || fail "filtered names encoded: $(head -n 3 "$work/filtered" | tr '\n' ' ')"
echo "global_var_check: all $total VARs are named after the sized symbol at their place, none filtered"

[ -n "${D2B_PAHOLE_HEAD:-}" ] || exit 0
"$D2B_PAHOLE_HEAD" -j2 --btf_features=$features --lang_exclude=rust \
	--btf_encode_detached="$work/ph.btf" "$D2B_VMLINUX"
"$cmp" --dump --kinds VAR "$work/ph.btf" | sed "s/^VAR '\([^']*\)' .*/\1/" | sort -u > "$work/ph.names"
"$cmp" --dump --kinds VAR "$work/gv.btf" > "$work/gv.vars"
sed "s/^VAR '\([^']*\)' .*/\1/" "$work/gv.vars" | sort -u > "$work/gv.names"
comm -23 "$work/ph.names" "$work/gv.names" > "$work/missing"
[ ! -s "$work/missing" ] || fail "VARs of pahole's head we lack: $(head -n 5 "$work/missing" | tr '\n' ' ')"
comm -13 "$work/ph.names" "$work/gv.names" | sed "s/.*/^VAR '&' /" > "$work/extra"
if grep -f "$work/extra" "$work/gv.vars" | grep -v " type=(ARRAY " | grep . >&2; then
	fail "extra VARs that are not arrays (above)"
fi
echo "global_var_check: pahole's head has $(wc -l < "$work/ph.names") VAR names, all ours; our $(wc -l < "$work/extra") others are arrays"
