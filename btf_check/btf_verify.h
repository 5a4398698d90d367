/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The kernel's BTF verifier in user space (dwarf2btf --btf_check): the
 * rules BPF_BTF_LOAD applies, as kernel/bpf/btf.c of Linux 6.18 states
 * them (see docs/btf_verify.md). A BTF is checked in either byte order;
 * split BTF is checked on a base that passed first.
 */
#ifndef D2B_BTF_VERIFY_H
#define D2B_BTF_VERIFY_H

#include <stddef.h>

struct btf;
struct btf_vbase;

/* the kernel release whose rules are implemented */
#define BTF_VERIFY_RULES "6.18"

/**
 * btf_vbase__new() - verify a standalone BTF and keep it as a base
 * @data, @size:	raw BTF (header, types, strings), either byte order;
 *			copied, the caller keeps its buffer
 * @log, @len:		on rejection, the kernel-style reason (may be NULL)
 * @err:		0, -EINVAL (rejected) or -ENOMEM
 * Return: a base the caller frees with btf_vbase__free(), or NULL.
 */
struct btf_vbase *btf_vbase__new(const void *data, size_t size, char *log, size_t len, int *err);
void btf_vbase__free(struct btf_vbase *base);
/* types of @base including type 0 (void) */
unsigned int btf_vbase__type_cnt(const struct btf_vbase *base);

/**
 * btf_verify__raw() - verify raw BTF the way the kernel's BPF_BTF_LOAD does
 * @data, @size:	raw BTF, either byte order (not kept)
 * @base:		base of a split BTF, or NULL for a standalone one
 * @log, @len:		on rejection "[ID] KIND name details: rule" (may be NULL)
 * Return: 0 when the kernel accepts it, -EINVAL when it rejects it, -ENOMEM.
 */
int btf_verify__raw(const void *data, size_t size, const struct btf_vbase *base, char *log,
		    size_t len);

/**
 * btf_verify__check() - btf_verify__raw() on libbpf BTF objects
 * @btf:	the BTF to check (split on @base when @base is not NULL)
 * @base:	its base, or NULL
 * Return: 0, -EINVAL with the reason in @log, or -ENOMEM.
 */
int btf_verify__check(const struct btf *btf, const struct btf *base, char *log, size_t len);

#endif
