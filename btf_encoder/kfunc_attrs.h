/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The "attributes" feature: address_space(1) type attributes on the
 * prototypes of bpf_arena kfuncs (see kfunc_attrs.c).
 */
#ifndef D2B_KFUNC_ATTRS_H
#define D2B_KFUNC_ATTRS_H

#include <stdint.h>

struct btf;
struct kfunc_attrs;

/* kfunc flags (the kernel's include/linux/btf.h, KF_*) that change the BTF */
#define KF_FASTCALL (1u << 12)	 /* DECL_TAG "bpf_fastcall" */
#define KF_ARENA_RET (1u << 13)	 /* returns a pointer into a bpf_arena */
#define KF_ARENA_ARG1 (1u << 14) /* its first argument points into a bpf_arena */
#define KF_ARENA_ARG2 (1u << 15) /* its second argument does */
#define KF_ARENA_MASK (KF_ARENA_RET | KF_ARENA_ARG1 | KF_ARENA_ARG2)

/* the attribute, as a TYPE_TAG with kind_flag 1 (libbpf 1.6's btf__add_type_attr()) */
#define KFUNC_ARENA_ATTR "address_space(1)"

/**
 * kfunc_attrs__new() - start giving attributes to the kfuncs of @btf
 * @btf:	standalone, deduplicated BTF; borrowed, modified by
 *		kfunc_attrs__add()
 * @path:	the input file, for messages (borrowed)
 * Return: 0 or -ENOMEM.
 */
int kfunc_attrs__new(struct btf *btf, const char *path, struct kfunc_attrs **out);

/**
 * kfunc_attrs__add() - the attributes @flags asks for on the FUNC @func_id
 * With KF_ARENA_RET, KF_ARENA_ARG1 or KF_ARENA_ARG2, the FUNC gets a
 * prototype whose return type, first or second parameter type is
 * PTR -> TYPE_TAG "address_space(1)" (kind_flag 1) -> the old pointee.
 * Other flags change nothing. Call once per FUNC.
 * Return: 0, -EINVAL when a flagged slot is not a pointer (printed), -ENOMEM.
 */
int kfunc_attrs__add(struct kfunc_attrs *ka, uint32_t func_id, uint32_t flags);

/**
 * kfunc_attrs__finish() - drop the prototypes no FUNC uses any more
 * @btfp:	the BTF given to kfunc_attrs__new(); replaced by a renumbered
 *		one (the old one freed) when a prototype was dropped
 * Return: 0 or a negative errno (*btfp unchanged).
 */
int kfunc_attrs__finish(struct kfunc_attrs *ka, struct btf **btfp);

void kfunc_attrs__free(struct kfunc_attrs *ka);

#endif
