#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# Fetches and caches Debian's cloud kernel packages (linux-image-$ABI-dbg with
# the DWARF of vmlinux and the modules, linux-image-$ABI-unsigned with the
# shipped modules) for the kernel-scale tests and benchmarks. Two series:
# Debian 12's 6.1 (from the machine's apt sources) and Debian 13's 6.12
# (trixie, through a private sources list and lists under the cache
# directory, so the machine's own apt configuration stays untouched).
# Progress goes to stderr; the last lines of stdout are shell variables, so a
# caller can run
#   eval "$(scripts/fetch-kernel.sh)"
# and use $D2B_VMLINUX, $D2B_DBG_MODDIR and $D2B_UNSIGNED_MODDIR (6.12 ships
# its modules as .ko.xz there) and $D2B_KERNEL_SERIES.
#
# Usage: fetch-kernel.sh [--print] [--series 6.1|6.12]
#   --print   only print the variables, if everything is already cached
#             (exit 1 otherwise); never touches apt or the network
#   --series  the kernel series (default: $D2B_KERNEL_SERIES, else 6.1)
# Environment:
#   D2B_KERNEL_ARCH   amd64 (default), s390x or ppc64el: Debian's
#                     architecture; for s390x (big-endian) and ppc64el only
#                     the -dbg package of the s390x/powerpc64le flavour is
#                     fetched (those kernels ship no BTF) and
#                     D2B_UNSIGNED_MODDIR is empty; the architecture must be
#                     known to dpkg (dpkg --add-architecture ARCH)
#   D2B_KERNEL_ABI    e.g. 6.1.0-57-cloud-amd64 (default: the newest ABI of
#                     the series the archive serves, or with --print the
#                     newest one cached; for 6.12, 6.12.117+deb13-cloud-amd64
#                     while served or cached, the ABI of the reference data)
#   D2B_KERNEL_SERIES 6.1 or 6.12 (amd64 only; the series of D2B_KERNEL_ABI
#                     if that is set)
#   D2B_KERNEL_CACHE  cache directory (default: /var/cache/dwarf2btf-kernel)
# Layout: $cache/*.deb, $cache/$ABI/{dbg,unsigned}/ (dpkg-deb -x trees) and
# $cache/$ABI/{dbg,unsigned}.stamp (written after a complete extraction).
set -eu

cache=${D2B_KERNEL_CACHE:-/var/cache/dwarf2btf-kernel}
abi=${D2B_KERNEL_ABI:-}
arch=${D2B_KERNEL_ARCH:-amd64}
series=${D2B_KERNEL_SERIES:-}
print_only=false

msg() {
	echo "fetch-kernel: $*" >&2
}

die() {
	msg "$*"
	exit 1
}

usage() {
	echo "usage: fetch-kernel.sh [--print] [--series 6.1|6.12]" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--print) print_only=true ;;
	--series)
		[ $# -ge 2 ] || usage
		series=$2
		shift
		;;
	-h | --help) usage ;;
	*) msg "unknown argument '$1'"; usage ;;
	esac
	shift
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
6.12.*) series=6.12 ;;
6.1.*) series=6.1 ;;
esac

# per series: the ABI pattern (a sed regex), the ABI preferred while
# available, and the apt options (empty: the machine's own configuration)
apt_dir=$cache/apt-trixie
case "${series:-6.1}" in
6.1)
	abi_re="6\\.1\\.0-[0-9]*-$flavour"
	preferred=
	apt_opts=
	;;
6.12)
	[ "$arch" = amd64 ] || die "the 6.12 series is fetched for amd64 only"
	abi_re="6\\.12\\.[0-9]*+deb13[.0-9]*-$flavour"
	preferred=6.12.117+deb13-cloud-amd64
	# no package caches either: apt-cache would otherwise rebuild the
	# machine's /var/cache/apt/*.bin from the private lists
	apt_opts="-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=/dev/null
		-o Dir::State::Lists=$apt_dir/lists -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache="
	;;
*) die "unknown kernel series '$series' (6.1 or 6.12)" ;;
esac
series=${series:-6.1}

# apt_setup: the private sources list and lists directory, if the series has one
apt_setup() {
	[ -n "$apt_opts" ] || return 0
	mkdir -p "$apt_dir/lists/partial"
	if [ ! -f "$apt_dir/sources.list" ]; then
		cat >"$apt_dir/sources.list" <<EOT
deb http://deb.debian.org/debian trixie main
deb http://deb.debian.org/debian-security trixie-security main
deb http://deb.debian.org/debian trixie-updates main
EOT
	fi
}

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

# pick: the preferred ABI if it is in the list on stdin, else the newest
pick() {
	sort -V >"$tmp/pick"
	if [ -n "$preferred" ] && grep -qxF "$preferred" "$tmp/pick"; then
		echo "$preferred"
	else
		tail -n 1 "$tmp/pick"
	fi
}

# newest_cached: the series' preferred or newest ABI completely extracted in the cache
newest_cached() {
	for dir in "$cache"/*-"$flavour"; do
		[ -d "$dir" ] || continue
		name=${dir##*/}
		if printf '%s\n' "$name" | grep -qx "$abi_re" && is_cached "$name"; then
			echo "$name"
		fi
	done | pick
}

# archive_abis FLAVOUR: the ABIs with a linux-image-$ABI-FLAVOUR package
archive_abis() {
	# shellcheck disable=SC2086 # apt_opts are words
	apt-cache $apt_opts search --names-only "^linux-image-.*-$flavour-$1\$" |
		sed -n "s/^linux-image-\($abi_re\)-$1 .*/\1/p"
}

# archive_abi: the preferred or newest ABI for which the archive has all packages
archive_abi() {
	archive_abis dbg | sort >"$tmp/both.list"
	for f in $flavours; do
		archive_abis "$f" | sort >"$tmp/$f.list"
		comm -12 "$tmp/both.list" "$tmp/$f.list" >"$tmp/next.list"
		mv "$tmp/next.list" "$tmp/both.list"
	done
	pick <"$tmp/both.list"
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
		# shellcheck disable=SC2086 # apt_opts are words
		(cd "$cache/.download" && apt-get $apt_opts download "$pkg:$arch") >&2 ||
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
	unsigned=$cache/$abi/unsigned/lib/modules/$abi
	# trixie's packages install into /usr (merged /usr)
	[ -d "$unsigned" ] || unsigned=$cache/$abi/unsigned/usr/lib/modules/$abi
	echo "D2B_KERNEL_SERIES='$series'"
	echo "D2B_ABI='$abi'"
	echo "D2B_VMLINUX='$(vmlinux_path "$abi")'"
	echo "D2B_DBG_MODDIR='$cache/$abi/dbg/usr/lib/debug/lib/modules/$abi'"
	case " $flavours " in
	*" unsigned "*) echo "D2B_UNSIGNED_MODDIR='$unsigned'" ;;
	*) echo "D2B_UNSIGNED_MODDIR=''" ;;
	esac
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-kernel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

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
apt_setup

if [ -z "$abi" ]; then
	abi=$(archive_abi)
	if [ -z "$abi" ]; then
		msg "no $series kernel (linux-image-$abi_re-dbg) in the apt lists, running apt-get update"
		if [ "$arch" != amd64 ] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
			die "dpkg does not know the architecture $arch (dpkg --add-architecture $arch)"
		fi
		# shellcheck disable=SC2086 # apt_opts are words
		apt-get $apt_opts update >&2 || die "apt-get update failed"
		abi=$(archive_abi)
	fi
	[ -n "$abi" ] || die "the archive has no linux-image-$abi_re-X for all X in: $flavours"
	msg "ABI chosen in the archive: $abi"
fi

for f in $flavours; do
	fetch "$f"
done
[ -f "$(vmlinux_path "$abi")" ] || die "no vmlinux at $(vmlinux_path "$abi")"
print_vars
