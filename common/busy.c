// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Serial time: a count of working threads and the time it spent at two or
 * more. A lock per change of state: threads change state a few times per
 * compilation unit, not per type.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "busy.h"
#include "clock.h"

static pthread_mutex_t busy_lock = PTHREAD_MUTEX_INITIALIZER;
static int busy_nr;	       /* threads working */
static double busy_t0;	       /* busy__start() */
static double busy_mark;       /* last change of busy_nr */
static double busy_parallel;   /* seconds with busy_nr >= 2 */
static double busy_cpu_mark;   /* process CPU time at the last change */
static double busy_serial_cpu; /* process CPU seconds used with busy_nr <= 1 */

static double process_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* account the time since the last change; called with the lock held */
static void busy_tick(double now)
{
	double cpu = process_cpu();

	if (busy_nr >= 2)
		busy_parallel += now - busy_mark;
	else
		busy_serial_cpu += cpu - busy_cpu_mark;
	busy_mark = now;
	busy_cpu_mark = cpu;
}

void busy__start(void)
{
	pthread_mutex_lock(&busy_lock);
	busy_t0 = busy_mark = clock_now();
	busy_cpu_mark = process_cpu();
	busy_parallel = 0;
	busy_serial_cpu = 0;
	busy_nr = 1;
	pthread_mutex_unlock(&busy_lock);
}

static void busy_add(int d)
{
	pthread_mutex_lock(&busy_lock);
	busy_tick(clock_now());
	busy_nr += d;
	pthread_mutex_unlock(&busy_lock);
}

void busy__enter(void)
{
	busy_add(1);
}

struct busy_call {
	void (*fn)(void *);
	void *arg;
};

static void *busy_thread(void *p)
{
	struct busy_call c = *(struct busy_call *)p;

	free(p);
	busy__enter();
	c.fn(c.arg);
	busy__leave();
	return NULL;
}

int busy__spawn(pthread_t *thread, void (*fn)(void *), void *arg)
{
	struct busy_call *c = malloc(sizeof(*c));
	int err;

	if (!c)
		return ENOMEM;
	c->fn = fn;
	c->arg = arg;
	err = pthread_create(thread, NULL, busy_thread, c);
	if (err)
		free(c);
	return err;
}

void busy__join(pthread_t thread)
{
	busy__leave();
	pthread_join(thread, NULL);
	busy__enter();
}

void busy__leave(void)
{
	busy_add(-1);
}

double busy__serial(double *wall, double *cpu)
{
	double now, serial;

	pthread_mutex_lock(&busy_lock);
	now = clock_now();
	busy_tick(now);
	serial = now - busy_t0 - busy_parallel;
	if (wall)
		*wall = now - busy_t0;
	if (cpu)
		*cpu = busy_serial_cpu;
	pthread_mutex_unlock(&busy_lock);
	return serial;
}
