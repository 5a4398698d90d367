// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Process-wide setup of a pipeline run (see process.h).
 */
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <bpf/libbpf.h>
#include "compiler.h"
#include "elf_writer.h"
#include "log.h"
#include "process.h"

/*
 * The heap in 2 MiB pages where the kernel offers them (transparent huge
 * pages in "madvise" mode): a module's run touches megabytes of fresh heap
 * (the base BTF's copy and its indexes alone are 10 MiB), and a fault per
 * 4 KiB page was a fifth of its run. The heap is grown once and the range
 * advised; freed, it stays in the heap (M_TRIM_THRESHOLD) for what follows.
 * Nothing is touched here, so memory is only used as the run needs it.
 * (Threads allocate from heaps of their own: a batch's gained nothing.)
 *
 * Only for a run of one file on a base (kbuild's per-module step). A huge
 * page the kernel has not handed out recently can cost far more than its
 * 512 small faults: on a VM whose free memory goes back to the host, the
 * first touch of one measured 3-12 ms per MiB against 0.33 ms in 4 KiB
 * pages. Back-to-back module runs reuse each other's freed huge pages; a
 * vmlinux run (85 MiB of fresh heap) or a batch takes cold ones, and lost
 * 0.3-0.8 s of system time to them on that VM.
 */
static void heap_prefer_huge_pages(void)
{
	const uintptr_t huge = 2 << 20;
	const size_t len = 64 << 20;
	char *p = malloc(len);
	uintptr_t a, e;

	if (!p)
		return;
	a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	e = ((uintptr_t)p + len) & ~(huge - 1);
	if (e > a)
		madvise((void *)a, e - a, MADV_HUGEPAGE); /* advice: failure changes nothing */
	free(p);
}

void process__tune_heap(bool huge_pages)
{
	/*
	 * Large blocks (BTF buffers, indexes) come from the heap and go back to
	 * it: each mmap() of a fresh block costs a page fault per page, and each
	 * munmap() a TLB shootdown on every CPU running one of our threads.
	 */
	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	if (huge_pages)
		heap_prefer_huge_pages();
}

/*
 * SIGINT, SIGTERM, SIGHUP: leave no temp file behind, then die of the
 * signal. SIGKILL cannot be caught: it may leave a ".<file>.XXXXXX" temp
 * file next to the file being rewritten (which itself stays intact).
 */
static void on_fatal_signal(int sig)
{
	elf_writer__remove_temp_files();
	raise(sig); /* SA_RESETHAND: the default action, once this handler returns */
}

void process__catch_fatal_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa = {.sa_handler = on_fatal_signal, .sa_flags = SA_RESETHAND};
	struct sigaction old;
	size_t i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(sigs); i++) {
		/* an ignored signal stays ignored (nohup, background jobs of a script) */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

/*
 * While the base is parsed, libbpf's warnings are kept (the last one goes
 * into our own message, which names the file) instead of printed.
 */
static bool libbpf_keep;
static char libbpf_last[256];

static int __printf(2, 0) libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	enum log_level lvl = level == LIBBPF_WARN   ? LOG_WARN
			     : level == LIBBPF_INFO ? LOG_INFO
						    : LOG_DEBUG;
	size_t n;

	if (libbpf_keep && level == LIBBPF_WARN) {
		vsnprintf(libbpf_last, sizeof(libbpf_last), fmt, ap);
		n = strlen(libbpf_last);
		if (n && libbpf_last[n - 1] == '\n')
			libbpf_last[n - 1] = 0;
		return 0;
	}
	if (lvl > log_get_level())
		return 0;
	return vfprintf(stderr, fmt, ap);
}

void process__libbpf_log(void)
{
	libbpf_set_print(libbpf_print);
}

void process__libbpf_keep(bool keep)
{
	if (keep)
		libbpf_last[0] = 0;
	libbpf_keep = keep;
}

const char *process__libbpf_last(void)
{
	return libbpf_last;
}
