#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# End-to-end test of dwarf2btf on one compiled program (an object file or an
# executable built by tests/e2e/CMakeLists.txt). CMake registers it once per
# program, compiler and build variant; every step below must pass:
#
#  1. the object is the variant it claims (-p: DWARF version, compression,
#     type units, executable);
#  2. dwarf2btf exits 0, prints nothing and writes BTF that libbpf parses
#     (bpftool btf dump), that passes the kernel's rules (--btf_check) and
#     that has no two identical types (btf_dups);
#  3. output is deterministic: -j1 twice and -j4 give identical bytes (the
#     second -j1 run with --verify, which checks the BTF against the DWARF),
#     and so does reading every DIE through libdw (D2B_LIBDW_DIES=1) instead
#     of the loader's own decoder;
#  4. every line of each GOLDEN file is a line of "btfcmp --dump";
#  5. the types of the given kinds equal those of reference objects (-r:
#     other variants of the same program);
#  6. struct/union/enum layouts equal clang -target bpf's own BTF (-o);
#  7. "bpftool btf dump format c" compiles: with gcc for the host (with a
#     sizeof assertion per named struct and union) and with clang -target bpf;
#  8. dwarf2btf -J writes the same bytes into a copy of the object as section
#     .BTF (an executable must still run).
#
# With -k, only encode and ask the running kernel to load the BTF (btf_kload:
# exit 77 means it cannot ask, which CTest reports as skipped); --btf_check
# must agree with it.
#
# Usage: run_e2e.sh -d DWARF2BTF -c BTFCMP [-u BTF_DUPS] -w WORKDIR -b BPFTOOL -e READELF
#                   -y OBJCOPY [-g GCC] [-l CLANG] [-p PROPERTY]
#                   [-r KINDS:REF]... [-o KINDS:ORACLE] OBJ [GOLDEN...]
#        run_e2e.sh -d DWARF2BTF -c BTFCMP -w WORKDIR -k BTF_KLOAD OBJ
#
# WORKDIR is emptied first and keeps the intermediate files for inspection.
# KINDS is a btfcmp --kinds list; PROPERTY is one of dwarf4, dwarf5, gz,
# zlibgnu, types4, types5, exe.
set -eu

usage() {
	echo "usage: run_e2e.sh -d DWARF2BTF -c BTFCMP [-u BTF_DUPS] -w WORKDIR -b BPFTOOL -e READELF" >&2
	echo "                  -y OBJCOPY [-g GCC] [-l CLANG] [-p PROPERTY]" >&2
	echo "                  [-r KINDS:REF]... [-o KINDS:ORACLE] OBJ [GOLDEN...]" >&2
	echo "       run_e2e.sh -d DWARF2BTF -c BTFCMP -w WORKDIR -k BTF_KLOAD OBJ" >&2
	exit 2
}

DWARF2BTF=
BTFCMP=
WORKDIR=
BPFTOOL=
READELF=
OBJCOPY=
GCC=
CLANG=
PROPERTY=
REFS=
ORACLE=
KLOAD=
DUPS=
while getopts d:c:u:w:b:e:y:g:l:p:r:o:k: opt; do
	case $opt in
	d) DWARF2BTF=$OPTARG ;;
	c) BTFCMP=$OPTARG ;;
	u) DUPS=$OPTARG ;;
	w) WORKDIR=$OPTARG ;;
	b) BPFTOOL=$OPTARG ;;
	e) READELF=$OPTARG ;;
	y) OBJCOPY=$OPTARG ;;
	g) GCC=$OPTARG ;;
	l) CLANG=$OPTARG ;;
	p) PROPERTY=$OPTARG ;;
	r) REFS="$REFS$OPTARG
" ;;
	o) ORACLE=$OPTARG ;;
	k) KLOAD=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
if [ -z "$DWARF2BTF" ] || [ -z "$BTFCMP" ] || [ -z "$WORKDIR" ]; then
	usage
fi
if [ -z "$KLOAD" ] && { [ -z "$BPFTOOL" ] || [ -z "$READELF" ] || [ -z "$OBJCOPY" ]; }; then
	usage
fi
OBJ=$1
shift

W=$WORKDIR
rm -rf "$W"
mkdir -p "$W"

fail() {
	echo "FAIL: $OBJ: $*" >&2
	echo "(files kept in $W)" >&2
	exit 1
}

# show FILE...: print files to stderr, for failure reports
show() {
	for f in "$@"; do
		echo "--- $f:" >&2
		cat "$f" >&2
	done
}

# encode OUT [OPTION...]: dwarf2btf OPTION... OBJ into raw BTF file OUT; it
# must succeed and print nothing
encode() {
	out=$1
	shift
	rc=0
	"$DWARF2BTF" "$@" --btf_encode_detached="$out" "$OBJ" >"$W/encode.out" 2>"$W/encode.err" ||
		rc=$?
	if [ "$rc" -ne 0 ]; then
		show "$W/encode.out" "$W/encode.err"
		fail "dwarf2btf $* exited with $rc"
	fi
	if [ -s "$W/encode.out" ] || [ -s "$W/encode.err" ]; then
		show "$W/encode.out" "$W/encode.err"
		fail "dwarf2btf $* printed messages"
	fi
	[ -s "$out" ] || fail "dwarf2btf $* wrote no BTF"
}

# encode_ref OUT INPUT: BTF of another object (a reference), into OUT
encode_ref() {
	rc=0
	"$DWARF2BTF" --btf_encode_detached="$1" "$2" >"$W/ref.err" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		show "$W/ref.err"
		fail "dwarf2btf on reference $2 exited with $rc"
	fi
}

# ---- kernel mode: the running kernel must accept the BTF
if [ -n "$KLOAD" ]; then
	encode "$W/out.btf" -j1
	rc=0
	"$KLOAD" "$W/out.btf" || rc=$?
	case $rc in
	0)
		"$DWARF2BTF" --btf_check "$W/out.btf" >"$W/check.out" 2>&1 || {
			show "$W/check.out"
			fail "the kernel loads the BTF, --btf_check rejects it"
		}
		exit 0
		;;
	77) echo "SKIP: $OBJ: the kernel cannot be asked (btf_kload exit 77)" >&2; exit 77 ;;
	*) fail "btf_kload exited with $rc" ;;
	esac
fi

# ---- 1. the object is what the variant says
sections() {
	"$READELF" -S -W "$OBJ" >"$W/sections.txt" || fail "readelf -S failed"
}
# cu_versions: the sorted distinct DWARF versions of all units, one a line
cu_versions() {
	"$READELF" --debug-dump=info "$OBJ" 2>/dev/null | awk '$1 == "Version:" { print $2 }' |
		sort -u
}
case $PROPERTY in
'') ;;
dwarf4 | dwarf5)
	want=${PROPERTY#dwarf}
	got=$(cu_versions | tr '\n' ' ')
	[ "$got" = "$want " ] || fail "DWARF versions of the units are '$got', expected $want"
	;;
gz)
	sections
	# readelf -S -W: "[Nr] Name Type Address Off Size ES Flg Lk Inf Al", where
	# [Nr] may hold a space and Flg may be empty
	flags=$(sed -n 's/^ *\[ *[0-9]*\] //p' "$W/sections.txt" |
		awk '$1 == ".debug_info" && NF == 10 { print $7 }')
	case $flags in
	*C*) ;;
	*) fail ".debug_info flags are '$flags', expected SHF_COMPRESSED (C)" ;;
	esac
	;;
zlibgnu)
	sections
	grep -q ' \.zdebug_info ' "$W/sections.txt" || fail "no .zdebug_info section (zlib-gnu)"
	;;
types4)
	sections
	grep -q ' \.debug_types ' "$W/sections.txt" || fail "no .debug_types section"
	;;
types5)
	"$READELF" --debug-dump=info "$OBJ" 2>/dev/null | grep -q 'Unit Type: *DW_UT_type' ||
		fail "no DWARF 5 type unit (DW_UT_type)"
	;;
exe)
	"$READELF" -h "$OBJ" | grep -Eq 'Type: *(EXEC|DYN)' || fail "not an executable"
	;;
*)
	fail "unknown property '$PROPERTY'"
	;;
esac

# ---- 2. encode; libbpf must parse the result
encode "$W/out.btf" -j1
"$BPFTOOL" btf dump file "$W/out.btf" >"$W/raw.txt" 2>"$W/bpftool.err" || {
	show "$W/bpftool.err"
	fail "bpftool (libbpf) cannot parse the BTF"
}
"$DWARF2BTF" --btf_check "$W/out.btf" >"$W/check.out" 2>&1 || {
	show "$W/check.out"
	fail "--btf_check: the BTF breaks the kernel's rules"
}
grep -q '^\[1\] ' "$W/raw.txt" || fail "the BTF has no types"
if [ -n "$DUPS" ]; then
	"$DUPS" "$W/out.btf" >"$W/dups.txt" || {
		show "$W/dups.txt"
		fail "identical types in the BTF"
	}
fi

# ---- 3. determinism
encode "$W/again.btf" -j1 --verify
cmp "$W/out.btf" "$W/again.btf" || fail "two -j1 runs wrote different BTF"
encode "$W/j4.btf" -j4
cmp "$W/out.btf" "$W/j4.btf" || fail "-j1 and -j4 wrote different BTF"
# the loader's own DIE decoder and libdw's must read the same DWARF
D2B_LIBDW_DIES=1 encode "$W/libdw_dies.btf" -j1
cmp "$W/out.btf" "$W/libdw_dies.btf" || fail "libdw's DIE reading gave different BTF"
# an object file: relocated by us, or by libdwfl (.zdebug sections, other
# machines); both must give the same BTF
if [ "$PROPERTY" != exe ] && [ "$PROPERTY" != types4 ] && [ "$PROPERTY" != types5 ]; then
	D2B_LIBDWFL_RELOC=1 encode "$W/libdwfl.btf" -j1
	cmp "$W/out.btf" "$W/libdwfl.btf" ||
		fail "our relocation and libdwfl's gave different BTF"
	"$DWARF2BTF" -V -V --btf_encode_detached="$W/v.btf" "$OBJ" >"$W/v.out" 2>&1 || true
	want="relocations applied"
	[ "$PROPERTY" = zlibgnu ] && want="relocated by libdwfl"
	if [ "$(uname -m)" = x86_64 ] && ! grep -q "$want" "$W/v.out"; then
		show "$W/v.out"
		fail "expected '$want' in the -V -V output"
	fi
fi

# ---- 4. golden lines
"$BTFCMP" --dump "$W/out.btf" >"$W/dump.txt" || fail "btfcmp --dump failed"
missing=0
for golden in "$@"; do
	while IFS= read -r line; do
		case $line in
		'' | '#'*) continue ;;
		esac
		if ! grep -Fxq -- "$line" "$W/dump.txt"; then
			echo "missing (from $golden): $line" >&2
			missing=$((missing + 1))
		fi
	done <"$golden"
done
[ "$missing" -eq 0 ] || fail "$missing golden lines are not in the BTF (dump: $W/dump.txt)"

# ---- 5. same types as the reference variants
n=0
while IFS= read -r ref; do
	[ -n "$ref" ] || continue
	n=$((n + 1))
	kinds=${ref%%:*}
	refobj=${ref#*:}
	encode_ref "$W/ref$n.btf" "$refobj"
	rc=0
	"$BTFCMP" --kinds "$kinds" "$W/ref$n.btf" "$W/out.btf" >"$W/ref$n.diff" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		show "$W/ref$n.diff"
		fail "types ($kinds) differ from reference $refobj (btfcmp exit $rc)"
	fi
done <<EOF
$REFS
EOF

# ---- 6. clang -target bpf as an oracle for layouts
# Two representation differences are normalised, nothing else:
#  - the index type of an ARRAY carries no layout (we use int as pahole does,
#    clang its own __ARRAY_SIZE_TYPE__): dropped;
#  - clang 14 writes no enum signedness (kflag, LLVM 15): the encoding is
#    dropped and negative 32-bit values are shown as clang stores them,
#    modulo 2^32.
oracle_normalise() {
	sed -e "s/ index_type=INT '[^']*'//g" -e 's/ encoding=[A-Z]* size=/ size=/g' |
		awk '{
			out = ""
			while (match($0, /\047=-[0-9]+/)) {
				v = substr($0, RSTART + 3, RLENGTH - 3)
				out = out substr($0, 1, RSTART - 1) "\047="
				out = out sprintf("%.0f", 4294967296 - v)
				$0 = substr($0, RSTART + RLENGTH)
			}
			print out $0
		}' | sort
}
if [ -n "$ORACLE" ]; then
	kinds=${ORACLE%%:*}
	oracle=${ORACLE#*:}
	# clang writes FLOAT; compare with our FLOATs rather than INTs
	encode "$W/floats.btf" -j1 --btf_gen_floats
	"$BTFCMP" --dump --kinds "$kinds" "$W/floats.btf" >"$W/ours.dump" ||
		fail "btfcmp --dump failed"
	"$BTFCMP" --dump --kinds "$kinds" "$oracle" >"$W/oracle.dump" ||
		fail "btfcmp --dump $oracle failed"
	oracle_normalise <"$W/ours.dump" >"$W/ours.norm"
	oracle_normalise <"$W/oracle.dump" >"$W/oracle.norm"
	[ -s "$W/oracle.norm" ] || fail "the oracle $oracle has no types of kinds $kinds"
	if ! diff -u "$W/oracle.norm" "$W/ours.norm" >"$W/oracle.diff"; then
		show "$W/oracle.diff"
		fail "types ($kinds) differ from clang -target bpf's BTF ($oracle)"
	fi
fi

# ---- 7. the C dump of the BTF compiles
"$BPFTOOL" btf dump file "$W/out.btf" format c >"$W/btf.h" 2>"$W/bpftool.err" || {
	show "$W/bpftool.err"
	fail "bpftool btf dump format c failed"
}
# sizeof assertions: -F"'" splits "STRUCT 'name' size=N ..." into kind, name,
# rest. libbpf 1.1 dumps an enum narrower than 4 bytes without its packed
# attribute, so a struct with a member of such an enum has another size in C:
# those structs (the first pass collects the enums) are not asserted.
awk -F"'" '
	NR == FNR {
		if ($0 ~ /^ENUM \047[^\047]+\047 encoding=[A-Z]* size=[12] /)
			narrow["ENUM \047" $2 "\047"] = 1
		next
	}
	/^(STRUCT|UNION) \047[^\047]+\047 size=/ {
		for (e in narrow)
			if (index($0, e))
				next
		kind = ($1 == "STRUCT ") ? "struct" : "union"
		match($3, /size=[0-9]+/)
		size = substr($3, RSTART + 5, RLENGTH - 5)
		printf "_Static_assert(sizeof(%s %s) == %s, \"%s %s\");\n", kind, $2, size, kind, $2
	}' "$W/dump.txt" "$W/dump.txt" >"$W/asserts.h"
printf '#include "btf.h"\n' >"$W/btf_c.c"
printf '#include "btf.h"\n#include "asserts.h"\n' >"$W/btf_host.c"
if [ -n "$GCC" ]; then
	"$GCC" -fsyntax-only -DBPF_NO_PRESERVE_ACCESS_INDEX "$W/btf_host.c" \
		>"$W/gcc.err" 2>&1 || {
		show "$W/gcc.err"
		fail "the C dump of the BTF does not compile with gcc (or a size differs)"
	}
fi
if [ -n "$CLANG" ]; then
	"$CLANG" -target bpf -fsyntax-only "$W/btf_c.c" >"$W/clang.err" 2>&1 || {
		show "$W/clang.err"
		fail "the C dump of the BTF does not compile with clang -target bpf"
	}
fi

# ---- 8. -J: the same BTF, written into a copy of the input
case $OBJ in
*.o) inplace=$W/inplace.o ;;
*) inplace=$W/inplace ;;
esac
cp "$OBJ" "$inplace"
rc=0
"$DWARF2BTF" -J "$inplace" >"$W/inplace.err" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
	show "$W/inplace.err"
	fail "dwarf2btf -J exited with $rc"
fi
if [ -s "$W/inplace.err" ]; then
	show "$W/inplace.err"
	fail "dwarf2btf -J printed messages"
fi
"$READELF" -S -W "$inplace" | grep -q ' \.BTF ' || fail "dwarf2btf -J wrote no .BTF section"
"$OBJCOPY" --dump-section .BTF="$W/inplace.btf" "$inplace" "$W/objcopy.out" ||
	fail "objcopy cannot extract .BTF"
if ! cmp "$W/out.btf" "$W/inplace.btf"; then
	# show which types differ; the test fails below whatever btfcmp says
	"$BTFCMP" "$W/out.btf" "$inplace" >&2 || :
	fail "the .BTF written by -J differs from the detached BTF"
fi
if [ "$PROPERTY" = exe ]; then
	"$inplace" || fail "the executable no longer runs after dwarf2btf -J"
fi
exit 0
