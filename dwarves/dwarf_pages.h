/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Giving back the pages of sections read unit after unit (dwarf_pages.c).
 *
 * A kernel's .debug_info (164 MB), .debug_loclists (23 MB) and
 * .debug_abbrev (5 MB) are read through the file's mapping, each unit's
 * part after the previous unit's. Once the units before one went through
 * the ordered stage, the pages behind what they read are not needed: they
 * are given back (MADV_DONTNEED), so that the sections are not all resident
 * at the end. They are clean pages of a file mapping: a later read (a
 * reference into an earlier unit) faults them back in from the file,
 * unchanged. Anything else (anonymous memory: a decompressed or relocated
 * copy) is never given back.
 */
#ifndef D2B_DWARF_PAGES_H
#define D2B_DWARF_PAGES_H

#include <stdbool.h>
#include <stddef.h>

/* the sections read in unit order besides .debug_info */
enum dwl_stream_id {
	DWL_S_ABBREV,	/* .debug_abbrev */
	DWL_S_LOCLISTS, /* .debug_loclists or .debug_loc */
	DWL_NR_STREAMS,
};

/**
 * struct dwl_stream - one section read front to back
 * @lo, @hi:	its data; @on: in a file mapping, so pages may be given back
 * @reached:	how far the units ordered so far read
 * @released:	pages given back up to here
 */
struct dwl_stream {
	const unsigned char *lo, *hi;
	const unsigned char *reached, *released;
	bool on;
};

/* dwl_file_backed() - is @p in a mapping of a file (not anonymous memory)? */
bool dwl_file_backed(const void *p);

/* dwl_stream__init() - the section data @lo[0..@size), given back only if @may */
void dwl_stream__init(struct dwl_stream *s, const void *lo, size_t size, bool may);

/* dwl_stream__reach() - the units ordered so far read up to @p (NULL: nothing) */
static inline void dwl_stream__reach(struct dwl_stream *s, const void *p)
{
	if ((const unsigned char *)p >= s->lo && (const unsigned char *)p > s->reached &&
	    (const unsigned char *)p <= s->hi)
		s->reached = p;
}

/*
 * dwl_stream__release() - give back the whole pages before the one
 * holding s->reached (the next unit may start on that page) once they are
 * 2 MB or more, or all up to @upto, a point no unit reads before again
 * (NULL: none). Called by one thread at a time.
 */
void dwl_stream__release(struct dwl_stream *s, const void *upto);

/* dwl_stream__rewind() - the units are read again from the first (--verify) */
void dwl_stream__rewind(struct dwl_stream *s);

#endif
