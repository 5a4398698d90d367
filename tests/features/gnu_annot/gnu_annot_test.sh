#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# gcc 16's annotations (DW_AT_GNU_annotation chains of DW_TAG_GNU_annotation
# DIEs, hand-assembled in gnu_annot.s) become the DECL_TAGs and TYPE_TAGs
# pahole's head makes of them: decl tags of a struct (two, chained), a member,
# a function and its parameter (a type tag in a member's chain is not one);
# a pointer's type tags in chain order from the pointer. Without the
# decl_tag/type_tag features there are none.
# usage: gnu_annot_test.sh DWARF2BTF BTFCMP OBJECT
set -eu
d2b=$1 cmp=$2 obj=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

"$d2b" --btf_features=decl_tag,type_tag --btf_encode_detached="$work/on.btf" "$obj"
"$cmp" --dump --kinds DECL_TAG,TYPE_TAG,PTR "$work/on.btf" > "$work/on.txt"
cat > "$work/want" <<'EOT'
PTR type=(TYPE_TAG 'rcu' type=(TYPE_TAG 'user' type=INT 'int'))
DECL_TAG 'f1' component_idx=-1 type=FUNC 'f'
DECL_TAG 'm1' component_idx=0 type=STRUCT 'S'
DECL_TAG 's1' component_idx=-1 type=STRUCT 'S'
DECL_TAG 's2' component_idx=-1 type=STRUCT 'S'
DECL_TAG 'x1' component_idx=0 type=FUNC 'f'
TYPE_TAG 'rcu' type=(TYPE_TAG 'user' type=INT 'int')
TYPE_TAG 'user' type=INT 'int'
EOT
diff "$work/want" "$work/on.txt"

"$d2b" --btf_features=var --btf_encode_detached="$work/off.btf" "$obj"
"$cmp" --dump --kinds DECL_TAG,TYPE_TAG,PTR "$work/off.btf" > "$work/off.txt"
echo "PTR type=INT 'int'" | diff - "$work/off.txt"
echo "gnu_annot_test: gcc's annotation chains read as pahole's head reads them"
