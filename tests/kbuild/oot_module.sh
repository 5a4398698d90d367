#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Builds the out-of-tree module in tests/kbuild/oot_module/ the way a user
# (or DKMS) does, `make -C <kernel build dir> M=<dir> PAHOLE=<encoder>
# modules`, against Debian's headers package of the cached cloud kernel
# (scripts/fetch-kernel.sh), with that kernel's vmlinux as the base, and
# checks the module's BTF: kbuild ran the encoder ("BTF [M]", with the
# flags scripts/pahole-flags.sh derives from the encoder's --version), the
# .ko has .BTF, it is split BTF on vmlinux holding the module's own types,
# FUNC and per-CPU VARs but no copy of a base type, and the running kernel
# accepts base+split. With --peer PEER the same is done with PEER (Debian's
# pahole 1.24) and ENCODER's split types must be the same set as PEER's, or
# a subset (btfcmp).
#
# The headers package is used in place, read only: kbuild's object tree is a
# private directory of symlinks to the package's entries plus `vmlinux`
# (Makefile.modfinal looks for ./vmlinux in the object tree).
#
# usage: oot_module.sh ENCODER BTF_KLOAD BTFCMP [--peer PEER]
# Exit: 0 every check passed, 1 a check failed, 77 a prerequisite is missing
# (not root, the headers package cannot be installed, the kernel cannot be
# asked, PEER not installed), 2 usage.
set -eu

[ $# -ge 3 ] || { echo "usage: oot_module.sh ENCODER BTF_KLOAD BTFCMP [--peer PEER]" >&2; exit 2; }
enc=$1 kload=$2 cmp=$3
shift 3
peer=
while [ $# -gt 0 ]; do
	case $1 in
	--peer) [ $# -ge 2 ] || exit 2; peer=$2; shift ;;
	*) echo "oot_module: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

here=$(cd "$(dirname "$0")" && pwd)
skip() {
	echo "oot_module: SKIP: $*"
	exit 77
}
# abspath FILE: FILE as an absolute path (make -C changes the directory);
# a bare name is looked up in PATH
abspath() {
	case $1 in
	/*) echo "$1" ;;
	*/*) echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;;
	*) command -v "$1" ;;
	esac
}
for tool in make bpftool readelf; do
	command -v "$tool" > /dev/null || skip "$tool is not installed"
done
if [ -n "$peer" ]; then
	command -v "$peer" > /dev/null || skip "peer '$peer' is not installed"
	peer=$(abspath "$peer")
fi
enc=$(abspath "$enc") kload=$(abspath "$kload") cmp=$(abspath "$cmp")

vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
: "${D2B_ABI:?}" "${D2B_VMLINUX:?}"

# the headers package of exactly this kernel
hpkg=linux-headers-$D2B_ABI
hdir=/usr/src/$hpkg
if ! dpkg-query -W -f '${Status}\n' "$hpkg" 2> /dev/null | grep -q 'install ok installed'; then
	[ "$(id -u)" = 0 ] || skip "$hpkg is not installed and we are not root"
	echo "oot_module: installing $hpkg"
	if ! { timeout 600 apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -qq \
			--no-install-recommends "$hpkg"; } > /dev/null 2>&1; then
		skip "apt-get cannot install $hpkg"
	fi
fi
[ -f "$hdir/Makefile" ] || { echo "oot_module: no $hdir/Makefile" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# the object tree: the package's entries, and vmlinux
mkdir "$work/kdir"
for e in "$hdir"/* "$hdir"/.config "$hdir"/.kernelvariables; do
	if [ -e "$e" ]; then
		ln -s "$e" "$work/kdir/"
	fi
done
ln -s "$D2B_VMLINUX" "$work/kdir/vmlinux"
conf_ver=$(sed -n 's/^CONFIG_PAHOLE_VERSION=//p' "$hdir/include/config/auto.conf")

bpftool btf dump file "$D2B_VMLINUX" > "$work/base.txt"
base_cnt=$(grep -c '^\[' "$work/base.txt")
# "KIND 'name'" of every named base type, to find copies in split BTF
sed -n "s/^\[[0-9]*\] \([A-Z0-9_]*\) \('[^']*'\).*/\1 \2/p" "$work/base.txt" |
	grep -v "'(anon)'" | sort -u > "$work/base.names"

failures=0
ok() {
	echo "ok   $label: $*"
}
fail() {
	echo "FAIL $label: $*"
	failures=$((failures + 1))
}

# check_build LABEL TOOL: build the module with TOOL as PAHOLE and check it;
# leaves the module in $work/LABEL/d2b_oot.ko
check_build() {
	label=$1 tool=$2
	mdir=$work/$label
	ko=$mdir/d2b_oot.ko
	mkdir "$mdir"
	cp "$here/oot_module/Kbuild" "$here/oot_module/d2b_oot.c" "$mdir/"
	# PAHOLE is a wrapper that logs kbuild's command lines and runs TOOL
	printf '#!/bin/sh\nprintf "%%s\\n" "$*" >> "%s"\nexec "%s" "$@"\n' \
		"$mdir/calls" "$tool" > "$mdir/pahole"
	chmod +x "$mdir/pahole"
	: > "$mdir/calls"
	ver=$("$tool" --version)
	echo "---- $label: $tool ($ver); headers' auto.conf has CONFIG_PAHOLE_VERSION=$conf_ver"

	if timeout 600 make -C "$work/kdir" M="$mdir" PAHOLE="$mdir/pahole" \
		RESOLVE_BTFIDS=true modules > "$mdir/build.log" 2>&1; then
		ok "make modules"
	else
		sed 's/^/  | /' "$mdir/build.log"
		fail "make modules failed"
		return 0
	fi
	sed -n 's/^  BTF \[M\] /  | BTF [M] /p' "$mdir/build.log"
	if grep -q "^  BTF \[M\] $ko\$" "$mdir/build.log" &&
		! grep -q 'Skipping BTF generation' "$mdir/build.log"; then
		ok "the kbuild log has 'BTF [M] $ko'"
	else
		fail "no 'BTF [M]' line for $ko in the kbuild log"
	fi

	# kbuild computes PAHOLE_FLAGS with the package's pahole-flags.sh
	# from the tool's --version, not from auto.conf
	flags=$(PAHOLE="$mdir/pahole" "$hdir/scripts/pahole-flags.sh")
	grep -v '^--version$' "$mdir/calls" | sed 's/^/  | PAHOLE /'
	if grep -qxF -- "-J $flags --btf_base vmlinux $ko" "$mdir/calls"; then
		ok "kbuild ran the encoder with '-J $flags --btf_base vmlinux'"
	else
		fail "kbuild did not run '-J $flags --btf_base vmlinux $ko'"
	fi

	if readelf -SW "$ko" | grep -q ' \.BTF  *PROGBITS'; then
		ok "$ko has a .BTF section"
	else
		fail "$ko has no .BTF section"
		return 0
	fi
	if ! bpftool btf dump -B "$D2B_VMLINUX" file "$ko" > "$mdir/split.txt" 2> "$mdir/err"; then
		fail "bpftool cannot read it as split BTF on vmlinux: $(cat "$mdir/err")"
		return 0
	fi
	first=$(sed -n '1s/^\[\([0-9]*\)\].*/\1/p' "$mdir/split.txt")
	if [ "$first" = "$((base_cnt + 1))" ] && ! bpftool btf dump file "$ko" > /dev/null 2>&1; then
		ok "split BTF on vmlinux ($base_cnt base types, split IDs from $first, $(grep -c '^\[' "$mdir/split.txt") split types; not loadable without the base)"
	else
		fail "not split BTF on vmlinux (first split ID '$first', base has $base_cnt types)"
	fi

	for t in "ENUM 'd2b_oot_state'" "UNION 'd2b_oot_value'" "STRUCT 'd2b_oot_point'" \
		"STRUCT 'd2b_oot_item'" "STRUCT 'd2b_oot_stats'" "FUNC 'd2b_oot_touch'" \
		"VAR 'd2b_oot_stats'" "VAR 'd2b_oot_hits'"; do
		if grep -q "^\[[0-9]*\] $t" "$mdir/split.txt"; then
			ok "split part has $t"
		else
			fail "split part lacks $t"
		fi
	done
	if grep -q "^\[[0-9]*\] DATASEC '.data..percpu' size=[0-9]* vlen=2" "$mdir/split.txt"; then
		ok "split part has DATASEC '.data..percpu' with 2 VARs"
	else
		fail "split part lacks DATASEC '.data..percpu' with 2 VARs"
	fi
	proto=$(sed -n "s/^\[[0-9]*\] FUNC 'd2b_oot_touch' type_id=\([0-9]*\) .*/\1/p" "$mdir/split.txt")
	if grep -A2 "^\[$proto\] FUNC_PROTO '(anon)' ret_type_id=[0-9]* vlen=2" "$mdir/split.txt" |
		tr '\n' ' ' | grep -q "'item' type_id=[0-9]*.*'task' type_id=[0-9]*"; then
		ok "FUNC d2b_oot_touch has the prototype (item, task)"
	else
		fail "FUNC d2b_oot_touch's FUNC_PROTO [$proto] is not (item, task)"
	fi

	sed -n "s/^\[[0-9]*\] \([A-Z0-9_]*\) \('[^']*'\).*/\1 \2/p" "$mdir/split.txt" |
		grep -v "'(anon)'" | grep -E '^(INT|FLOAT|STRUCT|UNION|ENUM|ENUM64|TYPEDEF|FWD) ' |
		sort -u > "$mdir/split.names"
	for t in "STRUCT 'task_struct'" "STRUCT 'module'" "STRUCT 'list_head'"; do
		if grep -qxF "$t" "$mdir/split.names"; then
			fail "split part copies base type $t"
		fi
	done
	comm -12 "$work/base.names" "$mdir/split.names" > "$mdir/dups"
	if [ -s "$mdir/dups" ]; then
		fail "split part copies $(wc -l < "$mdir/dups") named base types: $(head -n 5 "$mdir/dups" | tr '\n' ' ')"
	else
		ok "no named type of the split part is also in the base (task_struct, module, list_head reused)"
	fi

	if "$kload" "$ko" "$D2B_VMLINUX" > "$mdir/kload" 2>&1; then
		ok "the running kernel accepts base+split: $(head -n 1 "$mdir/kload")"
	else
		rc=$?
		[ "$rc" = 77 ] && skip "the kernel cannot be asked: $(head -n 1 "$mdir/kload")"
		fail "the running kernel rejects base+split: $(head -n 5 "$mdir/kload")"
	fi
}

check_build encoder "$enc"
if [ -n "$peer" ]; then
	check_build peer "$peer"
	label=compare
	if [ -f "$work/encoder/d2b_oot.ko" ] && [ -f "$work/peer/d2b_oot.ko" ]; then
		if "$cmp" --base "$D2B_VMLINUX" "$work/peer/d2b_oot.ko" "$work/encoder/d2b_oot.ko" \
			> "$work/cmp" 2>&1; then
			ok "same split type set as the peer's: $(tail -n 1 "$work/cmp")"
		elif "$cmp" --subset --base "$D2B_VMLINUX" "$work/peer/d2b_oot.ko" \
			"$work/encoder/d2b_oot.ko" > "$work/cmp" 2>&1; then
			ok "split types are a subset of the peer's: $(tail -n 1 "$work/cmp")"
			sed 's/^/  | /' "$work/cmp"
		else
			sed 's/^/  | /' "$work/cmp"
			fail "split types differ from the peer's"
		fi
	else
		fail "no module to compare"
	fi
fi

if [ "$failures" != 0 ]; then
	echo "oot_module: $failures check(s) failed"
	exit 1
fi
echo "oot_module: all checks passed"
