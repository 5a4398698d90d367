/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * One unit's DIEs decoded without libdw (dwarf_abbrev.c): the unit's
 * abbreviations by code, read once, then a DIE's tag, its attributes,
 * its first child and its next sibling straight from the bytes.
 *
 * libdw's dwarf_getattrs() and dwarf_siblingof() find a DIE's
 * abbreviation in a hash table behind a reader-writer lock and decode the
 * forms through generic helpers: on a kernel they were a third of the
 * conversion's CPU time. The Dwarf_Attribute values made here are what
 * dwarf_getattrs() passes (the form, the value's address, the unit), so
 * libdw's dwarf_form*() read them. The abbreviations are read from
 * .debug_abbrev here too: libdw's own objects for them, kept until the
 * file is closed, were 16 MB of a kernel's peak memory. (libdw still makes
 * those it needs for a DIE handed to it, which the loader avoids in its hot
 * paths: dwl_attr() and friends in dwarf_die.h.)
 *
 * Only DIEs of the unit itself are decoded here; anything this reader does
 * not know (a form, an abbreviation code out of range) makes
 * dwl_unit__open() decline the unit, which libdw then reads as before.
 */
#ifndef D2B_DWARF_ABBREV_H
#define D2B_DWARF_ABBREV_H

#include <stdbool.h>
#include <stdint.h>
#include <elfutils/libdw.h>

/* one attribute specification of an abbreviation */
struct dwl_aspec {
	uint16_t at;   /* DW_AT_* */
	uint16_t form; /* DW_FORM_* */
	int8_t slot;   /* enum dwl_attr_slot, DWL_SLOT_INDIRECT or DWL_SLOT_NONE */
	uint8_t size;  /* the value's size when the form has a fixed one, else DWL_VARIABLE */
	const unsigned char *konst; /* DW_FORM_implicit_const: its SLEB128 in .debug_abbrev */
};

#define DWL_SLOT_NONE (-1)
#define DWL_SLOT_INDIRECT (-2) /* DW_AT_abstract_origin, DW_AT_specification */
#define DWL_VARIABLE 0xff

struct dwl_abbrev {
	bool defined; /* false: no abbreviation has the code */
	uint32_t tag;
	bool children;
	uint16_t nr_specs;
	uint32_t first; /* its first spec in struct dwl_unit's @specs */
	int32_t size;	/* bytes of all its values when every form is fixed, else -1 */
	int32_t sib; /* DW_AT_sibling's value at this byte offset (fixed forms before it), or -1 */
	uint16_t sib_form;
	uint16_t nr_read; /* specs up to the last one with a slot: dwl_unit__attrs() reads these */
};

/**
 * struct dwl_unit - one unit, ready to decode
 * @start:	the unit's header, the base of unit-relative references
 * @end:	the end of its DIEs
 * Owns @by_code and @specs (dwl_unit__close()).
 */
struct dwl_unit {
	const unsigned char *start, *end;
	Dwarf_CU *cu;
	uint8_t version, addr_size, offset_size;
	bool big_endian;
	bool annotated; /* an abbreviation has a btf_tag annotation tag */
	bool sig;	/* an abbreviation has DW_AT_signature */
	struct dwl_abbrev *by_code;
	uint32_t nr_codes;
	struct dwl_aspec *specs;
	uint32_t nr_specs, cap_specs;
	const unsigned char *abbrev_end; /* the end of its abbreviations in .debug_abbrev */
};

/* where a file's units and abbreviations are (as libdw reads them: decompressed, relocated) */
struct dwl_sections {
	const unsigned char *unit_end;		  /* the end of the section holding the unit */
	const unsigned char *abbrev, *abbrev_end; /* .debug_abbrev */
};

/* the attributes the loader collects; the slot numbers are enum dwl_attr_slot's */
typedef int (*dwl_slot_of_fn)(unsigned int at);

/**
 * dwl_unit__open() - read the abbreviations of the unit of @cudie
 * @secs:	the sections: a unit whose header claims more than its section
 *		has is declined, as is one whose abbreviations run past theirs
 * @slot_of:	the slot of an attribute code (DWL_SLOT_NONE when not collected)
 * Return: 0; -EOPNOTSUPP when the unit is better left to libdw (an unknown
 * form, sparse codes, bounds); -ENOMEM. @u needs dwl_unit__close() in
 * every case.
 */
int dwl_unit__open(struct dwl_unit *u, Dwarf_Die *cudie, const struct dwl_sections *secs,
		   bool big_endian, dwl_slot_of_fn slot_of);
void dwl_unit__close(struct dwl_unit *u);

/* does @die belong to @u (its bytes lie in the unit)? */
static inline bool dwl_unit__has(const struct dwl_unit *u, const Dwarf_Die *die)
{
	return u->nr_codes && die->cu == u->cu;
}

/**
 * dwl_unit__abbrev() - the abbreviation of @die; *@vals points after the
 * code to its first value.
 * Return: NULL for a null entry, an undefined code or a DIE out of bounds.
 */
const struct dwl_abbrev *dwl_unit__abbrev(const struct dwl_unit *u, const Dwarf_Die *die,
					  const unsigned char **vals);

/*
 * dwl_unit__attrs() - the values of @ab's specs with a slot, from @vals:
 * @out[slot] set and its bit in *@present for each (the first of
 * duplicates), *@indirect when an abstract origin or specification is
 * named. Return: 0 or -EINVAL (a value runs past the unit).
 */
int dwl_unit__attrs(const struct dwl_unit *u, const struct dwl_abbrev *ab,
		    const unsigned char *vals, Dwarf_Attribute *out, uint32_t *present,
		    bool *indirect);

/*
 * dwl_unit__find() - attribute @at of a DIE of abbreviation @ab whose
 * values start at @vals, into @out. Return: 1, 0 when it has none, -EINVAL.
 */
int dwl_unit__find(const struct dwl_unit *u, const struct dwl_abbrev *ab, const unsigned char *vals,
		   unsigned int at, Dwarf_Attribute *out);

/* dwl_unit__child() - @die's first child into @child. Return: 1, 0 when none, -EINVAL */
int dwl_unit__child(const struct dwl_unit *u, Dwarf_Die *die, Dwarf_Die *child);
/* dwl_unit__sibling() - move @die to its next sibling. Return: 1, 0 when none, -EINVAL */
int dwl_unit__sibling(const struct dwl_unit *u, Dwarf_Die *die);

#endif
