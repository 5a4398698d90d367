// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Loader session: opening the file (libdwfl relocates ET_REL objects),
 * indexing its compilation units, converting them on worker threads and the
 * ordered hand-off.
 *
 * Pipeline: every worker takes the next CU index from a shared counter,
 * converts it (dwl_convert_cu) and runs the caller's parallel stage on it.
 * Results are parked in a slot per CU; whoever completes the CU that is next
 * in file order runs the ordered stage for it and for every parked
 * successor. A worker may run at most DWL_WINDOW CUs ahead of the ordered
 * stage, which bounds memory whatever the file size.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dwarf.h>
#include <gelf.h>
#include <elfutils/libdwfl.h>
#include "busy.h"
#include "dwarf_annot.h"
#include "dwarf_die.h"
#include "dwarf_loader.h"
#include "dwarf_sections.h"
#include "elf_reloc.h"
#include "log.h"
#include "vec.h"

#define DWL_WINDOW_PER_THREAD 8

struct dwl {
	char *path;
	struct dwl_opts opts;
	Dwfl *dwfl;	      /* libdwfl opened the file, or: */
	struct elf_reloc rel; /* we did (ET_REL objects, see elf_reloc.h) */
	Dwarf *dw;
	Elf *elf;
	bool big_endian;
	uint8_t addr_size;
	Dwarf_Die *cus; /* top-level units to convert, file order */
	uint32_t nr_cus, cap_cus;
	struct dwl_sig8 *sigs; /* type units, sorted by signature */
	uint32_t nr_sigs, cap_sigs;
	struct dwl_warned warned;
	/* per entry of cus[]: where its unit ends (the next unit's DIE), or NULL */
	const char **cu_ends;
	uint32_t cap_ends;
	bool release;		/* give converted units' pages back (release_before()) */
	bool libdw_dies;	/* D2B_LIBDW_DIES set: libdw decodes every DIE (tests compare) */
	struct dwl_secs secs;	/* where units, abbreviations and location lists are */
	struct dwl_stream info; /* .debug_info, read unit after unit */
	/* other sections read in unit order, and how far each unit read them */
	struct dwl_stream streams[DWL_NR_STREAMS];
	const void *(*cu_reach)[DWL_NR_STREAMS];
};

struct dwl_run {
	struct dwl *dwl;
	dwl_work_fn work;
	dwl_ordered_fn ordered;
	dwl_drop_fn drop;
	void *ctx;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint32_t next_cu;    /* next CU to convert */
	uint32_t next_flush; /* next CU for the ordered stage */
	uint32_t window;
	void **results;
	uint8_t *done;
	int err;
};

static void release_before(struct dwl *dwl, uint32_t index);

static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname, Dwarf_Addr base,
			const char *file_name, const char *debuglink_file, GElf_Word debuglink_crc,
			char **debuginfo_file_name)
{
	return -1; /* DWARF must be in the file itself */
}

static const Dwfl_Callbacks offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

Elf *dwl__elf(const struct dwl *dwl)
{
	return dwl->elf;
}

const char *dwl__path(const struct dwl *dwl)
{
	return dwl->path;
}

uint32_t dwl__nr_cus(const struct dwl *dwl)
{
	return dwl->nr_cus;
}

void dwl__free(struct dwl *dwl)
{
	if (!dwl)
		return;
	if (dwl->dwfl)
		dwfl_end(dwl->dwfl);
	elf_reloc__close(&dwl->rel);
	free(dwl->cus);
	free(dwl->cu_ends);
	free(dwl->cu_reach);
	free(dwl->sigs);
	free(dwl->path);
	free(dwl);
}

static bool has_elf_magic(int fd)
{
	char magic[SELFMAG];

	return pread(fd, magic, SELFMAG, 0) == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG);
}

/*
 * A cut file still has a readable ELF header, but libelf then silently sees
 * no sections: check that the section header table and the section
 * contents lie within the file.
 */
static int check_elf_extent(Elf *elf, int fd, const char *path)
{
	size_t shentsize = gelf_fsize(elf, ELF_T_SHDR, 1, EV_CURRENT), nr, i;
	Elf_Scn *scn = NULL;
	GElf_Ehdr ehdr;
	struct stat st;
	uint64_t fsize;

	if (fstat(fd, &st) || !gelf_getehdr(elf, &ehdr)) {
		pr_err("'%s': truncated or corrupt ELF header", path);
		return -EINVAL;
	}
	fsize = st.st_size;
	if (!ehdr.e_shoff)
		return 0;
	if (ehdr.e_shentsize != shentsize) {
		pr_err("'%s': corrupt ELF header: section header size %u, expected %zu", path,
		       ehdr.e_shentsize, shentsize);
		return -EINVAL;
	}
	/* with more than 0xff00 sections, e_shnum is 0 and the count is in section 0 */
	for (i = 0, nr = ehdr.e_shnum ?: 1; i < 2; i++) {
		if (ehdr.e_shoff > fsize || nr > (fsize - ehdr.e_shoff) / shentsize) {
			pr_err("'%s': truncated: the section header table (%zu entries at 0x%llx) "
			       "ends past the end of the file (%llu bytes)",
			       path, nr, (unsigned long long)ehdr.e_shoff,
			       (unsigned long long)fsize);
			return -EINVAL;
		}
		if (ehdr.e_shnum || elf_getshdrnum(elf, &nr))
			break;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;

		if (!gelf_getshdr(scn, &shdr)) {
			pr_err("'%s': corrupt section header: %s", path, elf_errmsg(-1));
			return -EINVAL;
		}
		if (shdr.sh_type == SHT_NOBITS || !shdr.sh_size)
			continue;
		if (shdr.sh_offset > fsize || shdr.sh_size > fsize - shdr.sh_offset) {
			pr_err("'%s': truncated: section %zu (%llu bytes at 0x%llx) ends past the "
			       "end of the file (%llu bytes)",
			       path, elf_ndxscn(scn), (unsigned long long)shdr.sh_size,
			       (unsigned long long)shdr.sh_offset, (unsigned long long)fsize);
			return -EINVAL;
		}
	}
	return 0;
}

/* plain ELF checks first, so that bad input gets a precise message */
static int check_elf(const char *path, bool *is_rel)
{
	struct stat st;
	GElf_Ehdr eh;
	bool has_debug = false;
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	Elf *elf;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_err("'%s': cannot open: %s", path, errstr(err));
		return err;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		pr_err("'%s': not a regular file", path);
		close(fd);
		return -EINVAL;
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		err = -EINVAL;
		if (has_elf_magic(fd))
			pr_err("'%s': truncated or corrupt ELF header", path);
		else
			pr_err("'%s': not an ELF file", path);
		goto out;
	}
	err = check_elf_extent(elf, fd, path);
	if (err)
		goto out;
	*is_rel = gelf_getehdr(elf, &eh) && eh.e_type == ET_REL;
	if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
		pr_err("'%s': corrupt or truncated ELF: %s", path, elf_errmsg(-1));
		err = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *name;

		if (!gelf_getshdr(scn, &shdr)) {
			pr_err("'%s': corrupt section header: %s", path, elf_errmsg(-1));
			err = -EINVAL;
			goto out;
		}
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (name && (!strcmp(name, ".debug_info") || !strcmp(name, ".zdebug_info")) &&
		    shdr.sh_type != SHT_NOBITS)
			has_debug = true;
	}
	if (!has_debug) {
		pr_err("'%s': no DWARF debug info (.debug_info) in the file", path);
		err = -ENODATA;
	}
out:
	elf_end(elf);
	close(fd);
	return err;
}

static bool lang_in(const uint64_t set[2], int lang)
{
	unsigned int bit;

	if (lang == DW_LANG_Mips_Assembler)
		bit = 127;
	else if (lang >= 0 && lang < 127)
		bit = lang;
	else
		return false;
	return set[bit / 64] & (1ULL << (bit % 64));
}

static bool cu_wanted(struct dwl *dwl, Dwarf_Die *cudie)
{
	int lang = dwarf_srclang(cudie);

	if (dwl->opts.has_lang_include && !lang_in(dwl->opts.lang_include, lang))
		return false;
	return !lang_in(dwl->opts.lang_exclude, lang);
}

static int add_type_unit(struct dwl *dwl, Dwarf_CU *cu, Dwarf_Die *type_die)
{
	uint64_t sig = 0;
	int err;

	if (dwarf_cu_info(cu, NULL, NULL, NULL, NULL, &sig, NULL, NULL) != 0)
		return 0;
	err = vec_ensure((void **)&dwl->sigs, &dwl->cap_sigs, sizeof(*dwl->sigs), dwl->nr_sigs + 1,
			 0x7fffffff);
	if (err)
		return err;
	dwl->sigs[dwl->nr_sigs].sig = sig;
	dwl->sigs[dwl->nr_sigs].type_die = *type_die;
	dwl->nr_sigs++;
	return 0;
}

static int cmp_sig8(const void *a, const void *b)
{
	const struct dwl_sig8 *x = a, *y = b;

	return x->sig < y->sig ? -1 : x->sig > y->sig;
}

/*
 * The pages of dwl->info (.debug_info) behind the unit headers read are
 * given back as the index goes (reading a header maps 64 KB around it: the
 * whole section would be resident at once).
 */
static int index_units(struct dwl *dwl)
{
	Dwarf_CU *cu = NULL;
	Dwarf_Die cudie, subdie;
	Dwarf_Half version;
	uint8_t unit_type;
	bool warned_skel = false;
	long long last = -1; /* DIE offset of the last unit read */
	int err, ret;

	while ((ret = dwarf_get_units(dwl->dw, cu, &cu, &version, &unit_type, &cudie, &subdie)) ==
	       0) {
		dwl_stream__reach(&dwl->info, cudie.addr);
		dwl_stream__release(&dwl->info, NULL);
		/* the previous wanted unit ends where this one starts */
		if (dwl->nr_cus && !dwl->cu_ends[dwl->nr_cus - 1])
			dwl->cu_ends[dwl->nr_cus - 1] = cudie.addr;
		if (version < 2 || version > 5) {
			pr_err("'%s': unsupported DWARF version %u in unit at 0x%llx", dwl->path,
			       version, (unsigned long long)dwarf_dieoffset(&cudie));
			return -EINVAL;
		}
		if (dwarf_tag(&cudie) == DW_TAG_invalid) {
			pr_err("'%s': corrupt DWARF: unit DIE 0x%llx cannot be read: %s", dwl->path,
			       (unsigned long long)dwarf_dieoffset(&cudie), dwarf_errmsg(-1));
			return -EINVAL;
		}
		last = dwarf_dieoffset(&cudie);
		if (unit_type == DW_UT_skeleton) {
			if (!warned_skel)
				pr_warn("'%s': split DWARF (skeleton units) found: types are in "
					".dwo files, which are not read",
					dwl->path);
			warned_skel = true;
			continue;
		}
		if (unit_type == DW_UT_type) {
			err = add_type_unit(dwl, cu, &subdie);
			if (err)
				return err;
			continue;
		}
		/* type and partial units are read through the references to them */
		if (unit_type != DW_UT_compile || !cu_wanted(dwl, &cudie))
			continue;
		err = vec_ensure((void **)&dwl->cus, &dwl->cap_cus, sizeof(*dwl->cus),
				 dwl->nr_cus + 1, 0x7fffffff);
		err = err
			      ?: vec_ensure((void **)&dwl->cu_ends, &dwl->cap_ends,
					    sizeof(*dwl->cu_ends), dwl->nr_cus + 1, 0x7fffffff);
		if (err)
			return err;
		dwl->cu_ends[dwl->nr_cus] = NULL;
		dwl->cus[dwl->nr_cus++] = cudie;
	}
	if (ret < 0) {
		/* libdw checks the unit headers: length, version, abbreviation offset */
		Dwarf_Off off = 0, next;
		size_t hsize;

		/* dwarf_next_unit() does not check the version: name the bad one */
		while (dwarf_next_unit(dwl->dw, off, &next, &hsize, &version, NULL, NULL, NULL,
				       NULL, NULL) == 0) {
			if (version < 2 || version > 5) {
				pr_err("'%s': unsupported DWARF version %u in the unit at 0x%llx",
				       dwl->path, version, (unsigned long long)off);
				return -EINVAL;
			}
			off = next;
		}
		if (last < 0)
			pr_err("'%s': corrupt DWARF: cannot read the first unit header: %s",
			       dwl->path, dwarf_errmsg(-1));
		else
			pr_err("'%s': corrupt DWARF: cannot read the unit header after unit DIE "
			       "0x%llx: %s",
			       dwl->path, last, dwarf_errmsg(-1));
		return -EINVAL;
	}
	if (dwl->nr_sigs)
		qsort(dwl->sigs, dwl->nr_sigs, sizeof(*dwl->sigs), cmp_sig8);
	return 0;
}

int dwl__open(const char *path, const struct dwl_opts *opts, struct dwl **out)
{
	struct dwl *dwl;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	GElf_Ehdr ehdr;
	bool is_rel = false;
	uint32_t i;
	int err;

	*out = NULL;
	elf_version(EV_CURRENT);
	err = check_elf(path, &is_rel);
	if (err)
		return err;
	dwl = calloc(1, sizeof(*dwl));
	if (!dwl) {
		pr_err("'%s': %s", path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	dwl->path = strdup(path);
	dwl->opts = *opts;
	if (!dwl->opts.nr_threads)
		dwl->opts.nr_threads = 1;
	if (!dwl->path) {
		err = -ENOMEM;
		goto err_free;
	}
	/* an object file we can relocate ourselves; anything else is libdwfl's */
	err = is_rel && !opts->libdwfl_reloc ? elf_reloc__open(path, &dwl->rel) : -EOPNOTSUPP;
	if (err == -ENOMEM)
		goto err_free;
	if (!err) {
		pr_debug("'%s': %u relocations applied", path, dwl->rel.nr_relocs);
		dwl->dw = dwl->rel.dw;
		dwl->elf = dwl->rel.elf;
		goto opened;
	}
	if (is_rel)
		pr_debug("'%s': relocated by libdwfl", path);
	dwl->dwfl = dwfl_begin(&offline_callbacks);
	if (!dwl->dwfl) {
		err = -ENOMEM;
		goto err_free;
	}
	mod = dwfl_report_offline(dwl->dwfl, path, path, -1);
	if (!mod || dwfl_report_end(dwl->dwfl, NULL, NULL) != 0) {
		pr_err("'%s': cannot load: %s", path, dwfl_errmsg(-1));
		err = -EINVAL;
		goto err_free;
	}
	dwl->dw = dwfl_module_getdwarf(mod, &bias);
	dwl->elf = dwfl_module_getelf(mod, &bias);
opened:
	if (!dwl->dw || !dwl->elf) {
		pr_err("'%s': cannot read DWARF: %s", path, dwfl_errmsg(-1));
		err = -EINVAL;
		goto err_free;
	}
	if (!gelf_getehdr(dwl->elf, &ehdr)) {
		pr_err("'%s': cannot read the ELF header: %s", path, elf_errmsg(-1));
		err = -EINVAL;
		goto err_free;
	}
	dwl->big_endian = ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
	dwl->libdw_dies = getenv("D2B_LIBDW_DIES") != NULL;
	dwl_secs__find(&dwl->secs, dwl->dw);
	dwl->addr_size = ehdr.e_ident[EI_CLASS] == ELFCLASS32 ? 4 : 8;
	/*
	 * only a linked file's pages are clean file pages (see dwarf_pages.h);
	 * without units the stream stays empty (all zero) and gives nothing back
	 */
	if (dwl->secs.nr_units)
		dwl_stream__init(&dwl->info, dwl->secs.units[0].lo,
				 dwl->secs.units[0].hi - dwl->secs.units[0].lo,
				 ehdr.e_type != ET_REL);
	err = index_units(dwl);
	if (err)
		goto err_free;
	/* relocated object files have written pages: only linked files qualify */
	dwl->release =
		ehdr.e_type != ET_REL && dwl->nr_cus > 1 && dwl_file_backed(dwl->cus[0].addr);
	dwl->info.on = dwl->info.on && dwl->release;
	for (i = 0; i < DWL_NR_STREAMS; i++) {
		const struct dwl_sec_range *r =
			i == DWL_S_ABBREV ? &dwl->secs.abbrev : &dwl->secs.loc;

		dwl_stream__init(&dwl->streams[i], r->lo, r->lo ? (size_t)(r->hi - r->lo) : 0,
				 dwl->release);
	}
	/*
	 * reading the unit headers mapped most of .debug_info, and the unit DIEs
	 * the start of every abbreviation table: give them back
	 */
	dwl_stream__release(&dwl->info, dwl->info.hi);
	dwl_stream__rewind(&dwl->info);
	dwl_stream__release(&dwl->streams[DWL_S_ABBREV], dwl->secs.abbrev.hi);
	dwl_stream__rewind(&dwl->streams[DWL_S_ABBREV]);
	dwl->cu_reach = calloc(dwl->nr_cus + 1, sizeof(*dwl->cu_reach));
	if (!dwl->cu_reach) {
		err = -ENOMEM;
		goto err_free;
	}
	*out = dwl;
	return 0;
err_free:
	if (err == -ENOMEM)
		pr_err("'%s': %s", path, errstr(err));
	dwl__free(dwl);
	return err;
}

static int walk(struct dwl_cu_ctx *c, Dwarf_Die *parent, unsigned int depth);

static int walk_die(struct dwl_cu_ctx *c, Dwarf_Die *die, unsigned int depth)
{
	int tag = dwl_tag(c, die);
	Dwarf_Attribute attr;
	Dwarf_Die imported;
	tm_id id;

	if (dwl_is_type_tag(tag) && tag != DW_TAG_subrange_type)
		return dwl_die_id(c, die, &id);
	switch (tag) {
	case DW_TAG_subprogram: {
		int err = depth == 0 ? dwl_add_func(c, die) : 0;

		return err ?: walk(c, die, depth + 1);
	}
	case DW_TAG_variable:
		return depth == 0 ? dwl_add_var(c, die) : 0;
	case DW_TAG_namespace:
		return walk(c, die, depth);
	case DW_TAG_lexical_block:
		return walk(c, die, depth + 1);
	case DW_TAG_inlined_subroutine:
		/*
		 * an inlined copy describes its variables by their abstract
		 * origins; the types it uses are declared there (walked with the
		 * abstract subprogram) or referenced from there: nothing to find
		 */
		return 0;
	case DW_TAG_imported_unit:
		if (!dwarf_attr(die, DW_AT_import, &attr) || !dwarf_formref_die(&attr, &imported))
			return dwl_err_die(c, die, -EINVAL, "unresolvable imported unit");
		/* one level deeper, so that units importing each other end */
		return walk(c, &imported, depth + 1);
	case DW_TAG_invalid:
		return dwl_err_die(c, die, -EINVAL, "unreadable DIE: %s", dwarf_errmsg(-1));
	default:
		return 0;
	}
}

static int walk(struct dwl_cu_ctx *c, Dwarf_Die *parent, unsigned int depth)
{
	Dwarf_Die child;
	int err = 0;

	if (depth > 256)
		return dwl_err_die(c, parent, -ELOOP, "DIE tree nested too deeply");
	if (!dwl_first_child(c, parent, &child))
		return c->err;
	do
		err = walk_die(c, &child, depth);
	while (!err && dwl_next_sibling(c, &child));
	return err ?: c->err;
}

/*
 * Once the units before unit @index went through the ordered stage, their
 * DIEs are not read again (but for a reference from another unit, which
 * then reads them back from the file): the whole pages of the file's
 * mapping before that unit are given back, so that a kernel's 164 MB of
 * .debug_info is not all resident at the end. Done in unit order, as
 * reading a unit also maps its neighbours' pages (the kernel maps up to
 * 64 KB around each page fault). The pages are clean pages of a linked
 * file (see dwl__open()): dropping them loses nothing, the names borrowed
 * from them included. Called by one thread at a time.
 */
static void release_before(struct dwl *dwl, uint32_t index)
{
	uint32_t s;

	if (!dwl->release)
		return;
	if (index < dwl->nr_cus) {
		dwl_stream__reach(&dwl->info, dwl->cus[index].addr);
		dwl_stream__release(&dwl->info, NULL);
	} else { /* the last unit's end, or its start when no unit follows */
		dwl_stream__release(&dwl->info, dwl->cu_ends[dwl->nr_cus - 1]
							?: dwl->cus[dwl->nr_cus - 1].addr);
	}
	/* the sections units read after one another: up to where the units before read */
	for (s = 0; index && index <= dwl->nr_cus && s < DWL_NR_STREAMS; s++) {
		dwl_stream__reach(&dwl->streams[s], dwl->cu_reach[index - 1][s]);
		dwl_stream__release(&dwl->streams[s],
				    index == dwl->nr_cus ? dwl->streams[s].reached : NULL);
	}
}

static int convert_cu(struct dwl *dwl, uint32_t index, struct tm_cu **out)
{
	Dwarf_Die *cudie = &dwl->cus[index];
	struct dwl_cu_ctx c = {
		.path = dwl->path,
		.big_endian = dwl->big_endian,
		.warned = &dwl->warned,
		.sigs = dwl->sigs,
		.nr_sigs = dwl->nr_sigs,
	};
	struct dwl_sections secs;
	const char *end;
	uint32_t i;
	int err;

	c.cu = tm_cu__new(dwarf_diename(cudie), index);
	if (!c.cu) {
		pr_err("'%s': %s", dwl->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	c.cu->die_off = dwarf_dieoffset(cudie);
	c.cu->lang = dwarf_srclang(cudie);
	c.cu->addr_size = dwl->addr_size;
	{
		Dwarf_Attribute pa;
		const char *prod = dwarf_formstring(dwarf_attr(cudie, DW_AT_producer, &pa));

		c.cu->producer_clang = prod && strstr(prod, "clang");
	}
	c.unit = cudie->cu;
	secs = dwl_secs__of(&dwl->secs, cudie->addr);
	err = dwl->libdw_dies ? -EOPNOTSUPP
			      : dwl_unit__open(&c.du, cudie, &secs, dwl->big_endian, dwl_attr_slot);
	if (err == -ENOMEM) {
		dwl_unit__close(&c.du);
		tm_cu__free(c.cu);
		pr_err("'%s': %s", dwl->path, errstr(err));
		return err;
	}
	if (err) { /* libdw reads it */
		dwl_unit__close(&c.du);
		dwl_scan_unit(cudie, &c.unit_annotated, &c.unit_signed);
	} else {
		c.unit_annotated = c.du.annotated;
		c.unit_signed = c.du.sig;
	}
	/*
	 * the unit's size, the DIE map's hint: up to the next unit when that is
	 * in the same section (a type unit of .debug_types is not), else to the
	 * section's end; none for a unit in no section the loader knows
	 */
	end = dwl->cu_ends[index];
	if (!secs.unit_end)
		end = NULL;
	else if (!end || end <= (const char *)cudie->addr || end > (const char *)secs.unit_end)
		end = (const char *)secs.unit_end;
	err = dwl_map_reserve(&c, end ? end - (const char *)cudie->addr : 0);
	if (!err && !c.cu->name && dwarf_hasattr(cudie, DW_AT_name))
		err = dwl_err_die(&c, cudie, -EINVAL, "unreadable unit name: %s", dwarf_errmsg(-1));
	else if (!err)
		err = walk(&c, cudie, 0);
	/* dwl_drain() also rejects reference cycles, which tm_cu__type_size() would follow */
	err = err ?: dwl_drain(&c);
	for (i = 0; !err && i < c.cu->nr_vars; i++)
		c.cu->vars[i].size = tm_cu__type_size(c.cu, c.cu->vars[i].type);
	dwl_map_release(&c);
	free(c.pend);
	/* how far it read: the ordered stage gives the pages before back (dwarf_pages.h) */
	dwl_note_reach(&c, DWL_S_ABBREV, c.du.abbrev_end);
	memcpy(dwl->cu_reach[index], c.reach, sizeof(c.reach));
	dwl_unit__close(&c.du);
	if (err) {
		/* dwl_err_die() printed DWARF faults; the model's adders print nothing */
		if (!c.err)
			pr_err("%s: CU '%s': %s", dwl->path, c.cu->name ?: "?", errstr(err));
		tm_cu__free(c.cu);
		return err;
	}
	*out = c.cu;
	return 0;
}

/*
 * runs the ordered stage for every finished CU in order; called with the
 * lock held, by the thread that calls dwl__load() only: the result the
 * stage interns into (its hash index, its types) then stays in that CPU's
 * caches instead of following whichever thread finished the next CU (on
 * the 6.1 vmlinux at -j2, the stage's CPU time went 0.56-0.57 s -> 0.51-0.53
 * s). It runs without the lock, so that the others go on converting CUs
 * meanwhile; a CU finished during the stage is seen by the loop, which
 * checks again under the lock.
 */
static void flush_ordered(struct dwl_run *run)
{
	while (!run->err && run->next_flush < run->dwl->nr_cus && run->done[run->next_flush]) {
		uint32_t i = run->next_flush;
		void *result = run->results[i];
		int err;

		run->results[i] = NULL;
		pthread_mutex_unlock(&run->lock);
		err = run->ordered(result, i, run->ctx);
		release_before(run->dwl, i + 1);
		pthread_mutex_lock(&run->lock);
		run->next_flush++;
		if (err && !run->err)
			run->err = err;
		pthread_cond_broadcast(&run->cond);
	}
}

/*
 * under the lock: may a thread take the next CU? The one that orders
 * (@orders) first orders what is finished, and once every CU is taken it
 * stays until the last one is ordered. Others wait while the window of
 * CUs converted ahead of the ordered stage is full.
 */
static bool next_cu_ready(struct dwl_run *run, bool orders)
{
	uint32_t nr = run->dwl->nr_cus;

	for (;;) {
		if (orders)
			flush_ordered(run);
		if (run->err)
			return false;
		if (run->next_cu < nr && run->next_cu < run->next_flush + run->window)
			return true;
		if (run->next_cu >= nr && (!orders || run->next_flush >= nr))
			return false;
		/* the orderer ordered all that is finished: wait for a CU, like the others */
		busy__leave();
		pthread_cond_wait(&run->cond, &run->lock);
		busy__enter();
	}
}

static void worker(struct dwl_run *run, bool orders)
{
	for (;;) {
		struct tm_cu *cu = NULL;
		void *result = NULL;
		uint32_t i;
		int err;

		pthread_mutex_lock(&run->lock);
		if (!next_cu_ready(run, orders)) {
			pthread_mutex_unlock(&run->lock);
			return;
		}
		i = run->next_cu++;
		pthread_mutex_unlock(&run->lock);

		err = convert_cu(run->dwl, i, &cu);
		if (!err)
			err = run->work(cu, run->ctx, &result);

		pthread_mutex_lock(&run->lock);
		if (err && !run->err)
			run->err = err;
		run->results[i] = result;
		run->done[i] = 1;
		if (orders)
			flush_ordered(run);
		else
			pthread_cond_broadcast(&run->cond);
		pthread_mutex_unlock(&run->lock);
	}
}

/* a thread of its own (busy__spawn()): working from start to end, but while it waits */
static void worker_thread(void *arg)
{
	worker(arg, false);
}

int dwl__load(struct dwl *dwl, dwl_work_fn work, dwl_ordered_fn ordered, dwl_drop_fn drop,
	      void *ctx)
{
	unsigned int nr = dwl->opts.nr_threads, i, started = 0;
	struct dwl_run run = {
		.dwl = dwl,
		.work = work,
		.ordered = ordered,
		.drop = drop,
		.ctx = ctx,
		.window = nr * DWL_WINDOW_PER_THREAD,
	};
	pthread_t *threads;

	run.results = calloc(dwl->nr_cus + 1, sizeof(*run.results));
	run.done = calloc(dwl->nr_cus + 1, 1);
	threads = calloc(nr, sizeof(*threads));
	if (!run.results || !run.done || !threads) {
		free(run.results);
		free(run.done);
		free(threads);
		pr_err("'%s': %s", dwl->path, errstr(-ENOMEM));
		return -ENOMEM;
	}
	dwl_stream__rewind(&dwl->info); /* a second load (--verify) reads the units again */
	for (i = 0; i < DWL_NR_STREAMS; i++)
		dwl_stream__rewind(&dwl->streams[i]);
	pthread_mutex_init(&run.lock, NULL);
	pthread_cond_init(&run.cond, NULL);
	for (i = 1; i < nr; i++) {
		if (busy__spawn(&threads[i], worker_thread, &run) != 0)
			break;
		started++;
	}
	worker(&run, true);
	busy__leave();
	for (i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	busy__enter();
	pthread_mutex_destroy(&run.lock);
	pthread_cond_destroy(&run.cond);
	/* after an error, results parked behind the failed CU were never handed over */
	for (i = 0; i < dwl->nr_cus; i++)
		if (run.results[i] && drop)
			drop(run.results[i], ctx);
	free(run.results);
	free(run.done);
	free(threads);
	return run.err;
}

struct lang_name {
	const char *name;
	int code;
};

static const struct lang_name lang_names[] = {
	{"ada83", DW_LANG_Ada83},
	{"ada95", DW_LANG_Ada95},
	{"asm", DW_LANG_Mips_Assembler},
	{"c", DW_LANG_C},
	{"c89", DW_LANG_C89},
	{"c99", DW_LANG_C99},
	{"c11", DW_LANG_C11},
	{"c++", DW_LANG_C_plus_plus},
	{"c_plus_plus", DW_LANG_C_plus_plus},
	{"c++03", DW_LANG_C_plus_plus_03},
	{"c++11", DW_LANG_C_plus_plus_11},
	{"c++14", DW_LANG_C_plus_plus_14},
	{"cobol74", DW_LANG_Cobol74},
	{"cobol85", DW_LANG_Cobol85},
	{"d", DW_LANG_D},
	{"fortran77", DW_LANG_Fortran77},
	{"fortran90", DW_LANG_Fortran90},
	{"fortran95", DW_LANG_Fortran95},
	{"go", DW_LANG_Go},
	{"java", DW_LANG_Java},
	{"objc", DW_LANG_ObjC},
	{"ocaml", DW_LANG_OCaml},
	{"pascal83", DW_LANG_Pascal83},
	{"python", DW_LANG_Python},
	{"rust", DW_LANG_Rust},
	{"swift", DW_LANG_Swift},
};

int dwl_lang__parse(const char *list, uint64_t bitmap[2])
{
	char *copy = strdup(list), *tok, *save = NULL;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;
		int code = -1;

		for (i = 0; i < ARRAY_SIZE(lang_names); i++)
			if (!strcasecmp(tok, lang_names[i].name))
				code = lang_names[i].code;
		if (code < 0) {
			pr_err("unknown language '%s' in '%s'", tok, list);
			err = -EINVAL;
			break;
		}
		if (code == DW_LANG_Mips_Assembler)
			bitmap[1] |= 1ULL << 63;
		else
			bitmap[code / 64] |= 1ULL << (code % 64);
	}
	free(copy);
	return err;
}
