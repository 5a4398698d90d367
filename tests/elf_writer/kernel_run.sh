#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs a kernel-data case of test_elf_writer on the dbg package tree that
# scripts/fetch-kernel.sh caches.
# usage: kernel_run.sh TEST_ELF_WRITER FIXTURES SCRATCH CASE
set -eu
here=$(dirname "$0")
vars=$("$here/../../scripts/fetch-kernel.sh")
eval "$(printf '%s\n' "$vars" | grep '^D2B_')"
dbg=${D2B_VMLINUX%%/usr/lib/debug/*}
exec "$1" --fixtures "$2" --scratch "$3" --kernel "$dbg" "$4"
