/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * libbpf_compat: every workaround for what libbpf 1.1 (Debian 12) lacks,
 * in one place. Each function names the libbpf release that has what it
 * stands in for: once that release is the minimum, the function becomes a
 * call to libbpf (or goes), and so does the code only it uses.
 *
 *   libbpf_compat__new_split()      libbpf 1.2: btf__new_split() exported
 *   libbpf_compat__parse_elf_split()   the same: .BTF read once, then
 *                                   btf__new_split()
 *   libbpf_compat__add_type_attr()  libbpf 1.6: btf__add_type_attr()
 *   libbpf_compat__distill_base()   libbpf 1.5: btf__distill_base()
 *                                   (btf_distill.c goes with it)
 *   libbpf_compat__relocate()       libbpf 1.5: btf__relocate() (it
 *                                   changes the BTF in place; ours copies)
 */
#ifndef D2B_LIBBPF_COMPAT_H
#define D2B_LIBBPF_COMPAT_H

#include <stdint.h>

struct btf;

/**
 * libbpf_compat__new_split() - a BTF object for @size bytes of raw BTF at
 * @data, split on @base when not NULL (btf__new() without a base)
 *
 * libbpf 1.1 declares btf__new_split() but does not export it: the bytes
 * are handed to btf__parse_raw_split() through an anonymous memory file.
 * Return: the BTF (owned by the caller), or NULL with errno set.
 */
struct btf *libbpf_compat__new_split(const void *data, uint32_t size, struct btf *base);

/**
 * libbpf_compat__parse_elf_split() - the .BTF of the ELF file @path, split
 * on @base: libbpf reads the section itself, since its bytes cannot be
 * handed to btf__new_split() (the caller already read the file's
 * .BTF.base). Return: the BTF (owned by the caller), or NULL with errno set.
 */
struct btf *libbpf_compat__parse_elf_split(const char *path, struct btf *base);

/**
 * libbpf_compat__add_type_attr() - a TYPE_TAG with kind_flag 1 (a type
 * attribute, e.g. address_space(1)) on @ref_type_id
 *
 * libbpf 1.1 has no btf__add_type_attr(): the TYPE_TAG is added with
 * btf__add_type_tag() and the flag set in its record.
 * Return: the new type ID, or a negative errno.
 */
int libbpf_compat__add_type_attr(struct btf *btf, const char *value, int ref_type_id);

/* libbpf_compat__distill_base() - btf__distill_base(): see btf_distill__base() */
int libbpf_compat__distill_base(const struct btf *split, struct btf **new_base,
				struct btf **new_split);

/* libbpf_compat__relocate() - btf__relocate() on a copy: see btf_distill__relocate() */
int libbpf_compat__relocate(const struct btf *split, struct btf *base, struct btf **out);

#endif
