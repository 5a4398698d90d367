#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Copyright (c) 2026 The dwarf2btf authors
#
# The big-endian sibling of kernel-build-qemu.sh: cross-builds a small s390x
# Linux 6.1 kernel (Debian's linux-source-6.1, tinyconfig plus BPF, DWARF 5
# and BTF) on this x86-64 host with
#   make ARCH=s390 CROSS_COMPILE=s390x-linux-gnu- PAHOLE=dwarf2btf
# so kbuild runs our tool on the big-endian vmlinux and on one module
# (binfmt_misc.ko), then boots it under qemu-system-s390x (TCG) with an
# initramfs of Debian's static s390x busybox, the same /init as the x86 run
# (tests/kbuild/qemu/init) and tests/kbuild/qemu/guest_btf_load.c built
# with the cross compiler. The guest checks /sys/kernel/btf/vmlinux (which
# the kernel creates only after verifying the BTF), loads it again through
# bpf(BPF_BTF_LOAD), loads the module and its split BTF. 12 to 22 minutes on
# 2 shared cores (the build; the boot takes 3 s); see docs/kernel-build.md.
#
# usage: kernel-build-qemu-s390x.sh [--jobs N] [--keep DIR] [--dwarf2btf PATH]
#   --jobs N          make -jN (default: nproc)
#   --keep DIR        work in DIR and keep it (default: a temporary directory,
#                     removed at exit); an existing kernel tree in DIR is
#                     reused (vmlinux and the module are linked again)
#   --dwarf2btf PATH  the encoder (default: build/tools/dwarf2btf)
# Exit: 0 the kernel was built with BTF by dwarf2btf, booted, exposes
# /sys/kernel/btf/vmlinux, accepts it and the module's BTF, and logged no BTF
# error; 1 any failure; 77 not root (apt-get needs it); 2 usage.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
keep=
d2b=$top/build/tools/dwarf2btf
src_tar=/usr/src/linux-source-6.1.tar.xz
cross=s390x-linux-gnu-

msg() {
	echo "kernel-build-qemu-s390x: $*"
}

die() {
	msg "FAIL: $*" >&2
	exit 1
}

usage() {
	echo "usage: kernel-build-qemu-s390x.sh [--jobs N] [--keep DIR] [--dwarf2btf PATH]" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--jobs) [ $# -ge 2 ] || usage; jobs=$2; shift ;;
	--keep) [ $# -ge 2 ] || usage; keep=$2; shift ;;
	--dwarf2btf) [ $# -ge 2 ] || usage; d2b=$2; shift ;;
	-h | --help) usage ;;
	*) msg "unknown argument '$1'" >&2; usage ;;
	esac
	shift
done
case $jobs in
'' | *[!0-9]*) usage ;;
esac

[ -x "$d2b" ] || die "no dwarf2btf at '$d2b' (build it, or pass --dwarf2btf)"
d2b=$(cd "$(dirname "$d2b")" && pwd)/$(basename "$d2b")
if [ "$(id -u)" != 0 ]; then
	msg "needs root (apt-get)" >&2
	exit 77
fi

if [ -n "$keep" ]; then
	mkdir -p "$keep"
	work=$(cd "$keep" && pwd)
else
	work=$(mktemp -d /var/tmp/d2b-kernel-s390x.XXXXXX)
	trap 'rm -rf "$work"' EXIT
	trap 'exit 130' INT TERM
fi
logs=$work/logs
mkdir -p "$logs" "$work/bin"
all_start=$(date +%s)

# run_step NAME SECONDS CMD...: CMD with a time limit, output in
# $logs/NAME.log; on failure the log's tail and a non-zero exit
run_step() {
	name=$1 limit=$2
	shift 2
	start=$(date +%s)
	if ! timeout --kill-after=30 "$limit" "$@" > "$logs/$name.log" 2>&1; then
		tail -n 40 "$logs/$name.log" >&2
		die "step '$name' failed or took more than ${limit}s (log: $logs/$name.log)"
	fi
	step_time=$(($(date +%s) - start))
	msg "$name: ${step_time}s"
}

# 1. packages: the kernel source, the cross compiler and its libc (for the
# guest program), qemu, kbuild's host tools; busybox comes from the s390x
# archive, so dpkg must know that architecture
pkgs="linux-source-6.1 gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-system-misc make gcc bc
	flex bison libelf-dev libssl-dev cpio xz-utils binutils"
update=false
if ! dpkg --print-foreign-architectures | grep -qx s390x; then
	dpkg --add-architecture s390x
	update=true
fi
# shellcheck disable=SC2086 # word splitting of the package list is intended
if ! dpkg-query -W $pkgs > /dev/null 2>&1 ||
	! apt-cache show busybox-static:s390x > /dev/null 2>&1; then
	update=true
fi
if $update; then
	run_step apt-update 600 apt-get update -qq
fi
# shellcheck disable=SC2086
if ! dpkg-query -W $pkgs > /dev/null 2>&1; then
	# shellcheck disable=SC2086
	run_step apt-install 1200 env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends $pkgs
fi
[ -f "$src_tar" ] || die "no $src_tar after installing linux-source-6.1"
if [ ! -x "$work/busybox/bin/busybox" ]; then
	rm -rf "$work/dl" "$work/busybox"
	mkdir -p "$work/dl"
	# let apt's sandbox user write there, or apt warns and downloads as root
	if id _apt > /dev/null 2>&1; then
		chown _apt "$work/dl"
	fi
	(cd "$work/dl" && apt-get download -q busybox-static:s390x) > "$logs/busybox.log" 2>&1 ||
		die "apt-get download busybox-static:s390x failed (log: $logs/busybox.log)"
	dpkg-deb -x "$work"/dl/busybox-static_*_s390x.deb "$work/busybox" ||
		die "cannot extract busybox-static:s390x"
fi

# 2. the source tree (reused with --keep)
ksrc=$work/linux-source-6.1
if [ ! -f "$ksrc/Makefile" ]; then
	run_step unpack 600 tar -xf "$src_tar" -C "$work"
fi
kver=$(make -s -C "$ksrc" kernelversion)
msg "kernel source $kver in $ksrc"

# kbuild calls PAHOLE through this wrapper, which records each command line
# and then runs dwarf2btf with exactly those arguments
calls=$logs/pahole-calls.log
: > "$calls"
cat > "$work/bin/pahole" << EOF
#!/bin/sh
printf '%s\n' "\$*" >> '$calls'
exec '$d2b' "\$@"
EOF
cat > "$work/bin/kmake" << EOF
#!/bin/sh
exec make -C '$ksrc' ARCH=s390 CROSS_COMPILE=$cross PAHOLE='$work/bin/pahole' "\$@"
EOF
chmod +x "$work/bin/pahole" "$work/bin/kmake"
kmake=$work/bin/kmake

# 3. a small config: tinyconfig plus the SCLP console, an initramfs, BPF,
# DWARF 5, BTF and one module
run_step tinyconfig 300 "$kmake" tinyconfig
"$ksrc/scripts/config" --file "$ksrc/.config" \
	-e PRINTK -e TTY -e SCLP_TTY -e SCLP_CONSOLE -e SCLP_VT220_TTY -e SCLP_VT220_CONSOLE \
	-e DEVTMPFS -e DEVTMPFS_MOUNT -e SYSFS -e PROC_FS -e TMPFS \
	-e BINFMT_ELF -e BINFMT_SCRIPT -e BLK_DEV_INITRD \
	-e BPF_SYSCALL -e DEBUG_KERNEL -d DEBUG_INFO_NONE -e DEBUG_INFO_DWARF5 \
	-e DEBUG_INFO_BTF -e DEBUG_INFO_BTF_MODULES -e MODULES -e MODULE_UNLOAD -m BINFMT_MISC
run_step olddefconfig 300 "$kmake" olddefconfig
want="64BIT=y PRINTK=y SCLP_CONSOLE=y DEVTMPFS=y SYSFS=y PROC_FS=y BINFMT_ELF=y
	BINFMT_SCRIPT=y BLK_DEV_INITRD=y BPF_SYSCALL=y DEBUG_INFO_DWARF5=y DEBUG_INFO_BTF=y
	DEBUG_INFO_BTF_MODULES=y MODULES=y BINFMT_MISC=m PAHOLE_VERSION=$("$d2b" --numeric_version)"
for opt in $want; do
	grep -qx "CONFIG_$opt" "$ksrc/.config" ||
		die "CONFIG_$opt not in the final .config (got: $(grep "CONFIG_${opt%%=*}[= ]" "$ksrc/.config" || echo unset))"
done
msg "config: $(grep -c '=[ym]$' "$ksrc/.config") options set, $(grep PAHOLE_VERSION "$ksrc/.config")"

# 4. the build, timed; in a reused tree, vmlinux and the module are linked
# (and so encoded) again
rm -f "$ksrc/vmlinux" "$ksrc/fs/binfmt_misc.ko"
run_step build 5400 "$kmake" -j"$jobs"
build_time=$step_time
grep -E '^  (BTF|BTFIDS|BTF \[M\]) ' "$logs/build.log" | sed 's/^/  log: /'
grep -q '^  BTF     \.btf\.vmlinux\.bin\.o' "$logs/build.log" ||
	die "no 'BTF .btf.vmlinux.bin.o' line in the build log"
grep -q '^  BTF \[M\] fs/binfmt_misc\.ko' "$logs/build.log" ||
	die "no 'BTF [M] fs/binfmt_misc.ko' line in the build log"
if grep -i -e 'unresolved symbol' -e 'skipping btf' "$logs/build.log"; then
	die "resolve_btfids or modfinal complained (see above)"
fi
grep -v -e '^--version$' -e '^$' "$calls" | sed 's/^/  dwarf2btf /'
grep -q -- '-J .*\.tmp_vmlinux\.btf$' "$calls" || die "dwarf2btf was not run on .tmp_vmlinux.btf"
grep -q -- '-J .*--btf_base vmlinux .*binfmt_misc\.ko$' "$calls" ||
	die "dwarf2btf was not run on binfmt_misc.ko"
readelf -h "$ksrc/vmlinux" | grep -q 'Data:.*big endian' || die "vmlinux is not big-endian"
readelf -SW "$ksrc/vmlinux" | grep -q ' \.BTF  *PROGBITS' || die "vmlinux has no .BTF"
# the first bytes of .BTF: magic 0xeb9f stored big-endian
magic=$(readelf -x .BTF "$ksrc/vmlinux" | sed -n 's/^  0x[0-9a-f]* \([0-9a-f]\{4\}\).*/\1/p' | head -n 1)
[ "$magic" = eb9f ] || die "vmlinux's .BTF starts with '$magic', not big-endian eb9f"
btf_size=$(readelf -SW "$ksrc/vmlinux" |
	sed -n 's/.* \.BTF  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
msg "vmlinux: big-endian ELF with a big-endian .BTF of $((0x$btf_size)) bytes"

# 5. the initramfs: busybox, /init, the BTF loader, the module
run_step guest-tools 300 "${cross}gcc" -static -O2 -o "$work/guest_btf_load" \
	"$top/tests/kbuild/qemu/guest_btf_load.c"
run_step gen_init_cpio 300 gcc -O2 -o "$work/gen_init_cpio" "$ksrc/usr/gen_init_cpio.c"
cat > "$work/initramfs.list" << EOF
dir /dev 755 0 0
nod /dev/console 600 0 0 c 5 1
dir /proc 755 0 0
dir /sys 755 0 0
dir /bin 755 0 0
dir /lib 755 0 0
dir /lib/modules 755 0 0
file /bin/busybox $work/busybox/bin/busybox 755 0 0
slink /bin/sh /bin/busybox 777 0 0
file /bin/guest_btf_load $work/guest_btf_load 755 0 0
file /init $top/tests/kbuild/qemu/init 755 0 0
file /lib/modules/binfmt_misc.ko $ksrc/fs/binfmt_misc.ko 644 0 0
EOF
"$work/gen_init_cpio" "$work/initramfs.list" > "$work/initramfs.cpio" ||
	die "gen_init_cpio failed"

# 6. boot (TCG; /init reboots, which ends qemu with -no-reboot)
serial=$logs/serial.log
start=$(date +%s)
boot_rc=0
timeout --kill-after=10 600 qemu-system-s390x -machine s390-ccw-virtio,accel=tcg -cpu max \
	-m 512M -smp 1 -kernel "$ksrc/arch/s390/boot/bzImage" -initrd "$work/initramfs.cpio" \
	-nographic -append "console=ttysclp0 panic=-1" -no-reboot \
	< /dev/null > "$serial" 2>&1 || boot_rc=$?
boot_time=$(($(date +%s) - start))
msg "boot (tcg): qemu exit $boot_rc after ${boot_time}s; serial output in $serial"
grep -a -e 'Linux version' -e 'D2B' -e 'BTF' -e 'BPF' -e 'failed to validate' -e 'Invalid' \
	-e 'Kernel panic' "$serial" | tr -d '\r' | sed -e 's/^.*Linux version/Linux version/' \
	-e 's/^/  serial: /'

[ "$boot_rc" = 0 ] || die "qemu did not end by itself (exit $boot_rc)"
grep -aq 'Linux version' "$serial" || die "the kernel did not boot"
grep -aq 'D2B: /sys/kernel/btf/vmlinux present' "$serial" || die "/sys/kernel/btf/vmlinux missing"
if grep -a -i -e 'failed to validate' -e 'invalid' -e 'btf.*error' "$serial" |
	grep -av '^D2B: FAIL'; then
	die "BTF error in the serial output (above)"
fi
grep -aq 'D2B-RESULT: PASS' "$serial" || die "the guest checks failed (serial output above)"
msg "PASS: s390x linux $kver built with dwarf2btf in ${build_time}s (make -j$jobs), booted" \
	"(tcg, ${boot_time}s), BTF accepted; whole run $(($(date +%s) - all_start))s"
