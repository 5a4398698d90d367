// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * verify_corrupt: encodes FILE as dwarf2btf does (default features), changes
 * one thing in the result the way a wrong merge would, and runs --verify's
 * checks on it: model_verify__btf() (against the DWARF), then
 * btf_verify__check() (the kernel's rules). The checks must fail on every
 * change and pass on none.
 *
 * Usage: verify_corrupt FILE MODE [NAME]
 *   MODE	none          change nothing
 *		offset        a member of struct NAME moves by 8 bits
 *		bitfield      a bitfield of struct NAME gets one bit more
 *		member_name   a member of struct NAME is renamed
 *		size          struct NAME grows by 8 bytes
 *		enum_value    a value of enum NAME changes
 *		func_params   FUNC NAME's prototype loses its last parameter
 *		func_linkage  FUNC NAME gets linkage 9 (only the kernel's rules
 *		              see it)
 * The changed type is the first of that name and kind.
 * Exit: 0 the check said what MODE expects (pass for none, a mismatch for
 * the rest), 1 it did not, 2 usage or encoding error.
 */
#include <errno.h>
#include <gelf.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_encoder.h"
#include "btf_verify.h"
#include "dwarf_loader.h"
#include "elf_symtab.h"
#include "log.h"
#include "model_verify.h"

static struct btf_type *find(struct btf *btf, const char *name, int kind)
{
	int id = btf__find_by_name_kind(btf, name, kind);

	return id > 0 ? (struct btf_type *)btf__type_by_id(btf, id) : NULL;
}

static struct btf_member *bitfield_of(struct btf_type *t)
{
	uint16_t i;

	for (i = 0; i < btf_vlen(t); i++)
		if (btf_kflag(t) && BTF_MEMBER_BITFIELD_SIZE(btf_members(t)[i].offset))
			return &btf_members(t)[i];
	return NULL;
}

/* Return: 0 changed, -ENOENT nothing to change */
static int corrupt(struct btf *btf, const char *mode, const char *name)
{
	struct btf_type *t;
	struct btf_member *m;

	if (!strcmp(mode, "none"))
		return 0;
	if (!strcmp(mode, "enum_value")) {
		t = find(btf, name, BTF_KIND_ENUM);
		if (!t || !btf_vlen(t))
			return -ENOENT;
		btf_enum(t)[btf_vlen(t) - 1].val += 1;
		return 0;
	}
	if (!strcmp(mode, "func_params")) {
		t = find(btf, name, BTF_KIND_FUNC);
		t = t ? (struct btf_type *)btf__type_by_id(btf, t->type) : NULL;
		if (!t || !btf_vlen(t))
			return -ENOENT;
		t->info -= 1; /* vlen is the low 16 bits */
		return 0;
	}
	if (!strcmp(mode, "func_linkage")) {
		t = find(btf, name, BTF_KIND_FUNC);
		if (!t)
			return -ENOENT;
		t->info = (t->info & ~0xffffu) | 9; /* a FUNC's vlen is its linkage */
		return 0;
	}
	t = find(btf, name, BTF_KIND_STRUCT);
	if (!t || btf_vlen(t) < 2)
		return -ENOENT;
	if (!strcmp(mode, "size")) {
		t->size += 8;
		return 0;
	}
	if (!strcmp(mode, "offset")) {
		btf_members(t)[1].offset += 8;
		return 0;
	}
	if (!strcmp(mode, "member_name")) {
		/* another member's name: a string the BTF already has */
		btf_members(t)[1].name_off = btf_members(t)[0].name_off;
		return 0;
	}
	if (!strcmp(mode, "bitfield")) {
		m = bitfield_of(t);
		if (!m)
			return -ENOENT;
		m->offset += 1u << 24;
		return 0;
	}
	return -EINVAL;
}

int main(int argc, char **argv)
{
	struct dwl_opts dopts = {.nr_threads = 1};
	struct btf_encoder_opts eopts = {
		.features = BTF_FEAT_VAR | BTF_FEAT_DECL_TAG | BTF_FEAT_TYPE_TAG | BTF_FEAT_ENUM64,
		.addr_size = 8,
	};
	struct btf_encoder *enc = NULL;
	struct elf_symtab *st = NULL;
	struct dwl *dwl = NULL;
	int err, ret = 2;

	if (argc < 3 || (strcmp(argv[2], "none") && argc < 4)) {
		fprintf(stderr, "usage: verify_corrupt FILE MODE [NAME]\n");
		return 2;
	}
	eopts.path = argv[1];
	err = dwl__open(argv[1], &dopts, &dwl);
	err = err ?: elf_symtab__new(dwl__elf(dwl), argv[1], &st);
	err = err ?: btf_encoder__new(&eopts, NULL, st, &enc);
	err = err ?: btf_encoder__encode_dwarf(enc, dwl);
	err = err ?: btf_encoder__finish(enc);
	if (err) {
		fprintf(stderr, "verify_corrupt: %s: cannot encode: %s\n", argv[1], strerror(-err));
		goto out;
	}
	err = corrupt(btf_encoder__btf(enc), argv[2], argv[3]);
	if (err) {
		fprintf(stderr, "verify_corrupt: %s: nothing to change for %s %s\n", argv[1],
			argv[2], argv[3]);
		goto out;
	}
	err = model_verify__btf(btf_encoder__btf(enc), dwl, argv[1]);
	if (!err) {
		char log[512];

		err = btf_verify__check(btf_encoder__btf(enc), NULL, log, sizeof(log));
		if (err == -EINVAL) {
			fprintf(stderr, "verify_corrupt: %s: the kernel's rules: %s\n", argv[1],
				log);
			err = -EBADMSG;
		}
	}
	if (!strcmp(argv[2], "none"))
		ret = err ? 1 : 0;
	else
		ret = err == -EBADMSG ? 0 : 1;
	printf("verify_corrupt: %s %s: check returned %d\n", argv[2], argv[3] ?: "", err);
out:
	btf_encoder__free(enc);
	elf_symtab__free(st);
	dwl__free(dwl);
	return ret;
}
