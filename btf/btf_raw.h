/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btf_raw: rebuilding a BTF from its raw records, some types kept, some
 * dropped, some folded into others, renumbered, with fresh strings (see
 * btf_raw.c).
 */
#ifndef D2B_BTF_RAW_H
#define D2B_BTF_RAW_H

#include <stdint.h>
#include "base_strs.h"

struct btf;

/* a fate of btf_raw__rebuild(): the type is left out */
#define FATE_DROP 0xffffffffu

/* a flag of btf_raw__rebuild(): see there */
#define BTF_RAW_UNIQUE_STRS 1u

/**
 * btf_raw__rebuild() - a new BTF with the kept types of @old, renumbered
 * @old:	a standalone BTF, or a split BTF on @base
 * @base:	the base of the result, NULL for a standalone one; a standalone
 *		@old becomes split on it
 * @bs:		the string index of @base (required with @base): strings the
 *		base holds are named by the base's offset
 * @fate:	per ID of @old, from its first own ID: 0 keeps the type,
 *		FATE_DROP leaves it out (nothing kept may refer to it), another
 *		value folds it into that base or kept type (not itself folded);
 *		NULL keeps all
 * @flags:	BTF_RAW_UNIQUE_STRS: no two string offsets of @old's own
 *		strings hold the same string (so after libbpf's adders or its
 *		dedup), and each is copied without looking for its content
 * @out:	the new BTF, owned by the caller; strings are only those the
 *		kept types use, in the order they first use them
 * Return: 0 or a negative errno.
 */
int btf_raw__rebuild(const struct btf *old, const struct btf *base, const struct base_strs *bs,
		     const uint32_t *fate, unsigned int flags, struct btf **out);

/*
 * btf_raw__rebuild_own() - btf_raw__rebuild() with @fate indexed from the
 * first own ID of @old: fate[0] is the first own type's
 */
int btf_raw__rebuild_own(const struct btf *old, const struct btf *base, const struct base_strs *bs,
			 const uint32_t *fate, unsigned int flags, struct btf **out);

#endif
