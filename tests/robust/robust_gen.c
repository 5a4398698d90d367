// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * robust_gen: makes the bad inputs of the robustness tests, so that no
 * binary blob needs to be committed.
 *
 *   robust_gen elf IN OUT MODE ARGS...   copy ELF file IN to OUT, then damage OUT
 *   robust_gen btf OUT MODE              write a small raw BTF file, maybe damaged
 *   robust_gen exec PROG ARGS...         run PROG with SIGINT, SIGQUIT, SIGTERM and
 *                                        SIGHUP at their default action (a script's
 *                                        background jobs start with SIGINT ignored)
 *
 * ELF modes (sections and DIEs are found with libelf and libdw in IN; the
 * patches are written at file offsets, so relocations are not applied):
 *   cut ehdr|shdrs|SECTION      truncate in the ELF header, in the middle of the
 *                               section header table, or in the middle of SECTION
 *   size SECTION N|past-eof     set the sh_size of SECTION
 *   random SECTION SKIP         pseudo-random bytes in SECTION from offset SKIP
 *   zero SECTION SKIP           zeros in SECTION from offset SKIP
 *   byte SECTION OFF VALUE      one byte of SECTION
 *   version V                   the version field of the first unit of .debug_info
 *   ref TAG NAME TARGET [sibling]  the DW_AT_type (or DW_AT_sibling) reference
 *                               (DW_FORM_ref4) of the first
 *                               DIE with tag DW_TAG_<TAG> and name NAME ("-": any):
 *                               TARGET is self, oob (past the unit), mid (inside
 *                               the DIE), cu (the unit DIE) or referrer:TAG2 (the
 *                               first DW_TAG_<TAG2> DIE whose DW_AT_type is this DIE)
 *   data TAG NAME AT VALUE      the constant attribute DW_AT_<AT> (data1..data8) of
 *                               that DIE, truncated to the width of its form
 *   addend SECTION AGAINST VALUE  r_addend of every RELA entry of SECTION against
 *                               a symbol of section AGAINST (.debug_str: string
 *                               offsets)
 *   rela SECTION I FIELD VALUE  field offset, sym or type of the I-th RELA entry
 *                               relocating SECTION (64-bit objects)
 *
 * BTF modes: valid, be (big-endian), badref (a TYPEDEF to type 1000), badstr
 * (a name offset past the string section), badarray (an ARRAY of type 1000),
 * cut (valid, cut in the middle of the types), garbage (random bytes).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

static const char *prog = "robust_gen";

static void __attribute__((format(printf, 1, 2), noreturn)) die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint8_t rng_byte(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state >> 32;
}

static uint64_t num(const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end)
		die("not a number: '%s'", s);
	return v;
}

static void write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		die("cannot write '%s'", path);
}

static void *read_file(const char *path, size_t *size)
{
	struct stat st;
	void *buf;
	FILE *f = fopen(path, "rb");

	if (!f || fstat(fileno(f), &st))
		die("cannot open '%s'", path);
	buf = malloc(st.st_size + 1);
	if (!buf || fread(buf, 1, st.st_size, f) != (size_t)st.st_size)
		die("cannot read '%s'", path);
	fclose(f);
	*size = st.st_size;
	return buf;
}

/* ---- ELF ---- */

struct input {
	unsigned char *image; /* the output file's bytes, patched in memory */
	size_t size;
	Elf *elf; /* the file as it is */
	Dwfl *dwfl;
	Dwarf *dw;    /* its DWARF, relocated by libdwfl (names of ET_REL files need it) */
	Elf *rel_elf; /* the relocated ELF that @dw reads */
	int fd;
};

static Elf_Scn *find_scn(struct input *in, const char *name, GElf_Shdr *shdr)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(in->elf, &shstrndx))
		die("no section name table");
	while ((scn = elf_nextscn(in->elf, scn))) {
		const char *n;

		if (!gelf_getshdr(scn, shdr))
			continue;
		n = elf_strptr(in->elf, shstrndx, shdr->sh_name);
		if (n && !strcmp(n, name))
			return scn;
	}
	die("no section '%s'", name);
	return NULL;
}

/* file offset of section header @idx's sh_size field */
static size_t shdr_size_off(struct input *in, size_t idx)
{
	GElf_Ehdr eh;

	gelf_getehdr(in->elf, &eh);
	if (gelf_getclass(in->elf) == ELFCLASS64)
		return eh.e_shoff + idx * sizeof(Elf64_Shdr) + offsetof(Elf64_Shdr, sh_size);
	return eh.e_shoff + idx * sizeof(Elf32_Shdr) + offsetof(Elf32_Shdr, sh_size);
}

/* store @v at @off with the file's byte order and @width bytes */
static void put(struct input *in, size_t off, uint64_t v, unsigned int width)
{
	bool be = elf_getident(in->elf, NULL)[EI_DATA] == ELFDATA2MSB;
	unsigned int i;

	if (off + width > in->size)
		die("patch past the end of the file");
	for (i = 0; i < width; i++) {
		unsigned int shift = 8 * (be ? width - 1 - i : i);

		in->image[off + i] = shift < 64 ? v >> shift : 0;
	}
}

static int tag_code(const char *name)
{
	static const struct {
		const char *name;
		int tag;
	} tags[] = {
		{"typedef", DW_TAG_typedef},
		{"pointer_type", DW_TAG_pointer_type},
		{"const_type", DW_TAG_const_type},
		{"array_type", DW_TAG_array_type},
		{"subrange_type", DW_TAG_subrange_type},
		{"structure_type", DW_TAG_structure_type},
		{"member", DW_TAG_member},
		{"base_type", DW_TAG_base_type},
		{"enumeration_type", DW_TAG_enumeration_type},
		{"variable", DW_TAG_variable},
		{"subprogram", DW_TAG_subprogram},
		{"formal_parameter", DW_TAG_formal_parameter},
	};
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (!strcmp(tags[i].name, name))
			return tags[i].tag;
	die("unknown tag '%s'", name);
	return 0;
}

static int at_code(const char *name)
{
	if (!strcmp(name, "byte_size"))
		return DW_AT_byte_size;
	if (!strcmp(name, "bit_size"))
		return DW_AT_bit_size;
	if (!strcmp(name, "data_member_location"))
		return DW_AT_data_member_location;
	if (!strcmp(name, "upper_bound"))
		return DW_AT_upper_bound;
	if (!strcmp(name, "encoding"))
		return DW_AT_encoding;
	die("unknown attribute '%s'", name);
	return 0;
}

/* what the DIE search looks for: a tag and a name, or what the DIE refers to */
struct match {
	int tag;
	const char *name;    /* NULL: any */
	Dwarf_Off refers_to; /* 0: anything */
};

static bool die_matches(Dwarf_Die *d, const struct match *m)
{
	Dwarf_Attribute attr;
	Dwarf_Die ref;
	const char *n;

	if (dwarf_tag(d) != m->tag)
		return false;
	if (m->name && (!(n = dwarf_diename(d)) || strcmp(n, m->name)))
		return false;
	if (m->refers_to && (!dwarf_attr(d, DW_AT_type, &attr) || !dwarf_formref_die(&attr, &ref) ||
			     dwarf_dieoffset(&ref) != m->refers_to))
		return false;
	return true;
}

static bool find_in(Dwarf_Die *parent, const struct match *m, Dwarf_Die *out)
{
	Dwarf_Die child;

	if (dwarf_child(parent, &child) != 0)
		return false;
	do {
		if (die_matches(&child, m)) {
			*out = child;
			return true;
		}
		if (find_in(&child, m, out))
			return true;
	} while (dwarf_siblingof(&child, &child) == 0);
	return false;
}

/* the first DIE of the first unit that matches */
static void find_die(struct input *in, const struct match *m, Dwarf_Die *out, Dwarf_Die *cu)
{
	Dwarf_Off off = 0, next;
	size_t hsize;

	if (dwarf_nextcu(in->dw, off, &next, &hsize, NULL, NULL, NULL) != 0 ||
	    !dwarf_offdie(in->dw, off + hsize, cu))
		die("no unit in .debug_info");
	if (!find_in(cu, m, out))
		die("no matching DIE for '%s'", m->name ?: "-");
}

/* file offset of the bytes of attribute @attr (its value) */
static size_t attr_file_off(struct input *in, Dwarf_Attribute *attr)
{
	struct input rel = {.elf = in->rel_elf};
	GElf_Shdr shdr;
	Elf_Scn *scn = find_scn(&rel, ".debug_info", &shdr);
	Elf_Data *data = elf_getdata(scn, NULL);
	const unsigned char *p = attr->valp, *base = data->d_buf;

	if (p < base || p >= base + data->d_size)
		die("attribute not in .debug_info");
	return shdr.sh_offset + (p - base);
}

static void patch_ref(struct input *in, char **argv)
{
	struct match m = {tag_code(argv[0]), strcmp(argv[1], "-") ? argv[1] : NULL, 0};
	const char *target = argv[2];
	Dwarf_Die d, cu, t, tcu;
	Dwarf_Attribute attr;
	uint64_t v;

	find_die(in, &m, &d, &cu);
	if (!dwarf_attr(&d, argv[3] ? DW_AT_sibling : DW_AT_type, &attr) ||
	    dwarf_whatform(&attr) != DW_FORM_ref4)
		die("the DIE has no DW_FORM_ref4 DW_AT_%s", argv[3] ? "sibling" : "type");
	/* ref4 values are offsets from the unit header, as dwarf_cuoffset() gives */
	if (!strcmp(target, "self")) {
		v = dwarf_cuoffset(&d);
	} else if (!strcmp(target, "oob")) {
		v = 0x7fffff00;
	} else if (!strcmp(target, "mid")) {
		v = dwarf_cuoffset(&d) + 1;
	} else if (!strcmp(target, "cu")) {
		v = dwarf_cuoffset(&cu);
	} else if (!strncmp(target, "referrer:", 9)) {
		struct match r = {tag_code(target + 9), NULL, dwarf_dieoffset(&d)};

		find_die(in, &r, &t, &tcu);
		v = dwarf_cuoffset(&t);
	} else {
		die("unknown reference target '%s'", target);
		return;
	}
	put(in, attr_file_off(in, &attr), v, 4);
}

static void patch_data(struct input *in, char **argv)
{
	struct match m = {tag_code(argv[0]), strcmp(argv[1], "-") ? argv[1] : NULL, 0};
	int at = at_code(argv[2]);
	uint64_t v = num(argv[3]);
	Dwarf_Attribute attr;
	Dwarf_Die d, cu;
	unsigned int width;

	find_die(in, &m, &d, &cu);
	if (!dwarf_attr(&d, at, &attr))
		die("the DIE has no attribute %s", argv[2]);
	switch (dwarf_whatform(&attr)) {
	case DW_FORM_data1:
		width = 1;
		break;
	case DW_FORM_data2:
		width = 2;
		break;
	case DW_FORM_data4:
		width = 4;
		break;
	case DW_FORM_data8:
		width = 8;
		break;
	default:
		die("attribute %s is not data1..data8", argv[2]);
		return;
	}
	put(in, attr_file_off(in, &attr), v, width);
}

/* addends of the relocations of section @sec against the symbol of section @against */
static void patch_addend(struct input *in, const char *sec, const char *against, uint64_t v)
{
	GElf_Shdr target, shdr;
	size_t idx = elf_ndxscn(find_scn(in, sec, &target)), i, n = 0;
	size_t against_idx = elf_ndxscn(find_scn(in, against, &target));
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(in->elf, scn))) {
		Elf_Data *data, *syms;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_RELA || shdr.sh_info != idx)
			continue;
		data = elf_getdata(scn, NULL);
		syms = elf_getdata(elf_getscn(in->elf, shdr.sh_link), NULL);
		for (i = 0; data && syms && i < shdr.sh_size / shdr.sh_entsize; i++) {
			size_t off = shdr.sh_offset + i * shdr.sh_entsize;
			GElf_Rela rela;
			GElf_Sym sym;

			if (!gelf_getrela(data, i, &rela) ||
			    !gelf_getsym(syms, GELF_R_SYM(rela.r_info), &sym) ||
			    sym.st_shndx != against_idx)
				continue;

			/* r_addend is the last field of Elf32_Rela and Elf64_Rela */
			put(in, off + shdr.sh_entsize - shdr.sh_entsize / 3, v,
			    shdr.sh_entsize / 3);
			n++;
		}
	}
	if (!n)
		die("no RELA entries for '%s'", sec);
}

/* one field of the @i-th RELA entry relocating section @sec (ELFCLASS64) */
static void patch_rela(struct input *in, const char *sec, uint64_t i, const char *field, uint64_t v)
{
	GElf_Shdr target, shdr;
	size_t idx = elf_ndxscn(find_scn(in, sec, &target));
	Elf_Scn *scn = NULL;

	if (gelf_getclass(in->elf) != ELFCLASS64)
		die("rela: 64-bit objects only");
	while ((scn = elf_nextscn(in->elf, scn))) {
		size_t off;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_RELA || shdr.sh_info != idx)
			continue;
		if (i >= shdr.sh_size / sizeof(Elf64_Rela))
			die("rela: no entry %llu", (unsigned long long)i);
		off = shdr.sh_offset + i * sizeof(Elf64_Rela);
		if (!strcmp(field, "offset"))
			put(in, off, v, 8);
		else if (!strcmp(field, "type"))
			put(in, off + 8, v, 4); /* r_info: type in the low half */
		else if (!strcmp(field, "sym"))
			put(in, off + 12, v, 4);
		else
			die("rela: field '%s' is not offset, sym or type", field);
		return;
	}
	die("no RELA section for '%s'", sec);
}

static const Dwfl_Callbacks callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static int cmd_elf(int argc, char **argv)
{
	struct input in = {};
	const char *mode;
	GElf_Shdr shdr;
	GElf_Ehdr eh;
	Elf_Scn *scn;
	size_t i, off, cut = 0;

	if (argc < 3)
		die("usage: elf IN OUT MODE ARGS...");
	mode = argv[2];
	in.image = read_file(argv[0], &in.size);
	elf_version(EV_CURRENT);
	in.fd = open(argv[0], O_RDONLY);
	in.elf = in.fd < 0 ? NULL : elf_begin(in.fd, ELF_C_READ, NULL);
	if (!in.elf || !gelf_getehdr(in.elf, &eh))
		die("'%s' is not an ELF file", argv[0]);
	in.dwfl = dwfl_begin(&callbacks);
	if (in.dwfl) {
		Dwfl_Module *mod = dwfl_report_offline(in.dwfl, argv[0], argv[0], -1);
		Dwarf_Addr bias;

		dwfl_report_end(in.dwfl, NULL, NULL);
		in.dw = mod ? dwfl_module_getdwarf(mod, &bias) : NULL;
		in.rel_elf = mod ? dwfl_module_getelf(mod, &bias) : NULL;
	}
	argv += 3;
	argc -= 3;

	if (!strcmp(mode, "cut") && argc == 1) {
		if (!strcmp(argv[0], "ehdr")) {
			cut = 20;
		} else if (!strcmp(argv[0], "shdrs")) {
			cut = eh.e_shoff + eh.e_shentsize * (eh.e_shnum / 2) + 7;
		} else {
			find_scn(&in, argv[0], &shdr);
			cut = shdr.sh_offset + shdr.sh_size / 2;
		}
		in.size = cut < in.size ? cut : in.size;
	} else if (!strcmp(mode, "size") && argc == 2) {
		scn = find_scn(&in, argv[0], &shdr);
		put(&in, shdr_size_off(&in, elf_ndxscn(scn)),
		    strcmp(argv[1], "past-eof") ? num(argv[1]) : in.size + 4096,
		    gelf_getclass(in.elf) == ELFCLASS64 ? 8 : 4);
	} else if ((!strcmp(mode, "random") || !strcmp(mode, "zero")) && argc == 2) {
		find_scn(&in, argv[0], &shdr);
		for (i = num(argv[1]); i < shdr.sh_size; i++)
			in.image[shdr.sh_offset + i] = mode[0] == 'r' ? rng_byte() : 0;
	} else if (!strcmp(mode, "byte") && argc == 3) {
		find_scn(&in, argv[0], &shdr);
		off = num(argv[1]);
		if (off >= shdr.sh_size)
			die("offset past the section");
		in.image[shdr.sh_offset + off] = num(argv[2]);
	} else if (!strcmp(mode, "version") && argc == 1) {
		find_scn(&in, ".debug_info", &shdr);
		put(&in, shdr.sh_offset + 4, num(argv[0]), 2);
	} else if (!strcmp(mode, "ref") &&
		   (argc == 3 || (argc == 4 && !strcmp(argv[3], "sibling"))) && in.dw) {
		patch_ref(&in, argv);
	} else if (!strcmp(mode, "data") && argc == 4 && in.dw) {
		patch_data(&in, argv);
	} else if (!strcmp(mode, "addend") && argc == 3) {
		patch_addend(&in, argv[0], argv[1], num(argv[2]));
	} else if (!strcmp(mode, "rela") && argc == 4) {
		patch_rela(&in, argv[0], num(argv[1]), argv[2], num(argv[3]));
	} else {
		die("bad elf mode or arguments: '%s'", mode);
	}
	write_file(argv[-2], in.image, in.size);
	if (in.dwfl)
		dwfl_end(in.dwfl);
	elf_end(in.elf);
	close(in.fd);
	free(in.image);
	return 0;
}

/* ---- BTF ---- */

static int cmd_btf(int argc, char **argv)
{
	struct btf *btf = btf__new_empty();
	const char *mode;
	struct btf_header *hdr;
	struct btf_type *t;
	unsigned char *raw;
	const void *data;
	uint32_t size, i;
	int id_int, id_ptr, id_s;

	if (argc != 2 || !btf)
		die("usage: btf OUT MODE");
	mode = argv[1];
	if (!strcmp(mode, "garbage")) {
		unsigned char buf[512];

		for (i = 0; i < sizeof(buf); i++)
			buf[i] = rng_byte();
		write_file(argv[0], buf, sizeof(buf));
		btf__free(btf);
		return 0;
	}
	/* [1] INT, [2] PTR to [3], [3] STRUCT with 2 members, [4] TYPEDEF, [5] ARRAY */
	id_int = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	id_ptr = btf__add_ptr(btf, id_int + 2);
	id_s = btf__add_struct(btf, "rg_s", 16);
	if (id_int < 0 || id_s < 0 || id_ptr < 0 || btf__add_field(btf, "a", id_int, 0, 0) ||
	    btf__add_field(btf, "next", id_ptr, 64, 0) ||
	    btf__add_typedef(btf, "rg_t", id_int) < 0 || btf__add_array(btf, id_int, id_int, 4) < 0)
		die("cannot build the BTF");
	if (!strcmp(mode, "be"))
		btf__set_endianness(btf, BTF_BIG_ENDIAN);
	data = btf__raw_data(btf, &size);
	if (!data)
		die("cannot get raw BTF");
	raw = malloc(size);
	if (!raw)
		die("out of memory");
	memcpy(raw, data, size);
	hdr = (struct btf_header *)raw;
	t = (struct btf_type *)(raw + hdr->hdr_len + hdr->type_off);
	if (!strcmp(mode, "badref") || !strcmp(mode, "badarray") || !strcmp(mode, "badstr")) {
		struct btf_type *p = (struct btf_type *)((char *)(t + 1) + 4);
		struct btf_type *st = p + 1;
		struct btf_type *td =
			(struct btf_type *)((char *)(st + 1) + 2 * sizeof(struct btf_member));
		struct btf_type *arr = td + 1;

		if (!strcmp(mode, "badref"))
			td->type = 1000;
		else if (!strcmp(mode, "badarray"))
			((struct btf_array *)(arr + 1))->type = 1000;
		else
			st->name_off = 0x7fffffff;
	} else if (!strcmp(mode, "cut")) {
		size = hdr->hdr_len + hdr->type_off + hdr->type_len / 2;
	} else if (strcmp(mode, "valid") && strcmp(mode, "be")) {
		die("unknown btf mode '%s'", mode);
	}
	write_file(argv[0], raw, size);
	free(raw);
	btf__free(btf);
	return 0;
}

/* a non-interactive shell starts background jobs with SIGINT and SIGQUIT ignored */
static int cmd_exec(char **argv)
{
	static const int sigs[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP};
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	execvp(argv[0], argv);
	die("cannot run '%s'", argv[0]);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "exec"))
		return cmd_exec(argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "elf"))
		return cmd_elf(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "btf"))
		return cmd_btf(argc - 2, argv + 2);
	fprintf(stderr, "usage: %s elf IN OUT MODE ARGS... | btf OUT MODE | exec PROG ARGS...\n",
		prog);
	return 2;
}
