#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# VARs of variables defined through DW_AT_specification (and, with -flto,
# DW_AT_abstract_origin): named after their DWARF variable, never after
# another symbol at the same place (the zero-size const_pcpu_hot of 6.12,
# lockdep's __key.N), typed by the definition (a complete array), and
# without the names pahole filters out.
# usage: vars_test.sh DWARF2BTF BTFCMP OBJ...
set -eu
d2b=$1 cmp=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fail() {
	echo "vars_test: FAIL: $*" >&2
	exit 1
}

# place SYMBOL OBJ REL: "SECTION OFFSET" of a defined symbol (REL=1: object file)
place() {
	readelf -W -s "$2" | awk -v s="$1" '$8 == s { print $7, $2 }' | head -n 1 > "$work/sym"
	read -r ndx value < "$work/sym" || fail "$2: no symbol $1"
	readelf -W -S "$2" | sed 's/^ *\[ *//; s/\]//' | awk -v n="$ndx" '$1 == n { print $2, $4 }' \
		> "$work/sec"
	read -r sec addr < "$work/sec" || fail "$2: no section $ndx"
	if [ "$3" = 1 ]; then
		echo "$sec $((0x$value))"
	else
		echo "$sec $((0x$value - 0x$addr))"
	fi
}

for obj in "$@"; do
	rel=0
	readelf -h "$obj" | grep -q 'REL (Relocatable' && rel=1
	# place prints two words: section and offset
	# shellcheck disable=SC2046
	set -- $(place pcpu_hot "$obj" $rel)
	hot_sec=$1 hot_off=$2
	# shellcheck disable=SC2046
	set -- $(place sgx_epc_sections "$obj" $rel)
	key_sec=$1 key_off=$2
	# zero-size symbols at the same places, sorting before the variables' names
	objcopy --add-symbol "const_pcpu_hot=$hot_sec:$hot_off,global,object" \
		--add-symbol "__key.0=$key_sec:$key_off,local,object" "$obj" "$work/obj"

	"$d2b" --btf_features=var --btf_encode_detached="$work/pcpu.btf" "$work/obj"
	"$cmp" --dump --kinds VAR "$work/pcpu.btf" > "$work/pcpu.txt"
	if [ "$hot_sec" = .data..percpu ]; then
		echo "VAR 'pcpu_hot' linkage=global-alloc type=STRUCT 'hot'" > "$work/want"
		"$cmp" --dump --kinds DATASEC "$work/pcpu.btf" |
			grep -q "^DATASEC '.data..percpu' size=16 vlen=1 {type=VAR 'pcpu_hot' offset=0 size=16}$" ||
			fail "$obj: pcpu_hot is not the per-CPU DATASEC's variable"
	else
		: > "$work/want" # linked: no per-CPU section
	fi
	diff "$work/want" "$work/pcpu.txt" || fail "$obj: per-CPU VARs differ (above)"

	"$d2b" --btf_features=var,global_var --btf_encode_detached="$work/all.btf" "$work/obj"
	"$cmp" --dump --kinds VAR "$work/all.btf" > "$work/all.txt"
	# gcc qualifies the array itself, clang only its elements
	grep "^VAR 'banner' linkage=global-alloc type=.*(ARRAY type=(CONST type=INT 'char') index_type=INT 'int' nr_elems=3)" \
		"$work/all.txt" > /dev/null || fail "$obj: banner has not its definition's complete type"
	sed -i "/^VAR 'banner' /d" "$work/all.txt"
	cat > "$work/want" <<'EOT'
VAR 'counter' linkage=global-alloc type=INT 'int'
VAR 'pcpu_hot' linkage=global-alloc type=STRUCT 'hot'
VAR 'sgx_epc_sections' linkage=static type=STRUCT 'key'
EOT
	diff "$work/want" "$work/all.txt" || fail "$obj: global VARs differ (above)"
	"$cmp" --dump --kinds DATASEC "$work/all.btf" | grep -q "type=VAR 'sgx_epc_sections' offset=$key_off size=4[;}]" ||
		fail "$obj: sgx_epc_sections not at offset $key_off of its DATASEC"
	echo "vars_test: $obj: VARs named and typed by their DWARF variables"
done
