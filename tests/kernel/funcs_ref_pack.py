#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Pack a reference decision file (name, encoded|skipped, linkage|reason,
prototype) for the repository: encoded lines keep only a hash of the
prototype's shape (parameter names aside; funcs_ref_cmp.py compares those),
skipped lines their reason. With two files, write the second as a delta
('+'/'-' lines) against the first.

usage: funcs_ref_pack.py REF.tsv.gz OUT.xz
       funcs_ref_pack.py REF.tsv.gz REF2.tsv.gz DELTA.xz
"""
import lzma
import sys

import funcs_ref_cmp as cmp


def packed(path):
    out = set()
    for line in cmp.lines_of(path):
        c = line.split("\t")
        if len(c) < 3 or c[0] == "name":
            continue
        if c[1] == "encoded":
            out.add("%s\te\t%s" % (c[0], cmp.shape_hash(cmp.shape(c[3], c[0]))))
        else:
            out.add("%s\ts\t%s" % (c[0], c[2]))
    return out


def main():
    a = packed(sys.argv[1])
    if len(sys.argv) == 3:
        lines = sorted(a)
    else:
        b = packed(sys.argv[2])
        lines = ["+" + l for l in sorted(b - a)] + ["-" + l for l in sorted(a - b)]
    with lzma.open(sys.argv[-1], "wt", preset=9) as f:
        f.write("".join(l + "\n" for l in lines))


if __name__ == "__main__":
    main()
