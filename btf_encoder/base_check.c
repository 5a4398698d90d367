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

struct base_check {
	const struct btf *btf;
	const char *path;
	uint32_t nr; /* btf__type_cnt() */
	uint32_t id; /* type being checked */
};

static int bad(const struct base_check *bc, const char *what, uint32_t value)
{
	const struct btf_type *t = btf__type_by_id(bc->btf, bc->id);
	const char *name = btf__name_by_offset(bc->btf, t->name_off);

	pr_err("'%s': corrupt base BTF: BTF type [%u] %s '%s': %s %u", bc->path, bc->id,
	       tkind__name(btf_kind(t)), name && *name ? name : "(anon)", what, value);
	return -EINVAL;
}

static int check_ref(const struct base_check *bc, uint32_t id)
{
	return id < bc->nr ? 0 : bad(bc, "refers to a type past the last one:", id);
}

static int check_name(const struct base_check *bc, uint32_t off)
{
	return btf__name_by_offset(bc->btf, off) ? 0
						 : bad(bc, "name offset past the strings:", off);
}

static int check_type(const struct base_check *bc, const struct btf_type *t)
{
	uint32_t i, n = tref__count(t);
	uint16_t vlen = btf_vlen(t);
	int err = check_name(bc, t->name_off);

	/* the names the kinds keep beside the type's own */
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; i < vlen && !err; i++)
			err = check_name(bc, btf_members(t)[i].name_off);
		break;
	case BTF_KIND_ENUM:
		for (i = 0; i < vlen && !err; i++)
			err = check_name(bc, btf_enum(t)[i].name_off);
		break;
	case BTF_KIND_ENUM64:
		for (i = 0; i < vlen && !err; i++)
			err = check_name(bc, btf_enum64(t)[i].name_off);
		break;
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < vlen && !err; i++)
			err = check_name(bc, btf_params(t)[i].name_off);
		break;
	default:
		break;
	}
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

int btf_base__check(const struct btf *base, const char *path)
{
	struct base_check bc = { .btf = base, .path = path, .nr = btf__type_cnt(base) };
	int err = check_header(base, path);

	for (bc.id = 1; bc.id < bc.nr && !err; bc.id++)
		err = check_type(&bc, btf__type_by_id(base, bc.id));
	return err;
}
