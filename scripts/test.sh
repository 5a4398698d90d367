#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The whole test suite: the source checks (clang-format-14 --dry-run
# -Werror on every C file and header, shellcheck on every shell script),
# a -Werror build with every test (unit, e2e and the kernel-scale checks on
# Debian 12's and 13's cloud kernels, fetched and cached by
# scripts/fetch-kernel.sh), then an ASan+UBSan build running the fast tests,
# then the fuzzers (clang, libFuzzer) for a bounded time
# (D2B_FUZZ_SECONDS per fuzzer, default 60).
#
# usage: scripts/test.sh [--quick]   (--quick: no kernel tests, no sanitizer build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
quick=0
[ "${1:-}" = "--quick" ] && quick=1
jobs=$(nproc)

# formatting (.clang-format) and shell scripts: both must report nothing
srcs=$(cd "$top" && find . -path './build*' -prune -o -path './.git' -prune -o \
	\( -name '*.c' -o -name '*.h' \) -print | sort)
(cd "$top" && printf '%s\n' "$srcs" | xargs clang-format-14 --dry-run -Werror)
scripts=$(cd "$top" && find . -path './build*' -prune -o -path './.git' -prune -o \
	-name '*.sh' -print | sort)
(cd "$top" && printf '%s\n' "$scripts" .ci/run | xargs shellcheck)

cmake -S "$top" -B "$top/build-test" -DDEVELOPER=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$top/build-test" -j "$jobs"
if [ "$quick" = 1 ]; then
	(cd "$top/build-test" && ctest -j "$jobs" -LE kernel --output-on-failure)
	exit 0
fi
"$top/scripts/fetch-kernel.sh" > /dev/null
"$top/scripts/fetch-kernel.sh" --series 6.12 > /dev/null
(cd "$top/build-test" && ctest -j "$jobs" -LE kernel --output-on-failure)
(cd "$top/build-test" && ctest -L kernel --output-on-failure)

cmake -S "$top" -B "$top/build-asan" -DDEVELOPER=ON -DCMAKE_BUILD_TYPE=Debug \
	-DSANITIZE=address,undefined > /dev/null
cmake --build "$top/build-asan" -j "$jobs"
(cd "$top/build-asan" && ASAN_OPTIONS=detect_leaks=1 ctest -j "$jobs" -LE kernel --output-on-failure)

CC=clang cmake -S "$top" -B "$top/build-fuzz" -DFUZZ=ON -DD2B_TESTS=ON \
	-DSANITIZE=address,undefined -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$top/build-fuzz" -j "$jobs" --target fuzz_elf fuzz_base fuzz_verify
"$top/tests/fuzz/run.sh" "$top/build-fuzz" "${D2B_FUZZ_SECONDS:-60}"
