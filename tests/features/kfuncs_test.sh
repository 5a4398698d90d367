#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# decl_tag_kfuncs: the functions of a .BTF_ids set flagged BTF_SET8_KFUNCS
# get DECL_TAG "bpf_kfunc" (and "bpf_fastcall" with KF_FASTCALL); others
# get none; without the feature nobody gets one.
# usage: kfuncs_test.sh DWARF2BTF BTFCMP OBJECT
set -eu
d2b=$1 cmp=$2 obj=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

"$d2b" --btf_features=default --btf_encode_detached="$work/on.btf" "$obj"
"$cmp" --dump --kinds DECL_TAG "$work/on.btf" > "$work/on.txt"
cat > "$work/want" <<'EOT'
DECL_TAG 'bpf_fastcall' component_idx=-1 type=FUNC 'bpf_fast'
DECL_TAG 'bpf_kfunc' component_idx=-1 type=FUNC 'bpf_fast'
DECL_TAG 'bpf_kfunc' component_idx=-1 type=FUNC 'bpf_foo'
EOT
diff "$work/want" "$work/on.txt"

"$d2b" --btf_features=default,-x --skip_encoding_btf_decl_tag --btf_encode_detached="$work/off.btf" "$obj"
"$cmp" --dump --kinds DECL_TAG "$work/off.btf" > "$work/off.txt"
[ ! -s "$work/off.txt" ] || { echo "kfuncs_test: tags without the feature:" >&2; cat "$work/off.txt" >&2; exit 1; }
echo "kfuncs_test: bpf_kfunc on bpf_foo and bpf_fast, bpf_fastcall on bpf_fast, none elsewhere"
