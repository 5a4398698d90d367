/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Distilled base BTF (--btf_features=distilled_base): a module's split BTF
 * rewritten onto a small "distilled" base that only names the base types it
 * uses, so the kernel (6.11+, kernel/bpf/btf_relocate.c) can relocate it
 * onto a vmlinux whose BTF numbers its types differently. This is our own
 * equivalent of libbpf 1.5's btf__distill_base(), which libbpf 1.1 lacks,
 * and of the kernel's relocation, which the tests use to check it. The
 * rules are described at the top of btf_distill.c.
 */
#ifndef D2B_BTF_DISTILL_H
#define D2B_BTF_DISTILL_H

struct btf;

/**
 * btf_distill__base() - make a distilled base for split BTF, like libbpf
 * 1.5's btf__distill_base()
 * @split:	split BTF; its base (btf__base_btf()) is the full base. Neither
 *		is changed.
 * @new_base:	out: the distilled base, a standalone BTF (IDs 1..n), in the
 *		byte order of @split
 * @new_split:	out: @split's own types, in their order, followed by the
 *		base types they use that the distilled base does not describe,
 *		as split BTF on *@new_base
 *
 * Both results are owned by the caller. *@new_split borrows *@new_base
 * (libbpf 1.1 has no way to hand a base over), so free *@new_split first:
 * btf__free(*new_split); btf__free(*new_base).
 *
 * Return: 0; -EINVAL when @split has no base or refers to a base type a
 * distilled base cannot describe (FUNC, VAR, DATASEC, DECL_TAG: the type
 * IDs are printed), -ENOMEM. On error *@new_base and *@new_split are left
 * unchanged.
 */
int btf_distill__base(const struct btf *split, struct btf **new_base, struct btf **new_split);

/**
 * btf_distill__relocate() - the kernel's relocation of split BTF on a
 * distilled base onto a full base (btf_relocate() of kernel/bpf/btf_relocate.c)
 * @split:	split BTF whose base (btf__base_btf()) is a distilled base
 * @base:	the full base to relocate onto; its content is not changed,
 *		but libbpf builds its string index in it
 * @out:	out: a new split BTF on @base with @split's own types, in their
 *		order, their references to distilled types replaced by the
 *		matching base types; owned by the caller (btf__free())
 *
 * libbpf 1.1 cannot give a BTF another base, so the result is a copy;
 * its strings are interned again (the kernel rewrites offsets in place),
 * which gives the same names.
 *
 * Return: 0; -EINVAL when the distilled base has a type the kernel refuses
 * there, a distilled type matches no base type or two of them, or a
 * reference is out of range; -ENOENT when a string of @split points into
 * the distilled base but is not the name of a distilled type (each reason
 * printed, naming the type IDs); -ENOMEM. On error *@out is unchanged.
 */
int btf_distill__relocate(const struct btf *split, struct btf *base, struct btf **out);

#endif
