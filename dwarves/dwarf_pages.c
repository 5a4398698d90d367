// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Giving back the pages of sections read unit after unit (see
 * dwarf_pages.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "dwarf_pages.h"

/*
 * libdw reads the sections of a linked file straight from its mapping,
 * unless they are compressed or mapping failed: then they are in allocated
 * memory, which must never be given back.
 */
bool dwl_file_backed(const void *p)
{
	FILE *f = fopen("/proc/self/maps", "re");
	unsigned long lo, hi, ino;
	char line[512];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %*s %*s %lu", &lo, &hi, &ino) == 3 &&
		    (uintptr_t)p >= lo && (uintptr_t)p < hi) {
			found = true;
			if (!ino)
				break;
			fclose(f);
			return true;
		}
		/* a long path: skip the rest of the line */
		while (!strchr(line, '\n') && fgets(line, sizeof(line), f))
			;
	}
	fclose(f);
	return false;
}

void dwl_stream__init(struct dwl_stream *s, const void *lo, size_t size, bool may)
{
	s->lo = lo;
	s->hi = lo ? s->lo + size : NULL;
	s->on = may && lo && size && dwl_file_backed(lo);
	dwl_stream__rewind(s);
}

void dwl_stream__rewind(struct dwl_stream *s)
{
	s->reached = s->released = s->lo;
}

/*
 * Pages go back 2 MB at a time at least: each madvise() of a process with
 * threads interrupts every CPU running one of them to flush its TLB, and
 * giving back unit by unit made 4700 calls on a kernel (5% of its samples
 * at -j2, most of them one page).
 */
#define RELEASE_STEP ((uintptr_t)2 << 20)

void dwl_stream__release(struct dwl_stream *s, const void *upto)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = (uintptr_t)s->released & ~(page - 1), hi;

	if (!s->on)
		return;
	hi = upto ? (uintptr_t)upto : (uintptr_t)s->reached & ~(page - 1);
	if (hi > (uintptr_t)s->hi)
		hi = (uintptr_t)s->hi;
	hi &= ~(page - 1);
	if (hi <= lo || (uintptr_t)s->released >= hi || (!upto && hi - lo < RELEASE_STEP))
		return;
	madvise((void *)lo, hi - lo, MADV_DONTNEED);
	s->released = (const unsigned char *)hi;
}
