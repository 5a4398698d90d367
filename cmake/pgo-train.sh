#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The training run of profile-guided optimization (cmake/Pgo.cmake): the
# instrumented dwarf2btf encodes its own debug info as a standalone BTF, then
# again as split BTF on that one, then into a copy of itself (-J, the ELF
# writer), single-threaded so that the counts do not depend on scheduling.
# The counts of an earlier training go first: the profile is this binary's.
#
# usage: cmake/pgo-train.sh INSTRUMENTED_DWARF2BTF PROFILE_DIR WORK_DIR
set -eu
tool=$1
data=$2
work=$3
feat=--btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs
rm -rf "$data" "$work"
mkdir -p "$data" "$work"
"$tool" -j1 "$feat" --btf_encode_detached="$work/base.btf" "$tool"
"$tool" -j1 "$feat" --btf_base="$work/base.btf" --btf_encode_detached="$work/split.btf" "$tool"
cp "$tool" "$work/copy"
"$tool" -j1 "$feat" -J "$work/copy"
