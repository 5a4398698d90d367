#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The function analysis on two Debian kernels (6.1 and, when its cache is
# there, 6.12.117), with kbuild's flags for pahole >= 1.26, with and without
# true_signature:
#  1. --func_report has an "encoded" line for every FUNC of the output (named
#     by btf_funcs.py, which reads the BTF on its own) and a reason for every
#     skipped function;
#  2. every FUNC names exactly one function address (func_addrs.py);
#  3. FUNC names against upstream pahole's decisions (data/*.ref*.xz, packed
#     from ../shared/reference/funcs by funcs_ref_pack.py): each name that
#     differs, and each prototype that differs (parameter names aside), is
#     explained in data/*.known; at most 0.5% of the names differ without
#     true_signature, 0.7% with it (reordered clones pahole refuses, see
#     docs/funcs.md); with true_signature, 6.1 has at least 300 clones' FUNCs.
#
# usage: funcs_ref.sh DWARF2BTF
set -eu

d2b=$1
here=$(dirname "$0")
data="$here/data"
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_VMLINUX:?}"
v612=/var/cache/dwarf2btf-kernel/6.12.117+deb13-cloud-amd64/dbg/usr/lib/debug/boot/vmlinux-6.12.117+deb13-cloud-amd64
work=$(mktemp -d)
trap '[ -n "${D2B_KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM
flags=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs

fail() {
	echo "funcs_ref: FAIL: $*" >&2
	exit 1
}

# check VMLINUX TAG TS: TAG names the data files, TS is "" or ",true_signature"
check() {
	vmlinux=$1 tag=$2 ts=$3
	ref="$data/$tag.ref.xz" known="$data/$tag.ref.known" pct=0.5 extra=
	if [ -n "$ts" ]; then
		ref="$ref+$data/$tag.ref-ts.xz" known="$data/$tag.ref-ts.known" pct=0.7
		case $tag in debian12-*) extra="--min-suffixed 300" ;; esac
	fi
	"$d2b" -j2 --btf_features="$flags$ts" --func_report="$work/report" \
		--btf_encode_detached="$work/v.btf" "$vmlinux"
	python3 "$here/btf_funcs.py" "$work/v.btf" | cut -f1 > "$work/funcs"
	awk -F'\t' '$2 == "encoded" {print $1}' "$work/report" | sort > "$work/encoded"
	[ "$(sort "$work/funcs" | cmp - "$work/encoded" && echo same)" = same ] ||
		fail "$tag$ts: the report's encoded lines are not the FUNCs of the output"
	bad=$(awk -F'\t' '$2 == "skipped" && $3 == "" || $2 != "skipped" && $2 != "encoded" || $2 == "encoded" && $4 == ""' "$work/report" | head -3)
	[ -z "$bad" ] || fail "$tag$ts: report lines without a reason or prototype: $bad"
	nm --defined-only "$vmlinux" > "$work/nm"
	python3 "$here/func_addrs.py" "$work/nm" "$work/funcs" > "$work/addrs" ||
		fail "$tag$ts: $(tail -1 "$work/addrs"): $(head -3 "$work/addrs" | tr '\n' ' ')"
	# shellcheck disable=SC2086 # $extra is one option and its value, or nothing
	python3 "$here/funcs_ref_cmp.py" "$work/report" "$ref" --known "$known" \
		--max-pct $pct $extra > "$work/cmp" || fail "$tag$ts: $(cat "$work/cmp")"
	echo "funcs_ref: $tag$ts: $(grep -c . "$work/funcs") FUNCs, one address each, report complete; $(cat "$work/cmp")"
}

check "$D2B_VMLINUX" debian12-6.1.0-57-cloud-amd64 ""
check "$D2B_VMLINUX" debian12-6.1.0-57-cloud-amd64 ",true_signature"
if [ -f "$v612" ]; then
	check "$v612" debian13-6.12.117-cloud-amd64 ""
	check "$v612" debian13-6.12.117-cloud-amd64 ",true_signature"
else
	echo "funcs_ref: 6.12.117 not in the cache ($v612): only 6.1 checked"
fi
