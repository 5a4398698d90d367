// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The DIE level of the loader (see dwarf_die.h): the CU's map from DIE
 * address to model id, diagnostics that name the DIE, following
 * references (type units, other units) to a model id, and the attributes
 * of a DIE collected in one pass.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dwarf.h>
#include "dwarf_die.h"
#include "log.h"
#include "vec.h"

#define DWL_MAX_REF_DEPTH 64

/* ---- DIE address -> model id map ---- */

static uint64_t hash_ptr(uintptr_t p)
{
	uint64_t x = p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* @cap slots (a power of two), the entries placed again */
static int map_resize(struct dwl_cu_ctx *c, uint32_t cap)
{
	struct dwl_map_slot *n = calloc(cap, sizeof(*n));
	uint32_t i;

	if (!n)
		return -ENOMEM;
	for (i = 0; i < c->map_cap; i++) {
		uint32_t h;

		if (!c->map[i].key)
			continue;
		h = hash_ptr(c->map[i].key) & (cap - 1);
		while (n[h].key)
			h = (h + 1) & (cap - 1);
		n[h] = c->map[i];
	}
	free(c->map);
	c->map = n;
	c->map_cap = cap;
	return 0;
}

/*
 * A unit of @bytes of DIEs: a kernel's units remember one DIE per 49 bytes
 * on average, so sizing for one per 32 (at most half full) seldom grows.
 */
int dwl_map_reserve(struct dwl_cu_ctx *c, size_t bytes)
{
	uint64_t need = bytes / 32 * 2, cap = 1024;

	while (cap < need && cap < 1u << 24) /* 256 MB; beyond, the map grows as it fills */
		cap <<= 1;
	return cap > c->map_cap ? map_resize(c, cap) : 0;
}

void dwl_map_release(struct dwl_cu_ctx *c)
{
	free(c->map);
	c->map = NULL;
	c->map_cap = c->map_cnt = 0;
}

/* returns the slot of @key; *found tells whether it holds @key or is free */
static uint32_t map_slot(const struct dwl_cu_ctx *c, uintptr_t key, bool *found)
{
	uint32_t h = hash_ptr(key) & (c->map_cap - 1);

	while (c->map[h].key) {
		if (c->map[h].key == key) {
			*found = true;
			return h;
		}
		h = (h + 1) & (c->map_cap - 1);
	}
	*found = false;
	return h;
}

/* the id remembered for the DIE at @key: true, with *out set, when there is one */
static bool map_get(const struct dwl_cu_ctx *c, uintptr_t key, tm_id *out)
{
	bool found = false;
	uint32_t slot;

	if (!c->map_cap)
		return false;
	slot = map_slot(c, key, &found);
	if (found)
		*out = c->map[slot].id;
	return found;
}

/* remember @id for the DIE at @key, unless it has one; 0 or -ENOMEM */
static int map_put(struct dwl_cu_ctx *c, uintptr_t key, tm_id id)
{
	bool found;
	uint32_t slot;
	int err;

	if (c->map_cnt * 2 >= c->map_cap) {
		err = map_resize(c, c->map_cap ? c->map_cap * 2 : 1024);
		if (err)
			return err;
	}
	slot = map_slot(c, key, &found);
	if (!found) {
		c->map[slot].key = key;
		c->map[slot].id = id;
		c->map_cnt++;
	}
	return 0;
}

/* ---- diagnostics ---- */

static void __printf(3, 0)
	vwarn_die(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	pr_warn("%s: CU '%s': DIE 0x%llx: %s", c->path, c->cu->name ?: "?",
		die ? (unsigned long long)dwarf_dieoffset(die) : 0ULL, msg);
}

void dwl_warn_die(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_die(c, die, fmt, ap);
	va_end(ap);
}

void dwl_warn_once(struct dwl_cu_ctx *c, enum dwl_misc_warning w, Dwarf_Die *die, const char *fmt,
		   ...)
{
	va_list ap;

	if (atomic_exchange(&c->warned->misc[w], 1))
		return;
	va_start(ap, fmt);
	vwarn_die(c, die, fmt, ap);
	va_end(ap);
}

/* only the first error of a CU is printed: later ones tend to be its echoes */
static int __printf(4, 0)
	verr_off(struct dwl_cu_ctx *c, unsigned long long off, int err, const char *fmt, va_list ap)
{
	char msg[512];

	if (c->err)
		return err;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	pr_err("%s: CU '%s': DIE 0x%llx: %s", c->path, c->cu->name ?: "?", off, msg);
	c->err = err;
	return err;
}

int dwl_err_off(struct dwl_cu_ctx *c, uint64_t off, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = verr_off(c, off, err, fmt, ap);
	va_end(ap);
	return err;
}

int dwl_err_die(struct dwl_cu_ctx *c, Dwarf_Die *die, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = verr_off(c, die ? (unsigned long long)dwarf_dieoffset(die) : 0ULL, err, fmt, ap);
	va_end(ap);
	return err;
}

void dwl_warn_tag_once(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *what)
{
	int tag = dwl_tag(c, die);

	if (atomic_exchange(&c->warned->tag[tag & 0xff], 1))
		return;
	dwl_warn_die(c, die, "unsupported %s tag 0x%x, encoded as %s (further ones not reported)",
		     "type", tag, what);
}

/* ---- ids and references ---- */

/* the type DIE of the type unit with signature @sig */
static bool sig8_die(const struct dwl_cu_ctx *c, uint64_t sig, Dwarf_Die *out)
{
	uint32_t lo = 0, hi = c->nr_sigs;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (c->sigs[mid].sig < sig)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == c->nr_sigs || c->sigs[lo].sig != sig)
		return false;
	*out = c->sigs[lo].type_die;
	return true;
}

static uint64_t read_sig8(const struct dwl_cu_ctx *c, const Dwarf_Attribute *attr)
{
	const unsigned char *p = attr->valp;
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[c->big_endian ? 7 - i : i] << (8 * i);
	return v;
}

/*
 * dwl_formref_die() - the DIE an attribute refers to. Type-unit signatures
 * (DW_FORM_ref_sig8) are resolved through the loader's own index.
 */
static bool dwl_formref_die(struct dwl_cu_ctx *c, Dwarf_Attribute *attr, Dwarf_Die *out)
{
	if (dwarf_whatform(attr) == DW_FORM_ref_sig8)
		return sig8_die(c, read_sig8(c, attr), out);
	return dwarf_formref_die(attr, out) != NULL;
}

bool dwl_is_type_tag(int tag)
{
	switch (tag) {
	case DW_TAG_base_type:
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
	case DW_TAG_typedef:
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
	case DW_TAG_array_type:
	case DW_TAG_subroutine_type:
	case DW_TAG_unspecified_type:
	case DW_TAG_ptr_to_member_type:
	case DW_TAG_string_type:
	case DW_TAG_set_type:
	case DW_TAG_subrange_type:
	case DW_TAG_packed_type:
	case DW_TAG_shared_type:
	case DW_TAG_immutable_type:
		return true;
	default:
		return false;
	}
}

static int sig8_err(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Attribute *attr)
{
	return dwl_err_die(
		c, die, -EINVAL,
		"type unit 0x%016llx not found (type units in an object file's section groups are "
		"read for x86-64 and arm64 objects only: encode the linked file)",
		(unsigned long long)read_sig8(c, attr));
}

static int die_id_slow(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id *out);

/*
 * The model id of a type DIE. Every DIE looked up is remembered by its own
 * address, the qualifiers and type unit declarations it stands for
 * skipped included, so that the many references to one type cost one probe
 * of the map each.
 */
int dwl_die_id(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id *out)
{
	uintptr_t key = (uintptr_t)die->addr;

	if (map_get(c, key, out))
		return 0;
	return die_id_slow(c, die, out);
}

/* @die is not in the map: remember it, and what it stands for */
static int die_id_slow(struct dwl_cu_ctx *c, Dwarf_Die *die, tm_id *out)
{
	Dwarf_Die cur = *die, next;
	unsigned int depth = 0;
	uintptr_t key;
	int id, err;

	/*
	 * qualifiers BTF cannot express are skipped here, so they never get an
	 * id; so are declarations that stand for a type unit (DW_AT_signature)
	 */
	for (;;) {
		int tag = dwl_tag(c, &cur);
		Dwarf_Attribute attr;

		if (dwl_may_sign(c, &cur) && dwl_attr(c, &cur, DW_AT_signature, &attr)) {
			if (!dwl_formref_die(c, &attr, &next) || ++depth > DWL_MAX_REF_DEPTH)
				return sig8_err(c, &cur, &attr);
			cur = next;
			continue;
		}
		if (tag == DW_TAG_unspecified_type) {
			*out = 0;
			return map_put(c, (uintptr_t)die->addr, 0);
		}
		if (tag != DW_TAG_atomic_type && tag != DW_TAG_packed_type &&
		    tag != DW_TAG_shared_type && tag != DW_TAG_immutable_type)
			break;
		if (!dwl_attr(c, &cur, DW_AT_type, &attr)) {
			*out = 0;
			return map_put(c, (uintptr_t)die->addr, 0);
		}
		if (!dwl_formref_die(c, &attr, &next) || ++depth > DWL_MAX_REF_DEPTH)
			return dwl_err_die(c, &cur, -EINVAL, "invalid or cyclic type reference");
		cur = next;
	}
	if (!dwl_is_type_tag(dwl_tag(c, &cur)))
		return dwl_err_die(c, &cur, -EINVAL, "type reference to a non-type DIE (tag 0x%x)",
				   dwl_tag(c, &cur));

	key = (uintptr_t)cur.addr;
	/* a qualifier or declaration skipped: the DIE it stands for may have an id */
	if (key != (uintptr_t)die->addr && map_get(c, key, out))
		return map_put(c, (uintptr_t)die->addr, *out);
	id = tm_cu__add_type(c->cu, TM_VOID);
	if (id < 0)
		return id;
	err = vec_ensure((void **)&c->pend, &c->cap_pend, sizeof(*c->pend), c->nr_pend + 1,
			 0x7fffffff);
	if (err)
		return err;
	c->pend[c->nr_pend].id = id;
	c->pend[c->nr_pend].die = cur;
	c->nr_pend++;
	c->cu->types[id].die_off = dwarf_dieoffset(&cur);
	*out = id;
	err = map_put(c, key, id);
	if (!err && key != (uintptr_t)die->addr)
		err = map_put(c, (uintptr_t)die->addr, id);
	return err;
}

Dwarf_Attribute *dwl_attrs_get(struct dwl_attrs *attrs, enum dwl_attr_slot s)
{
	return attrs->present & (1u << s) ? &attrs->a[s] : NULL;
}

int dwl_attr_slot(unsigned int at)
{
	switch (at) {
	case DW_AT_name:
		return DWL_A_NAME;
	case DW_AT_type:
		return DWL_A_TYPE;
	case DW_AT_byte_size:
		return DWL_A_BYTE_SIZE;
	case DW_AT_bit_size:
		return DWL_A_BIT_SIZE;
	case DW_AT_data_member_location:
		return DWL_A_DATA_MEMBER_LOCATION;
	case DW_AT_data_bit_offset:
		return DWL_A_DATA_BIT_OFFSET;
	case DW_AT_bit_offset:
		return DWL_A_BIT_OFFSET;
	case DW_AT_declaration:
		return DWL_A_DECLARATION;
	case DW_AT_external:
		return DWL_A_EXTERNAL;
	case DW_AT_encoding:
		return DWL_A_ENCODING;
	case DW_AT_abstract_origin:
	case DW_AT_specification:
		return DWL_SLOT_INDIRECT;
	default:
		return DWL_SLOT_NONE;
	}
}

static int collect_attr(Dwarf_Attribute *attr, void *arg)
{
	struct dwl_attrs *attrs = arg;
	int slot = dwl_attr_slot(dwarf_whatattr(attr));

	if (slot == DWL_SLOT_INDIRECT)
		attrs->indirect = true;
	/* the first of duplicates, as dwarf_attr() finds it */
	else if (slot != DWL_SLOT_NONE && !(attrs->present & (1u << slot))) {
		attrs->present |= 1u << slot;
		attrs->a[slot] = *attr;
	}
	return DWARF_CB_OK;
}

/* the message of a DIE the loader's own decoder cannot read */
#define DWL_CORRUPT_DIE "corrupt DIE (undefined abbreviation or a value past the end of its unit)"

/* collect @die's attributes; an unreadable list is an error */
int dwl_attrs_read(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs)
{
	const struct dwl_abbrev *ab;
	const unsigned char *vals;

	attrs->present = 0;
	attrs->indirect = false;
	if (dwl_unit__has(&c->du, die)) {
		ab = dwl_unit__abbrev(&c->du, die, &vals);
		if (!ab ||
		    dwl_unit__attrs(&c->du, ab, vals, attrs->a, &attrs->present, &attrs->indirect))
			return dwl_err_die(c, die, -EINVAL, "unreadable attributes: %s",
					   DWL_CORRUPT_DIE);
		return 0;
	}
	if (dwarf_getattrs(die, collect_attr, attrs, 0) < 0)
		return dwl_err_die(c, die, -EINVAL, "unreadable attributes: %s", dwarf_errmsg(-1));
	return 0;
}

/* the model id for the type DIE that @attr of @die refers to */
static int type_ref_attr(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Attribute *attr, tm_id *out)
{
	Dwarf_Die ref;

	if (!dwl_formref_die(c, attr, &ref)) {
		if (dwarf_whatform(attr) == DW_FORM_ref_sig8)
			return sig8_err(c, die, attr);
		return dwl_err_die(c, die, -EINVAL, "unresolvable type reference: %s",
				   dwarf_errmsg(-1));
	}
	/* every DIE in the map passed the type check below */
	if (map_get(c, (uintptr_t)ref.addr, out))
		return 0;
	/* blame the referring DIE for a reference into the middle of nowhere */
	if (!dwl_is_type_tag(dwl_tag(c, &ref)))
		return dwl_err_die(c, die, -EINVAL,
				   "type reference to DIE 0x%llx, which is not a type (tag 0x%x)",
				   (unsigned long long)dwarf_dieoffset(&ref), dwarf_tag(&ref));
	return dwl_die_id(c, &ref, out);
}

int dwl_type_ref(struct dwl_cu_ctx *c, Dwarf_Die *die, int at, tm_id *out)
{
	Dwarf_Attribute attr;

	if (!dwl_attr_integrate(c, die, at, &attr)) {
		*out = 0;
		return 0;
	}
	return type_ref_attr(c, die, &attr, out);
}

/* DW_AT_type of a DIE whose attributes were collected */
int dwl_attrs_type_ref(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs, tm_id *out)
{
	Dwarf_Attribute *attr = dwl_attrs_get(attrs, DWL_A_TYPE);

	if (attr)
		return type_ref_attr(c, die, attr, out);
	if (attrs->indirect)
		return dwl_type_ref(c, die, DW_AT_type, out);
	*out = 0;
	return 0;
}

/* DW_AT_name of a DIE whose attributes were collected; an unreadable one is an error */
int dwl_attrs_name(struct dwl_cu_ctx *c, Dwarf_Die *die, struct dwl_attrs *attrs, const char **name)
{
	Dwarf_Attribute *attr = dwl_attrs_get(attrs, DWL_A_NAME);

	if (attr) {
		*name = dwarf_formstring(attr);
		if (!*name)
			return dwl_err_die(c, die, -EINVAL, "unreadable name: %s",
					   dwarf_errmsg(-1));
		return 0;
	}
	*name = attrs->indirect ? dwl_diename(c, die) : NULL;
	return 0;
}

bool dwl_attrs_udata(struct dwl_attrs *attrs, enum dwl_attr_slot s, uint64_t *v)
{
	Dwarf_Attribute *attr = dwl_attrs_get(attrs, s);
	Dwarf_Word w;

	if (!attr || dwarf_formudata(attr, &w))
		return false;
	*v = w;
	return true;
}

/* die_byte_size() of a DIE whose attributes were collected */
uint64_t dwl_attrs_byte_size(struct dwl_attrs *attrs)
{
	uint64_t v;

	return dwl_attrs_udata(attrs, DWL_A_BYTE_SIZE, &v) ? v : 0;
}

/*
 * Children: dwarf_child() and dwarf_siblingof() return 1 at the end and -1
 * when the next DIE cannot be read, which must not end a member list
 * silently. These return true when there is a DIE; on a read error they
 * record it in c->err (printed) and return false.
 */
/* why the DIE after @die cannot be read: the loader's decoder's or libdw's word */
static const char *next_die_err(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	return dwl_unit__has(&c->du, die) ? DWL_CORRUPT_DIE : dwarf_errmsg(-1);
}

bool dwl_first_child(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *child)
{
	int ret = dwl_child(c, die, child);

	if (ret < 0)
		dwl_err_die(c, die, -EINVAL, "cannot read the first child DIE: %s",
			    next_die_err(c, die));
	return ret == 0;
}

bool dwl_next_sibling(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	int ret = dwl_siblingof(c, die);

	if (ret < 0)
		dwl_err_die(c, die, -EINVAL, "cannot read the next sibling DIE: %s",
			    next_die_err(c, die));
	return ret == 0;
}

/* a DW_AT_name that cannot be read (bad string offset) is corruption, not "anonymous" */
int dwl_check_name(struct dwl_cu_ctx *c, Dwarf_Die *die, const char *name)
{
	if (!name && dwl_hasattr(c, die, DW_AT_name))
		return dwl_err_die(c, die, -EINVAL, "unreadable name: %s", dwarf_errmsg(-1));
	return 0;
}

/* ---- libdw's DIE calls, decoded by the loader for the unit's own DIEs ---- */

Dwarf_Attribute *dwl_attr(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int at,
			  Dwarf_Attribute *out)
{
	const struct dwl_abbrev *ab;
	const unsigned char *vals;

	if (!dwl_unit__has(&c->du, die))
		return dwarf_attr(die, at, out);
	ab = dwl_unit__abbrev(&c->du, die, &vals);
	return ab && dwl_unit__find(&c->du, ab, vals, at, out) > 0 ? out : NULL;
}

bool dwl_hasattr(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int at)
{
	Dwarf_Attribute attr;

	return dwl_attr(c, die, at, &attr) != NULL;
}

/* as libdw: through abstract origins and specifications, at most 16 of them */
Dwarf_Attribute *dwl_attr_integrate(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int at,
				    Dwarf_Attribute *out)
{
	Dwarf_Die cur = *die;
	int chain = 16;

	do {
		Dwarf_Attribute ref;

		if (dwl_attr(c, &cur, at, out))
			return out;
		if (!dwl_attr(c, &cur, DW_AT_abstract_origin, &ref) &&
		    !dwl_attr(c, &cur, DW_AT_specification, &ref))
			return NULL;
		if (!dwarf_formref_die(&ref, &cur))
			return NULL;
	} while (chain-- != 0);
	return NULL;
}

const char *dwl_diename(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	Dwarf_Attribute attr;

	return dwarf_formstring(dwl_attr_integrate(c, die, DW_AT_name, &attr));
}

bool dwl_haschildren(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	const struct dwl_abbrev *ab;
	const unsigned char *vals;

	if (!dwl_unit__has(&c->du, die))
		return dwarf_haschildren(die) > 0;
	ab = dwl_unit__abbrev(&c->du, die, &vals);
	return ab && ab->children;
}

int dwl_child(struct dwl_cu_ctx *c, Dwarf_Die *die, Dwarf_Die *child)
{
	int ret;

	if (!dwl_unit__has(&c->du, die))
		return dwarf_child(die, child);
	ret = dwl_unit__child(&c->du, die, child);
	return ret > 0 ? 0 : ret == 0 ? 1 : -1;
}

int dwl_siblingof(struct dwl_cu_ctx *c, Dwarf_Die *die)
{
	int ret;

	if (!dwl_unit__has(&c->du, die))
		return dwarf_siblingof(die, die);
	ret = dwl_unit__sibling(&c->du, die);
	return ret > 0 ? 0 : ret == 0 ? 1 : -1;
}
