#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Makes Debian 13's pahole 1.30 runnable on this Debian 12 machine without
# installing anything: the packages of pahole and of the libraries it needs
# are downloaded through a private trixie sources list and unpacked with
# dpkg -x into one folder, and pahole is started through that folder's own
# dynamic loader. Nothing outside the two cache folders is touched.
#
# usage: bench/fetch-peers.sh [--print]
#   Creates $D2B_PEERS/pahole-1.30 if missing (default D2B_PEERS:
#   /var/cache/dwarf2btf-peers; apt state in $D2B_TRIXIE, default
#   /var/cache/dwarf2btf-trixie). Prints the command line that runs it:
#   D2B_PAHOLE_130='LOADER --library-path LIBDIR PAHOLE'
set -eu

peers=${D2B_PEERS:-/var/cache/dwarf2btf-peers}
trixie=${D2B_TRIXIE:-/var/cache/dwarf2btf-trixie}
dir=$peers/pahole-1.30
pkgs="pahole libbpf1 libdw1t64 libelf1t64 libc6 zlib1g libzstd1 liblzma5 libbz2-1.0"

cmdline() {
	echo "$dir/usr/lib64/ld-linux-x86-64.so.2 --library-path $dir/usr/lib/x86_64-linux-gnu $dir/usr/bin/pahole"
}

if [ ! -x "$dir/usr/bin/pahole" ]; then
	[ "$(uname -m)" = x86_64 ] || { echo "fetch-peers: x86-64 only" >&2; exit 1; }
	mkdir -p "$trixie/lists/partial" "$trixie/cache/archives/partial" "$peers"
	[ -f "$trixie/sources.list" ] || cat > "$trixie/sources.list" <<'LIST'
deb http://deb.debian.org/debian trixie main
deb http://deb.debian.org/debian-security trixie-security main
deb http://deb.debian.org/debian trixie-updates main
LIST
	# a private list and cache: the system's apt state stays as it is
	set -- -o Dir::Etc::SourceList="$trixie/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$trixie/lists" -o Dir::Cache="$trixie/cache" \
		-o APT::Get::List-Cleanup=0
	ls "$trixie"/lists/*_trixie_InRelease > /dev/null 2>&1 || apt-get "$@" -qq update >&2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT INT TERM
	# apt drops privileges to _apt for downloads: the folder must be its
	chown _apt "$tmp" 2> /dev/null || true
	# shellcheck disable=SC2086 # package names are words
	(cd "$tmp" && apt-get "$@" -qq download $pkgs) >&2
	mkdir "$tmp/root"
	for deb in "$tmp"/*.deb; do
		dpkg -x "$deb" "$tmp/root"
	done
	"$tmp/root/usr/lib64/ld-linux-x86-64.so.2" --library-path \
		"$tmp/root/usr/lib/x86_64-linux-gnu" "$tmp/root/usr/bin/pahole" --version > /dev/null ||
		{ echo "fetch-peers: the unpacked pahole does not run" >&2; exit 1; }
	rm -rf "$dir.new"
	mv "$tmp/root" "$dir.new"
	mv "$dir.new" "$dir"
fi
if [ "${1:-}" = --print ]; then
	echo "D2B_PAHOLE_130='$(cmdline)'"
else
	cmdline
fi
