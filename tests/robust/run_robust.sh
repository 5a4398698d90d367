#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Bad-input tests: dwarf2btf must fail cleanly on broken input, broken base
# BTF, unwritable output and bad command lines. Each case runs dwarf2btf
# (under timeout 20) and checks:
#  - the exit status: 1 for an input, encoding or output failure, 2 for a
#    usage error, 0 where the input is odd but encodable;
#  - stderr: exactly one line, "dwarf2btf: ...", which names the file (or
#    option) and says what is wrong (a key phrase); nothing for a success;
#  - no crash, hang or sanitizer report;
#  - the input file's bytes are unchanged (sha256) and no file appeared in
#    or vanished from its directory (no temp file left behind).
# The bad inputs are made from the fixtures (objects compiled from
# fixture.c at build time) with robust_gen.
#
# usage: run_robust.sh --list
#        run_robust.sh OPTIONS CASE
#        run_robust.sh OPTIONS crasher elf|base FILE
# options: -d DWARF2BTF -g ROBUST_GEN -f FIXTURES_DIR -w WORK_DIR [-b BPFTOOL]
# A crasher (a file that once crashed dwarf2btf, see tests/fuzz) is encoded
# as an input (elf) or used as the base BTF (base); it must give exit status
# 0 or 1 with the messages described above (warnings allowed), and under
# ASan allocate no block above 64 MB.
set -eu

CASES="not_elf empty missing_input directory_input
cut_in_elf_header cut_in_section_headers cut_in_debug_info section_past_eof
stripped_debug stripped_all so_symtab_corrupt_j2 so_debug_info_cut_j2
debug_info_random debug_info_random_dies debug_info_header_random
abbrev_codes_zeroed abbrev_code_unknown debug_abbrev_random debug_abbrev_cut
str_offsets_bad str_section_cut str_offsets_dwarf5_bad line_str_offsets_bad
reloc_offset_bogus reloc_symbol_bogus reloc_type_unknown
dwarf_version_6 dwarf_version_1
typedef_cycle pointer_const_cycle array_typedef_cycle
type_ref_out_of_bounds type_ref_into_die type_ref_to_unit sibling_cycle
huge_array_count huge_byte_size bit_offset_past_32_bits huge_bit_size
enum_size_3 int_size_0
base_missing base_directory base_garbage base_cut base_bad_type_ref
base_bad_name base_bad_array_ref base_big_endian base_elf_without_btf
base_unrelated
detached_missing_dir detached_dev_full detached_readonly_dir
inplace_readonly_dir inplace_file_size_limit
unknown_long_option unknown_short_option missing_argument_base
missing_argument_detached no_input nothing_to_do bad_job_count
detached_two_inputs unknown_language"

if [ "${1:-}" = --list ]; then
	for c in $CASES; do
		echo "$c"
	done
	exit 0
fi

d2b='' gen='' fx='' work='' bpftool=''
while getopts d:g:f:w:b: opt; do
	case $opt in
	d) d2b=$OPTARG ;;
	g) gen=$OPTARG ;;
	f) fx=$OPTARG ;;
	w) work=$OPTARG ;;
	b) bpftool=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ -z "$d2b" ] || [ -z "$gen" ] || [ -z "$fx" ] || [ -z "$work" ] || [ $# -lt 1 ]; then
	echo "usage: run_robust.sh -d DWARF2BTF -g ROBUST_GEN -f FIXTURES -w WORK [-b BPFTOOL] CASE" >&2
	exit 2
fi
name=$1

fail() {
	echo "FAIL: $name: $*" >&2
	if [ -s "$work/stderr" ]; then
		echo "--- stderr of dwarf2btf:" >&2
		cat "$work/stderr" >&2
	fi
	exit 1
}

skip() {
	echo "SKIP: $name: $*" >&2
	exit 77
}

# fresh directories: the input goes to in/, detached output to out/
if [ -d "$work" ]; then
	chmod -R u+w "$work"
fi
rm -rf "$work"
mkdir -p "$work/in" "$work/out"
in="$work/in/input.o"
out="$work/out/out.btf"

# fixture NAME: $fxp is its path (skip the case if it was not built)
fixture() {
	fxp=$fx/$1
	[ -f "$fxp" ] || skip "fixture $1 was not built (compiler missing?)"
}

# bad FIXTURE MODE ARGS...: $in = damaged copy of FIXTURE
bad() {
	fixture "$1"
	shift
	"$gen" elf "$fxp" "$in" "$@" || fail "robust_gen cannot make the input"
}

# copy FIXTURE: $in = a copy of FIXTURE
copy() {
	fixture "$1"
	cp "$fxp" "$in"
}

# make_base MODE: $work/base.btf from robust_gen
make_base() {
	"$gen" btf "$work/base.btf" "$1" || fail "robust_gen cannot make the base"
}

snapshot() {
	if [ -f "$in" ]; then
		sha256sum < "$in" > "$work/sum.before"
	else
		: > "$work/sum.before"
	fi
	ls -A "$work/in" > "$work/in.before"
	ls -A "$work/out" > "$work/out.before"
}

check_unchanged() {
	if [ -f "$in" ]; then
		sha256sum < "$in" > "$work/sum.after"
	else
		: > "$work/sum.after"
	fi
	cmp -s "$work/sum.before" "$work/sum.after" || fail "the input file changed"
	ls -A "$work/in" > "$work/in.after"
	cmp -s "$work/in.before" "$work/in.after" ||
		fail "files appeared or vanished next to the input: $(diff "$work/in.before" "$work/in.after" | tr '\n' ' ')"
}

check_no_crash() {
	if grep -E -q 'Sanitizer|runtime error:|AddressSanitizer|LeakSanitizer' "$work/stderr"; then
		fail "sanitizer report"
	fi
	[ "$rc" != 124 ] || fail "hung (timeout after 20 s)"
	[ "$rc" -lt 124 ] || fail "crashed (exit status $rc)"
}

# how run() starts the command: plain, as user nobody (as_unprivileged),
# or with a 1 KiB file size limit and SIGXFSZ ignored (writes fail with EFBIG)
wrap=plain
invoke() {
	case $wrap in
	plain) timeout 20 "$@" ;;
	nobody) timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups "$@" ;;
	fsize) timeout 20 sh -c 'ulimit -f 2 && trap "" XFSZ && exec "$@"' sh "$@" ;;
	esac
}

# run COMMAND ARGS...: under timeout; status in $rc
run() {
	snapshot
	set +e
	invoke "$@" > "$work/stdout" 2> "$work/stderr"
	rc=$?
	set -e
	check_no_crash
}

# expect STATUS WHO PHRASE ARGS...: run dwarf2btf ARGS; it must exit with
# STATUS and print one line naming WHO (fixed string) that matches PHRASE
# (extended regular expression); STATUS 0 and PHRASE "": nothing printed
expect() {
	status=$1 who=$2 phrase=$3
	shift 3
	run "$d2b" "$@"
	[ "$rc" = "$status" ] || fail "exit status $rc, expected $status"
	if [ -z "$phrase" ]; then
		[ ! -s "$work/stderr" ] || fail "unexpected messages"
	else
		[ "$(wc -l < "$work/stderr")" = 1 ] || fail "not exactly one line on stderr"
		if [ "$status" = 0 ]; then
			grep -q '^dwarf2btf: warning: ' "$work/stderr" || fail "not a dwarf2btf warning"
		else
			grep -q '^dwarf2btf: ' "$work/stderr" || fail "not a dwarf2btf message"
			! grep -q '^dwarf2btf: warning: ' "$work/stderr" || fail "a warning, not an error"
		fi
		grep -F -q -e "$who" "$work/stderr" || fail "the message does not name '$who'"
		grep -E -q -e "$phrase" "$work/stderr" || fail "the message does not say '$phrase'"
	fi
	check_unchanged
	if [ "$status" != 0 ]; then
		ls -A "$work/out" > "$work/out.after"
		cmp -s "$work/out.before" "$work/out.after" || fail "files left in the output directory"
	fi
}

# input fails: -J on $in, status 1
expect_input() {
	expect 1 "$in" "$1" -J "$in"
}

# input encodes with a warning (PHRASE) or silently (""): detached output
expect_ok() {
	expect 0 "$in" "$1" --btf_encode_detached="$out" "$in"
	[ -s "$out" ] || fail "no output"
}

# base fails: status 1, the message names the base
expect_base() {
	copy fx.gcc4.o
	expect 1 "$1" "$2" --btf_base "$1" --btf_encode_detached="$out" "$in"
}

expect_usage() {
	who=$1 phrase=$2
	shift 2
	copy fx.gcc4.o
	expect 2 "$who" "$phrase" "$@"
}

# as_unprivileged DIR: no write permission in DIR for dwarf2btf, even as root
as_unprivileged() {
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv > /dev/null || skip "running as root without setpriv"
		chmod 755 "$work/in" "$work/out"
		chmod 644 "$in"
		setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$in" ||
			skip "user nobody cannot read $in"
		wrap=nobody
	else
		chmod 555 "$1"
	fi
}

crasher() {
	kind=$1 file=$2
	[ -f "$file" ] || fail "no file $file"
	# under ASan an allocation no input of this size needs is a crash too
	# (debug-types-unit-size once asked for 16 GB); other builds ignore it
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}max_allocation_size_mb=64"
	export ASAN_OPTIONS
	if [ "$kind" = elf ]; then
		cp "$file" "$in"
		run "$d2b" --btf_encode_detached="$out" "$in"
		who=$in
	else
		copy fx.gcc4.o
		cp "$file" "$work/base"
		run "$d2b" --btf_base "$work/base" --btf_encode_detached="$out" "$in"
		who=$work/base
	fi
	case $rc in
	0) ;;
	1)
		sed '/^dwarf2btf: warning: /d' "$work/stderr" > "$work/errors"
		[ "$(wc -l < "$work/errors")" = 1 ] || fail "not exactly one error line"
		grep -q '^dwarf2btf: ' "$work/errors" || fail "not a dwarf2btf message"
		grep -F -q -e "$who" "$work/errors" || fail "the message does not name '$who'"
		;;
	*) fail "exit status $rc" ;;
	esac
	if grep -v -q '^dwarf2btf: ' "$work/stderr"; then
		fail "a line on stderr that is not a dwarf2btf message"
	fi
	check_unchanged
}

if [ "$name" = crasher ]; then
	[ $# = 3 ] || fail "usage: crasher elf|base FILE"
	name="crasher $3"
	crasher "$2" "$3"
	exit 0
fi

case $name in
# ---- not ELF, cut, stripped
not_elf)
	printf 'hello, world\n' > "$in"
	expect_input "not an ELF file" ;;
empty)
	: > "$in"
	expect_input "not an ELF file" ;;
missing_input)
	expect_input "No such file or directory" ;;
directory_input)
	mkdir "$in"
	expect_input "not a regular file" ;;
cut_in_elf_header)
	bad fx.gcc4.o cut ehdr
	expect_input "truncated or corrupt ELF header" ;;
cut_in_section_headers)
	bad fx.gcc4.o cut shdrs
	expect_input "truncated: the section header table" ;;
cut_in_debug_info)
	bad fx.gcc4.o cut .debug_info
	expect_input "truncated" ;;
section_past_eof)
	bad fx.gcc4.o size .debug_info past-eof
	expect_input "truncated: section [0-9]+ .* ends past the end of the file" ;;
stripped_debug)
	copy fx.strip-debug.o
	expect_input "no DWARF" ;;
stripped_all)
	copy fx.strip-all.o
	expect_input "no DWARF" ;;
# ---- a linked file at -j2: its symbols are read while the units are indexed
so_symtab_corrupt_j2)
	bad fx.gcc.so size .symtab 1
	expect 1 "$in" "corrupt symbol table" -j2 -J "$in" ;;
so_debug_info_cut_j2)
	bad fx.gcc.so size .debug_info 9
	expect 1 "$in" "corrupt DWARF" -j2 -J "$in" ;;
# ---- corrupt DWARF
debug_info_random)
	bad fx.gcc4.o random .debug_info 11
	expect_input "corrupt DWARF" ;;
debug_info_random_dies)
	bad fx.gcc4.o random .debug_info 64
	expect_input "DIE 0x40: unreadable DIE" ;;
debug_info_header_random)
	bad fx.gcc4.o random .debug_info 0
	expect_input "unsupported DWARF version|corrupt DWARF" ;;
abbrev_codes_zeroed)
	bad fx.gcc4.o zero .debug_info 11
	expect_input "corrupt DWARF: unit DIE 0xb cannot be read" ;;
abbrev_code_unknown)
	bad fx.gcc4.o byte .debug_info 11 0x7e
	expect_input "corrupt DWARF: unit DIE 0xb cannot be read" ;;
debug_abbrev_random)
	bad fx.gcc4.o random .debug_abbrev 0
	expect_input "corrupt DWARF" ;;
debug_abbrev_cut)
	bad fx.gcc4.o size .debug_abbrev 3
	expect_input "corrupt DWARF" ;;
str_offsets_bad)
	bad fx.gcc4.o addend .debug_info .debug_str 0x7ffffff0
	expect_input "unreadable unit name" ;;
str_section_cut)
	bad fx.gcc4.o size .debug_str 1
	expect_input "unreadable unit name" ;;
str_offsets_dwarf5_bad)
	bad fx.clang5.o addend .debug_str_offsets .debug_str 0x7ffffff0
	expect_input "unreadable unit name" ;;
line_str_offsets_bad)
	bad fx.gcc5.o addend .debug_info .debug_line_str 0x7ffffff0
	expect_input "unreadable unit name" ;;
# relocations elf/elf_reloc.c does not take: libdwfl relocates, as before
reloc_offset_bogus)
	bad fx.gcc4.o rela .debug_info 0 offset 0xffffff0
	expect_input "cannot read DWARF" ;;
reloc_symbol_bogus)
	bad fx.gcc4.o rela .debug_info 0 sym 0x7fffff
	expect_input "cannot read DWARF" ;;
reloc_type_unknown)
	bad fx.gcc4.o rela .debug_info 0 type 99
	expect_ok "" ;;
dwarf_version_6)
	bad fx.gcc4.o version 6
	expect_input "unsupported DWARF version 6 in the unit at 0x0" ;;
dwarf_version_1)
	bad fx.gcc4.o version 1
	expect_input "unsupported DWARF version 1 in the unit at 0x0" ;;
# ---- references
typedef_cycle)
	bad fx.gcc4.o ref typedef fx_int self
	expect_input "cyclic type reference through typedef 'fx_int'" ;;
pointer_const_cycle)
	bad fx.gcc4.o ref const_type - referrer:pointer_type
	expect_input "cyclic type reference" ;;
array_typedef_cycle)
	bad fx.gcc4.o ref array_type - referrer:typedef
	expect_input "cyclic type reference" ;;
type_ref_out_of_bounds)
	bad fx.gcc4.o ref typedef fx_int oob
	expect_input "unresolvable type reference" ;;
type_ref_into_die)
	bad fx.gcc4.o ref typedef fx_int mid
	expect_input "which is not a type" ;;
type_ref_to_unit)
	bad fx.gcc4.o ref typedef fx_int cu
	expect_input "which is not a type \\(tag 0x11\\)" ;;
sibling_cycle)
	bad fx.gcc4.o ref structure_type fx_s self sibling
	expect_input "cannot read the next sibling DIE" ;;
# ---- sizes BTF cannot hold
huge_array_count)
	copy fx.huge_array.o
	expect_ok "array of 1099511627776 elements truncated to 0" ;;
huge_byte_size)
	copy fx.huge_struct.o
	expect_input "byte size 8589934596 exceeds" ;;
bit_offset_past_32_bits)
	copy fx.far_member.o
	expect_input "member 'x': offset does not fit" ;;
huge_bit_size)
	bad fx.gcc4.o data member b bit_size 200
	expect_input "member 'b': bit size 200 exceeds 128" ;;
enum_size_3)
	bad fx.gcc4.o data enumeration_type fx_e byte_size 3
	expect_input "enum byte size 3" ;;
int_size_0)
	bad fx.gcc4.o data base_type int byte_size 0
	expect_ok "base type 'int' of 0 bytes has no BTF form" ;;
# ---- base BTF
base_missing)
	expect_base "$work/no-such-base" "cannot read base BTF: No such file or directory" ;;
base_directory)
	expect_base "$work/out" "not a regular file" ;;
base_garbage)
	make_base garbage
	expect_base "$work/base.btf" "neither raw BTF nor an ELF file" ;;
base_cut)
	make_base cut
	expect_base "$work/base.btf" "cannot read base BTF \\(raw\\)" ;;
base_bad_type_ref)
	make_base badref
	expect_base "$work/base.btf" "corrupt base BTF: BTF type \\[4\\] TYPEDEF 'rg_t': refers to a type past" ;;
base_bad_name)
	make_base badstr
	expect_base "$work/base.btf" "corrupt base BTF: BTF type \\[3\\] STRUCT .*name offset" ;;
base_bad_array_ref)
	make_base badarray
	expect_base "$work/base.btf" "corrupt base BTF: BTF type \\[5\\] ARRAY" ;;
base_big_endian)
	make_base be
	expect_base "$work/base.btf" "little-endian but the base BTF .* is big-endian" ;;
base_elf_without_btf)
	fixture fx.gcc5.o
	cp "$fxp" "$work/base.o"
	expect_base "$work/base.o" "without a .BTF section" ;;
base_unrelated)
	# a base that shares nothing with the input: encoding works, the types
	# simply all land in the split BTF
	make_base valid
	copy fx.gcc4.o
	expect 0 "" "" --btf_base "$work/base.btf" --btf_encode_detached="$out" "$in"
	[ -n "$bpftool" ] || skip "no bpftool to check the output"
	"$bpftool" btf dump -B "$work/base.btf" file "$out" > "$work/dump" ||
		fail "bpftool cannot read the split BTF"
	grep -q "STRUCT 'fx_s'" "$work/dump" || fail "struct fx_s is not in the split BTF" ;;
# ---- output that cannot be written
detached_missing_dir)
	copy fx.gcc4.o
	expect 1 "$work/out/missing/out.btf" "cannot create temp file in directory: No such file" \
		--btf_encode_detached="$work/out/missing/out.btf" "$in" ;;
detached_dev_full)
	copy fx.gcc4.o
	expect 1 /dev/full "not a regular file" --btf_encode_detached=/dev/full "$in" ;;
detached_readonly_dir)
	copy fx.gcc4.o
	as_unprivileged "$work/out"
	expect 1 "$out" "cannot create temp file in directory: Permission denied" \
		--btf_encode_detached="$out" "$in" ;;
inplace_readonly_dir)
	copy fx.gcc4.o
	as_unprivileged "$work/in"
	expect 1 "$in" "cannot create temp file in directory: Permission denied" -J "$in" ;;
inplace_file_size_limit)
	# writes fail with EFBIG past 1 KiB: no temp file may stay behind
	copy fx.gcc4.o
	wrap=fsize
	expect 1 "$in" "cannot write temp file: File too large" -J "$in" ;;
# ---- usage errors
unknown_long_option)
	expect_usage "--no-such-option" "unknown option" --no-such-option -J "$in" ;;
unknown_short_option)
	expect_usage "-Z" "unknown option" -Z -J "$in" ;;
missing_argument_base)
	expect_usage "--btf_base" "missing argument" -J "$in" --btf_base ;;
missing_argument_detached)
	expect_usage "--btf_encode_detached" "missing argument" "$in" --btf_encode_detached ;;
no_input)
	expect_usage "" "no input file" -J ;;
nothing_to_do)
	expect_usage "-J" "nothing to do" "$in" ;;
bad_job_count)
	expect_usage "'0'" "invalid job count" -j0 -J "$in" ;;
detached_two_inputs)
	expect_usage "--btf_encode_detached" "single input file" --btf_encode_detached="$out" \
		"$in" "$in" ;;
unknown_language)
	expect_usage "klingon" "unknown language" --lang=klingon -J "$in" ;;
*)
	echo "run_robust.sh: unknown case '$name'" >&2
	exit 2 ;;
esac
echo "PASS: $name"
