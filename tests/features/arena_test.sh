#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# attributes (pahole 1.30, kernels 6.16+ pass --btf_features=attributes):
# the kfuncs of arena/arena.c flagged KF_ARENA_RET/ARG1/ARG2 get prototypes
# whose return value / first / second parameter is PTR -> TYPE_TAG
# 'address_space(1)' with kind_flag 1 -> the old pointee. Checked:
#  - the exact raw dumps (arena/on.expected, checked by hand: [18]/[19] are
#    the char attribute and pointer of bpf_arena_fill, whose prototype [4]
#    changed in place; [21]/[22] the void ones, shared by the return value
#    and addr__ign of bpf_arena_alloc_pages [9] and by ptr__ign of
#    bpf_arena_free_pages, which gets a new prototype [23] because
#    not_a_kfunc keeps [7]; bpf_plain has no arena flags);
#  - the kind_flag (bpftool 7.1 does not print it; btfcmp does);
#  - without the feature nothing changes (arena/off.expected);
#  - --skip_encoding_btf_decl_tag drops the bpf_kfunc tags, not the attributes;
#  - a module's arena kfunc on that base reuses the base's PTR [22]
#    (arena/mod.expected);
#  - the running kernel's BTF verifier accepts both (6.15+; older kernels
#    reject kind_flag on TYPE_TAG, so the load is only reported there).
# usage: arena_test.sh DWARF2BTF BTFCMP BTF_KLOAD DIR_WITH_OBJECTS
set -eu
d2b=$1 cmp=$2 kload=$3 objs=$4
here=$(cd "$(dirname "$0")" && pwd)/arena
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fail() { echo "arena_test: FAIL: $*" >&2; exit 1; }

"$d2b" --btf_features=default,attributes --btf_encode_detached="$work/on.btf" "$objs/arena.o"
bpftool btf dump file "$work/on.btf" | diff "$here/on.expected" - || fail "raw dump with attributes"
"$cmp" --dump --kinds FUNC,TYPE_TAG "$work/on.btf" > "$work/on.txt"
cat > "$work/want" <<'EOT'
FUNC 'bpf_arena_alloc_pages' linkage=static type=(FUNC_PROTO ret_type=(PTR type=(TYPE_TAG 'address_space(1)' kind_flag=1 type=void)) vlen=5 {'p__map' type=(PTR type=void); 'addr__ign' type=(PTR type=(TYPE_TAG 'address_space(1)' kind_flag=1 type=void)); 'page_cnt' type=INT 'unsigned int'; 'node_id' type=INT 'int'; 'flags' type=INT 'long long unsigned int'})
FUNC 'bpf_arena_fill' linkage=static type=(FUNC_PROTO ret_type=INT 'int' vlen=2 {'dst' type=(PTR type=(TYPE_TAG 'address_space(1)' kind_flag=1 type=INT 'char')); 'c' type=INT 'int'})
FUNC 'bpf_arena_free_pages' linkage=static type=(FUNC_PROTO ret_type=void vlen=3 {'p__map' type=(PTR type=void); 'ptr__ign' type=(PTR type=(TYPE_TAG 'address_space(1)' kind_flag=1 type=void)); 'page_cnt' type=INT 'unsigned int'})
FUNC 'bpf_plain' linkage=static type=(FUNC_PROTO ret_type=INT 'int' vlen=1 {'p' type=(PTR type=void)})
FUNC 'not_a_kfunc' linkage=static type=(FUNC_PROTO ret_type=void vlen=3 {'p__map' type=(PTR type=void); 'ptr__ign' type=(PTR type=void); 'page_cnt' type=INT 'unsigned int'})
TYPE_TAG 'address_space(1)' kind_flag=1 type=INT 'char'
TYPE_TAG 'address_space(1)' kind_flag=1 type=void
EOT
diff "$work/want" "$work/on.txt" || fail "prototypes and kind_flag with attributes"

"$d2b" --btf_features=default --btf_encode_detached="$work/off.btf" "$objs/arena.o"
bpftool btf dump file "$work/off.btf" | diff "$here/off.expected" - || fail "raw dump without attributes"

"$d2b" --btf_features=default,attributes --skip_encoding_btf_decl_tag \
	--btf_encode_detached="$work/notags.btf" "$objs/arena.o"
"$cmp" --dump --kinds FUNC,TYPE_TAG "$work/notags.btf" | diff "$work/want" - ||
	fail "attributes without decl tags"
[ -z "$("$cmp" --dump --kinds DECL_TAG "$work/notags.btf")" ] || fail "decl tags with --skip_encoding_btf_decl_tag"

"$d2b" --btf_features=default,attributes --btf_base "$work/on.btf" \
	--btf_encode_detached="$work/mod.btf" "$objs/mod.o"
bpftool btf dump -B "$work/on.btf" file "$work/mod.btf" | diff "$here/mod.expected" - ||
	fail "module split on the base"

kernel=$(uname -r)
old_kernel=$(echo "$kernel" | awk -F. '{ print ($1 < 6 || ($1 == 6 && $2 + 0 < 15)) ? 1 : 0 }')
for f in on mod; do
	rc=0
	if [ "$f" = mod ]; then
		"$kload" "$work/mod.btf" "$work/on.btf" > "$work/out" 2>&1 || rc=$?
	else
		"$kload" "$work/on.btf" > "$work/out" 2>&1 || rc=$?
	fi
	case $rc in
	0) echo "arena_test: kernel $kernel accepts $f.btf" ;;
	77) echo "arena_test: kernel load skipped: $(cat "$work/out")" ;;
	*)
		[ "$old_kernel" = 1 ] || fail "kernel $kernel rejects $f.btf: $(cat "$work/out")"
		echo "arena_test: kernel $kernel predates 6.15 and rejects kind_flag on TYPE_TAG ($f.btf)"
		;;
	esac
done
echo "arena_test: address_space(1) on the arena kfuncs' pointers (kind_flag 1), nothing without the feature, the module reuses the base's"
