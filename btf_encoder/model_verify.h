/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * --verify: the encoded BTF checked against the DWARF it came from. The
 * DWARF is read a second time, on the loader's threads, and every named
 * struct, union and enum definition of every CU must have a type of the same
 * name and kind in the BTF with the same size, member names, bit offsets and
 * bitfield sizes, or enumerator names and values (as BTF holds them). Every
 * FUNC of the BTF's own part must have the parameter count of a DWARF
 * definition of that name. This catches wrong merges in interning, dedup,
 * folding into a base and the kfunc pass.
 */
#ifndef D2B_MODEL_VERIFY_H
#define D2B_MODEL_VERIFY_H

#include <stdint.h>

struct btf;
struct dwl;

/**
 * model_verify__btf() - check @btf against the DWARF of @dwl
 * @btf:	the encoder's result (split on its base, whose types count as
 *		candidates too); borrowed, read only
 * @dwl:	the loader the BTF was encoded from; its CUs are converted again
 * @path:	input file, for messages
 *
 * Each mismatch is printed (the first few in full) naming the DWARF DIE and
 * the BTF type.
 * Return: 0 when everything matches, -EBADMSG on a mismatch, another
 * negative errno when the check could not run (reason printed).
 */
int model_verify__btf(const struct btf *btf, struct dwl *dwl, const char *path);

#endif
