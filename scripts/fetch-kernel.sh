#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Fetches and caches Debian's cloud kernel packages (linux-image-$ABI-dbg with
# the DWARF of vmlinux and the modules, linux-image-$ABI-unsigned with the
# shipped modules) for the kernel-scale tests and benchmarks. Progress goes to
# stderr; the last lines of stdout are shell variables, so a caller can run
#   eval "$(scripts/fetch-kernel.sh)"
# and use $D2B_VMLINUX, $D2B_DBG_MODDIR and $D2B_UNSIGNED_MODDIR.
#
# Usage: fetch-kernel.sh [--print]
#   --print  only print the variables, if everything is already cached
#            (exit 1 otherwise); never touches apt or the network
# Environment:
#   D2B_KERNEL_ARCH   amd64 (default), s390x or ppc64el: Debian's
#                     architecture; for s390x (big-endian) and ppc64el only
#                     the -dbg package of the s390x/powerpc64le flavour is
#                     fetched (those kernels ship no BTF) and
#                     D2B_UNSIGNED_MODDIR is empty; the architecture must be
#                     known to dpkg (dpkg --add-architecture ARCH)
#   D2B_KERNEL_ABI    e.g. 6.1.0-57-cloud-amd64 (default: the newest ABI the
#                     archive serves, or with --print the newest one cached)
#   D2B_KERNEL_CACHE  cache directory (default: /var/cache/dwarf2btf-kernel)
# Layout: $cache/*.deb, $cache/$ABI/{dbg,unsigned}/ (dpkg-deb -x trees) and
# $cache/$ABI/{dbg,unsigned}.stamp (written after a complete extraction).
set -eu

cache=${D2B_KERNEL_CACHE:-/var/cache/dwarf2btf-kernel}
abi=${D2B_KERNEL_ABI:-}
arch=${D2B_KERNEL_ARCH:-amd64}
print_only=false

msg() {
	echo "fetch-kernel: $*" >&2
}

die() {
	msg "$*"
	exit 1
}

usage() {
	echo "usage: fetch-kernel.sh [--print]" >&2
	exit 2
}

for arg in "$@"; do
	case "$arg" in
	--print) print_only=true ;;
	-h | --help) usage ;;
	*) msg "unknown argument '$arg'"; usage ;;
	esac
done

# the flavour whose -dbg package has vmlinux and the modules with DWARF, and
# whether the archive has a linux-image-$ABI-unsigned beside it
case "$arch" in
amd64) flavour=cloud-amd64 flavours="dbg unsigned" ;;
s390x) flavour=s390x flavours=dbg ;;
ppc64el) flavour=powerpc64le flavours=dbg ;;
*) die "unsupported D2B_KERNEL_ARCH '$arch' (amd64, s390x or ppc64el)" ;;
esac

case "$abi" in
'') ;;
*[!0-9a-z.+-]*) die "invalid D2B_KERNEL_ABI '$abi'" ;;
esac

vmlinux_path() {
	echo "$cache/$1/dbg/usr/lib/debug/boot/vmlinux-$1"
}

# is_cached ABI: all packages are completely extracted
is_cached() {
	for f in $flavours; do
		[ -f "$cache/$1/$f.stamp" ] || return 1
	done
	[ -f "$(vmlinux_path "$1")" ]
}

# newest ABI-N-* in a list of ABIs on stdin (sorted on N, numerically)
newest() {
	sort -t- -k2,2n | tail -n 1
}

# newest_cached: the newest ABI completely extracted in the cache, or nothing
newest_cached() {
	for dir in "$cache"/*-"$flavour"; do
		[ -d "$dir" ] || continue
		name=${dir##*/}
		if is_cached "$name"; then
			echo "$name"
		fi
	done | newest
}

# archive_abis FLAVOUR: the ABIs with a linux-image-$ABI-FLAVOUR package
archive_abis() {
	apt-cache search --names-only "^linux-image-6\.1\.0-[0-9]+-$flavour-$1\$" |
		sed -n "s/^linux-image-\(6\.1\.0-[0-9]*-$flavour\)-$1 .*/\1/p"
}

# archive_abi: the newest ABI for which the archive has all packages
archive_abi() {
	archive_abis dbg | sort >"$tmp/both.list"
	for f in $flavours; do
		archive_abis "$f" | sort >"$tmp/$f.list"
		comm -12 "$tmp/both.list" "$tmp/$f.list" >"$tmp/next.list"
		mv "$tmp/next.list" "$tmp/both.list"
	done
	newest <"$tmp/both.list"
}

# fetch FLAVOUR: download linux-image-$abi-FLAVOUR unless cached, then extract it
fetch() {
	pkg=linux-image-$abi-$1
	dest=$cache/$abi/$1
	stamp=$cache/$abi/$1.stamp
	if [ -f "$stamp" ] && [ -d "$dest" ]; then
		msg "$pkg: already extracted in $dest"
		return 0
	fi
	deb=
	for f in "$cache/${pkg}_"*_"$arch".deb; do
		[ -f "$f" ] && deb=$f
	done
	if [ -z "$deb" ]; then
		msg "$pkg: downloading into $cache"
		rm -rf "$cache/.download"
		mkdir -p "$cache/.download"
		# let apt's sandbox user write there, or apt warns and downloads as root
		if id _apt >/dev/null 2>&1; then
			chown _apt "$cache/.download"
		fi
		(cd "$cache/.download" && apt-get download "$pkg:$arch") >&2 ||
			die "$pkg: apt-get download failed"
		for f in "$cache/.download/${pkg}_"*_"$arch".deb; do
			[ -f "$f" ] || die "$pkg: apt-get download left no .deb"
			mv "$f" "$cache/"
			deb=$cache/${f##*/}
		done
		rmdir "$cache/.download"
	fi
	msg "$pkg: extracting ${deb##*/} into $dest"
	rm -rf "$dest" "$stamp"
	mkdir -p "$dest"
	dpkg-deb -x "$deb" "$dest" || die "$pkg: dpkg-deb -x '$deb' failed"
	echo "${deb##*/}" >"$stamp"
}

print_vars() {
	echo "D2B_ABI='$abi'"
	echo "D2B_VMLINUX='$(vmlinux_path "$abi")'"
	echo "D2B_DBG_MODDIR='$cache/$abi/dbg/usr/lib/debug/lib/modules/$abi'"
	case " $flavours " in
	*" unsigned "*) echo "D2B_UNSIGNED_MODDIR='$cache/$abi/unsigned/lib/modules/$abi'" ;;
	*) echo "D2B_UNSIGNED_MODDIR=''" ;;
	esac
}

if $print_only; then
	[ -n "$abi" ] || abi=$(newest_cached)
	if [ -z "$abi" ] || ! is_cached "$abi"; then
		msg "kernel packages ${abi:+for $abi }are not cached in $cache"
		exit 1
	fi
	print_vars
	exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-kernel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ -z "$abi" ]; then
	abi=$(archive_abi)
	if [ -z "$abi" ]; then
		msg "no linux-image-6.1.0-N-$flavour-dbg in the apt lists, running apt-get update"
		if [ "$arch" != amd64 ] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
			die "dpkg does not know the architecture $arch (dpkg --add-architecture $arch)"
		fi
		apt-get update >&2 || die "apt-get update failed"
		abi=$(archive_abi)
	fi
	[ -n "$abi" ] || die "the archive has no linux-image-6.1.0-N-$flavour-X for all X in: $flavours"
	msg "newest ABI in the archive: $abi"
fi

for f in $flavours; do
	fetch "$f"
done
[ -f "$(vmlinux_path "$abi")" ] || die "no vmlinux at $(vmlinux_path "$abi")"
print_vars
