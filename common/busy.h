/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The serial part of a run: the wall time during which at most one thread
 * does useful work (reading DWARF, encoding, the ordered stage, dedup,
 * writing), as opposed to waiting for another thread or not existing yet.
 * On a machine with more CPUs everything else gets faster; this does not.
 *
 * Each thread that takes part says when it starts and stops working. The
 * counts are process-wide; all functions are thread-safe.
 */
#ifndef D2B_BUSY_H
#define D2B_BUSY_H

#include <pthread.h>

/* busy__start() - start measuring; the calling thread counts as working */
void busy__start(void);
/* busy__enter() - the calling thread starts working (a new thread, or after a wait) */
void busy__enter(void);
/* busy__leave() - the calling thread stops working (before a wait, or at its end) */
void busy__leave(void);
/**
 * busy__spawn() - pthread_create() of a thread that runs @fn(@arg) and
 * counts as working from its start to its end (join it with pthread_join())
 * Return: 0 or pthread_create()'s error (then nothing runs).
 */
int busy__spawn(pthread_t *thread, void (*fn)(void *), void *arg);
/* busy__join() - pthread_join() of @thread, not counting as working while waiting */
void busy__join(pthread_t thread);
/**
 * busy__serial() - the serial part so far
 * @wall: out, may be NULL: seconds since busy__start()
 * @cpu:  out, may be NULL: the process's CPU seconds during that serial
 *        part, which other processes on the machine do not stretch (on an
 *        idle machine it is about the serial wall time)
 * Return: seconds since busy__start() during which at most one thread worked.
 */
double busy__serial(double *wall, double *cpu);

#endif
