#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Installs what building and testing dwarf2btf needs on Debian 12 (as root,
# or through sudo when it is there).
set -eu
pkgs="cmake make gcc clang llvm pkg-config libdw-dev libelf-dev libbpf-dev zlib1g-dev
	bpftool binutils dwarves shellcheck clang-format-14 libclang-rt-14-dev file xz-utils time strace python3"
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
# the kernel.cross_* tests fetch Debian's s390x and ppc64el -dbg kernels:
# apt lists those packages only for architectures dpkg knows
update=false
for arch in s390x ppc64el; do
	if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
		$sudo dpkg --add-architecture "$arch"
		update=true
	fi
done
if $update; then
	$sudo apt-get update -qq
fi
# shellcheck disable=SC2086 # word splitting of the package list is intended
if ! dpkg-query -W $pkgs > /dev/null 2>&1; then
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $pkgs > /dev/null
fi
echo "install-deps: all packages present"
