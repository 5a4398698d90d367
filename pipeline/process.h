/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * What a process running the pipeline sets up once: heap tuning, the
 * fatal signals that must not leave temp files behind, and libbpf's
 * messages routed through our log (or kept, while a base is read).
 */
#ifndef D2B_PROCESS_H
#define D2B_PROCESS_H

#include <stdbool.h>

/*
 * process__tune_heap() - large blocks stay in the heap; with @huge_pages, in
 * huge pages where offered (for short runs, see process.c). Call once, early.
 */
void process__tune_heap(bool huge_pages);

/* process__catch_fatal_signals() - SIGINT/SIGTERM/SIGHUP remove the writer's temp files */
void process__catch_fatal_signals(void);

/* process__libbpf_log() - libbpf's messages through our log level */
void process__libbpf_log(void);

/*
 * process__libbpf_keep() - while @keep, libbpf's warnings are kept (the
 * last one is process__libbpf_last()) instead of printed
 */
void process__libbpf_keep(bool keep);
const char *process__libbpf_last(void);

#endif
