// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Base BTF check: every type reference and name offset of every type must
 * resolve, so that the encoder and libbpf can follow them blindly.
 */
#include <errno.h>
#include <stdint.h>
#include <bpf/btf.h>
#include "base_check.h"
#include "compiler.h"
#include "log.h"
#include "type_refs.h"
#include "base_strs.h"

struct base_check {
	const struct btf *btf;
	const char *path;
	uint32_t nr;	  /* btf__type_cnt() */
	uint32_t str_len; /* names are offsets below it */
	uint32_t id;	  /* type being checked */
};

static int bad(const struct base_check *bc, const char *what, uint32_t value)
{
	const struct btf_type *t = btf__type_by_id(bc->btf, bc->id);
	const char *name = btf__name_by_offset(bc->btf, t->name_off);

	pr_err("'%s': corrupt base BTF: BTF type [%u] %s '%s': %s %u", bc->path, bc->id,
	       tref__kind_name(btf_kind(t)), name && *name ? name : "(anon)", what, value);
	return -EINVAL;
}

static int check_ref(const struct base_check *bc, uint32_t id)
{
	return id < bc->nr ? 0 : bad(bc, "refers to a type past the last one:", id);
}

static int check_name(const struct base_check *bc, uint32_t off)
{
	return off < bc->str_len ? 0 : bad(bc, "name offset past the strings:", off);
}

static int check_type(const struct base_check *bc, const struct btf_type *t)
{
	uint32_t i, n = tref__str_count(t);
	int err = 0;

	for (i = 0; i < n && !err; i++)
		err = check_name(bc, *tref__str_at(t, i));
	n = tref__count(t);
	for (i = 0; i < n && !err; i++)
		err = check_ref(bc, *tref__at(t, i));
	return err;
}

/*
 * libbpf 1.1 takes any header length (for its own byte order only): one
 * that is not a multiple of 4 misaligns the type records, and one shorter
 * than the header breaks the copy libbpf makes of the base when a split
 * BTF looks a string up in it (btf__add_str()), which then finds no string.
 */
static int check_header(const struct btf *base, const char *path)
{
	const struct btf_header *hdr;
	uint32_t size;

	/* libbpf requires the standard header in the other byte order */
	if (btf__endianness(base) !=
	    (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? BTF_LITTLE_ENDIAN : BTF_BIG_ENDIAN))
		return 0;
	/* the bytes as parsed, not a copy: the base is not modified yet */
	hdr = btf__raw_data(base, &size);
	if (!hdr || size < sizeof(*hdr))
		return 0;
	if (hdr->hdr_len < sizeof(*hdr) || hdr->hdr_len % 4) {
		pr_err("'%s': corrupt base BTF: header length %u (at least %zu, a multiple of 4)",
		       path, hdr->hdr_len, sizeof(*hdr));
		return -EINVAL;
	}
	return 0;
}

int base_check__base(const struct btf *base, const char *path)
{
	struct base_check bc = {.btf = base, .path = path, .nr = btf__type_cnt(base)};
	int err = check_header(base, path);

	if (!err && btf_str_len(base, &bc.str_len)) {
		pr_err("'%s': corrupt base BTF: no string section", path);
		err = -EINVAL;
	}
	for (bc.id = 1; bc.id < bc.nr && !err; bc.id++)
		err = check_type(&bc, btf__type_by_id(base, bc.id));
	return err;
}
