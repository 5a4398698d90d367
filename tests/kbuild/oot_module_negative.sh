#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Shows that oot_module.sh can fail: runs it with two broken encoders that
# report dwarf2btf's version and
#   - "nobtf":      do nothing for -J (the .ko gets no .BTF), or
#   - "standalone": drop --btf_base (the .ko gets standalone BTF, which
#                   copies task_struct, module, ... from the kernel headers),
# and requires that oot_module.sh exits 1 with the matching FAIL lines.
#
# usage: oot_module_negative.sh DWARF2BTF BTF_KLOAD BTFCMP
# Exit: 0 both broken encoders were caught, 1 otherwise, 77 as oot_module.sh.
set -eu

[ $# = 3 ] || { echo "usage: oot_module_negative.sh DWARF2BTF BTF_KLOAD BTFCMP" >&2; exit 2; }
d2b=$1 kload=$2 cmp=$3
here=$(cd "$(dirname "$0")" && pwd)
# the broken encoders run from another directory (make -C)
d2b=$(cd "$(dirname "$d2b")" && pwd)/$(basename "$d2b")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

cat > "$work/nobtf" << EOF
#!/bin/sh
for a in "\$@"; do
	[ "\$a" = --version ] && exec '$d2b' --version
done
exit 0
EOF
cat > "$work/standalone" << EOF
#!/bin/sh
n=\$#
skip=0
for a in "\$@"; do
	if [ "\$skip" = 1 ]; then
		skip=0
	elif [ "\$a" = --btf_base ]; then
		skip=1
	else
		set -- "\$@" "\$a"
	fi
done
shift "\$n"
exec '$d2b' "\$@"
EOF
chmod +x "$work/nobtf" "$work/standalone"

failures=0
# expect NAME PATTERN: oot_module.sh with the broken encoder NAME exits 1
# and prints a line matching PATTERN
expect() {
	rc=0
	"$here/oot_module.sh" "$work/$1" "$kload" "$cmp" > "$work/$1.out" 2>&1 || rc=$?
	[ "$rc" = 77 ] && { cat "$work/$1.out"; exit 77; }
	if [ "$rc" = 1 ] && grep -Eq "$2" "$work/$1.out"; then
		echo "ok   $1: caught: $(grep -E "$2" "$work/$1.out" | head -n 1)"
	else
		sed 's/^/  | /' "$work/$1.out"
		echo "FAIL $1: oot_module.sh exited $rc without a line matching '$2'"
		failures=$((failures + 1))
	fi
}

expect nobtf '^FAIL encoder: .* has no \.BTF section$'
expect standalone '^FAIL encoder: (bpftool cannot read it as split BTF|not split BTF|split part copies)'
[ "$failures" = 0 ]
