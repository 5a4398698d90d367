#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The kernel's function rules on Debian's cloud vmlinux, with the flags that
# kernel's scripts/pahole-flags.sh passes for the pahole version dwarf2btf
# reports (>= 1.25: --skip_encoding_btf_inconsistent_proto --btf_gen_optimized):
#  1. every FUNC names exactly one function address of the symbol table
#     (func_addrs.py: a clone 'foo.isra.0' counts for 'foo');
#  2. the FUNC names cover at least 99% of those in the distro's .BTF;
#  3. no FUNC prototype differs from the distro's FUNC of the same name
#     (parameter names aside).
#
# usage: funcs_check.sh DWARF2BTF BTFCMP
set -eu

d2b=$1 cmp=$2
here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}"
work=$(mktemp -d)
trap '[ -n "${D2B_KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM

fail() {
	echo "funcs_check: FAIL: $*" >&2
	exit 1
}

ver=$("$d2b" --version | sed -E 's/v([0-9]+)\.([0-9]+)/\1\2/')
[ "$ver" -ge 125 ] || fail "dwarf2btf reports v$ver, below 1.25: the kernel would not ask for consistent functions"
"$d2b" --btf_gen_floats -j --lang_exclude=rust --skip_encoding_btf_inconsistent_proto \
	--btf_gen_optimized --btf_encode_detached="$work/v.btf" "$D2B_VMLINUX"

# FUNC lines with parameter names removed, one per FUNC
norm() {
	"$cmp" --dump --kinds FUNC "$1" | sed -E "s/\\{'[^']*' type=/{type=/g; s/; '[^']*' type=/; type=/g" | sort
}
norm "$D2B_VMLINUX" > "$work/distro"
norm "$work/v.btf" > "$work/ours"
names() {
	sed -E "s/^FUNC '([^']*)'.*/\\1/" "$1" | sort -u
}
names "$work/distro" > "$work/distro.names"
names "$work/ours" > "$work/ours.names"

nm --defined-only "$D2B_VMLINUX" > "$work/nm"
python3 "$here/func_addrs.py" "$work/nm" "$work/ours.names" > "$work/addrs" ||
	fail "$(tail -1 "$work/addrs"): $(head -3 "$work/addrs" | tr '\n' ' ')"

total=$(wc -l < "$work/distro.names")
have=$(comm -12 "$work/distro.names" "$work/ours.names" | wc -l)
[ $((have * 100)) -ge $((total * 99)) ] || fail "FUNC names cover $have of $total distro names (< 99%)"

# a prototype of ours for a name the distro has must be one of the distro's,
# unless data/funcs-6.1-distro.known says why the distro's is wrong
known="$here/data/funcs-6.1-distro.known"
grep -v '^#' "$known" | cut -f1 | sort -u > "$work/known"
comm -23 "$work/ours" "$work/distro" > "$work/diff"
: > "$work/differing"
while IFS= read -r line; do
	n=$(printf '%s\n' "$line" | sed -E "s/^FUNC '([^']*)'.*/\\1/")
	grep -qx "$n" "$work/distro.names" || continue
	echo "$n" >> "$work/differing"
	if ! grep -qx "$n" "$work/known"; then
		echo "differs: $line" >&2
		fail "FUNC '$n' has a prototype the distro's BTF does not have"
	fi
done < "$work/diff"
sort -u -o "$work/differing" "$work/differing"
stale=$(comm -23 "$work/known" "$work/differing" | head -3 | tr '\n' ' ')
[ -z "$stale" ] || fail "stale lines in $known (the prototypes agree now): $stale"
echo "funcs_check: $(wc -l < "$work/ours.names") FUNCs, one address each; cover $have of $total distro FUNC names; $(wc -l < "$work/differing") prototypes differ, each explained in $(basename "$known")"
