// SPDX-License-Identifier: GPL-2.0-only
/*
 * Functions whose parameters the compiler moves, drops or keeps: the FUNC
 * each gets (or why not) is asserted by funcs_test.sh for gcc 12 and
 * clang 14 at -O2.
 */
#include <stdarg.h>

#define noinline __attribute__((noinline))

struct s8 {
	long a;
};
struct s16 {
	long a, b;
};
struct s24 {
	long a, b, c;
};
struct __attribute__((packed)) spk {
	char c;
	long l;
};

volatile long sink;

/* b is never used: gcc makes a clone without it, clang passes c in b's register */
static noinline int f_unused(int a, int b, int c)
{
	sink = a;
	return a + c;
}

/* every caller passes k = 3 */
static noinline long f_const(long a, long k)
{
	sink = a * k;
	return a * k + 1;
}

/* a struct reached only through one member */
static noinline long f_member(struct s16 s, long x)
{
	sink = s.b;
	return s.b + x;
}

/* aggregates by value: in one register, in two, in memory */
noinline long f_s8(struct s8 s, int x)
{
	return s.a + x;
}

noinline long f_s16(struct s16 s, int x)
{
	return s.a + s.b + x;
}

noinline long f_s24(struct s24 s, int x)
{
	return s.a + s.b + s.c + x;
}

/* a packed struct after the six argument registers: on the stack, misaligned */
noinline long f_packed(long a, long b, long c, long d, long e, long f, struct spk p)
{
	return a + b + c + d + e + f + p.l + p.c;
}

noinline long f_var(int n, ...)
{
	va_list ap;
	long s = 0;

	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, long);
	va_end(ap);
	return s;
}

/* an ordinary function: its prototype is its ABI */
noinline int f_plain(int a, const char *b)
{
	return a + b[0];
}

long f_weak(long a);
long f_asm(long a);

int main(int argc, char **argv)
{
	struct s8 a8 = {argc};
	struct s16 a16 = {argc, argc + 1};
	struct s24 a24 = {argc, 2, 3};
	struct spk pk = {1, argc};
	long r = 0;

	r += f_unused(argc, 7, argc + 2);
	r += f_unused(argc + 1, 8, argc);
	r += f_const(argc, 3);
	r += f_const(argc + 5, 3);
	r += f_member(a16, argc);
	r += f_member(a16, 2);
	r += f_s8(a8, 1) + f_s16(a16, 2) + f_s24(a24, 3);
	r += f_packed(1, 2, 3, 4, 5, 6, pk);
	r += f_var(2, 1L, (long)argc);
	r += f_plain(argc, argv[0]);
	r += f_weak(argc) + f_asm(argc);
	return (int)r;
}
