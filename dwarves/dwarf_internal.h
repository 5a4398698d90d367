/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Private glue of the DWARF loader: the per-CU conversion context shared by
 * dwarf_die.c (DIE map, references, attributes), dwarf_annot.c
 * (annotations), dwarf_types.c (type DIEs) and dwarf_funcs.c (subprograms,
 * variables). Only loader files include this header.
 */
#ifndef D2B_DWARF_INTERNAL_H
#define D2B_DWARF_INTERNAL_H

#include <stdatomic.h>
#include <elfutils/libdw.h>
#include "dwarves.h"
#include "compiler.h"
#include "dwarf_abbrev.h"
#include "dwarf_pages.h"

#ifndef DW_TAG_LLVM_annotation
#define DW_TAG_LLVM_annotation 0x6000
#endif
#define DWL_TAG_GNU_annotation 0x6001

/* one-shot warnings shared by all workers of a loader */
struct dwl_warned {
	atomic_uchar tag[0x100];
	atomic_uchar misc[16];
};

enum dwl_misc_warning {
	DWL_WARN_MEMBER_LOC,
	DWL_WARN_ARRAY_BOUND,
	DWL_WARN_BIG_ARRAY,
	DWL_WARN_VLA,
};

/* a type unit: its signature and its type DIE */
struct dwl_sig8 {
	uint64_t sig;
	Dwarf_Die type_die;
};

struct dwl_pending {
	tm_id id;
	Dwarf_Die die;
};

/**
 * struct dwl_cu_ctx - state while one CU is converted
 * @map_*:	open-addressing hash map from a DIE's address (unique across
 *		.debug_info and .debug_types) to its model id
 * @pend:	type DIEs that have an id but are not converted yet, FIFO
 */
struct dwl_cu_ctx {
	struct tm_cu *cu;
	const char *path;
	bool big_endian;
	struct dwl_warned *warned;
	const struct dwl_sig8 *sigs; /* sorted by signature, shared read-only */
	uint32_t nr_sigs;
	/*
	 * the unit being converted, and whether its abbreviation table has
	 * annotation DIEs at all: when it has none, no DIE of it needs its
	 * children searched for btf_decl_tag/btf_type_tag
	 */
	struct Dwarf_CU *unit;
	bool unit_annotated;
	bool unit_signed; /* some abbreviation has DW_AT_signature */
	/* its DIEs decoded by the loader itself, unless it declined (dwarf_abbrev.h) */
	struct dwl_unit du;
	/* how far the unit read the sections read in unit order (dwarf_pages.h) */
	const void *reach[DWL_NR_STREAMS];

	/* DIE address -> model id (dwarf_die.c); a slot's key 0: empty */
	struct dwl_map_slot {
		uintptr_t key;
		tm_id id;
	} * map;
	uint32_t map_cap, map_cnt;

	struct dwl_pending *pend;
	uint32_t nr_pend, cap_pend, next_pend;
	int err;
};

/*
 * dwl_tag() - dwarf_tag() of @die, which also leaves libdw's abbreviation
 * object in @die for the libdw calls that follow. A DIE of the unit being
 * converted is decoded by the loader (no lookup behind libdw's lock).
 */
static inline int dwl_tag(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	const struct dwl_abbrev *ab;
	const unsigned char *vals;

	if (dwl_unit__has(&c->du, die) && (ab = dwl_unit__abbrev(&c->du, die, &vals)))
		return (int)ab->tag;
	return dwarf_tag(die);
}

/* dwl_type_ref() - model id for the DIE that attribute @at of @die names (0: void) */
int dwl_type_ref(struct dwl_cu_ctx *c, Dwarf_Die *die, int at, tm_id *out);
/* dwl_die_id() - model id of type DIE @die, queued for conversion when new */
int dwl_die_id(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id *out);
/* dwl_drain() - convert every queued type DIE */
int dwl_drain(struct dwl_cu_ctx *c);
bool dwl_is_type_tag(int tag);

/* dwl_conv_params() - parameters of a function type or subprogram (@named: read names) */
int dwl_conv_params(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id proto, bool named, bool *unnamed);
int dwl_add_func(struct dwl_cu_ctx *c, Dwarf_Die *die);
/*
 * dwl_param_locs() - entry locations of @die's formal parameters into the
 * parameters of @proto (dwarf_params.c); @origin: @die's abstract origin or
 * NULL; sets TM_FN_REORDERED in *@fn_flags. Return: 0.
 */
int dwl_param_locs(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *origin, tm_id proto,
		   uint32_t *fn_flags);
int dwl_add_var(struct dwl_cu_ctx *c, Dwarf_Die *die);
/*
 * dwl_may_annotate() - can @die have annotation children? Only DIEs of the
 * unit being converted are known not to; imported and type units may.
 */
static inline bool dwl_may_annotate(const struct dwl_cu_ctx *c, const Dwarf_Die *die)
{
	return c->unit_annotated || die->cu != c->unit;
}
/* can @die stand for a type unit (DW_AT_signature)? Same rule as above. */
static inline bool dwl_may_sign(const struct dwl_cu_ctx *c, const Dwarf_Die *die)
{
	return c->unit_signed || die->cu != c->unit;
}

void dwl_warn_die(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *fmt, ...) __printf(3, 4);
void dwl_warn_once(struct dwl_cu_ctx *c, enum dwl_misc_warning w, Dwarf_Die *die, const char *fmt,
		   ...) __printf(4, 5);
int dwl_err_die(struct dwl_cu_ctx *c, Dwarf_Die *die, int err, const char *fmt, ...) __printf(4, 5);

/*
 * dwl_map_reserve() - size the DIE map for a unit of @bytes (grown anyway
 * when short); Return: 0 or -ENOMEM. dwl_map_release() frees it.
 */
int dwl_map_reserve(struct dwl_cu_ctx *c, size_t bytes);
void dwl_map_release(struct dwl_cu_ctx *c);

/*
 * libdw's dwarf_attr(), dwarf_hasattr(), dwarf_attr_integrate(),
 * dwarf_diename(), dwarf_child() and dwarf_siblingof(), same results: a DIE
 * of the unit being converted is decoded by the loader (dwarf_abbrev.h),
 * others by libdw. libdw keeps an object per abbreviation of every unit it
 * decodes a DIE of, until the file is closed: the loader's hot paths use
 * these instead.
 */
Dwarf_Attribute *dwl_attr(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int at,
			  Dwarf_Attribute *out);
bool dwl_hasattr(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int at);
Dwarf_Attribute *dwl_attr_integrate(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int at,
				    Dwarf_Attribute *out);
const char *dwl_diename(struct dwl_cu_ctx *c, Dwarf_Die *die);
bool dwl_haschildren(struct dwl_cu_ctx *c, Dwarf_Die *die);
/* 0 with @child set, 1 when there is none, -1 on a read error */
int dwl_child(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *child);
/* 0 with @die moved to its next sibling, 1 when there is none, -1 on a read error */
int dwl_siblingof(struct dwl_cu_ctx *c, Dwarf_Die *die);

/* dwl_note_reach() - the unit read section @s up to @p */
static inline void dwl_note_reach(struct dwl_cu_ctx *c, enum dwl_stream_id s, const void *p)
{
	if ((const char *)p > (const char *)c->reach[s])
		c->reach[s] = p;
}

static inline bool dwl_udata(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int at, uint64_t *v)
{
	Dwarf_Attribute attr;
	Dwarf_Word w;

	if (!dwl_attr(c, die, at, &attr) || dwarf_formudata(&attr, &w))
		return false;
	*v = w;
	return true;
}

#endif
