// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * The unit test runner.
 *
 *	unit_runner --list		one "suite.case" per line
 *	unit_runner			run every test
 *	unit_runner SUITE.CASE...	run these tests
 *	unit_runner SUITE...		run every test of these suites
 *
 * Exit status: 0 when every test run passed, 1 when one failed, 2 for an
 * unknown test name.
 */
#include <stdarg.h>
#include <stdlib.h>
#include "test.h"

#define DECLARE_MODULE(m) extern const struct unit_module unit_module_##m;
UNIT_MODULES(DECLARE_MODULE)
#undef DECLARE_MODULE

#define MODULE_REF(m) &unit_module_##m,
static const struct unit_module *const modules[] = {UNIT_MODULES(MODULE_REF)};
#undef MODULE_REF

#define NR_MODULES (sizeof(modules) / sizeof(modules[0]))

bool unit_test_failed;

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	char *captured = NULL;
	va_list ap;

	/* a failure inside a capture must still be seen */
	if (capture_stderr_active())
		captured = capture_stderr_end();
	fflush(stdout);
	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (captured)
		fprintf(stderr, "(stderr captured until then:)\n%s", captured);
	free(captured);
	unit_test_failed = true;
}

static bool matches(const struct unit_test *t, const char *pattern)
{
	size_t n = strlen(t->suite);

	if (strncmp(pattern, t->suite, n))
		return false;
	if (pattern[n] == 0)
		return true;
	return pattern[n] == '.' && !strcmp(pattern + n + 1, t->name);
}

static bool run_one(const struct unit_test *t)
{
	bool ok;

	unit_test_failed = false;
	t->fn();
	if (!t->known_bug) {
		printf("%s %s.%s\n", unit_test_failed ? "FAIL" : "ok  ", t->suite, t->name);
		ok = !unit_test_failed;
	} else if (unit_test_failed) {
		printf("ok   %s.%s # known bug, failed as expected: %s\n", t->suite, t->name,
		       t->known_bug);
		ok = true;
	} else {
		printf("FAIL %s.%s # passes now: the known bug (%s) seems fixed, change "
		       "TEST_KNOWN_BUG back to TEST\n",
		       t->suite, t->name, t->known_bug);
		ok = false;
	}
	fflush(stdout);
	return ok;
}

int main(int argc, char **argv)
{
	unsigned int run = 0, failed = 0;
	size_t m, i;
	int a;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (m = 0; m < NR_MODULES; m++)
			for (i = 0; i < modules[m]->nr; i++)
				printf("%s.%s\n", modules[m]->tests[i].suite,
				       modules[m]->tests[i].name);
		return 0;
	}
	if (argc >= 2 && argv[1][0] == '-') {
		fprintf(stderr, "usage: %s [--list | SUITE[.CASE]...]\n", argv[0]);
		return 2;
	}
	/* names first, so that a typo fails before anything runs */
	for (a = 1; a < argc; a++) {
		bool found = false;

		for (m = 0; m < NR_MODULES && !found; m++)
			for (i = 0; i < modules[m]->nr && !found; i++)
				found = matches(&modules[m]->tests[i], argv[a]);
		if (!found) {
			fprintf(stderr, "%s: no test '%s' (see --list)\n", argv[0], argv[a]);
			return 2;
		}
	}
	for (m = 0; m < NR_MODULES; m++) {
		for (i = 0; i < modules[m]->nr; i++) {
			const struct unit_test *t = &modules[m]->tests[i];
			bool wanted = argc == 1;

			for (a = 1; a < argc && !wanted; a++)
				wanted = matches(t, argv[a]);
			if (!wanted)
				continue;
			run++;
			if (!run_one(t))
				failed++;
		}
	}
	printf("%u test(s), %u failed\n", run, failed);
	return failed ? 1 : 0;
}
