#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""One address per FUNC: every FUNC name of a BTF must name exactly one
function address in the ELF symbol table -- a source name ('foo') through
all its symbols ('foo', 'foo.isra.0', 'foo.constprop.1'; '.cold' and
'.part' pieces are not entries), a suffixed name ('foo.isra.0') through the
symbols of exactly that name.

usage: func_addrs.py NM-OUTPUT FUNC-NAMES
  NM-OUTPUT: `nm --defined-only` of the ELF file; FUNC-NAMES: one per line.
Prints the offenders and exits 1 when there are any.
"""
import sys

PIECES = (".cold", ".part")


def main():
    by_stem, by_name = {}, {}
    with open(sys.argv[1]) as f:
        for line in f:
            c = line.split()
            if len(c) != 3 or c[1] not in "tTwW":
                continue
            addr, name = c[0], c[2]
            dot = name.find(".")
            if dot >= 0 and any(p in name[dot:] for p in PIECES):
                continue
            by_name.setdefault(name, set()).add(addr)
            by_stem.setdefault(name if dot < 0 else name[:dot], set()).add(addr)
    bad = 0
    n = 0
    with open(sys.argv[2]) as f:
        for name in f:
            name = name.strip()
            if not name:
                continue
            n += 1
            addrs = by_name.get(name, set()) if "." in name else by_stem.get(name, set())
            if len(addrs) != 1:
                print("FUNC '%s': %d function addresses (%s)" %
                      (name, len(addrs), " ".join(sorted(addrs)[:4])))
                bad += 1
    print("func_addrs: %d FUNCs, %d without exactly one address" % (n, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
