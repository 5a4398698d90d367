#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The kernel's function rules on Debian's cloud vmlinux, with the flags that
# kernel's scripts/pahole-flags.sh passes for the pahole version dwarf2btf
# reports (>= 1.25: --skip_encoding_btf_inconsistent_proto --btf_gen_optimized):
#  1. every FUNC is an ELF function symbol;
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
trap 'rm -rf "$work"' EXIT INT TERM

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

nm --defined-only "$D2B_VMLINUX" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u > "$work/syms"
extra=$(comm -23 "$work/ours.names" "$work/syms" | wc -l)
[ "$extra" = 0 ] || fail "$extra FUNCs are not ELF function symbols: $(comm -23 "$work/ours.names" "$work/syms" | head -5 | tr '\n' ' ')"

total=$(wc -l < "$work/distro.names")
have=$(comm -12 "$work/distro.names" "$work/ours.names" | wc -l)
[ $((have * 100)) -ge $((total * 99)) ] || fail "FUNC names cover $have of $total distro names (< 99%)"

# a prototype of ours for a name the distro has must be one of the distro's
comm -23 "$work/ours" "$work/distro" > "$work/diff"
while IFS= read -r line; do
	n=$(printf '%s\n' "$line" | sed -E "s/^FUNC '([^']*)'.*/\\1/")
	if grep -qx "$n" "$work/distro.names"; then
		echo "differs: $line" >&2
		fail "FUNC '$n' has a prototype the distro's BTF does not have"
	fi
done < "$work/diff"
echo "funcs_check: $(wc -l < "$work/ours.names") FUNCs, all ELF function symbols; cover $have of $total distro FUNC names; no prototype differs"
