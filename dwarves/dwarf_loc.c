// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Location expressions and lists from the section bytes (dwarf_loc.h).
 * Written from the DWARF 5 standard, sections 2.5 (operations), 2.6.2
 * (location lists) and 7.7.3 (DW_LLE_* codes), plus the GNU extensions
 * gcc emits (DW_OP_GNU_*, before DWARF 5 had them).
 */
#include <errno.h>
#include <string.h>
#include <dwarf.h>
#include "dwarf_loc.h"

/* a cursor over [p, end): every read checks the bounds and sets @bad past them */
struct rd {
	const uint8_t *p, *end;
	bool big_endian;
	bool bad;
};

static uint64_t rd_fixed(struct rd *r, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return 0;
	}
	for (i = 0; i < n; i++) {
		unsigned int k = r->big_endian ? i : n - 1 - i;

		v = (v << 8) | r->p[k];
	}
	r->p += n;
	return v;
}

/* a LEB128's bits; *@shift: how many it had, *@last: its last byte (0 when bad) */
static uint64_t rd_leb(struct rd *r, unsigned int *shift, uint8_t *last)
{
	uint64_t v = 0;
	uint8_t b;

	*shift = 0;
	*last = 0;
	do {
		if (r->bad || r->p >= r->end) {
			r->bad = true;
			return 0;
		}
		b = *r->p++;
		if (*shift < 64)
			v |= (uint64_t)(b & 0x7f) << *shift;
		*shift += 7;
	} while (b & 0x80);
	*last = b;
	return v;
}

static uint64_t rd_uleb(struct rd *r)
{
	unsigned int shift;
	uint8_t last;

	return rd_leb(r, &shift, &last);
}

static uint64_t rd_sleb(struct rd *r)
{
	unsigned int shift;
	uint8_t last;
	uint64_t v = rd_leb(r, &shift, &last);

	if (shift < 64 && (last & 0x40))
		v |= ~(uint64_t)0 << shift;
	return v;
}

/* @n bytes as a block: its start, or NULL past the end */
static const uint8_t *rd_block(struct rd *r, uint64_t n)
{
	const uint8_t *b = r->p;

	if (r->bad || (uint64_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	r->p += n;
	return b;
}

static uint64_t sext(uint64_t v, unsigned int bytes)
{
	unsigned int bits = bytes * 8;

	return bits < 64 && (v >> (bits - 1)) & 1 ? v | (~(uint64_t)0 << bits) : v;
}

/* the operands of @op->atom; false for an operation not known here */
static bool read_operands(struct rd *r, const struct dwl_loc_fmt *f, struct dwl_op *op)
{
	unsigned int ref_size = f->version == 2 ? f->addr_size : f->offset_size;
	uint8_t a = op->atom;

	if ((a >= DW_OP_lit0 && a <= DW_OP_lit31) || (a >= DW_OP_reg0 && a <= DW_OP_reg31))
		return true;
	if (a >= DW_OP_breg0 && a <= DW_OP_breg31) {
		op->number = rd_sleb(r);
		return true;
	}
	switch (a) {
	case DW_OP_deref:
	case DW_OP_dup:
	case DW_OP_drop:
	case DW_OP_over:
	case DW_OP_swap:
	case DW_OP_rot:
	case DW_OP_xderef:
	case DW_OP_abs:
	case DW_OP_and:
	case DW_OP_div:
	case DW_OP_minus:
	case DW_OP_mod:
	case DW_OP_mul:
	case DW_OP_neg:
	case DW_OP_not:
	case DW_OP_or:
	case DW_OP_plus:
	case DW_OP_shl:
	case DW_OP_shr:
	case DW_OP_shra:
	case DW_OP_xor:
	case DW_OP_eq:
	case DW_OP_ge:
	case DW_OP_gt:
	case DW_OP_le:
	case DW_OP_lt:
	case DW_OP_ne:
	case DW_OP_nop:
	case DW_OP_push_object_address:
	case DW_OP_form_tls_address:
	case DW_OP_call_frame_cfa:
	case DW_OP_stack_value:
	case DW_OP_GNU_push_tls_address:
		return true;
	case DW_OP_addr:
		op->number = rd_fixed(r, f->addr_size);
		return true;
	case DW_OP_const1u:
	case DW_OP_pick:
	case DW_OP_deref_size:
	case DW_OP_xderef_size:
		op->number = rd_fixed(r, 1);
		return true;
	case DW_OP_const1s:
		op->number = sext(rd_fixed(r, 1), 1);
		return true;
	case DW_OP_const2u:
	case DW_OP_call2:
		op->number = rd_fixed(r, 2);
		return true;
	case DW_OP_const2s:
	case DW_OP_skip:
	case DW_OP_bra:
		op->number = sext(rd_fixed(r, 2), 2);
		return true;
	case DW_OP_const4u:
	case DW_OP_call4:
	case DW_OP_GNU_parameter_ref:
		op->number = rd_fixed(r, 4);
		return true;
	case DW_OP_const4s:
		op->number = sext(rd_fixed(r, 4), 4);
		return true;
	case DW_OP_const8u:
	case DW_OP_const8s:
		op->number = rd_fixed(r, 8);
		return true;
	case DW_OP_call_ref:
	case DW_OP_GNU_variable_value:
		op->number = rd_fixed(r, ref_size);
		return true;
	case DW_OP_constu:
	case DW_OP_plus_uconst:
	case DW_OP_regx:
	case DW_OP_piece:
	case DW_OP_addrx:
	case DW_OP_constx:
	case DW_OP_GNU_addr_index:
	case DW_OP_GNU_const_index:
	case DW_OP_convert:
	case DW_OP_GNU_convert:
	case DW_OP_reinterpret:
	case DW_OP_GNU_reinterpret:
		op->number = rd_uleb(r);
		return true;
	case DW_OP_consts:
	case DW_OP_fbreg:
		op->number = rd_sleb(r);
		return true;
	case DW_OP_bregx:
		op->number = rd_uleb(r);
		op->number2 = rd_sleb(r);
		return true;
	case DW_OP_bit_piece:
	case DW_OP_regval_type:
	case DW_OP_GNU_regval_type:
		op->number = rd_uleb(r);
		op->number2 = rd_uleb(r);
		return true;
	case DW_OP_implicit_pointer:
	case DW_OP_GNU_implicit_pointer:
		op->number = rd_fixed(r, ref_size);
		op->number2 = rd_sleb(r);
		return true;
	case DW_OP_deref_type:
	case DW_OP_GNU_deref_type:
	case DW_OP_xderef_type:
		op->number = rd_fixed(r, 1);
		op->number2 = rd_uleb(r);
		return true;
	case DW_OP_implicit_value:
	case DW_OP_entry_value:
	case DW_OP_GNU_entry_value:
		op->number = rd_uleb(r);
		op->block = rd_block(r, op->number);
		return true;
	case DW_OP_const_type:
	case DW_OP_GNU_const_type:
		op->number2 = rd_uleb(r); /* the base type DIE */
		op->number = rd_fixed(r, 1);
		op->block = rd_block(r, op->number);
		return true;
	default:
		/*
		 * DW_OP_GNU_uninit among them: libdw 0.188 (Debian 12) rejects
		 * it, and with it the whole expression; so do we, for the same
		 * output whichever reader ran
		 */
		return false;
	}
}

int dwl_expr__decode(const uint8_t *p, size_t len, const struct dwl_loc_fmt *fmt,
		     struct dwl_op *ops, size_t max)
{
	struct rd r = {.p = p, .end = p + len, .big_endian = fmt->big_endian};
	size_t n = 0;

	while (r.p < r.end) {
		struct dwl_op op = {.atom = *r.p++};

		if (!read_operands(&r, fmt, &op) || r.bad)
			return -EINVAL;
		if (n < max)
			ops[n] = op;
		if (++n > 0x7fffffff)
			return -EINVAL;
	}
	return (int)n;
}

void dwl_loclist__init(struct dwl_loclist *l, const uint8_t *sec, size_t size, uint64_t off,
		       const struct dwl_loc_fmt *fmt)
{
	memset(l, 0, sizeof(*l));
	l->fmt = *fmt;
	if (!sec || off >= size) {
		l->failed = true;
		return;
	}
	l->p = sec + off;
	l->end = sec + size;
}

/* DWARF 5: skip entries that only set the base; Return: as dwl_loclist__next() */
static int next_v5(struct rd *r, const struct dwl_loc_fmt *f, const uint8_t **expr, size_t *len)
{
	for (;;) {
		uint8_t kind = (uint8_t)rd_fixed(r, 1);
		uint64_t n;

		if (r->bad)
			return -EINVAL;
		switch (kind) {
		case DW_LLE_end_of_list:
			return 0;
		case DW_LLE_base_addressx:
			rd_uleb(r);
			continue;
		case DW_LLE_base_address:
			rd_fixed(r, f->addr_size);
			continue;
		case DW_LLE_startx_endx:
		case DW_LLE_startx_length:
		case DW_LLE_offset_pair:
			rd_uleb(r);
			rd_uleb(r);
			break;
		case DW_LLE_start_end:
			rd_fixed(r, f->addr_size);
			rd_fixed(r, f->addr_size);
			break;
		case DW_LLE_start_length:
			rd_fixed(r, f->addr_size);
			rd_uleb(r);
			break;
		default:
			/*
			 * DW_LLE_default_location and vendor kinds: neither gcc
			 * nor clang emits them in a linked or object file
			 */
			return -EINVAL;
		}
		n = rd_uleb(r);
		*expr = rd_block(r, n);
		*len = n;
		return r->bad ? -EINVAL : 1;
	}
}

/* DWARF 2-4: begin/end address pairs, (0, 0) ends, (all ones, base) sets the base */
static int next_v4(struct rd *r, const struct dwl_loc_fmt *f, const uint8_t **expr, size_t *len)
{
	uint64_t escape = f->addr_size == 8 ? ~(uint64_t)0 : 0xffffffffu;

	for (;;) {
		uint64_t begin = rd_fixed(r, f->addr_size), end = rd_fixed(r, f->addr_size), n;

		if (r->bad)
			return -EINVAL;
		if (!begin && !end)
			return 0;
		if (begin == escape)
			continue;
		n = rd_fixed(r, 2);
		*expr = rd_block(r, n);
		*len = n;
		return r->bad ? -EINVAL : 1;
	}
}

int dwl_loclist__next(struct dwl_loclist *l, const uint8_t **expr, size_t *len)
{
	struct rd r = {.p = l->p, .end = l->end, .big_endian = l->fmt.big_endian};
	int ret;

	if (l->failed)
		return -EINVAL;
	if (l->done)
		return 0;
	if (l->fmt.addr_size != 4 && l->fmt.addr_size != 8)
		ret = -EINVAL;
	else
		ret = l->fmt.version >= 5 ? next_v5(&r, &l->fmt, expr, len)
					  : next_v4(&r, &l->fmt, expr, len);
	l->p = r.p;
	if (ret < 0)
		l->failed = true;
	if (ret == 0)
		l->done = true; /* stays at its end */
	return ret;
}

int dwl_loclists__index(const uint8_t *sec, size_t size, uint64_t base, uint64_t idx,
			const struct dwl_loc_fmt *fmt, uint64_t *off)
{
	struct rd r = {.p = sec, .end = sec ? sec + size : NULL, .big_endian = fmt->big_endian};
	uint64_t pos, rel;

	if (!sec)
		return -EINVAL;
	if (!base) {
		/* no DW_AT_loclists_base: the offsets after the first table's header */
		base = rd_fixed(&r, 4) == 0xffffffffu ? 20 : 12;
		if (r.bad)
			return -EINVAL;
	}
	if (base > size || idx > (size - base) / fmt->offset_size)
		return -EINVAL;
	pos = base + idx * fmt->offset_size;
	r.p = sec + pos;
	rel = rd_fixed(&r, fmt->offset_size);
	if (r.bad || rel > size - base)
		return -EINVAL;
	*off = base + rel;
	return 0;
}
