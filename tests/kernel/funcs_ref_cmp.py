#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare our FUNCs (btf_funcs.py output) with a reference decision file
(tests/kernel/funcs_ref.sh; /work/shared/reference/funcs/*.tsv.gz format).

usage: funcs_ref_cmp.py OURS.tsv REF.tsv[.gz] [--known FILE] [--max-pct 0.5]
       [--min-suffixed N] [--list]

Checks:
  - names encoded by only one side are at most --max-pct percent of the
    reference's encoded count;
  - with --known, every differing name is listed there ("name<TAB>reason"),
    and every listed name still differs (a stale line is an error);
  - no name both encode has a different prototype, parameter names aside,
    unless --known explains it;
  - with --min-suffixed, at least N of our FUNC names have a '.' suffix.
"""
import gzip
import hashlib
import lzma
import re
import sys


def lines_of(path):
    """the lines of a decision file: plain, .gz, or packed .xz (funcs_ref_pack.py)
    with an optional delta: PACKED.xz+DELTA.xz applies DELTA's '+'/'-' lines"""
    if "+" in path and path.endswith(".xz"):
        base, delta = path.split("+", 1)
        lines = set(lines_of(base))
        for l in lines_of(delta):
            (lines.add if l[0] == "+" else lines.discard)(l[1:])
        return sorted(lines)
    op = gzip.open if path.endswith(".gz") else lzma.open if path.endswith(".xz") else open
    with op(path, "rt") as f:
        return [l.rstrip("\n") for l in f]


def shape_hash(shape):
    return hashlib.sha1(shape.encode()).hexdigest()[:10]


def read(path):
    """{name: prototype or '#hash'}, {name: reason}"""
    enc, skip = {}, {}
    for line in lines_of(path):
        c = line.split("\t")
        if len(c) < 3 or c[0] == "name":
            continue
        if c[1] == "encoded":
            enc[c[0]] = c[3] if len(c) > 3 else ""
        elif c[1] == "e":  # packed: the prototype's shape as a hash
            enc[c[0]] = "#" + c[2]
        else:
            skip.setdefault(c[0], c[2])
    return enc, skip


def split_params(s):
    """top-level comma split"""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
KEYWORDS = {"int", "char", "long", "short", "unsigned", "signed", "void", "const",
            "volatile", "restrict", "struct", "union", "enum", "_Bool", "double",
            "float"}


def strip_name(p):
    """a parameter declaration without its name"""
    p = p.strip()
    if p == "...":
        return p
    m = re.match(r"^(.*\(\s*\*+\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*\).*)$", p)
    if m:  # function pointer / pointer to array
        return m.group(1) + m.group(3)
    toks = p.replace("*", " * ").split()
    if len(toks) >= 2 and IDENT.match(toks[-1]) and toks[-1] not in KEYWORDS \
            and not (len(toks) == 2 and toks[0] in ("struct", "union", "enum")):
        toks = toks[:-1]
    return " ".join(toks)


def shape(proto, name):
    """prototype without parameter names: 'ret|p1|p2'"""
    i = proto.find(" " + name + "(")
    j = i + len(name) + 1
    if i < 0:
        i = proto.find("*" + name + "(")
        j = i + len(name) + 1
        ret = proto[:i + 1]
    else:
        ret = proto[:i]
    body = proto[j + 1:proto.rfind(")")]
    return " ".join(ret.replace("*", " * ").split()) + "|" + \
        "|".join(strip_name(x) for x in split_params(body))


def main():
    a = sys.argv[1:]
    opt = {"--known": None, "--max-pct": "0.5", "--min-suffixed": None}
    listing = "--list" in a
    a = [x for x in a if x != "--list"]
    for k in list(opt):
        if k in a:
            i = a.index(k)
            opt[k] = a[i + 1]
            del a[i:i + 2]
    ours, _ = read(a[0])
    ref, ref_skip = read(a[1])
    only_ours = sorted(set(ours) - set(ref))
    only_ref = sorted(set(ref) - set(ours))
    bad = 0
    known = {}
    if opt["--known"]:
        with open(opt["--known"]) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                n, _, why = line.rstrip("\n").partition("\t")
                known[n] = why
    for n in only_ours + only_ref:
        side = ("ours only (ref: %s)" if n in ours else "reference only (ours: %s)") % ref_skip.get(n, "not considered")
        if listing:
            print("%s\t%s" % (n, side))
        if opt["--known"] and n not in known:
            print("unexplained: %s: %s" % (n, side), file=sys.stderr)
            bad = 1
    nprot = 0
    proto_diff = set()
    def key(protos, n):
        p = protos[n]
        return p[1:] if p.startswith("#") else shape_hash(shape(p, n))

    for n in sorted(set(ours) & set(ref)):
        if key(ours, n) != key(ref, n):
            proto_diff.add(n)
            if n in known:
                continue
            print("prototype differs: %s\n  ours: %s\n  ref:  %s" % (n, ours[n], ref[n]),
                  file=sys.stderr)
            nprot += 1
    for n in known:
        if n not in only_ours and n not in only_ref and n not in proto_diff:
            print("stale known line: %s" % n, file=sys.stderr)
            bad = 1
    diff = len(only_ours) + len(only_ref)
    pct = 100.0 * diff / max(1, len(ref))
    suffixed = sum(1 for n in ours if "." in n)
    print("ours %d, reference %d, only ours %d, only reference %d (%.3f%%), "
          "prototypes differing %d (%d explained), suffixed %d" %
          (len(ours), len(ref), len(only_ours), len(only_ref), pct, nprot + len(proto_diff & set(known)),
           len(proto_diff & set(known)), suffixed))
    if pct > float(opt["--max-pct"]):
        print("FAIL: %.3f%% of names differ (max %s%%)" % (pct, opt["--max-pct"]), file=sys.stderr)
        bad = 1
    if nprot:
        bad = 1
    if opt["--min-suffixed"] and suffixed < int(opt["--min-suffixed"]):
        print("FAIL: %d suffixed FUNCs (min %s)" % (suffixed, opt["--min-suffixed"]), file=sys.stderr)
        bad = 1
    sys.exit(bad)


if __name__ == "__main__":
    main()
