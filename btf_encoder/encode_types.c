// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Per-CU encoding: one model CU -> one standalone CU BTF (cu_btf.h: BTF
 * records with borrowed names). Runs on worker threads; reads only the
 * encoder's configuration and the symbol table.
 *
 * Passes:
 *  1. choose the functions that get a FUNC (funcs/func_choice.h; only
 *     their prototypes are kept);
 *  2. give every kept model type its BTF ID up front, so references can
 *     point forward; type tags that are not encoded resolve to their target;
 *  3. emit the types in model order, then the array index type if the CU
 *     had no "int", then VARs, FUNCs and DECL_TAGs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "compiler.h"
#include "encoder_priv.h"
#include "func_choice.h"
#include "log.h"
#include "vec.h"

struct ecu_build {
	const struct btf_encoder *enc;
	const struct tm_cu *cu;
	struct cbtf *btf;
	struct btf_encoder_cu *ecu;
	uint32_t *ids;	    /* model type id -> per-CU BTF id, 0 = void */
	uint8_t *emit;	    /* model type is emitted */
	uint32_t *func_ids; /* model func index -> FUNC id, 0 = none */
	uint32_t *var_ids;  /* model var index -> VAR id, 0 = none */
	struct fplan *plan; /* with the function analysis (func_plan.c), else NULL */
	uint32_t next_id;
	uint32_t index_id; /* array index type */
	bool fake_index;
	uint32_t *bf_ids;  /* model member index -> its bitfield INT (plain form), 0 = none */
	uint32_t bf_first; /* first ID of the bitfield INTs, emitted last */
	uint32_t nr_bf;
};

static bool feat(const struct ecu_build *e, enum btf_feature f)
{
	return e->enc->opts.features & f;
}

static int cu_err(struct ecu_build *e, int err, const char *what)
{
	pr_err("%s: CU '%s': cannot encode %s: %s", e->enc->opts.path, e->cu->name ?: "?", what,
	       errstr(err));
	return err;
}

static int type_err(struct ecu_build *e, tm_id id, int err, const char *what)
{
	const struct tm_type *t = tm_cu__type(e->cu, id);

	pr_err("%s: CU '%s': DIE 0x%llx (%s '%s'): cannot encode %s: %s", e->enc->opts.path,
	       e->cu->name ?: "?", (unsigned long long)t->die_off, tm_kind__name(t->kind),
	       t->name ?: "(anon)", what, errstr(err));
	return err;
}

/* pass 2 */
static void assign_ids(struct ecu_build *e)
{
	const struct tm_cu *cu = e->cu;
	uint32_t i;

	for (i = 1; i < cu->nr_types; i++) {
		const struct tm_type *t = &cu->types[i];

		if (t->kind == TM_VOID || (t->kind == TM_TYPE_TAG && !feat(e, BTF_FEAT_TYPE_TAG)))
			e->emit[i] = 0;
	}
	/* flattened: inner dimensions fold into the outermost ARRAY */
	for (i = 1; e->enc->opts.flat_arrays && i < cu->nr_types; i++)
		if (cu->types[i].kind == TM_ARRAY && (cu->types[i].flags & TM_F_ARRAY_INNER))
			e->emit[i] = 0;
	for (i = 1; i < cu->nr_types; i++)
		if (e->emit[i])
			e->ids[i] = e->next_id++;
	/* skipped type tags stand for what they tag */
	for (i = 1; i < cu->nr_types; i++) {
		tm_id r = i;
		int depth = 0;

		if (e->emit[i] || cu->types[i].kind != TM_TYPE_TAG)
			continue;
		while (r && !e->emit[r] && cu->types[r].kind == TM_TYPE_TAG && depth++ < 64)
			r = cu->types[r].ref;
		e->ids[i] = r ? e->ids[r] : 0;
	}
	for (i = 1; i < cu->nr_types; i++) {
		const struct tm_type *t = &cu->types[i];

		if (e->emit[i] && t->kind == TM_INT && t->size == 4 && (t->flags & TM_F_SIGNED) &&
		    t->name && !strcmp(t->name, "int")) {
			e->index_id = e->ids[i];
			return;
		}
	}
	for (i = 1; i < cu->nr_types; i++) {
		if (e->emit[i] && cu->types[i].kind == TM_ARRAY) {
			e->index_id = e->next_id++;
			e->fake_index = true;
			return;
		}
	}
}

static bool int_size_ok(uint64_t size)
{
	return size == 1 || size == 2 || size == 4 || size == 8 || size == 16;
}

static int emit_int(struct ecu_build *e, const struct tm_type *t)
{
	int enc = 0;

	if (t->flags & TM_F_BOOL)
		enc = BTF_INT_BOOL;
	else if (t->flags & TM_F_SIGNED)
		enc = BTF_INT_SIGNED;
	if (!int_size_ok(t->size)) {
		/* BTF INTs are 1-16 bytes, power of two */
		pr_warn("%s: CU '%s': DIE 0x%llx: base type '%s' of %llu bytes has no BTF form, "
			"encoded as a 4-byte int",
			e->enc->opts.path, e->cu->name ?: "?", (unsigned long long)t->die_off,
			t->name ?: "(anon)", (unsigned long long)t->size);
		return cbtf__add_int(e->btf, "__SANITIZED_FAKE_INT__", 4, BTF_INT_SIGNED);
	}
	return cbtf__add_int(e->btf, t->name ?: "__anon_int__", t->size, enc);
}

static int emit_float(struct ecu_build *e, const struct tm_type *t)
{
	uint64_t s = t->size;

	if (feat(e, BTF_FEAT_FLOAT) && (s == 2 || s == 4 || s == 8 || s == 12 || s == 16))
		return cbtf__add_float(e->btf, t->name ?: "__anon_float__", s);
	if (!int_size_ok(s))
		return emit_int(e, t);
	return cbtf__add_int(e->btf, t->name ?: "__anon_float__", s, 0);
}

/*
 * With kind_flag a member's offset has 24 bits, the top 8 hold a bitfield's
 * width. A struct with bitfields and a member past bit 2^24 is written in
 * the older form without kind_flag: 32-bit offsets, and each bitfield's type
 * an INT of its width (as pahole did before kind_flag).
 */
static bool plain_form(const struct ecu_build *e, const struct tm_type *t)
{
	uint32_t i;

	if (!(t->flags & TM_F_BITFIELDS))
		return false;
	for (i = 0; i < t->nr; i++)
		if (e->cu->members[t->first + i].bit_offset > 0xffffff)
			return true;
	return false;
}

static void assign_bitfield_ids(struct ecu_build *e)
{
	const struct tm_cu *cu = e->cu;
	uint32_t i, j;

	e->bf_first = e->next_id;
	for (i = 1; i < cu->nr_types; i++) {
		const struct tm_type *t = &cu->types[i];

		if (!e->emit[i] || (t->kind != TM_STRUCT && t->kind != TM_UNION) ||
		    !plain_form(e, t))
			continue;
		for (j = 0; j < t->nr; j++)
			if (cu->members[t->first + j].bit_size) {
				e->bf_ids[t->first + j] = e->next_id++;
				e->nr_bf++;
			}
	}
}

/* the INT a bitfield of type @type and @bits bits is written as, in the plain form */
static int emit_bitfield_int(struct ecu_build *e, tm_id type, uint32_t bits)
{
	static const char *const names[2][9] = {
		{[1] = "unsigned char",
		 [2] = "short unsigned int",
		 [4] = "unsigned int",
		 [8] = "long unsigned int"},
		{[1] = "signed char", [2] = "short int", [4] = "int", [8] = "long int"},
	};
	const struct tm_type *t = tm_cu__type(e->cu, tm_cu__skip_mods(e->cu, type));
	bool is_signed = t->flags & TM_F_SIGNED;
	int enc = 0;

	if (t->kind == TM_ENUM && t->size <= 8 && names[is_signed][t->size])
		return cbtf__add_int_bits(e->btf, names[is_signed][t->size], t->size,
					  is_signed ? BTF_INT_SIGNED : 0, bits);
	if (t->kind != TM_INT || !int_size_ok(t->size))
		return -EINVAL;
	if (t->flags & TM_F_BOOL)
		enc = BTF_INT_BOOL;
	else if (is_signed)
		enc = BTF_INT_SIGNED;
	return cbtf__add_int_bits(e->btf, t->name ?: "__anon_int__", t->size, enc, bits);
}

static int emit_bitfield_ints(struct ecu_build *e)
{
	uint32_t i;
	int id;

	for (i = 0; e->nr_bf && i < e->cu->nr_members; i++) {
		const struct tm_member *m = &e->cu->members[i];

		if (!e->bf_ids[i])
			continue;
		id = emit_bitfield_int(e, m->type, m->bit_size);
		if (id < 0)
			return cu_err(e, id, "a bitfield's type");
		if ((uint32_t)id != e->bf_ids[i])
			return cu_err(e, -EFAULT, "a bitfield's type (ID out of order)");
	}
	return 0;
}

static int emit_composite(struct ecu_build *e, const struct tm_type *t)
{
	bool is_union = t->kind == TM_UNION;
	bool plain = plain_form(e, t);
	uint32_t i;
	int id, err;

	if (t->size > 0xffffffffULL)
		return -E2BIG;
	id = cbtf__add_composite(e->btf, is_union ? BTF_KIND_UNION : BTF_KIND_STRUCT, t->name,
				 t->size);
	if (id < 0)
		return id;
	for (i = 0; i < t->nr; i++) {
		uint32_t mi = t->first + i;
		const struct tm_member *m = &e->cu->members[mi];

		if (m->bit_offset > 0xffffffffULL)
			return -E2BIG;
		if (plain)
			err = cbtf__add_field_plain(e->btf, m->name,
						    m->bit_size ? e->bf_ids[mi] : e->ids[m->type],
						    m->bit_offset);
		else
			err = cbtf__add_field(e->btf, m->name, e->ids[m->type], m->bit_offset,
					      m->bit_size);
		if (err)
			return err;
	}
	return id;
}

static int emit_enum(struct ecu_build *e, const struct tm_type *t)
{
	bool is_signed = t->flags & TM_F_SIGNED;
	bool wide = t->size > 4 && feat(e, BTF_FEAT_ENUM64);
	uint32_t i;
	int id, err;

	id = wide ? cbtf__add_enum64(e->btf, t->name, t->size, is_signed)
		  : cbtf__add_enum(e->btf, t->name, t->size > 8 ? 8 : t->size);
	if (id < 0)
		return id;
	for (i = 0; i < t->nr; i++) {
		const struct tm_enumerator *v = &e->cu->enums[t->first + i];
		const char *name = v->name ?: "__anon_enumerator__";

		if (wide)
			err = cbtf__add_enum64_value(e->btf, name, v->value);
		else if (t->size > 4)
			/* ENUM64 not wanted: values keep their low 32 bits */
			err = cbtf__add_enum_value(e->btf, name, (uint32_t)v->value);
		else
			err = cbtf__add_enum_value(e->btf, name, (int64_t)v->value);
		if (err)
			return err;
	}
	return id;
}

static int emit_fwd(struct ecu_build *e, const struct tm_type *t)
{
	bool is_union = t->flags & TM_F_FWD_UNION;

	/* BTF forward declarations need a name: an empty aggregate says the same */
	if (!t->name)
		return cbtf__add_composite(e->btf, is_union ? BTF_KIND_UNION : BTF_KIND_STRUCT,
					   NULL, 0);
	return cbtf__add_fwd(e->btf, t->name, is_union);
}

static int emit_proto(struct ecu_build *e, const struct tm_type *t)
{
	uint32_t i;
	int id, err;

	id = cbtf__add_func_proto(e->btf, e->ids[t->ref]);
	if (id < 0)
		return id;
	for (i = 0; i < t->nr; i++) {
		const struct tm_param *p = &e->cu->params[t->first + i];

		err = cbtf__add_func_param(e->btf, p->name, e->ids[p->type]);
		if (err)
			return err;
	}
	if (t->flags & TM_F_VARIADIC)
		return cbtf__add_func_param(e->btf, NULL, 0) ?: id;
	return id;
}

static int emit_array(struct ecu_build *e, const struct tm_type *t)
{
	uint64_t nr = t->nr;
	tm_id elem = t->ref;

	while (e->enc->opts.flat_arrays && elem &&
	       (tm_cu__type(e->cu, elem)->flags & TM_F_ARRAY_INNER) &&
	       tm_cu__type(e->cu, elem)->kind == TM_ARRAY) {
		/* a product beyond 32 bits is no count BTF can hold: 0, as for flexible arrays */
		nr = nr > 0xffffffffULL ? nr : nr * tm_cu__type(e->cu, elem)->nr;
		elem = tm_cu__type(e->cu, elem)->ref;
	}
	return cbtf__add_array(e->btf, e->index_id, e->ids[elem], nr > 0xffffffffULL ? 0 : nr);
}

static int emit_type(struct ecu_build *e, tm_id mid)
{
	const struct tm_type *t = tm_cu__type(e->cu, mid);
	uint32_t ref = e->ids[t->ref];

	switch (t->kind) {
	case TM_INT:
		return emit_int(e, t);
	case TM_FLOAT:
		return emit_float(e, t);
	case TM_PTR:
		return cbtf__add_ref(e->btf, BTF_KIND_PTR, NULL, ref);
	case TM_CONST:
		return cbtf__add_ref(e->btf, BTF_KIND_CONST, NULL, ref);
	case TM_VOLATILE:
		return cbtf__add_ref(e->btf, BTF_KIND_VOLATILE, NULL, ref);
	case TM_RESTRICT:
		return cbtf__add_ref(e->btf, BTF_KIND_RESTRICT, NULL, ref);
	case TM_TYPEDEF:
		return cbtf__add_ref(e->btf, BTF_KIND_TYPEDEF, t->name ?: "__anon_typedef__", ref);
	case TM_STRUCT:
	case TM_UNION:
		return emit_composite(e, t);
	case TM_ENUM:
		return emit_enum(e, t);
	case TM_FWD:
		return emit_fwd(e, t);
	case TM_ARRAY:
		return emit_array(e, t);
	case TM_FUNC_PROTO:
		return emit_proto(e, t);
	case TM_TYPE_TAG:
		return cbtf__add_ref(e->btf, BTF_KIND_TYPE_TAG, t->name ?: "", ref);
	default:
		return -EINVAL;
	}
}

/* the data section a variable lives in, if it is one whose VARs are wanted */
static uint32_t var_section(const struct ecu_build *e, const struct tm_var *v)
{
	const struct elf_symtab *st = e->enc->symtab;
	uint32_t shndx;

	if (!st || !v->has_addr)
		return 0;
	shndx = elf_symtab__sec_of_addr(st, v->addr);
	if (!shndx)
		return 0;
	if (shndx == st->percpu_shndx)
		return feat(e, BTF_FEAT_VAR) || feat(e, BTF_FEAT_GLOBAL_VAR) ? shndx : 0;
	if (!feat(e, BTF_FEAT_GLOBAL_VAR))
		return 0;
	return st->secs[shndx].type == SHT_PROGBITS || st->secs[shndx].type == SHT_NOBITS ? shndx
											  : 0;
}

/*
 * Names that only label compiler or macro artifacts (tracepoint strings,
 * __UNIQUE_ID* helpers, exit calls, gendwarfksyms anchors, objtool
 * markers): pahole leaves them out, so do we.
 */
static bool var_name_skipped(const char *name)
{
	static const char *const prefixes[] = {
		"__UNIQUE_ID",
		"__tpstrtab_",
		"__exitcall_",
		"__gendwarfksyms_ptr_",
		"__func_stack_frame_non_standard_",
	};
	size_t i;

	if (name[0] != '_')
		return false;
	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static int emit_vars(struct ecu_build *e)
{
	const struct elf_symtab *st = e->enc->symtab;
	uint32_t i;
	int err;

	for (i = 0; i < e->cu->nr_vars; i++) {
		const struct tm_var *v = &e->cu->vars[i];
		uint32_t shndx = var_section(e, v);
		const struct elf_sym_var *sym;
		struct ecu_var *ev;
		uint64_t off, size;
		const char *name;
		int id;

		if (!shndx)
			continue;
		/* the name is the DWARF variable's, through DW_AT_specification */
		name = v->name;
		if (var_name_skipped(name))
			continue;
		off = v->addr - st->secs[shndx].addr;
		sym = elf_symtab__find_var(st, shndx, off, name);
		/*
		 * Per-CPU variables are the ones with a symbol of their name at
		 * their place; elsewhere offset 0 is claimed by the variables of
		 * discarded sections too. Other symbols at the same place
		 * (aliases, zero-size labels) do not name the variable.
		 */
		if (!sym && (shndx == st->percpu_shndx || !off))
			continue;
		size = sym && sym->size ? sym->size : v->size;
		if (!size || size > 0xffffffffULL || off > 0xffffffffULL || !e->ids[v->type])
			continue;
		id = cbtf__add_var(e->btf, name,
				   v->external ? BTF_VAR_GLOBAL_ALLOCATED : BTF_VAR_STATIC,
				   e->ids[v->type]);
		if (id < 0) {
			pr_err("%s: CU '%s': DIE 0x%llx: cannot encode variable '%s': %s",
			       e->enc->opts.path, e->cu->name ?: "?",
			       (unsigned long long)v->die_off, name, errstr(id));
			return id;
		}
		e->var_ids[i] = id;
		err = vec_ensure((void **)&e->ecu->vars, &e->ecu->cap_vars, sizeof(*e->ecu->vars),
				 e->ecu->nr_vars + 1, 0x7fffffff);
		if (err)
			return cu_err(e, err, "variables");
		ev = &e->ecu->vars[e->ecu->nr_vars++];
		ev->var_id = id;
		ev->shndx = shndx;
		ev->offset = off;
		ev->size = size;
	}
	return 0;
}

static int emit_funcs(struct ecu_build *e, const uint8_t *wanted)
{
	uint32_t i;
	int err;

	for (i = 0; i < e->cu->nr_funcs; i++) {
		const struct tm_func *fn = &e->cu->funcs[i];
		struct ecu_func *ef;
		int id;

		if (e->plan && e->plan[i].alt_name) {
			/* true_signature: the clone's own name; btf_post keeps one of the two */
			id = cbtf__add_func(e->btf, e->plan[i].alt_name, BTF_FUNC_GLOBAL,
					    e->ids[e->plan[i].proto]);
			if (id < 0)
				return cu_err(e, id, "functions");
		}
		if (!wanted[i])
			continue;
		if (e->plan)
			id = cbtf__add_func(e->btf, fn->name, e->plan[i].linkage,
					    e->ids[e->plan[i].proto]);
		else
			id = cbtf__add_func(
				e->btf, fn->name,
				func_choice__linkage(fn, feat(e, BTF_FEAT_CONSISTENT_FUNC)),
				e->ids[fn->proto]);
		if (id < 0) {
			pr_err("%s: CU '%s': DIE 0x%llx: cannot encode function '%s': %s",
			       e->enc->opts.path, e->cu->name ?: "?",
			       (unsigned long long)fn->die_off, fn->name, errstr(id));
			return id;
		}
		e->func_ids[i] = id;
		err = vec_ensure((void **)&e->ecu->funcs, &e->ecu->cap_funcs,
				 sizeof(*e->ecu->funcs), e->ecu->nr_funcs + 1, 0x7fffffff);
		if (err)
			return cu_err(e, err, "functions");
		ef = &e->ecu->funcs[e->ecu->nr_funcs++];
		ef->name = fn->name;
		ef->func_id = id;
		ef->proto_id = e->ids[e->plan ? e->plan[i].proto : fn->proto];
	}
	return 0;
}

static int emit_decl_tags(struct ecu_build *e)
{
	uint32_t i;

	if (!feat(e, BTF_FEAT_DECL_TAG))
		return 0;
	for (i = 0; i < e->cu->nr_tags; i++) {
		const struct tm_decl_tag *t = &e->cu->tags[i];
		uint32_t target = 0;
		int id;

		switch (t->target_kind) {
		case TM_TAG_TYPE:
			target = e->emit[t->target] ? e->ids[t->target] : 0;
			break;
		case TM_TAG_FUNC:
			target = e->func_ids[t->target];
			/* a parameter's tag: its index means nothing in a changed signature */
			if (e->plan && e->plan[t->target].proto_changed && t->component_idx >= 0)
				target = 0;
			break;
		case TM_TAG_VAR:
			target = e->var_ids[t->target];
			break;
		}
		if (!target)
			continue;
		if (!t->value || !*t->value) {
			pr_warn("%s: CU '%s': empty btf_decl_tag value left out", e->enc->opts.path,
				e->cu->name ?: "?");
			continue;
		}
		id = cbtf__add_decl_tag(e->btf, t->value, target, t->component_idx);
		if (id < 0) {
			pr_err("%s: CU '%s': cannot encode decl tag '%s': %s", e->enc->opts.path,
			       e->cu->name ?: "?", t->value, errstr(id));
			return id;
		}
	}
	return 0;
}

static int encode_cu(struct ecu_build *e)
{
	const struct tm_cu *cu = e->cu;
	uint8_t *wanted = calloc(cu->nr_funcs + 1, 1);
	uint32_t i;
	int id, err = 0;

	if (!wanted)
		return cu_err(e, -ENOMEM, "functions");
	memset(e->emit, 1, cu->nr_types);
	e->emit[0] = 0;
	for (i = 0; i < cu->nr_funcs; i++) {
		if (e->plan) {
			wanted[i] = e->plan[i].wanted;
			e->emit[cu->funcs[i].proto] = 0;
			e->emit[e->plan[i].proto] |= wanted[i] || e->plan[i].alt_name;
			continue;
		}
		wanted[i] = func_choice__wanted(&cu->funcs[i], e->enc->symtab,
						feat(e, BTF_FEAT_CONSISTENT_FUNC));
		e->emit[cu->funcs[i].proto] = wanted[i];
	}
	assign_ids(e);
	assign_bitfield_ids(e);
	for (i = 1; i < cu->nr_types; i++) {
		if (!e->emit[i])
			continue;
		id = emit_type(e, i);
		if (id < 0) {
			err = type_err(e, i, id, "type");
			goto out;
		}
		if ((uint32_t)id != e->ids[i]) {
			pr_err("%s: CU '%s': internal error: type ID %d, expected %u",
			       e->enc->opts.path, cu->name ?: "?", id, e->ids[i]);
			err = -EFAULT;
			goto out;
		}
	}
	if (e->fake_index) {
		/* the CU has no int of its own; dedup merges this one with the others */
		id = cbtf__add_int(e->btf, "int", 4, BTF_INT_SIGNED);
		if (id < 0) {
			err = cu_err(e, id, "the array index type");
			goto out;
		}
	}
	err = emit_bitfield_ints(e);
	err = err ?: emit_vars(e);
	err = err ?: emit_funcs(e, wanted);
	err = err ?: emit_decl_tags(e);
out:
	free(wanted);
	return err;
}

void btf_encoder_cu__free(struct btf_encoder_cu *ecu)
{
	if (!ecu)
		return;
	cbtf__free(ecu->btf);
	free(ecu->sigs);
	while (ecu->nr_strs)
		free(ecu->strs[--ecu->nr_strs]);
	free(ecu->strs);
	free(ecu->fstates);
	free(ecu->funcs);
	free(ecu->vars);
	free(ecu);
}

int btf_encoder__encode_cu(const struct btf_encoder *enc, struct tm_cu *cu,
			   struct btf_encoder_cu **out)
{
	struct ecu_build e = {.enc = enc, .cu = cu, .next_id = 1};
	int err = -ENOMEM;

	*out = NULL;
	e.ecu = calloc(1, sizeof(*e.ecu));
	if (e.ecu && enc->fsyms) {
		/* before the ID arrays: changed signatures add FUNC_PROTOs to the model */
		e.plan = calloc(cu->nr_funcs + 1, sizeof(*e.plan));
		if (!e.plan || func_plan__cu(enc, cu, e.ecu, e.plan))
			goto out;
	}
	e.ids = calloc(cu->nr_types + 1, sizeof(*e.ids));
	e.emit = calloc(cu->nr_types + 1, 1);
	e.func_ids = calloc(cu->nr_funcs + 1, sizeof(*e.func_ids));
	e.var_ids = calloc(cu->nr_vars + 1, sizeof(*e.var_ids));
	e.bf_ids = calloc(cu->nr_members + 1, sizeof(*e.bf_ids));
	if (!e.ecu || !e.ids || !e.emit || !e.func_ids || !e.var_ids || !e.bf_ids)
		goto out;
	e.ecu->cu_index = cu->index;
	e.ecu->btf = e.btf = cbtf__new();
	if (!e.btf)
		goto out;
	err = encode_cu(&e);
	err = err ?: cbtf__hash_names(e.btf);
	/* a module's types are not interned (btf_intern.c) */
	err = err ?: enc->base ? 0 : btf_intern__prepare_cu(e.btf, &e.ecu->sigs);
out:
	if (err == -ENOMEM && !e.btf)
		pr_err("%s: CU '%s': out of memory", enc->opts.path, cu->name ?: "?");
	if (err) {
		btf_encoder_cu__free(e.ecu);
		e.ecu = NULL;
	}
	*out = e.ecu;
	free(e.ids);
	free(e.plan);
	free(e.emit);
	free(e.func_ids);
	free(e.var_ids);
	free(e.bf_ids);
	tm_cu__free(cu);
	return err;
}
