// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bitfields beyond bit 2^24: BTF's kind_flag form keeps member offsets in
 * 24 bits, so these structs must be written without kind_flag. With
 * -DPROBE this file also builds a program that prints where each bitfield
 * really is (set it to all ones in a zeroed struct, find the bits), the
 * judge of tests/features/bigbf_test.sh.
 */
enum col { RED, GREEN, BLUE };
typedef unsigned int u32;

struct big {
	unsigned int lo : 3;
	char pad[1 << 21];
	unsigned int a : 3;
	int b : 7;
	u32 c : 20;
	unsigned long long d : 40;
	enum col e : 2;
	_Bool f : 1;
	short g;
	struct {
		int x : 5;
	} nested;
};

/* the bitfields before the far member keep their place too */
struct big_tail {
	signed char s : 4;
	unsigned char u : 4;
	long long arr[1 << 18];
	unsigned long long w : 63;
};

struct big big_var;
struct big_tail big_tail_var;

int bigbf_use(struct big *b, struct big_tail *t)
{
	return b->a + t->s;
}

#ifdef PROBE
#include <stdio.h>
#include <string.h>

static unsigned char buf[sizeof(struct big) + sizeof(struct big_tail)];

static void where(const char *sname, const char *mname)
{
	size_t i, first = (size_t)-1, n = 0;

	for (i = 0; i < sizeof(buf) * 8; i++)
		if (buf[i / 8] & (1u << (i % 8))) {
			if (first == (size_t)-1)
				first = i;
			n++;
		}
	printf("%s %s %zu %zu\n", sname, mname, first, n);
}

#define BF(S, M)                                                                                   \
	do {                                                                                       \
		struct S *p = (struct S *)buf;                                                     \
		memset(buf, 0, sizeof(buf));                                                       \
		p->M = -1;                                                                         \
		where(#S, #M);                                                                     \
	} while (0)

int main(void)
{
	BF(big, lo);
	BF(big, a);
	BF(big, b);
	BF(big, c);
	BF(big, d);
	BF(big, e);
	BF(big, f);
	BF(big_tail, s);
	BF(big_tail, u);
	BF(big_tail, w);
	return 0;
}
#endif
