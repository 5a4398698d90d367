#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Print the FUNCs of a BTF as C prototypes, one tab-separated line each:
name, "encoded", "static", prototype -- the columns of the reference files
(tests/kernel/funcs_ref.sh).

usage: btf_funcs.py FILE.btf | ELF-with-.BTF  [--base BASE.btf]
Raw BTF files and ELF files (their .BTF section) are read directly.
"""
import struct
import sys

BTF_MAGIC = 0xEB9F
(K_UNKN, K_INT, K_PTR, K_ARRAY, K_STRUCT, K_UNION, K_ENUM, K_FWD, K_TYPEDEF,
 K_VOLATILE, K_CONST, K_RESTRICT, K_FUNC, K_FUNC_PROTO, K_VAR, K_DATASEC,
 K_FLOAT, K_DECL_TAG, K_TYPE_TAG, K_ENUM64) = range(20)


def elf_btf(data):
    """the .BTF section of an ELF64 little-endian file, or None"""
    if data[:4] != b"\x7fELF":
        return None
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    secs = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    stroff = secs[shstrndx][4]
    for s in secs:
        end = data.index(b"\0", stroff + s[0])
        if data[stroff + s[0]:end] == b".BTF":
            return data[s[4]:s[4] + s[5]]
    return None


class Btf:
    def __init__(self, raw, base=None):
        magic, _ver, _flags, hlen = struct.unpack_from("<HBBI", raw, 0)
        if magic != BTF_MAGIC:
            raise SystemExit("not BTF (or not little-endian)")
        toff, tlen, soff, slen = struct.unpack_from("<IIII", raw, 8)
        self.base = base
        self.strs = raw[hlen + soff:hlen + soff + slen]
        self.str_start = len(base.strs_all) if base else 0
        self.strs_all = (base.strs_all if base else b"") + self.strs
        self.types = list(base.types) if base else [None]
        p, end = hlen + toff, hlen + toff + tlen
        while p < end:
            name_off, info, size = struct.unpack_from("<III", raw, p)
            kind, vlen = (info >> 24) & 0x1F, info & 0xFFFF
            p += 12
            extra = None
            if kind == K_INT:
                extra = struct.unpack_from("<I", raw, p)[0]
                p += 4
            elif kind == K_ARRAY:
                extra = struct.unpack_from("<III", raw, p)
                p += 12
            elif kind in (K_STRUCT, K_UNION):
                p += 12 * vlen
            elif kind == K_ENUM:
                p += 8 * vlen
            elif kind == K_ENUM64:
                p += 12 * vlen
            elif kind == K_FUNC_PROTO:
                extra = [struct.unpack_from("<II", raw, p + 8 * i) for i in range(vlen)]
                p += 8 * vlen
            elif kind == K_VAR:
                p += 4
            elif kind == K_DATASEC:
                p += 12 * vlen
            elif kind == K_DECL_TAG:
                p += 4
            self.types.append((kind, name_off, size, vlen, extra, info))

    def name(self, off):
        end = self.strs_all.index(b"\0", off)
        return self.strs_all[off:end].decode()

    def decl(self, tid, inner):
        """C declaration of @inner (a declarator string) of type @tid"""
        while True:
            if tid == 0:
                return ("void " + inner).rstrip()
            kind, name_off, size, vlen, extra, info = self.types[tid]
            nm = self.name(name_off)
            if kind in (K_INT, K_FLOAT, K_TYPEDEF):
                return (nm + " " + inner).rstrip()
            if kind in (K_STRUCT, K_UNION, K_ENUM, K_ENUM64, K_FWD):
                if kind == K_FWD:  # pahole's notation for a declared-only type
                    kw = "fwd union" if info >> 31 else "fwd struct"
                else:
                    kw = {K_STRUCT: "struct", K_UNION: "union"}.get(kind, "enum")
                return (kw + " " + nm + " " + inner).rstrip()
            if kind == K_PTR:
                t = self.types[size] if size else None
                if t and t[0] in (K_ARRAY, K_FUNC_PROTO):
                    inner = "(*" + inner + ")"
                else:
                    inner = "*" + inner
                tid = size
                continue
            if kind in (K_CONST, K_VOLATILE, K_RESTRICT):
                q = {K_CONST: "const", K_VOLATILE: "volatile", K_RESTRICT: "restrict"}[kind]
                t = self.types[size] if size else None
                if t and t[0] == K_PTR or inner.startswith("*") and False:
                    inner = q + " " + inner
                else:
                    # qualifier of the pointed-to/base type goes in front
                    return q + " " + self.decl(size, inner)
                tid = size
                continue
            if kind == K_TYPE_TAG:
                tid = size
                continue
            if kind == K_ARRAY:
                et, _it, n = extra
                return self.decl(et, inner + "[%d]" % n)
            if kind == K_FUNC_PROTO:
                return self.decl(size, inner + "(" + self.params(tid, False) + ")")
            return "? " + inner

    def params(self, proto, named):
        kind, _n, _size, vlen, extra, _info = self.types[proto]
        out = []
        for pname_off, ptype in extra:
            if ptype == 0 and pname_off == 0:
                out.append("...")
                continue
            out.append(self.decl(ptype, self.name(pname_off) if named else ""))
        return ", ".join(out)

    def funcs(self):
        start = len(self.base.types) if self.base else 1
        for tid in range(start, len(self.types)):
            kind, name_off, size, vlen, extra, info = self.types[tid]
            if kind != K_FUNC:
                continue
            nm = self.name(name_off)
            ret = self.types[size][2]
            proto = self.decl(ret, nm + "(" + self.params(size, True) + ")")
            yield nm, proto


def load(path, base=None):
    with open(path, "rb") as f:
        data = f.read()
    raw = elf_btf(data)
    return Btf(raw if raw is not None else data, base)


def main():
    args = sys.argv[1:]
    base = None
    if "--base" in args:
        i = args.index("--base")
        base = load(args[i + 1])
        del args[i:i + 2]
    btf = load(args[0], base)
    lines = sorted("%s\tencoded\tstatic\t%s" % (n, p) for n, p in btf.funcs())
    sys.stdout.write("".join(l + "\n" for l in lines))


if __name__ == "__main__":
    main()
