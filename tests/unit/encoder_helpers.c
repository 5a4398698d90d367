// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Helpers of the encoder tests: model CU builders and the encode-and-dump
 * runner (see encoder_helpers.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include "encoder_helpers.h"
#include "test.h"

static void oom(void)
{
	fprintf(stderr, "test setup: out of memory\n");
	abort();
}

struct tm_cu *cu_new(const char *name, uint32_t index)
{
	struct tm_cu *cu = tm_cu__new(name, index);

	if (!cu)
		oom();
	return cu;
}

/* every type gets DIE offset 0x1000 + 0x10 * id, for the error messages */
tm_id t_add(struct tm_cu *cu, enum tm_kind kind, const char *name, tm_id ref, uint64_t size)
{
	int id = tm_cu__add_type(cu, kind);
	struct tm_type *t;

	if (id < 0)
		oom();
	t = &cu->types[id];
	t->name = name;
	t->ref = ref;
	t->size = size;
	t->die_off = 0x1000 + 0x10 * id;
	return id;
}

tm_id t_int(struct tm_cu *cu, const char *name, uint64_t size, uint8_t flags)
{
	tm_id id = t_add(cu, TM_INT, name, 0, size);

	cu->types[id].flags = flags;
	cu->types[id].nr_bits = size * 8;
	return id;
}

/* STRUCT or UNION; members follow with t_member(), before any other member */
tm_id t_comp(struct tm_cu *cu, enum tm_kind kind, const char *name, uint64_t size)
{
	tm_id id = t_add(cu, kind, name, 0, size);

	cu->types[id].first = cu->nr_members;
	return id;
}

void t_member(struct tm_cu *cu, tm_id comp, const char *name, tm_id type, uint64_t bit_offset,
	      uint32_t bit_size)
{
	int i = tm_cu__add_member(cu);

	if (i < 0)
		oom();
	if (cu->types[comp].first + cu->types[comp].nr != (uint32_t)i)
		abort(); /* members of one type must be contiguous */
	cu->members[i].name = name;
	cu->members[i].type = type;
	cu->members[i].bit_offset = bit_offset;
	cu->members[i].bit_size = bit_size;
	cu->types[comp].nr++;
	if (bit_size)
		cu->types[comp].flags |= TM_F_BITFIELDS;
}

tm_id t_enum(struct tm_cu *cu, const char *name, uint64_t size, bool is_signed)
{
	tm_id id = t_add(cu, TM_ENUM, name, 0, size);

	cu->types[id].first = cu->nr_enums;
	cu->types[id].flags = is_signed ? TM_F_SIGNED : 0;
	return id;
}

void t_enumerator(struct tm_cu *cu, tm_id e, const char *name, uint64_t value)
{
	int i = tm_cu__add_enumerator(cu);

	if (i < 0)
		oom();
	if (cu->types[e].first + cu->types[e].nr != (uint32_t)i)
		abort();
	cu->enums[i].name = name;
	cu->enums[i].value = value;
	cu->types[e].nr++;
}

tm_id t_array(struct tm_cu *cu, tm_id elem, uint32_t nr, bool inner)
{
	tm_id id = t_add(cu, TM_ARRAY, NULL, elem, 0);

	cu->types[id].nr = nr;
	if (inner)
		cu->types[id].flags |= TM_F_ARRAY_INNER;
	return id;
}

tm_id t_proto(struct tm_cu *cu, tm_id ret, bool variadic)
{
	tm_id id = t_add(cu, TM_FUNC_PROTO, NULL, ret, 0);

	cu->types[id].first = cu->nr_params;
	if (variadic)
		cu->types[id].flags |= TM_F_VARIADIC;
	return id;
}

void t_param(struct tm_cu *cu, tm_id proto, const char *name, tm_id type)
{
	int i = tm_cu__add_param(cu);

	if (i < 0)
		oom();
	if (cu->types[proto].first + cu->types[proto].nr != (uint32_t)i)
		abort();
	cu->params[i].name = name;
	cu->params[i].type = type;
	cu->types[proto].nr++;
}

int f_add(struct tm_cu *cu, const char *name, tm_id proto, uint32_t flags)
{
	int i = tm_cu__add_func(cu);

	if (i < 0)
		oom();
	cu->funcs[i].name = name;
	cu->funcs[i].proto = proto;
	cu->funcs[i].flags = flags | TM_FN_HAS_ADDR;
	cu->funcs[i].addr = 0x1000 + 0x100 * i;
	cu->funcs[i].die_off = 0x8000 + 0x10 * i;
	return i;
}

int v_add(struct tm_cu *cu, const char *name, tm_id type, bool external, uint64_t addr,
	  uint64_t size)
{
	int i = tm_cu__add_var(cu);

	if (i < 0)
		oom();
	cu->vars[i].name = name;
	cu->vars[i].type = type;
	cu->vars[i].external = external;
	cu->vars[i].has_addr = addr != 0;
	cu->vars[i].addr = addr;
	cu->vars[i].size = size;
	cu->vars[i].die_off = 0x9000 + 0x10 * i;
	return i;
}

void tag_add(struct tm_cu *cu, const char *value, enum tm_tag_target kind, uint32_t target,
	     int32_t component_idx)
{
	int i = tm_cu__add_decl_tag(cu);

	if (i < 0)
		oom();
	cu->tags[i].value = value;
	cu->tags[i].target_kind = kind;
	cu->tags[i].target = target;
	cu->tags[i].component_idx = component_idx;
}

void run_free(struct run *r)
{
	btf_encoder__free(r->enc);
	free(r->dump);
	memset(r, 0, sizeof(*r));
}

struct btf_encoder_opts opts_of(uint32_t features)
{
	struct btf_encoder_opts o = {
		.features = features,
		.path = "test.o",
		.addr_size = 8,
	};

	return o;
}

/*
 * libbpf 1.1 declares btf__new_split() but does not export it: split raw
 * data goes through a file.
 */
static struct btf *parse_back(const void *raw, uint32_t size, struct btf *base)
{
	struct btf *b = NULL;
	char path[64];
	FILE *f;

	if (!base)
		return btf__new(raw, size);
	f = tmpfile();
	if (!f)
		return NULL;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fileno(f));
	if (fwrite(raw, 1, size, f) == size && !fflush(f))
		b = btf__parse_raw_split(path, base);
	fclose(f);
	return b; /* libbpf 1.x: NULL on error */
}

int run_encode(struct run *r, const struct btf_encoder_opts *opts, struct btf *base,
	       const struct base_index *idx, const struct elf_symtab *st, struct tm_cu **cus,
	       unsigned int n)
{
	struct btf *back = NULL;
	const void *raw;
	unsigned int i;
	uint32_t size;
	int err;

	memset(r, 0, sizeof(*r));
	err = btf_encoder__new(opts, base, st, &r->enc);
	if (!err && idx)
		btf_encoder__set_base_index(r->enc, idx);
	for (i = 0; i < n; i++) {
		struct btf_encoder_cu *ecu = NULL;

		if (err) {
			tm_cu__free(cus[i]);
			continue;
		}
		err = btf_encoder__encode_cu(r->enc, cus[i], &ecu);
		if (!err) {
			err = btf_encoder__add_cu(r->enc, ecu);
		} else if (ecu) {
			fprintf(stderr, "btf_encoder__encode_cu() failed but gave a result\n");
			btf_encoder_cu__free(ecu);
			err = -EFAULT;
		}
	}
	err = err ?: btf_encoder__finish(r->enc);
	if (err)
		goto fail;
	r->btf = btf_encoder__btf(r->enc);
	r->dump = unit_dump_btf(r->btf, base ? btf__type_cnt(base) : 1);
	if (!r->dump) {
		err = -ENOMEM;
		goto fail;
	}
	raw = btf__raw_data(r->btf, &size);
	back = raw ? parse_back(raw, size, base) : NULL;
	if (!back || btf__type_cnt(back) != btf__type_cnt(r->btf)) {
		fprintf(stderr, "raw BTF of the result does not parse back\n");
		err = -EPROTO;
	}
	btf__free(back);
	if (!err)
		return 0;
fail:
	btf_encoder__free(r->enc);
	free(r->dump);
	memset(r, 0, sizeof(*r));
	return err;
}

int run_one(struct run *r, uint32_t features, struct tm_cu *cu)
{
	struct btf_encoder_opts o = opts_of(features);

	return run_encode(r, &o, NULL, NULL, NULL, &cu, 1);
}
