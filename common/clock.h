/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * clock_now(): seconds on the monotonic clock, for the phase times -V prints;
 * clock_thread_cpu(): the calling thread's CPU seconds.
 */
#ifndef D2B_CLOCK_H
#define D2B_CLOCK_H

#include <time.h>

static inline double clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* clock_thread_cpu(): CPU seconds of the calling thread (other processes do not stretch it) */
static inline double clock_thread_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif
