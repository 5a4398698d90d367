// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * btfcmp_gen: writes the small BTF files that the btfcmp tests compare. Each
 * file is one table of types, emitted in a chosen order (so type IDs differ
 * between files with the same types), optionally with one member moved or one
 * duplicate type added, as raw BTF, split BTF on a base, or an ELF .BTF section.
 * Usage: btfcmp_gen OUTDIR
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/btf.h>

/*
 * References between table entries are symbolic, so that an entry can be
 * emitted at any position: T(i) is entry i of the same table, BASE(i) is entry
 * i of the base table, VOID is type 0.
 */
#define VOID 0
#define T(i) ((i) + 1)
#define BASE(i) (-(i)-1)

/* member, parameter, enumerator or DATASEC entry, depending on the kind */
struct gen_item {
	const char *name;
	int ref;	   /* member/param/secinfo type */
	long long val;	   /* enumerator value, member bit offset, secinfo offset */
	unsigned int size; /* member bitfield size, secinfo size */
};

struct gen_type {
	unsigned short kind;
	const char *name;  /* also the tag value of DECL_TAG and TYPE_TAG */
	int ref;	   /* referenced type; ARRAY element, FUNC_PROTO return */
	int ref2;	   /* ARRAY index type */
	unsigned int size; /* byte size; ARRAY element count */
	int flag;	   /* INT encoding, FWD kind, linkage, ENUM64 sign, DECL_TAG idx */
	const struct gen_item *items;
	int nr_items;
};

#define ITEMS(a) .items = (a), .nr_items = (int)(sizeof(a) / sizeof((a)[0]))

static const struct gen_item pair_members[] = {
	{"a", T(0), 0, 0},
	{"b", T(0), 32, 0},
};

static const struct gen_item flags_members[] = {
	{"x", T(1), 0, 3},
	{"y", T(1), 3, 5},
	{"z", T(1), 8, 24},
};

static const struct gen_item outer_members[] = {
	{"", T(8), 0, 0},
	{"tail", T(9), 128, 0},
};

static const struct gen_item anon_struct_members[] = {
	{"l", T(1), 0, 0},
	{"p", T(4), 64, 0},
};

static const struct gen_item num_members[] = {
	{"i", T(0), 0, 0},
	{"d", T(28), 0, 0},
};

static const struct gen_item color_values[] = {
	{"RED", 0, 0, 0},
	{"GREEN", 0, 1, 0},
	{"BLUE", 0, 2, 0},
};

static const struct gen_item sign_values[] = {
	{"NEG", 0, -1, 0},
	{"POS", 0, 1, 0},
};

static const struct gen_item big_values[] = {
	{"HUGE", 0, (long long)0xffffffff00000000ULL, 0},
	{"ONE", 0, 1, 0},
};

static const struct gen_item do_it_params[] = {
	{"s", T(20), 0, 0},
	{"p", T(4), 0, 0},
	{"", VOID, 0, 0},
};

static const struct gen_item helper_params[] = {
	{"", T(0), 0, 0},
};

static const struct gen_item data_vars[] = {
	{NULL, T(25), 0, 4},
	{NULL, T(26), 8, 8},
};

/*
 * The main table: one or more types of every kind. Its index numbers are
 * used by T() above and by the patches in main(); the last entry is the
 * duplicate that only main_dup.btf contains.
 */
static const struct gen_type main_table[] = {
	/* 0 */ {BTF_KIND_INT, "int", .size = 4, .flag = BTF_INT_SIGNED},
	/* 1 */ {BTF_KIND_INT, "unsigned int", .size = 4},
	/* 2 */ {BTF_KIND_INT, "char", .size = 1, .flag = BTF_INT_CHAR},
	/* 3 */ {BTF_KIND_INT, "_Bool", .size = 1, .flag = BTF_INT_BOOL},
	/* 4 */ {BTF_KIND_PTR, .ref = T(5)},
	/* 5 */ {BTF_KIND_STRUCT, "pair", .size = 8, ITEMS(pair_members)},
	/* 6 */ {BTF_KIND_STRUCT, "flags", .size = 4, ITEMS(flags_members)},
	/* 7 */ {BTF_KIND_STRUCT, "outer", .size = 24, ITEMS(outer_members)},
	/* 8 */ {BTF_KIND_STRUCT, "", .size = 16, ITEMS(anon_struct_members)},
	/* 9 */ {BTF_KIND_ARRAY, .ref = T(2), .ref2 = T(0), .size = 8},
	/* 10 */ {BTF_KIND_ENUM, "color", .size = 4, ITEMS(color_values)},
	/* 11 */ {BTF_KIND_ENUM, "sign", .size = 4, ITEMS(sign_values)},
	/* 12 */ {BTF_KIND_ENUM64, "big", .size = 8, ITEMS(big_values)},
	/* 13 */ {BTF_KIND_FWD, "opaque", .flag = BTF_FWD_STRUCT},
	/* 14 */ {BTF_KIND_FWD, "uopaque", .flag = BTF_FWD_UNION},
	/* 15 */ {BTF_KIND_TYPEDEF, "pair_t", .ref = T(5)},
	/* 16 */ {BTF_KIND_CONST, .ref = T(2)},
	/* 17 */ {BTF_KIND_PTR, .ref = T(16)},
	/* 18 */ {BTF_KIND_VOLATILE, .ref = T(0)},
	/* 19 */ {BTF_KIND_PTR, .ref = T(18)},
	/* 20 */ {BTF_KIND_RESTRICT, .ref = T(17)},
	/* 21 */ {BTF_KIND_FUNC_PROTO, .ref = T(0), ITEMS(do_it_params)},
	/* 22 */ {BTF_KIND_FUNC, "do_it", .ref = T(21), .flag = BTF_FUNC_GLOBAL},
	/* 23 */ {BTF_KIND_FUNC_PROTO, .ref = VOID, ITEMS(helper_params)},
	/* 24 */ {BTF_KIND_FUNC, "helper", .ref = T(23), .flag = BTF_FUNC_STATIC},
	/* 25 */ {BTF_KIND_VAR, "counter", .ref = T(0), .flag = BTF_VAR_GLOBAL_ALLOCATED},
	/* 26 */ {BTF_KIND_VAR, "cfg", .ref = T(15), .flag = BTF_VAR_STATIC},
	/* 27 */ {BTF_KIND_DATASEC, ".data", .size = 16, ITEMS(data_vars)},
	/* 28 */ {BTF_KIND_FLOAT, "double", .size = 8},
	/* 29 */ {BTF_KIND_DECL_TAG, "nonnull", .ref = T(22), .flag = 0},
	/* 30 */ {BTF_KIND_DECL_TAG, "hot", .ref = T(5), .flag = -1},
	/* 31 */ {BTF_KIND_TYPE_TAG, "rcu", .ref = T(5)},
	/* 32 */ {BTF_KIND_PTR, .ref = T(31)},
	/* 33 */ {BTF_KIND_UNION, "num", .size = 8, ITEMS(num_members)},
	/* 34 */ {BTF_KIND_PTR, .ref = T(5)},
};

#define MAIN_NR (int)(sizeof(main_table) / sizeof(main_table[0]) - 1)

static const struct gen_item base_node_members[] = {
	{"next", T(3), 0, 0},
	{"val", T(0), 64, 0},
};

/* The base: what a vmlinux is to a module. */
static const struct gen_type base_table[] = {
	/* 0 */ {BTF_KIND_INT, "int", .size = 4, .flag = BTF_INT_SIGNED},
	/* 1 */ {BTF_KIND_INT, "long", .size = 8, .flag = BTF_INT_SIGNED},
	/* 2 */ {BTF_KIND_STRUCT, "node", .size = 16, ITEMS(base_node_members)},
	/* 3 */ {BTF_KIND_PTR, .ref = T(2)},
	/* 4 */ {BTF_KIND_CONST, .ref = T(0)},
	/* 5 */ {BTF_KIND_INT, "extra", .size = 2},
};

#define BASE_NR (int)(sizeof(base_table) / sizeof(base_table[0]) - 1)

static const struct gen_item split_mod_members[] = {
	{"head", BASE(2), 0, 0},
	{"cur", BASE(3), 128, 0},
	{"n", T(1), 192, 0},
};

static const struct gen_item split_init_params[] = {
	{"m", T(3), 0, 0},
	{"c", T(2), 0, 0},
};

/* The split table: types of a "module", referring into the base. */
static const struct gen_type split_table[] = {
	/* 0 */ {BTF_KIND_STRUCT, "mod", .size = 32, ITEMS(split_mod_members)},
	/* 1 */ {BTF_KIND_TYPEDEF, "count_t", .ref = BASE(1)},
	/* 2 */ {BTF_KIND_PTR, .ref = BASE(4)},
	/* 3 */ {BTF_KIND_PTR, .ref = T(0)},
	/* 4 */ {BTF_KIND_FUNC_PROTO, .ref = BASE(0), ITEMS(split_init_params)},
	/* 5 */ {BTF_KIND_FUNC, "mod_init", .ref = T(4), .flag = BTF_FUNC_STATIC},
	/* 6 */ {BTF_KIND_PTR, .ref = BASE(3)},
};

#define SPLIT_NR (int)(sizeof(split_table) / sizeof(split_table[0]))

/* How to emit one table: order, base, and the test mutations. */
struct gen_plan {
	const struct gen_type *tab;
	int nr;		     /* entries of @tab to emit (a prefix of the table) */
	bool reverse;	     /* emit in reverse table order */
	const int *base_ids; /* BTF IDs of the base table entries, for BASE() */
	int patch_type;	     /* 1 + entry whose item @patch_item gets @patch_val; 0: none */
	int patch_item;
	long long patch_val;
};

/* gen_id() - the BTF ID of reference @ref (T/BASE/VOID) under @ids */
static int gen_id(const struct gen_plan *p, const int *ids, int ref)
{
	if (ref == VOID)
		return 0;
	if (ref < 0)
		return p->base_ids[-ref - 1];
	return ids[ref - 1];
}

static long long gen_item_val(const struct gen_plan *p, int type, int item)
{
	if (type + 1 == p->patch_type && item == p->patch_item)
		return p->patch_val;
	return p->tab[type].items[item].val;
}

static int gen_add_items(struct btf *btf, const struct gen_plan *p, const int *ids, int i)
{
	const struct gen_type *g = &p->tab[i];
	int k, err = 0;

	for (k = 0; k < g->nr_items && !err; k++) {
		const struct gen_item *it = &g->items[k];
		long long val = gen_item_val(p, i, k);

		switch (g->kind) {
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			err = btf__add_field(btf, it->name, gen_id(p, ids, it->ref), val, it->size);
			break;
		case BTF_KIND_ENUM:
			err = btf__add_enum_value(btf, it->name, val);
			break;
		case BTF_KIND_ENUM64:
			err = btf__add_enum64_value(btf, it->name, val);
			break;
		case BTF_KIND_FUNC_PROTO:
			err = btf__add_func_param(btf, it->name, gen_id(p, ids, it->ref));
			break;
		case BTF_KIND_DATASEC:
			err = btf__add_datasec_var_info(btf, gen_id(p, ids, it->ref), val,
							it->size);
			break;
		default:
			err = -EINVAL;
		}
	}
	return err;
}

static int gen_add_type(struct btf *btf, const struct gen_plan *p, const int *ids, int i)
{
	const struct gen_type *g = &p->tab[i];
	int ref = gen_id(p, ids, g->ref);
	int id;

	switch (g->kind) {
	case BTF_KIND_INT:
		id = btf__add_int(btf, g->name, g->size, g->flag);
		break;
	case BTF_KIND_PTR:
		id = btf__add_ptr(btf, ref);
		break;
	case BTF_KIND_ARRAY:
		id = btf__add_array(btf, gen_id(p, ids, g->ref2), ref, g->size);
		break;
	case BTF_KIND_STRUCT:
		id = btf__add_struct(btf, g->name, g->size);
		break;
	case BTF_KIND_UNION:
		id = btf__add_union(btf, g->name, g->size);
		break;
	case BTF_KIND_ENUM:
		id = btf__add_enum(btf, g->name, g->size);
		break;
	case BTF_KIND_ENUM64:
		id = btf__add_enum64(btf, g->name, g->size, g->flag);
		break;
	case BTF_KIND_FWD:
		id = btf__add_fwd(btf, g->name, g->flag);
		break;
	case BTF_KIND_TYPEDEF:
		id = btf__add_typedef(btf, g->name, ref);
		break;
	case BTF_KIND_VOLATILE:
		id = btf__add_volatile(btf, ref);
		break;
	case BTF_KIND_CONST:
		id = btf__add_const(btf, ref);
		break;
	case BTF_KIND_RESTRICT:
		id = btf__add_restrict(btf, ref);
		break;
	case BTF_KIND_FUNC:
		id = btf__add_func(btf, g->name, g->flag, ref);
		break;
	case BTF_KIND_FUNC_PROTO:
		id = btf__add_func_proto(btf, ref);
		break;
	case BTF_KIND_VAR:
		id = btf__add_var(btf, g->name, g->flag, ref);
		break;
	case BTF_KIND_DATASEC:
		id = btf__add_datasec(btf, g->name, g->size);
		break;
	case BTF_KIND_FLOAT:
		id = btf__add_float(btf, g->name, g->size);
		break;
	case BTF_KIND_DECL_TAG:
		id = btf__add_decl_tag(btf, g->name, ref, g->flag);
		break;
	case BTF_KIND_TYPE_TAG:
		id = btf__add_type_tag(btf, g->name, ref);
		break;
	default:
		id = -EINVAL;
	}
	if (id < 0)
		return id;
	if (id != ids[i])
		return -EPROTO;
	return gen_add_items(btf, p, ids, i);
}

/*
 * gen_build() - emit the plan into a new BTF (split on @base if not NULL).
 * IDs are assigned first, so that an entry can refer to a later one.
 * Return: 0 and *out (caller frees), or negative errno.
 */
static int gen_build(const struct gen_plan *p, struct btf *base, int *ids, struct btf **out)
{
	int first = base ? (int)btf__type_cnt(base) : 1;
	struct btf *btf;
	int k, err = 0;

	for (k = 0; k < p->nr; k++)
		ids[p->reverse ? p->nr - 1 - k : k] = first + k;
	btf = base ? btf__new_empty_split(base) : btf__new_empty();
	if (!btf)
		return -errno;
	for (k = 0; k < p->nr && !err; k++)
		err = gen_add_type(btf, p, ids, p->reverse ? p->nr - 1 - k : k);
	if (err) {
		btf__free(btf);
		return err;
	}
	*out = btf;
	return 0;
}

static int write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	int err = 0;

	if (!f)
		return -errno;
	if (fwrite(data, 1, size, f) != size)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

/* write_elf() - a relocatable ELF64 whose only data section is @secname */
static int write_elf(const char *path, const char *secname, const void *data, size_t size)
{
	char shstrtab[64];
	size_t shstrtab_len, name_len = strlen(secname);
	Elf_Scn *scn, *str_scn;
	Elf_Data *d;
	Elf64_Ehdr *ehdr;
	Elf64_Shdr *sh;
	Elf *elf = NULL;
	int fd, err = -EIO;

	if (name_len + 12 > sizeof(shstrtab))
		return -EINVAL;
	/* "\0<secname>\0.shstrtab\0" */
	shstrtab[0] = '\0';
	memcpy(shstrtab + 1, secname, name_len + 1);
	memcpy(shstrtab + 2 + name_len, ".shstrtab", 10);
	shstrtab_len = name_len + 12;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_WRITE, NULL);
	ehdr = elf ? elf64_newehdr(elf) : NULL;
	if (!ehdr)
		goto out;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	ehdr->e_ident[EI_DATA] = ELFDATA2LSB;
#else
	ehdr->e_ident[EI_DATA] = ELFDATA2MSB;
#endif
	ehdr->e_type = ET_REL;
	ehdr->e_machine = EM_BPF;
	ehdr->e_version = EV_CURRENT;

	scn = elf_newscn(elf);
	str_scn = elf_newscn(elf);
	if (!scn || !str_scn)
		goto out;
	d = elf_newdata(scn);
	sh = elf64_getshdr(scn);
	if (!d || !sh)
		goto out;
	d->d_buf = (void *)data;
	d->d_size = size;
	d->d_align = 1;
	d->d_type = ELF_T_BYTE;
	sh->sh_name = 1;
	sh->sh_type = SHT_PROGBITS;
	sh->sh_addralign = 1;

	d = elf_newdata(str_scn);
	sh = elf64_getshdr(str_scn);
	if (!d || !sh)
		goto out;
	d->d_buf = shstrtab;
	d->d_size = shstrtab_len;
	d->d_align = 1;
	d->d_type = ELF_T_BYTE;
	sh->sh_name = name_len + 2;
	sh->sh_type = SHT_STRTAB;
	sh->sh_addralign = 1;
	ehdr->e_shstrndx = elf_ndxscn(str_scn);

	if (elf_update(elf, ELF_C_WRITE) >= 0)
		err = 0;
out:
	if (err)
		fprintf(stderr, "btfcmp_gen: '%s': %s\n", path, elf_errmsg(-1));
	elf_end(elf);
	close(fd);
	return err;
}

/* One output file: a plan, how to store it, and its name. */
struct gen_file {
	const char *name;
	struct gen_plan plan;
	int base;	     /* split on base_files[base]; BASE_NONE: not split */
	bool elf;	     /* store as ELF .BTF section (else raw BTF) */
	const char *elf_sec; /* ELF section name, ".BTF" unless set */
};

#define PLAN(tab_, nr_, ...) .plan = {.tab = (tab_), .nr = (nr_), ##__VA_ARGS__}
#define PATCH(type, item, val) .patch_type = (type) + 1, .patch_item = (item), .patch_val = (val)

enum { BASE_NONE, BASE_PLAIN, BASE_REV, BASE_EXTRA, NR_BASES };

/* the bases: the same types in two orders, and with one more type (0 is unused) */
static const struct gen_file base_files[NR_BASES] = {
	[BASE_PLAIN] = {.name = "base.btf", PLAN(base_table, BASE_NR)},
	[BASE_REV] = {.name = "base_rev.btf", PLAN(base_table, BASE_NR, .reverse = true)},
	[BASE_EXTRA] = {.name = "base_extra.btf", PLAN(base_table, BASE_NR + 1)},
};

static const struct gen_file files[] = {
	{.name = "main.btf", PLAN(main_table, MAIN_NR)},
	{.name = "main_rev.btf", PLAN(main_table, MAIN_NR, .reverse = true)},
	{.name = "main.elf", PLAN(main_table, MAIN_NR, .reverse = true), .elf = true},
	/* struct pair: member 'b' moves from bit 32 to bit 64 */
	{.name = "main_moved.btf", PLAN(main_table, MAIN_NR, PATCH(5, 1, 64))},
	/* anonymous struct in struct outer: member 'p' moves from bit 64 to bit 96 */
	{.name = "main_anon.btf", PLAN(main_table, MAIN_NR, PATCH(8, 1, 96))},
	/* one more PTR to struct pair: same line twice */
	{.name = "main_dup.btf", PLAN(main_table, MAIN_NR + 1, .reverse = true)},
	{.name = "nobtf.elf", PLAN(main_table, MAIN_NR), .elf = true, .elf_sec = ".data"},
	{.name = "split.btf", PLAN(split_table, SPLIT_NR), .base = BASE_PLAIN},
	{.name = "split.elf",
	 PLAN(split_table, SPLIT_NR, .reverse = true),
	 .base = BASE_PLAIN,
	 .elf = true},
	{.name = "split_rev.btf", PLAN(split_table, SPLIT_NR, .reverse = true), .base = BASE_PLAIN},
	{.name = "split_on_base_rev.btf", PLAN(split_table, SPLIT_NR), .base = BASE_REV},
	{.name = "split_on_base_extra.btf",
	 PLAN(split_table, SPLIT_NR, .reverse = true),
	 .base = BASE_EXTRA},
	/* struct mod: member 'n' moves from bit 192 to bit 224 */
	{.name = "split_moved.btf",
	 PLAN(split_table, SPLIT_NR, PATCH(0, 2, 224)),
	 .base = BASE_PLAIN},
};

/* gen_file_write() - build @f (on @base with @base_ids) and store it in @dir */
static int gen_file_write(const char *dir, const struct gen_file *f, struct btf *base,
			  const int *base_ids, int *ids, struct btf **keep)
{
	struct gen_plan plan = f->plan;
	struct btf *btf = NULL;
	const void *data;
	char path[4096];
	__u32 size;
	int err;

	plan.base_ids = base_ids;
	snprintf(path, sizeof(path), "%s/%s", dir, f->name);
	err = gen_build(&plan, base, ids, &btf);
	if (err) {
		fprintf(stderr, "btfcmp_gen: '%s': cannot build BTF: %s\n", path, strerror(-err));
		return err;
	}
	data = btf__raw_data(btf, &size);
	if (!data)
		err = -ENOMEM;
	else if (f->elf)
		err = write_elf(path, f->elf_sec ?: ".BTF", data, size);
	else
		err = write_file(path, data, size);
	if (err)
		fprintf(stderr, "btfcmp_gen: '%s': cannot write: %s\n", path, strerror(-err));
	if (keep && !err)
		*keep = btf;
	else
		btf__free(btf);
	return err;
}

int main(int argc, char **argv)
{
	static const char garbage[] = "this is neither BTF nor ELF\n";
	struct btf *bases[NR_BASES] = {};
	int base_ids[NR_BASES][BASE_NR + 1];
	int ids[MAIN_NR + 1];
	char path[4096];
	size_t i;
	int err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: btfcmp_gen OUTDIR\n");
		return 2;
	}
	if (mkdir(argv[1], 0755) && errno != EEXIST) {
		fprintf(stderr, "btfcmp_gen: '%s': %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = BASE_PLAIN; i < NR_BASES && !err; i++)
		err = gen_file_write(argv[1], &base_files[i], NULL, NULL, base_ids[i], &bases[i]);
	for (i = 0; i < sizeof(files) / sizeof(files[0]) && !err; i++) {
		int b = files[i].base;

		err = gen_file_write(argv[1], &files[i], bases[b], b ? base_ids[b] : NULL, ids,
				     NULL);
	}
	snprintf(path, sizeof(path), "%s/garbage.bin", argv[1]);
	if (!err)
		err = write_file(path, garbage, sizeof(garbage) - 1);
	for (i = 0; i < NR_BASES; i++)
		btf__free(bases[i]);
	return err ? 1 : 0;
}
