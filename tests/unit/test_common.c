// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Unit tests of common/: the growth helper (vec.h) and the string map
 * (strmap.h).
 */
#include <errno.h>
#include <stdlib.h>
#include "strmap.h"
#include "test.h"
#include "vec.h"

static void test_vec__first_growth(void)
{
	uint32_t *a = NULL, cap = 0, i;

	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 1, 1000));
	ASSERT_NONNULL(a);
	ASSERT_EQ(cap, 16); /* at least 16 elements */
	for (i = 0; i < cap; i++)
		ASSERT_EQ(a[i], 0);
cleanup:
	free(a);
}

static void test_vec__grows_by_half(void)
{
	uint32_t *a = NULL, cap = 0, i;

	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 16, 1000));
	ASSERT_EQ(cap, 16);
	for (i = 0; i < cap; i++)
		a[i] = 0xa5a5a5a5 ^ i;
	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 17, 1000));
	ASSERT_EQ(cap, 24);
	for (i = 0; i < 16; i++)
		ASSERT_EQ(a[i], 0xa5a5a5a5 ^ i); /* kept */
	for (i = 16; i < 24; i++)
		ASSERT_EQ(a[i], 0); /* zeroed */
	/* a jump beyond 1.5x goes straight to what is needed */
	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 100, 1000));
	ASSERT_EQ(cap, 100);
	for (i = 24; i < 100; i++)
		ASSERT_EQ(a[i], 0);
cleanup:
	free(a);
}

static void test_vec__no_realloc_when_room(void)
{
	uint64_t *a = NULL, *before;
	uint32_t cap = 0;

	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 10, 1000));
	before = a;
	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 16, 1000));
	ASSERT_TRUE(a == before);
	ASSERT_EQ(cap, 16);
	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 0, 1000));
	ASSERT_EQ(cap, 16);
cleanup:
	free(a);
}

static void test_vec__capped_at_max(void)
{
	uint8_t *a = NULL;
	uint32_t cap = 0;

	ASSERT_OK(vec_ensure((void **)&a, &cap, 1, 16, 20));
	ASSERT_EQ(cap, 16);
	/* 1.5x would be 24: clamped to the maximum */
	ASSERT_OK(vec_ensure((void **)&a, &cap, 1, 17, 20));
	ASSERT_EQ(cap, 20);
	ASSERT_OK(vec_ensure((void **)&a, &cap, 1, 20, 20));
	ASSERT_EQ(cap, 20);
	/* small maximum: the 16-element minimum does not exceed it */
	free(a);
	a = NULL;
	cap = 0;
	ASSERT_OK(vec_ensure((void **)&a, &cap, 1, 2, 5));
	ASSERT_EQ(cap, 5);
cleanup:
	free(a);
}

static void test_vec__e2big(void)
{
	uint16_t *a = NULL, *before;
	uint32_t cap = 0;

	ASSERT_EQ(vec_ensure((void **)&a, &cap, sizeof(*a), 21, 20), -E2BIG);
	ASSERT_NULL(a);
	ASSERT_EQ(cap, 0);
	ASSERT_OK(vec_ensure((void **)&a, &cap, sizeof(*a), 20, 20));
	before = a;
	ASSERT_EQ(vec_ensure((void **)&a, &cap, sizeof(*a), 21, 20), -E2BIG);
	ASSERT_TRUE(a == before); /* untouched on error */
	ASSERT_EQ(cap, 20);
	ASSERT_EQ(vec_ensure((void **)&a, &cap, sizeof(*a), UINT32_MAX, UINT32_MAX - 1), -E2BIG);
cleanup:
	free(a);
}

static void test_vec__enomem_on_size_overflow(void)
{
	void *a = NULL;
	uint32_t cap = 0;

	/* 16 elements of SIZE_MAX / 8 bytes overflow size_t: refused before realloc */
	ASSERT_EQ(vec_ensure(&a, &cap, SIZE_MAX / 8, 1, 1000), -ENOMEM);
	ASSERT_NULL(a);
	ASSERT_EQ(cap, 0);
cleanup:
	free(a);
}

static void test_strmap__empty(void)
{
	struct strmap m;
	uint64_t v = 42;

	strmap__init(&m);
	ASSERT_FALSE(strmap__find(&m, "a", &v));
	ASSERT_FALSE(strmap__find(&m, "", NULL));
	ASSERT_EQ(v, 42); /* untouched when absent */
	ASSERT_EQ(m.cnt, 0);
	ASSERT_EQ(m.cap, 0);
cleanup:
	strmap__release(&m);
}

static void test_strmap__set_find(void)
{
	struct strmap m;
	uint64_t v = 0;
	char key_copy[] = "beta";

	strmap__init(&m);
	ASSERT_OK(strmap__set(&m, "alpha", 1));
	ASSERT_OK(strmap__set(&m, "beta", 2));
	ASSERT_OK(strmap__set(&m, "", 3)); /* the empty string is a key like any other */
	ASSERT_EQ(m.cnt, 3);
	ASSERT_EQ(m.cap, 256);
	ASSERT_TRUE(strmap__find(&m, "alpha", &v));
	ASSERT_EQ(v, 1);
	/* keys compare by content, not by pointer */
	ASSERT_TRUE(strmap__find(&m, key_copy, &v));
	ASSERT_EQ(v, 2);
	ASSERT_TRUE(strmap__find(&m, "", &v));
	ASSERT_EQ(v, 3);
	ASSERT_TRUE(strmap__find(&m, "alpha", NULL));
	ASSERT_FALSE(strmap__find(&m, "alph", &v));
	ASSERT_FALSE(strmap__find(&m, "alphaa", &v));
	ASSERT_FALSE(strmap__find(&m, "gamma", &v));
	ASSERT_EQ(v, 3);
cleanup:
	strmap__release(&m);
}

static void test_strmap__overwrite(void)
{
	struct strmap m;
	uint64_t v = 0;

	strmap__init(&m);
	ASSERT_OK(strmap__set(&m, "k", 1));
	ASSERT_OK(strmap__set(&m, "k", UINT64_MAX));
	ASSERT_EQ(m.cnt, 1);
	ASSERT_TRUE(strmap__find(&m, "k", &v));
	ASSERT_TRUE(v == UINT64_MAX);
	ASSERT_OK(strmap__set(&m, "k", 0));
	ASSERT_TRUE(strmap__find(&m, "k", &v));
	ASSERT_EQ(v, 0);
	ASSERT_EQ(m.cnt, 1);
cleanup:
	strmap__release(&m);
}

#define MANY 20000

static void test_strmap__growth_many_keys(void)
{
	char(*keys)[16] = calloc(MANY, sizeof(*keys));
	struct strmap m;
	uint64_t v;
	uint32_t i;

	strmap__init(&m);
	ASSERT_NONNULL(keys);
	for (i = 0; i < MANY; i++) {
		snprintf(keys[i], sizeof(keys[i]), "key%u", i);
		ASSERT_OK(strmap__set(&m, keys[i], (uint64_t)i * 3 + 1));
		/* load factor stays at or below one half */
		ASSERT_TRUE(m.cnt * 2 <= m.cap);
	}
	ASSERT_EQ(m.cnt, MANY);
	ASSERT_EQ(m.cap, 65536); /* 256 doubled until 2 * 20000 fits */
	for (i = 0; i < MANY; i++) {
		char probe[16];

		snprintf(probe, sizeof(probe), "key%u", i);
		v = 0;
		ASSERT_TRUE(strmap__find(&m, probe, &v));
		ASSERT_EQ(v, (uint64_t)i * 3 + 1);
	}
	ASSERT_FALSE(strmap__find(&m, "key20000", &v));
	/* overwriting after growth does not add keys */
	ASSERT_OK(strmap__set(&m, keys[12345], 7));
	ASSERT_EQ(m.cnt, MANY);
	ASSERT_TRUE(strmap__find(&m, "key12345", &v));
	ASSERT_EQ(v, 7);
cleanup:
	strmap__release(&m);
	free(keys);
}

/*
 * str_hash(): only the @len bytes count, every one of them does (the tail
 * shorter than a word too), and 20,000 similar keys spread evenly.
 */
static void test_strmap__str_hash(void)
{
	static const char text[] = "abcdefghijklmnopqrstuvwxyz";
	uint32_t counts[1024] = {0}, i, max = 0;
	uint64_t seen[27];
	char key[16], other[16];

	ASSERT_TRUE(strmap__hash("foobar") == str_hash("foobar", 6));
	ASSERT_TRUE(str_hash("abcdefghX", 8) == str_hash("abcdefgh", 8));
	ASSERT_TRUE(str_hash("abcdefghijX", 10) == str_hash("abcdefghijY", 10));
	for (i = 0; i <= 26; i++) {
		uint32_t j;

		seen[i] = str_hash(text, i);
		for (j = 0; j < i; j++)
			ASSERT_TRUE(seen[j] != seen[i]);
	}
	/* one flipped bit anywhere, in a full word or in the tail, changes the hash */
	for (i = 0; i < 13; i++) {
		memcpy(key, "0123456789abc", 13);
		memcpy(other, key, 13);
		other[i] ^= 1;
		ASSERT_TRUE(str_hash(key, 13) != str_hash(other, 13));
	}
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "k%u", i);
		counts[strmap__hash(key) & 1023]++;
	}
	for (i = 0; i < 1024; i++)
		max = counts[i] > max ? counts[i] : max;
	ASSERT_TRUE(max < 50); /* about 20 per bucket */
cleanup:;
}

/*
 * Keys that all hash to the last slot of a 256-slot table: probing must
 * wrap around to slot 0 and still find each of them (the collision path a
 * good hash rarely takes).
 */
static void test_strmap__collisions_wrap(void)
{
	char keys[8][16];
	struct strmap m;
	uint32_t n = 0, i;
	uint64_t v;

	strmap__init(&m);
	for (i = 0; n < 8 && i < 1000000; i++) {
		snprintf(keys[n], sizeof(keys[n]), "c%u", i);
		if ((strmap__hash(keys[n]) & 255) == 255)
			n++;
	}
	ASSERT_EQ(n, 8);
	for (i = 0; i < n; i++)
		ASSERT_OK(strmap__set(&m, keys[i], i + 100));
	ASSERT_EQ(m.cap, 256);
	ASSERT_EQ(m.cnt, 8);
	/* first in the home slot, the others wrapped to the start */
	ASSERT_TRUE(m.keys[255] == keys[0]);
	for (i = 1; i < n; i++)
		ASSERT_TRUE(m.keys[i - 1] == keys[i]);
	for (i = 0; i < n; i++) {
		ASSERT_TRUE(strmap__find(&m, keys[i], &v));
		ASSERT_EQ(v, i + 100);
	}
	/* an absent key with the same home slot walks the chain and stops */
	for (i = 1000000; i < 3000000; i++) {
		char probe[16];

		snprintf(probe, sizeof(probe), "c%u", i);
		if ((strmap__hash(probe) & 255) == 255) {
			ASSERT_FALSE(strmap__find(&m, probe, &v));
			break;
		}
	}
cleanup:
	strmap__release(&m);
}

static const struct unit_test unit_tests_common[] = {
	TEST(vec, first_growth),
	TEST(vec, grows_by_half),
	TEST(vec, no_realloc_when_room),
	TEST(vec, capped_at_max),
	TEST(vec, e2big),
	TEST(vec, enomem_on_size_overflow),
	TEST(strmap, empty),
	TEST(strmap, set_find),
	TEST(strmap, overwrite),
	TEST(strmap, growth_many_keys),
	TEST(strmap, str_hash),
	TEST(strmap, collisions_wrap),
};
UNIT_MODULE(common);
