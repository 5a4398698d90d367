// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * progen: random C programs for the differential test (diff_test.sh),
 * aimed at what BTF describes: structs and unions (packed, nested anonymous
 * members, flexible arrays), bitfields of every
 * integer type, enums and _Bool (zero-width ones too), arrays
 * of one and two dimensions, enums with negative and 64-bit values,
 * typedefs, qualifiers, pointers (to structs not defined yet, too) and
 * function pointers, plus functions taking them.
 *
 * The program is valid C for gcc, clang and clang -target bpf: no long
 * double or __int128 (other sizes on BPF), at most five parameters, no
 * aggregates passed by value.
 *
 * Usage: progen SEED prog|layout
 *   prog	the program (no main)
 *   layout	a program that #includes "prog.c" and prints, for the host it
 *		is built for, a _Static_assert of the size of each named struct
 *		and union and of the offset of each named member that is not a
 *		bitfield: the judge of the BTF's C dump (but for aggregates
 *		whose dump libbpf 1.1 gets wrong: see gen_bitfield())
 * The same SEED gives the same program on every machine.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64*: the same sequence everywhere */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return n ? (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 33) % n : 0;
}

static int chance(int percent)
{
	return (int)rnd(100) < percent;
}

struct base {
	const char *name;
	int size;
	int bf_bits; /* widest bitfield, 0: no bitfields */
};

static const struct base bases[] = {
	{"char", 1, 8},
	{"signed char", 1, 8},
	{"unsigned char", 1, 8},
	{"short", 2, 16},
	{"unsigned short", 2, 16},
	{"int", 4, 32},
	{"unsigned int", 4, 32},
	{"long", 8, 64},
	{"unsigned long", 8, 64},
	{"long long", 8, 64},
	{"unsigned long long", 8, 64},
	{"_Bool", 1, 1},
	{"float", 4, 0},
	{"double", 8, 0},
};
#define NR_BASES (sizeof(bases) / sizeof(bases[0]))

#define MAX_AGG 12
#define MAX_MEMBERS 64

struct agg {
	int is_union;
	int has_flex;  /* ends with a flexible array: never embedded */
	int named_any; /* has a named member, a bitfield maybe (C requires one) */
	int no_c_dump; /* libbpf 1.1's C dump of it is wrong: no layout asserts */
	int nr_members;
	char members[MAX_MEMBERS][24]; /* named members that are not bitfields */
};

static struct agg aggs[MAX_AGG];
static int nr_aggs, nr_enums, nr_typedefs, nr_fps, member_no;
static int small_enum[8]; /* enum values all in 0..7 */
static int quiet;	  /* generate without printing (layout mode) */
static int in_packed;	  /* the aggregate being written is packed */

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void out(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static const char *agg_kw(int i)
{
	return aggs[i].is_union ? "union" : "struct";
}

static void gen_enums(void)
{
	int i, j, n;

	nr_enums = 1 + rnd(4);
	for (i = 0; i < nr_enums; i++) {
		int mode = rnd(4); /* 0,1: small; 2: negative; 3: 64-bit */
		long long v = mode == 2 ? -(long long)rnd(100000) : 0;

		small_enum[i] = mode < 2;
		n = 1 + rnd(6);
		out("enum e%d {", i);
		for (j = 0; j < n; j++) {
			if (mode < 2)
				v = j + (j && chance(20));
			else if (mode == 3 && j == n - 1)
				v = (long long)(0x100000000ULL + rnd(1000)) * (1 + rnd(1000));
			else if (j)
				v += 1 + rnd(1000);
			if (mode < 2 && v > 7)
				v = 7;
			out("%s e%d_v%d = %lldLL", j ? "," : "", i, j, v);
		}
		out(" };\n");
	}
}

static void gen_typedefs(void)
{
	int i;

	nr_typedefs = rnd(4);
	for (i = 0; i < nr_typedefs; i++)
		out("typedef %s%s td%d;\n", chance(20) ? "const " : "", bases[rnd(NR_BASES)].name,
		    i);
	nr_fps = rnd(3);
	for (i = 0; i < nr_fps; i++) {
		int j, n = rnd(4);

		out("typedef %s (*fp%d)(", bases[rnd(NR_BASES)].name, i);
		for (j = 0; j < n; j++)
			out("%s%s", j ? ", " : "", bases[rnd(NR_BASES)].name);
		if (!n)
			out("void");
		out(");\n");
	}
}

static void named(struct agg *a, const char *name)
{
	a->named_any = 1;
	if (a->nr_members < MAX_MEMBERS)
		snprintf(a->members[a->nr_members++], sizeof(a->members[0]), "%s", name);
}

/* a scalar member type: base, typedef, enum or pointer */
static void scalar_type(char *buf, size_t len, int self)
{
	int k = rnd(10);

	if (k < 5 || (k == 5 && !nr_typedefs) || (k == 6 && !nr_fps))
		snprintf(buf, len, "%s%s", chance(10) ? "volatile " : "",
			 bases[rnd(NR_BASES)].name);
	else if (k == 5)
		snprintf(buf, len, "td%d", rnd(nr_typedefs));
	else if (k == 6)
		snprintf(buf, len, "fp%d", rnd(nr_fps));
	else if (k == 7)
		snprintf(buf, len, "enum e%d", rnd(nr_enums));
	else /* a pointer to any aggregate, defined or not */
	{
		int o = rnd(MAX_AGG) == 0 ? self : (int)rnd(MAX_AGG);

		snprintf(buf, len, "%s s%d *%s", agg_kw(o), o, chance(10) ? "const " : "");
	}
}

static void gen_bitfield(struct agg *a, int indent, int is_union)
{
	int k = rnd(10), width;

	/*
	 * libbpf 1.1 dumps no padding in unions: no "int : 0" there. No
	 * unnamed bitfields of other widths anywhere: the padding libbpf 1.1
	 * dumps for the holes they leave is wrong at times (the BTF is right)
	 */
	if (k == 3 || (is_union && k == 0))
		k = 4;

	/*
	 * libbpf 1.1 dumps the padding of "int : 0" and of bitfields in packed
	 * aggregates wrong at times (found by the long mode; the BTF was right
	 * by all other judges): kept, but their aggregates get no C asserts
	 */
	if (k == 0) {
		a->no_c_dump = 1;
		out("%*sint : 0;\n", indent, "");
		return;
	}
	if (in_packed)
		a->no_c_dump = 1;
	if (k <= 2) {
		int e = rnd(nr_enums);

		if (small_enum[e]) {
			a->named_any = 1;
			out("%*senum e%d m%d : %d;\n", indent, "", e, member_no++, 3 + rnd(6));
			return;
		}
	}
	for (;;) {
		const struct base *b = &bases[rnd(NR_BASES)];

		if (!b->bf_bits)
			continue;
		/*
		 * clang 14 writes a full-width bitfield as a plain member at its
		 * byte, wrong when packing puts it off a byte boundary: not in
		 * packed aggregates
		 */
		width = 1 + rnd(b->bf_bits - (in_packed && b->bf_bits > 1));
		a->named_any = 1;
		out("%*s%s m%d : %d;\n", indent, "", b->name, member_no++, width);
		return;
	}
}

static void gen_members(struct agg *a, int self, int depth, int nr, int is_union);

static void gen_member(struct agg *a, int self, int depth, int last, int is_union)
{
	int k = rnd(100), indent = 8 * (depth + 1);
	char name[24], type[64];

	if (k < 20) {
		gen_bitfield(a, indent, is_union);
		return;
	}
	snprintf(name, sizeof(name), "m%d", member_no++);
	if (k < 25 && depth < 2) {
		/* an anonymous struct or union: its members are named in @a */
		/* libbpf 1.1 dumps no packed attribute for unions: structs only */
		int u = chance(50), packed = !u && chance(10), outer = in_packed;
		int before = member_no;

		out("%*s%s {\n", indent, "", u ? "union" : "struct");
		in_packed = outer || packed;
		gen_members(a, self, depth + 1, 1 + rnd(3), u);
		in_packed = outer;
		/* no named member (only unnamed bitfields): C wants one, the dump too */
		if (member_no == before) {
			snprintf(name, sizeof(name), "m%d", member_no++);
			out("%*sint %s;\n", indent + 8, "", name);
			named(a, name);
		}
		out("%*s}%s;\n", indent, "", packed ? " __attribute__((packed))" : "");
		return;
	}
	if (k < 35 && self > 0) {
		/* an earlier aggregate by value, or an array of it */
		int o = rnd(self);

		if (aggs[o].has_flex)
			o = -1;
		if (o >= 0) {
			a->no_c_dump |= aggs[o].no_c_dump;
			if (chance(30))
				out("%*s%s s%d %s[%d];\n", indent, "", agg_kw(o), o, name,
				    1 + rnd(3));
			else
				out("%*s%s s%d %s;\n", indent, "", agg_kw(o), o, name);
			named(a, name);
			return;
		}
	}
	if (k < 40 && depth == 0 && !is_union && last && !a->is_union && a->nr_members) {
		out("%*s%s %s[];\n", indent, "", bases[rnd(12)].name, name);
		a->has_flex = 1;
		named(a, name);
		return;
	}
	if (k < 45) {
		out("%*s%s (*%s)(%s, %s);\n", indent, "", bases[rnd(NR_BASES)].name, name,
		    bases[rnd(NR_BASES)].name, chance(50) ? "void *" : "int");
		named(a, name);
		return;
	}
	scalar_type(type, sizeof(type), self);
	if (k < 60)
		out("%*s%s %s[%d]%s;\n", indent, "", type, name, 1 + rnd(5),
		    chance(30) ? "[2]" : "");
	else /* no aligned(): libbpf 1.1's C dump cannot say a type is over-aligned */
		out("%*s%s %s;\n", indent, "", type, name);
	named(a, name);
}

static void gen_members(struct agg *a, int self, int depth, int nr, int is_union)
{
	int i;

	for (i = 0; i < nr; i++)
		gen_member(a, self, depth, i == nr - 1, is_union);
}

static void gen_aggs(void)
{
	int i, packed;

	/* every tag's kind first: pointers may name tags defined later, or never */
	for (i = 0; i < MAX_AGG; i++)
		aggs[i].is_union = chance(20);
	nr_aggs = 2 + rnd(MAX_AGG - 1);
	for (i = 0; i < nr_aggs; i++) {
		struct agg *a = &aggs[i];

		out("%s s%d {\n", agg_kw(i), i);
		packed = !a->is_union && chance(10);
		in_packed = packed;
		gen_members(a, i, 0, 1 + rnd(8), a->is_union);
		in_packed = 0;
		if (!a->named_any) {
			out("\tint m%d;\n", member_no);
			snprintf(a->members[a->nr_members++], sizeof(a->members[0]), "m%d",
				 member_no++);
		}
		out("}%s;\n", packed ? " __attribute__((packed))" : "");
	}
	/* the aggregates pointed to but never defined stay declarations */
	for (i = 0; i < nr_aggs; i++)
		out("%s s%d g%d;\n", agg_kw(i), i, i);
	for (i = 0; i < nr_enums; i++)
		out("enum e%d ge%d;\n", i, i);
	for (i = 0; i < nr_fps; i++)
		out("fp%d gfp%d;\n", i, i);
}

static void gen_funcs(void)
{
	int i, j, n = 1 + rnd(4);

	for (i = 0; i < n; i++) {
		int a = rnd(nr_aggs), np = rnd(5);

		out("__attribute__((noinline)) long f%d(%s s%d *p", i, agg_kw(a), a);
		for (j = 0; j < np; j++) {
			int k = rnd(12);

			if (k == 11 && nr_fps)
				out(", fp%d q%d", rnd(nr_fps), j);
			else if (k == 10)
				out(", enum e%d q%d", rnd(nr_enums), j);
			else
				out(", %s q%d", bases[k].name, j);
		}
		out(")\n{\n\treturn (long)(p != 0)");
		for (j = 0; j < np; j++)
			out(" + (q%d != 0)", j);
		out(";\n}\n");
	}
}

static void gen_layout(void)
{
	int i, j;

	out("#include <stddef.h>\n#include <stdio.h>\n#include \"prog.c\"\n\n");
	out("#define SZ(T) printf(\"_Static_assert(sizeof(%%s) == %%zu, \\\"sizeof %%s\\\");\\n\", "
	    "#T, sizeof(T), #T)\n");
	out("#define OFF(T, M) printf(\"_Static_assert(offsetof(%%s, %%s) == %%zu, \\\"offsetof "
	    "%%s.%%s\\\");\\n\", #T, #M, offsetof(T, M), #T, #M)\n\n");
	out("int main(void)\n{\n");
	for (i = 0; i < nr_aggs; i++) {
		if (aggs[i].no_c_dump)
			continue;
		out("\tSZ(%s s%d);\n", agg_kw(i), i);
		for (j = 0; j < aggs[i].nr_members; j++)
			out("\tOFF(%s s%d, %s);\n", agg_kw(i), i, aggs[i].members[j]);
	}
	out("\treturn 0;\n}\n");
}

int main(int argc, char **argv)
{
	unsigned long long seed;

	if (argc != 3 || (strcmp(argv[2], "prog") && strcmp(argv[2], "layout"))) {
		fprintf(stderr, "usage: progen SEED prog|layout\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 0);
	rng_state = (seed + 1) * 0x9E3779B97F4A7C15ULL;
	/* layout: the same program, unprinted, to know its aggregates */
	quiet = !strcmp(argv[2], "layout");
	out("/* progen seed %llu */\n", seed);
	gen_enums();
	gen_typedefs();
	gen_aggs();
	gen_funcs();
	if (quiet) {
		quiet = 0;
		gen_layout();
	}
	return 0;
}
