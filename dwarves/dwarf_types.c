// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Type DIEs -> model types. A type gets its model id the first time it is
 * seen (walked or referenced) and is queued; dwl_drain() then converts the
 * queue in FIFO order. References that leave the CU (type units through
 * DW_FORM_ref_sig8, DW_FORM_ref_addr into other units, partial units) are
 * followed the same way, so each CU carries every type it uses.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dwarf.h>
#include "dwarf_annot.h"
#include "dwarf_die.h"
#include "log.h"
#include "vec.h"

/* ---- conversion of each type tag ---- */

static struct tm_type *type_at(struct dwl_cu_ctx *c, tm_id id)
{
	return &c->cu->types[id];
}

static uint64_t die_byte_size(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	uint64_t v;

	return dwl_udata(c, die, DW_AT_byte_size, &v) ? v : 0;
}

/* a FLOAT of @size bytes named like C does, for the halves of complex types */
static int synth_float(struct dwl_cu_ctx *c, uint64_t size, tm_id *out)
{
	static const char *const names[] = {[4] = "float", [8] = "double", [16] = "long double"};
	int id = tm_cu__add_type(c->cu, TM_FLOAT);

	if (id < 0)
		return id;
	type_at(c, id)->size = size;
	type_at(c, id)->name = size < ARRAY_SIZE(names) && names[size] ? names[size] : "float";
	*out = id;
	return 0;
}

static int conv_base(struct dwl_cu_ctx *c, struct dwl_attrs *attrs, const char *name, tm_id id)
{
	uint64_t enc = 0, size = dwl_attrs_byte_size(attrs), bits = 0;
	struct tm_type *t = type_at(c, id);

	dwl_attrs_udata(attrs, DWL_A_ENCODING, &enc);
	t->name = name;
	t->size = size;
	if (dwl_attrs_udata(attrs, DWL_A_BIT_SIZE, &bits) && bits && bits < size * 8)
		t->nr_bits = bits;
	else
		t->nr_bits = size * 8 > 0xffff ? 0xffff : size * 8;
	switch (enc) {
	case DW_ATE_float:
		t->kind = TM_FLOAT;
		break;
	case DW_ATE_complex_float: {
		/* two floats side by side: an array keeps size and alignment */
		tm_id half;
		int err = synth_float(c, size / 2, &half);

		if (err)
			return err;
		t = type_at(c, id);
		t->kind = TM_ARRAY;
		t->ref = half;
		t->nr = 2;
		t->name = NULL;
		break;
	}
	case DW_ATE_signed:
		t->kind = TM_INT;
		t->flags = TM_F_SIGNED;
		break;
	case DW_ATE_signed_char:
		t->kind = TM_INT;
		t->flags = TM_F_SIGNED | TM_F_CHAR;
		break;
	case DW_ATE_unsigned_char:
		t->kind = TM_INT;
		t->flags = TM_F_CHAR;
		break;
	case DW_ATE_boolean:
		t->kind = TM_INT;
		t->flags = TM_F_BOOL;
		break;
	default:
		t->kind = TM_INT;
		break;
	}
	return 0;
}

/* PTR with btf_type_tag children: PTR -> TAG(last) -> ... -> TAG(first) -> pointee */
static int conv_pointer(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs, tm_id id)
{
	bool tagged = false;
	tm_id ref;
	Dwarf_Die child;
	int err = dwl_attrs_type_ref(c, die, attrs, &ref);

	if (err)
		return err;
	if (dwl_may_annotate(c, die) && dwl_first_child(c, die, &child)) {
		do {
			const char *v = dwl_annotation(c, &child, "btf_type_tag");
			int tid;

			if (!v)
				continue;
			tid = tm_cu__add_type(c->cu, TM_TYPE_TAG);
			if (tid < 0)
				return tid;
			type_at(c, tid)->name = v;
			type_at(c, tid)->ref = ref;
			type_at(c, tid)->die_off = dwarf_dieoffset(&child);
			ref = tid;
			tagged = true;
		} while (dwl_next_sibling(c, &child));
	}
	/* gcc's form, when there are no tags below the pointer */
	if (dwl_may_annotate(c, die) && !tagged) {
		err = dwl_gnu_type_tags(c, die, &ref);
		if (err)
			return err;
	}
	type_at(c, id)->kind = TM_PTR;
	type_at(c, id)->ref = ref;
	type_at(c, id)->size = dwl_attrs_byte_size(attrs);
	return 0;
}

static int conv_ref_kind(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs, tm_id id,
			 enum tm_kind kind, const char *name)
{
	tm_id ref;
	int err = dwl_attrs_type_ref(c, die, attrs, &ref);

	if (err)
		return err;
	type_at(c, id)->kind = kind;
	type_at(c, id)->ref = ref;
	if (kind == TM_TYPEDEF) {
		type_at(c, id)->name = name;
		return dwl_add_decl_tags(c, die, TM_TAG_TYPE, id, -1);
	}
	return 0;
}

static void member_byte_offset(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Attribute *attr,
			       uint64_t *off)
{
	Dwarf_Op *ops;
	size_t nops;
	Dwarf_Word w;

	*off = 0;
	if (!attr)
		return;
	if (dwarf_formudata(attr, &w) == 0) {
		*off = w;
		return;
	}
	if (dwarf_getlocation(attr, &ops, &nops) == 0 && nops == 1 &&
	    (ops[0].atom == DW_OP_plus_uconst || ops[0].atom == DW_OP_constu)) {
		*off = ops[0].number;
		return;
	}
	dwl_warn_once(
		c, DWL_WARN_MEMBER_LOC, die,
		"member location is not a constant, offset 0 used (further ones not reported)");
}

static int conv_member(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs, tm_id sid,
		       bool is_union)
{
	uint64_t byte_off = 0, bit_size = 0, v;
	Dwarf_Attribute *loc = dwl_attrs_get(attrs, DWL_A_DATA_MEMBER_LOCATION);
	struct tm_member *m;
	const char *name;
	tm_id type;
	int idx, err;

	err = dwl_attrs_type_ref(c, die, attrs, &type);
	if (err)
		return err;
	err = dwl_attrs_name(c, die, attrs, &name);
	if (err)
		return err;
	idx = tm_cu__add_member(c->cu);
	if (idx < 0)
		return idx;
	m = &c->cu->members[idx];
	m->name = name;
	m->type = type;
	if (!is_union || loc || dwl_attrs_get(attrs, DWL_A_DATA_BIT_OFFSET))
		member_byte_offset(c, die, loc, &byte_off);
	/* BTF member offsets are 32-bit bit counts */
	if (byte_off > UINT32_MAX)
		goto bad_offset;
	m->bit_offset = byte_off * 8;
	if (dwl_attrs_udata(attrs, DWL_A_BIT_SIZE, &bit_size) && bit_size) {
		Dwarf_Attribute *bit_off = dwl_attrs_get(attrs, DWL_A_BIT_OFFSET);
		Dwarf_Sword sbit;

		if (bit_size > 128)
			return dwl_err_die(c, die, -EINVAL,
					   "member '%s': bit size %llu exceeds 128",
					   m->name ?: "(anon)", (unsigned long long)bit_size);
		m->bit_size = bit_size;
		if (dwl_attrs_udata(attrs, DWL_A_DATA_BIT_OFFSET, &v)) {
			m->bit_offset = v;
		} else if (bit_off && dwarf_formsdata(bit_off, &sbit) == 0) {
			/* DWARF 2-4: counted from the storage unit's most significant bit */
			uint64_t unit = dwl_attrs_byte_size(attrs);

			/* not through an array, which may be part of a reference cycle yet */
			if (!unit && type_at(c, tm_cu__skip_mods(c->cu, type))->kind != TM_ARRAY)
				unit = tm_cu__type_size(c->cu, type);
			if (unit > UINT32_MAX || sbit < -(Dwarf_Sword)UINT32_MAX ||
			    sbit > (Dwarf_Sword)UINT32_MAX)
				goto bad_offset;
			if (c->big_endian)
				m->bit_offset = byte_off * 8 + sbit;
			else
				m->bit_offset = byte_off * 8 + unit * 8 - sbit - bit_size;
		}
		type_at(c, sid)->flags |= TM_F_BITFIELDS;
	}
	/* a negative result wrapped around, and is caught here too */
	if (m->bit_offset > UINT32_MAX)
		goto bad_offset;
	return dwl_add_decl_tags(c, die, TM_TAG_TYPE, sid, type_at(c, sid)->nr++);
bad_offset:
	return dwl_err_die(c, die, -EINVAL,
			   "member '%s': offset does not fit in BTF's 32-bit bit offset",
			   m->name ?: "(anon)");
}

static int conv_struct(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs,
		       const char *name, tm_id id, bool is_union)
{
	struct tm_type *t = type_at(c, id);
	Dwarf_Die child;
	int err = 0;

	t->name = name;
	if (dwl_attrs_get(attrs, DWL_A_DECLARATION) || !dwl_attrs_get(attrs, DWL_A_BYTE_SIZE)) {
		t->kind = TM_FWD;
		t->flags = is_union ? TM_F_FWD_UNION : 0;
		return 0;
	}
	t->kind = is_union ? TM_UNION : TM_STRUCT;
	t->size = dwl_attrs_byte_size(attrs);
	t->first = c->cu->nr_members;
	t->nr = 0;
	if (t->size > UINT32_MAX)
		return dwl_err_die(c, die, -E2BIG, "byte size %llu exceeds BTF's 4 GiB limit",
				   (unsigned long long)t->size);
	err = dwl_add_decl_tags(c, die, TM_TAG_TYPE, id, -1);
	if (err || !dwl_first_child(c, die, &child))
		return err;
	do {
		int tag = dwl_tag(c, &child);
		struct dwl_attrs ma;
		tm_id nested;

		switch (tag) {
		case DW_TAG_member:
		case DW_TAG_inheritance:
			err = dwl_attrs_read(c, &child, &ma);
			if (err)
				break;
			/* C++ static members are declarations, not storage */
			if (tag == DW_TAG_member && (dwl_attrs_get(&ma, DWL_A_DECLARATION) ||
						     dwl_attrs_get(&ma, DWL_A_EXTERNAL)))
				break;
			err = conv_member(c, &child, &ma, id, is_union && tag == DW_TAG_member);
			break;
		default:
			if (dwl_is_type_tag(tag))
				err = dwl_die_id(c, &child, &nested);
			break;
		}
	} while (!err && dwl_next_sibling(c, &child));
	return err;
}

static bool type_is_signed(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	Dwarf_Die base;
	uint64_t enc;
	int depth = 0;

	if (!dwl_attr(c, die, DW_AT_type, &attr) || !dwarf_formref_die(&attr, &base))
		return false;
	/* through typedefs and qualifiers to the base type */
	while (dwl_tag(c, &base) != DW_TAG_base_type && depth++ < 16) {
		if (!dwl_attr(c, &base, DW_AT_type, &attr) || !dwarf_formref_die(&attr, &base))
			return false;
	}
	return dwl_udata(c, &base, DW_AT_encoding, &enc) &&
	       (enc == DW_ATE_signed || enc == DW_ATE_signed_char);
}

static int conv_enum(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs,
		     const char *name, tm_id id)
{
	bool is_signed = type_is_signed(c, die), has_type = dwl_attrs_get(attrs, DWL_A_TYPE);
	struct tm_type *t = type_at(c, id);
	Dwarf_Die child;

	t->kind = TM_ENUM;
	t->name = name;
	t->size = dwl_attrs_byte_size(attrs);
	t->first = c->cu->nr_enums;
	t->nr = 0;
	if (dwl_attrs_get(attrs, DWL_A_DECLARATION) || !t->size) {
		t->flags |= TM_F_ENUM_FWD;
		if (!t->size)
			t->size = 4;
		return 0;
	}
	if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8)
		return dwl_err_die(c, die, -EINVAL, "enum byte size %llu is not 1, 2, 4 or 8",
				   (unsigned long long)t->size);
	if (!dwl_first_child(c, die, &child))
		goto out;
	do {
		Dwarf_Attribute attr;
		unsigned int form;
		uint64_t value = 0;
		int idx;

		if (dwl_tag(c, &child) != DW_TAG_enumerator)
			continue;
		if (dwl_attr(c, &child, DW_AT_const_value, &attr)) {
			form = dwarf_whatform(&attr);
			if (form == DW_FORM_sdata || form == DW_FORM_implicit_const) {
				Dwarf_Sword s = 0;

				dwarf_formsdata(&attr, &s);
				value = (uint64_t)s;
				if (s < 0 && !has_type)
					is_signed = true;
			} else {
				Dwarf_Word w = 0;

				dwarf_formudata(&attr, &w);
				value = w;
				/* fixed-size forms carry raw bits of the enum's size */
				if (form != DW_FORM_udata && is_signed && t->size < 8 &&
				    (value >> (t->size * 8 - 1)) & 1)
					value |= ~0ULL << (t->size * 8);
			}
		}
		idx = tm_cu__add_enumerator(c->cu);
		if (idx < 0)
			return idx;
		c->cu->enums[idx].name = dwl_diename(c, &child);
		c->cu->enums[idx].value = value;
		type_at(c, id)->nr++;
		if (dwl_check_name(c, &child, c->cu->enums[idx].name))
			return c->err;
	} while (dwl_next_sibling(c, &child));
out:
	if (is_signed)
		type_at(c, id)->flags |= TM_F_SIGNED;
	return 0;
}

static uint32_t subrange_count(struct dwl_cu_ctx *c, Dwarf_Die *sub)
{
	Dwarf_Attribute attr;
	uint64_t count = 0, lower = 0;

	if (dwl_attr(c, sub, DW_AT_count, &attr)) {
		Dwarf_Word w;

		if (dwarf_formudata(&attr, &w) != 0) {
			dwl_warn_once(c, DWL_WARN_VLA, sub,
				      "array with a run-time size encoded with 0 elements");
			return 0;
		}
		count = w;
	} else if (dwl_attr(c, sub, DW_AT_upper_bound, &attr)) {
		unsigned int form = dwarf_whatform(&attr);
		Dwarf_Sword s;
		Dwarf_Word w;

		dwl_udata(c, sub, DW_AT_lower_bound, &lower);
		if (form == DW_FORM_sdata) {
			if (dwarf_formsdata(&attr, &s) || s < (Dwarf_Sword)lower)
				return 0;
			count = s - lower + 1;
		} else if (dwarf_formudata(&attr, &w) == 0) {
			/* gcc writes [0] arrays as an upper bound of -1 */
			if (w == ~0ULL || w == 0xffffffffULL || w < lower)
				return 0;
			count = w - lower + 1;
		} else {
			dwl_warn_once(c, DWL_WARN_VLA, sub,
				      "array with a run-time size encoded with 0 elements");
			return 0;
		}
	}
	if (count > 0xffffffffULL) {
		dwl_warn_once(c, DWL_WARN_BIG_ARRAY, sub, "array of %llu elements truncated to 0",
			      (unsigned long long)count);
		return 0;
	}
	return count;
}

/* int m[2][3] becomes ARRAY(2) of ARRAY(3) of int; @id is the outermost */
static int conv_array(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id id)
{
	uint32_t dims[64];
	unsigned int nr_dims = 0, i;
	Dwarf_Die child;
	tm_id elem;
	int err = dwl_type_ref(c, die, DW_AT_type, &elem);

	if (err)
		return err;
	if (dwl_first_child(c, die, &child)) {
		do {
			int tag = dwl_tag(c, &child);

			if (tag != DW_TAG_subrange_type && tag != DW_TAG_enumeration_type)
				continue;
			if (nr_dims == ARRAY_SIZE(dims))
				return dwl_err_die(c, die, -E2BIG,
						   "array has more than %zu dimensions",
						   ARRAY_SIZE(dims));
			dims[nr_dims++] =
				tag == DW_TAG_subrange_type ? subrange_count(c, &child) : 0;
		} while (dwl_next_sibling(c, &child));
	}
	if (c->err)
		return c->err;
	if (!nr_dims)
		dims[nr_dims++] = 0;
	for (i = nr_dims - 1; i > 0; i--) {
		int inner = tm_cu__add_type(c->cu, TM_ARRAY);

		if (inner < 0)
			return inner;
		type_at(c, inner)->ref = elem;
		type_at(c, inner)->nr = dims[i];
		type_at(c, inner)->flags = TM_F_ARRAY_INNER;
		type_at(c, inner)->die_off = dwarf_dieoffset(die);
		elem = inner;
	}
	type_at(c, id)->kind = TM_ARRAY;
	type_at(c, id)->ref = elem;
	type_at(c, id)->nr = dims[0];
	return 0;
}

int dwl_conv_params(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id proto, bool named, bool *unnamed)
{
	Dwarf_Die child;
	int err = 0;

	type_at(c, proto)->first = c->cu->nr_params;
	type_at(c, proto)->nr = 0;
	if (!dwl_first_child(c, die, &child))
		return c->err;
	do {
		int tag = dwl_tag(c, &child), idx;
		tm_id type;

		if (tag == DW_TAG_unspecified_parameters) {
			type_at(c, proto)->flags |= TM_F_VARIADIC;
			continue;
		}
		if (tag != DW_TAG_formal_parameter)
			continue;
		err = dwl_type_ref(c, &child, DW_AT_type, &type);
		if (err)
			return err;
		idx = tm_cu__add_param(c->cu);
		if (idx < 0)
			return idx;
		c->cu->params[idx].type = type;
		if (named) {
			Dwarf_Attribute attr;
			const char *name =
				dwarf_formstring(dwarf_attr_integrate(&child, DW_AT_name, &attr));

			c->cu->params[idx].name = name;
			if (!name && unnamed)
				*unnamed = true;
			if (dwl_check_name(c, &child, name))
				return c->err;
		}
		type_at(c, proto)->nr++;
	} while (dwl_next_sibling(c, &child));
	return c->err;
}

static int conv_subroutine(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id id)
{
	tm_id ret;
	int err = dwl_type_ref(c, die, DW_AT_type, &ret);

	if (err)
		return err;
	type_at(c, id)->kind = TM_FUNC_PROTO;
	type_at(c, id)->ref = ret;
	return dwl_conv_params(c, die, id, false, NULL);
}

static int conv_other(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id id)
{
	uint64_t size = die_byte_size(c, die);
	struct tm_type *t = type_at(c, id);

	/* keep the layout: an unsigned integer of the same size when it has one */
	if (size && size <= 16 && !(size & (size - 1))) {
		dwl_warn_tag_once(c, die, "an unsigned integer of its size");
		t->kind = TM_INT;
		t->size = size;
		t->nr_bits = size * 8;
		t->name = dwl_diename(c, die) ?: "__unsupported_type__";
		return 0;
	}
	dwl_warn_tag_once(c, die, "a pointer-sized unsigned integer");
	t->kind = TM_INT;
	t->size = c->cu->addr_size;
	t->nr_bits = t->size * 8;
	t->name = "__unsupported_type__";
	return 0;
}

/* Ada/Fortran range types: a typedef of their base type */
static int conv_range(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs,
		      const char *name, tm_id id)
{
	int err = conv_ref_kind(c, die, attrs, id, TM_TYPEDEF, name);

	if (!err && !type_at(c, id)->name)
		type_at(c, id)->name = "__range__";
	return err;
}

static int conv_type(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id id)
{
	struct dwl_attrs attrs;
	const char *name;
	int err;

	err = dwl_attrs_read(c, die, &attrs);
	if (err)
		return err;
	err = dwl_attrs_name(c, die, &attrs, &name);
	if (err)
		return err;
	switch (dwl_tag(c, die)) {
	case DW_TAG_base_type:
		return conv_base(c, &attrs, name, id);
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		return conv_pointer(c, die, &attrs, id);
	case DW_TAG_const_type:
		return conv_ref_kind(c, die, &attrs, id, TM_CONST, NULL);
	case DW_TAG_volatile_type:
		return conv_ref_kind(c, die, &attrs, id, TM_VOLATILE, NULL);
	case DW_TAG_restrict_type:
		return conv_ref_kind(c, die, &attrs, id, TM_RESTRICT, NULL);
	case DW_TAG_typedef:
		return conv_ref_kind(c, die, &attrs, id, TM_TYPEDEF, name);
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
		return conv_struct(c, die, &attrs, name, id, false);
	case DW_TAG_union_type:
		return conv_struct(c, die, &attrs, name, id, true);
	case DW_TAG_enumeration_type:
		return conv_enum(c, die, &attrs, name, id);
	case DW_TAG_array_type:
		return conv_array(c, die, id);
	case DW_TAG_subroutine_type:
		return conv_subroutine(c, die, id);
	case DW_TAG_subrange_type:
		return conv_range(c, die, &attrs, name, id);
	default:
		return conv_other(c, die, id);
	}
}

/* the @i-th type that type @id refers to, where a reference cycle must not pass */
static bool cycle_edge(const struct tm_cu *cu, tm_id id, uint32_t i, tm_id *to)
{
	const struct tm_type *t = &cu->types[id];

	switch (t->kind) {
	case TM_PTR:
	case TM_CONST:
	case TM_VOLATILE:
	case TM_RESTRICT:
	case TM_TYPEDEF:
	case TM_TYPE_TAG:
	case TM_ARRAY:
		*to = t->ref;
		return i == 0;
	case TM_FUNC_PROTO:
		if (i > t->nr)
			return false;
		*to = i ? cu->params[t->first + i - 1].type : t->ref;
		return true;
	default:
		/* struct and union members may refer back: libbpf's dedup handles that */
		return false;
	}
}

/*
 * A reference cycle that no struct or union breaks (a typedef of itself, a
 * pointer to a const of itself) is not C: libbpf's dedup fails on it and
 * tm_cu__type_size() would recurse forever. Depth-first search, iterative.
 */
static int check_cycles(struct dwl_cu_ctx *c)
{
	const struct tm_cu *cu = c->cu;
	struct frame {
		tm_id id;
		uint32_t edge;
	} *stack = calloc(cu->nr_types, sizeof(*stack));
	uint8_t *state = calloc(cu->nr_types, 1); /* 0 new, 1 on the path, 2 done */
	uint32_t i, sp;
	int err = 0;

	if (!stack || !state) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 1; i < cu->nr_types && !err; i++) {
		if (state[i])
			continue;
		stack[0] = (struct frame){i, 0};
		state[i] = 1;
		sp = 1;
		while (sp && !err) {
			struct frame *f = &stack[sp - 1];
			tm_id to;

			if (!cycle_edge(cu, f->id, f->edge++, &to)) {
				state[f->id] = 2;
				sp--;
			} else if (to && to < cu->nr_types && state[to] == 1) {
				const struct tm_type *t = &cu->types[to];

				err = dwl_err_off(c, t->die_off, -ELOOP,
						  "cyclic type reference through %s '%s' that no "
						  "struct or union breaks",
						  tm_kind__name(t->kind), t->name ?: "(anon)");
			} else if (to && to < cu->nr_types && !state[to]) {
				state[to] = 1;
				stack[sp++] = (struct frame){to, 0};
			}
		}
	}
out:
	free(stack);
	free(state);
	return err;
}

int dwl_drain(struct dwl_cu_ctx *c)
{
	while (c->next_pend < c->nr_pend) {
		struct dwl_pending p = c->pend[c->next_pend++];
		int err = conv_type(c, &p.die, p.id);

		if (err)
			return c->err ?: err;
	}
	return c->err ?: check_cycles(c);
}
