/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_fwds: declarations resolved before libbpf's dedup of the interned
 * result (see btf_fwds.c).
 */
#ifndef D2B_BTF_FWDS_H
#define D2B_BTF_FWDS_H

#include <stdint.h>

struct btf;

/**
 * btf_fwds__resolve() - point references to a FWD at the definition of its
 * name, when all definitions of that name have one shape (see btf_fwds.c)
 * @btf:	the interned result, before btf__dedup(); changed in place
 * @first_id:	its first own type ID
 * @nr_resolved: number of FWDs whose users now refer to a definition
 * Return: 0 or -ENOMEM (@btf unchanged).
 */
int btf_fwds__resolve(struct btf *btf, uint32_t first_id, uint32_t *nr_resolved);

#endif
