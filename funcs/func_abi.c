// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * A function definition against its calling convention (func_abi.h).
 *
 * The walk: parameters take argument registers in order. One of at most
 * a pointer's size takes one register; an aggregate of up to two pointers'
 * size takes two (both ABIs split it in two registers); a bigger one is
 * passed in memory and takes none. Each parameter with a location must be
 * in the register its slot says, else the code does not use the declared
 * prototype ("unexpected register"). A parameter without a location, or
 * whose location is not a register, was optimized out.
 *
 * gcc keeps the ABI of a function it does not rename: its clones are
 * renamed (.isra, .constprop) and only they can differ. clang keeps the
 * name and says so with DW_CC_nocall; without it, clang's ABI is the
 * declared one and parameters are only checked against their windows.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <dwarf.h>
#include "func_abi.h"

#define MAX_REGS 8

struct conv {
	int nr;
	int8_t regs[MAX_REGS]; /* DWARF register numbers of the argument registers */
};

static bool conv_of(uint16_t machine, struct conv *c)
{
	static const int8_t x86_64[] = {5, 4, 1, 2, 8, 9}; /* rdi rsi rdx rcx r8 r9 */
	int i;

	switch (machine) {
	case EM_X86_64:
		c->nr = 6;
		memcpy(c->regs, x86_64, sizeof(x86_64));
		return true;
	case EM_AARCH64:
		c->nr = 8;
		for (i = 0; i < 8; i++)
			c->regs[i] = (int8_t)i; /* x0-x7 */
		return true;
	default:
		c->nr = 0;
		return false;
	}
}

static uint32_t align_of(const struct tm_cu *cu, tm_id id, int depth);

/* the largest alignment of a struct's or union's members */
static uint32_t members_align(const struct tm_cu *cu, const struct tm_type *t, int depth)
{
	uint32_t i, a = 1;

	for (i = 0; i < t->nr; i++) {
		uint32_t m = align_of(cu, cu->members[t->first + i].type, depth + 1);

		if (m > a)
			a = m;
	}
	return a;
}

static bool packed_at(const struct tm_cu *cu, tm_id id, int depth)
{
	const struct tm_type *t = tm_cu__type(cu, id);
	uint32_t i, a;

	if (depth > 8 || (t->kind != TM_STRUCT && t->kind != TM_UNION))
		return false;
	a = members_align(cu, t, depth);
	if (t->size % a)
		return true;
	for (i = 0; i < t->nr; i++) {
		const struct tm_member *m = &cu->members[t->first + i];

		if (m->bit_size)
			continue;
		if ((m->bit_offset / 8) % align_of(cu, m->type, depth + 1))
			return true;
	}
	return false;
}

/* natural alignment of @id in bytes (a packed aggregate: 1) */
static uint32_t align_of(const struct tm_cu *cu, tm_id id, int depth)
{
	const struct tm_type *t;
	uint64_t size;

	id = tm_cu__skip_mods(cu, id);
	t = tm_cu__type(cu, id);
	if (depth > 8)
		return 1;
	switch (t->kind) {
	case TM_ARRAY:
		return align_of(cu, t->ref, depth + 1);
	case TM_STRUCT:
	case TM_UNION:
		return packed_at(cu, id, depth) ? 1 : members_align(cu, t, depth);
	default:
		size = tm_cu__type_size(cu, id);
		return size >= 16 ? 16 : size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
	}
}

bool func_abi__is_packed(const struct tm_cu *cu, tm_id id)
{
	return packed_at(cu, tm_cu__skip_mods(cu, id), 0);
}

/* a struct, maybe behind const or typedef */
static bool is_struct_param(const struct tm_cu *cu, tm_id id)
{
	const struct tm_type *t;
	int depth;

	for (depth = 0; id && depth < 16; depth++) {
		t = tm_cu__type(cu, id);
		if (t->kind == TM_STRUCT)
			return true;
		if (t->kind != TM_CONST && t->kind != TM_TYPEDEF)
			return false;
		id = t->ref;
	}
	return false;
}

/* the member of aggregate @id at byte @off, or NULL */
static const struct tm_member *member_at(const struct tm_cu *cu, tm_id id, uint64_t off)
{
	const struct tm_type *t = tm_cu__type(cu, tm_cu__skip_mods(cu, id));
	uint32_t i;

	if (t->kind != TM_STRUCT)
		return NULL;
	for (i = 0; i < t->nr; i++) {
		const struct tm_member *m = &cu->members[t->first + i];

		if (m->bit_offset == off * 8 && !m->bit_size && m->name)
			return m;
	}
	return NULL;
}

struct walk {
	const struct tm_cu *cu;
	const struct tm_param
		*p; /* the definition's parameters, in the order the code takes them */
	uint32_t n;
	struct conv conv;
	bool two_regs;
	struct func_abi *abi;
	uint8_t *optimized, *unexpected;
};

static uint64_t psize(const struct walk *w, uint32_t i)
{
	return tm_cu__type_size(w->cu, w->p[i].type);
}

static int slots_of(const struct walk *w, uint32_t i)
{
	uint64_t sz = psize(w, i), a = w->cu->addr_size ?: 8;

	if (!w->two_regs || sz <= a)
		return 1;
	return (int)((sz + a - 1) / a);
}

static bool in_memory(const struct walk *w, uint32_t i)
{
	uint64_t a = w->cu->addr_size ?: 8;

	return psize(w, i) > (w->two_regs ? 2 * a : a);
}

/* is the parameter after @i in the register after @i's @slots from @reg_idx? */
static bool next_keeps_slots(const struct walk *w, uint32_t i, int reg_idx, int slots)
{
	int next = reg_idx + slots;

	if (i + 1 >= w->n || w->p[i + 1].loc_reg == TM_NO_REG)
		return false;
	return next < w->conv.nr && w->p[i + 1].loc_reg == w->conv.regs[next];
}

static bool in_window(const struct walk *w, uint32_t i, int reg_idx, int slots)
{
	int k;

	for (k = 0; k < slots && reg_idx + k < w->conv.nr; k++)
		if (w->p[i].loc_reg == w->conv.regs[reg_idx + k])
			return true;
	return false;
}

/* clang without DW_CC_nocall: the declared ABI; only registers out of their window count */
static void walk_windows(struct walk *w)
{
	int reg_idx = 0;
	uint32_t i;

	for (i = 0; i < w->n; i++) {
		int slots = slots_of(w, i);

		if (in_memory(w, i))
			continue;
		if (reg_idx >= w->conv.nr)
			break;
		if (w->p[i].loc_reg != TM_NO_REG && !in_window(w, i, reg_idx, slots))
			w->unexpected[i] = 1;
		reg_idx += slots;
	}
}

/* the single member an aggregate in pieces still carries, if exactly one */
static const struct tm_member *piece_member(const struct walk *w, uint32_t i)
{
	const uint8_t *pc = w->p[i].pieces;
	uint64_t off;

	if ((pc[0] && pc[1]) || __builtin_popcount(pc[0]) + __builtin_popcount(pc[1]) != 1)
		return NULL;
	off = pc[0] ? (uint64_t)__builtin_ctz(pc[0])
		    : (uint64_t)w->cu->addr_size + (uint64_t)__builtin_ctz(pc[1]);
	return member_at(w->cu, w->p[i].type, off);
}

static void walk_locations(struct walk *w, bool true_sig)
{
	int reg_idx = 0;
	uint32_t i;

	for (i = 0; i < w->n; i++) {
		const struct tm_param *p = &w->p[i];
		bool regs_left = reg_idx < w->conv.nr, consumes = true;
		int slots = slots_of(w, i), expected = regs_left ? w->conv.regs[reg_idx] : -1;
		int reg_slots = in_memory(w, i) ? 0 : slots; /* memory takes no register */
		const struct tm_member *m;

		if (p->loc_flags & TM_LOC_PRESENT) {
			if (true_sig && (p->loc_flags & TM_LOC_CONST)) {
				w->optimized[i] = 1;
				consumes = false;
			} else if (!regs_left || in_memory(w, i)) {
				/*
				 * on the stack (memory by the ABI: where its location list
				 * starts says nothing), unless not passed at all
				 * (DW_OP_GNU_parameter_ref: the caller's value)
				 */
				if (p->loc_reg == TM_NO_REG &&
				    !(p->loc_flags & (TM_LOC_STACK | TM_LOC_CONST)))
					w->optimized[i] = 1;
				consumes = false;
			} else if (true_sig && (p->loc_flags & TM_LOC_STACK)) {
				if (in_memory(w, i))
					consumes = false;
				else
					w->unexpected[i] = 1;
			} else if (p->loc_reg == TM_NO_REG) {
				if (true_sig)
					w->unexpected[i] = 1;
				else
					w->optimized[i] = 1;
			} else if (expected >= 0 && expected != p->loc_reg) {
				w->unexpected[i] = 1;
			} else if (true_sig && (p->pieces[0] || p->pieces[1])) {
				if (p->pieces[0] && p->pieces[1]) {
					reg_idx += slots;
					continue;
				}
				if (next_keeps_slots(w, i, reg_idx, slots)) {
					reg_idx += slots;
					continue;
				}
				m = piece_member(w, i);
				if (m) {
					w->abi->params[i].member = m->name;
					w->abi->params[i].member_type = m->type;
					reg_idx++;
					continue;
				}
			}
		} else if ((p->loc_flags & TM_LOC_CONST_VALUE) && !w->cu->producer_clang) {
			w->optimized[i] = 1;
		} else if (true_sig) {
			if (regs_left && next_keeps_slots(w, i, reg_idx, slots)) {
				reg_idx += slots;
				continue;
			}
			w->optimized[i] = 1;
			consumes = false;
		}
		if (consumes)
			reg_idx += reg_slots;
	}
}

/* a named struct past the argument registers that is packed: its stack place is unknown */
static bool uncertain_stack(const struct walk *w)
{
	uint32_t i;

	for (i = w->conv.nr; i < w->n; i++) {
		const struct tm_type *t = tm_cu__type(w->cu, w->p[i].type);

		if (t->kind == TM_STRUCT && t->name && func_abi__is_packed(w->cu, w->p[i].type))
			return true;
	}
	return false;
}

/* the parameters the DIE lists first, in its order; the others after them, declared order */
static void code_order(const struct tm_param *p, uint32_t n, struct func_abi_param *out)
{
	uint32_t i, k = 0, pos;

	for (pos = 0; pos < TM_NO_POS && k < n; pos++)
		for (i = 0; i < n; i++)
			if (p[i].loc_pos == pos)
				out[k++].idx = i;
	for (i = 0; i < n; i++)
		if (p[i].loc_pos == TM_NO_POS)
			out[k++].idx = i;
}

static bool has_float(const struct tm_cu *cu, tm_id id, int depth)
{
	const struct tm_type *t = tm_cu__type(cu, tm_cu__skip_mods(cu, id));
	uint32_t i;

	if (depth > 8)
		return true;
	if (t->kind == TM_FLOAT)
		return true;
	if (t->kind == TM_ARRAY)
		return has_float(cu, t->ref, depth + 1);
	if (t->kind != TM_STRUCT && t->kind != TM_UNION)
		return false;
	for (i = 0; i < t->nr; i++)
		if (has_float(cu, cu->members[t->first + i].type, depth + 1))
			return true;
	return false;
}

struct slot {
	int first, nr; /* argument registers taken; nr 0: on the stack */
	uint32_t k;    /* index in the walk order */
};

static int cmp_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	/* registers in order, then the stack in the walk's order */
	if ((x->nr == 0) != (y->nr == 0))
		return x->nr == 0 ? 1 : -1;
	if (x->nr && x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

static int reg_slot(const struct walk *w, int reg)
{
	int k;

	for (k = 0; k < w->conv.nr; k++)
		if (w->conv.regs[k] == reg)
			return k;
	return -1;
}

/*
 * The signature a changed function really has, from where each parameter
 * is on entry: those in argument registers in register order, those on
 * the stack after them; a parameter with no place on entry (no location, a
 * constant, the caller's value) is not passed. The registers must be taken
 * one after the other from the first: a gap or a register twice, a small
 * parameter on the stack, a float, or an aggregate passed in part other
 * than one member, and the signature cannot be told (false).
 */
static bool slot_signature(struct walk *w)
{
	struct func_abi_param *ap = w->abi->params, *tmp;
	uint64_t a = w->cu->addr_size ?: 8;
	struct slot *sl = calloc(w->n + 1, sizeof(*sl));
	uint32_t i, n = 0;
	int next = 0;
	bool ok = sl != NULL;

	for (i = 0; i < w->n && ok; i++) {
		const struct tm_param *p = &w->p[i];
		uint64_t sz = psize(w, i);
		int r;

		ap[i].dropped = false;
		ap[i].member = NULL;
		if (!(p->loc_flags & TM_LOC_PRESENT) || (p->loc_flags & TM_LOC_CONST) ||
		    (p->loc_reg == TM_NO_REG && !(p->loc_flags & TM_LOC_STACK))) {
			ap[i].dropped = true;
			continue;
		}
		if (has_float(w->cu, p->type, 0)) {
			ok = false;
			break;
		}
		sl[n].k = i;
		if (in_memory(w, i)) {
			n++; /* passed in memory by the ABI */
			continue;
		}
		if (p->loc_reg == TM_NO_REG) {
			/* on the stack: what is too big for registers, or comes after them */
			ok = sz > 2 * a || in_memory(w, i) || n >= (uint32_t)w->conv.nr;
			n++;
			continue;
		}
		r = reg_slot(w, p->loc_reg);
		if (r < 0 || sz > 2 * a) {
			ok = false;
			break;
		}
		sl[n].first = r;
		sl[n].nr = 1;
		if (sz > a) {
			const struct tm_member *m = piece_member(w, i);

			if (p->pieces[0] && p->pieces[1]) {
				sl[n].nr = 2;
			} else if (m) {
				ap[i].member = m->name;
				ap[i].member_type = m->type;
			} else {
				ok = false;
				break;
			}
		}
		n++;
	}
	if (ok)
		qsort(sl, n, sizeof(*sl), cmp_slot);
	for (i = 0; i < n && ok; i++) {
		if (!sl[i].nr)
			break;
		ok = sl[i].first == next;
		next += sl[i].nr;
	}
	tmp = ok ? calloc(w->n + 1, sizeof(*tmp)) : NULL;
	if (tmp) {
		uint32_t k = 0;

		for (i = 0; i < n; i++)
			tmp[k++] = ap[sl[i].k];
		for (i = 0; i < w->n; i++)
			if (ap[i].dropped)
				tmp[k++] = ap[i];
		memcpy(ap, tmp, w->n * sizeof(*ap));
		free(tmp);
	} else {
		ok = false; /* ENOMEM too: no signature we can vouch for */
	}
	free(sl);
	return ok;
}

int func_abi__analyze(const struct tm_cu *cu, const struct tm_func *fn, uint16_t machine,
		      bool true_sig, bool clone, struct func_abi *out)
{
	const struct tm_type *proto = tm_cu__type(cu, fn->proto);
	const struct tm_param *decl = &cu->params[proto->first];
	struct walk w = {.cu = cu, .n = proto->nr, .abi = out};
	bool known = conv_of(machine, &w.conv), any_unexpected = false, any_struct = false;
	bool want_ts;
	struct tm_param *ordered;
	uint32_t i;

	memset(out, 0, sizeof(*out));
	out->nr_params = w.n;
	out->params = calloc(w.n + 1, sizeof(*out->params));
	w.optimized = calloc(2 * (w.n + 1), 1);
	ordered = calloc(w.n + 1, sizeof(*ordered));
	if (!out->params || !w.optimized || !ordered) {
		free(w.optimized);
		free(ordered);
		func_abi__release(out);
		return -ENOMEM;
	}
	code_order(decl, w.n, out->params);
	for (i = 0; i < w.n; i++)
		ordered[i] = decl[out->params[i].idx];
	w.p = ordered;
	w.unexpected = w.optimized + w.n + 1;
	w.two_regs = true;
	if (cu->producer_clang && (fn->flags & TM_FN_NOCALL) && !(fn->flags & TM_FN_INLINE))
		out->flags |= FA_SIG_CHANGED;
	if (fn->flags & TM_FN_REORDERED)
		out->flags |= FA_REORDERED;
	/* gas describes a routine by name and address only: its arguments are unknown */
	if (cu->lang == DW_LANG_Mips_Assembler)
		out->flags |= FA_NO_PROTO;
	want_ts = true_sig && known;
	true_sig = true_sig && (out->flags & FA_SIG_CHANGED);
	if (!known) {
		/* no register map: only what DWARF says outright */
		for (i = 0; i < w.n; i++)
			if (!(w.p[i].loc_flags & TM_LOC_PRESENT) ||
			    (w.p[i].loc_flags & (TM_LOC_CONST | TM_LOC_CONST_VALUE)))
				w.optimized[i] = 1;
		if (out->flags & FA_SIG_CHANGED)
			out->flags |= FA_UNCERTAIN;
	} else if (cu->producer_clang && !(out->flags & FA_SIG_CHANGED)) {
		walk_windows(&w);
	} else {
		walk_locations(&w, true_sig);
	}
	for (i = 0; i < w.n; i++) {
		if (w.optimized[i] || !(w.p[i].loc_flags & TM_LOC_PRESENT))
			out->flags |= FA_OPTIMIZED;
		any_unexpected |= w.unexpected[i];
		/* a struct with floats travels in vector registers, which the walk does not count
		 */
		any_struct |= is_struct_param(cu, w.p[i].type) && has_float(cu, w.p[i].type, 0);
		/* the prototype the binary has: what a reordered clone or true_sig leaves out */
		if ((out->flags & FA_REORDERED) &&
		    (!(w.p[i].loc_flags & TM_LOC_PRESENT) || w.optimized[i]))
			out->params[i].dropped = true;
		if (true_sig && w.optimized[i])
			out->params[i].dropped = true;
		if (!true_sig)
			out->params[i].member = NULL;
	}
	/* an aggregate of floats takes registers the walk does not know: no verdict then */
	if (any_unexpected && !any_struct)
		out->flags |= FA_UNEXPECTED_REG;
	if (known && w.n >= (uint32_t)w.conv.nr && uncertain_stack(&w))
		out->flags |= FA_UNCERTAIN;
	/*
	 * true_signature for a function whose ABI changed (a clone, DW_CC_nocall,
	 * or registers out of place): the parameters by where they arrive
	 */
	if (want_ts && ((out->flags & (FA_SIG_CHANGED | FA_REORDERED | FA_UNEXPECTED_REG)) ||
			(clone && (out->flags & FA_OPTIMIZED)))) {
		if (slot_signature(&w))
			out->flags &= ~(uint32_t)FA_UNEXPECTED_REG;
		else
			out->flags |= FA_UNEXPECTED_REG;
	}
	free(w.optimized);
	free(ordered);
	return 0;
}

void func_abi__release(struct func_abi *abi)
{
	free(abi->params);
	abi->params = NULL;
	abi->nr_params = 0;
}

bool func_abi__changes_proto(const struct func_abi *abi)
{
	uint32_t i;

	for (i = 0; i < abi->nr_params; i++)
		if (abi->params[i].dropped || abi->params[i].member || abi->params[i].idx != i)
			return true;
	return false;
}
