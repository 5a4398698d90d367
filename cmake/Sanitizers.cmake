# SPDX-License-Identifier: GPL-2.0-only
# -DSANITIZE=address,undefined instruments every target of the project.
if(SANITIZE)
	add_compile_options(-fsanitize=${SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
	add_link_options(-fsanitize=${SANITIZE})
endif()

# -DFUZZ=ON (clang only) builds the libFuzzer harnesses of tests/fuzz; every
# target gets libFuzzer's coverage instrumentation. Combine with
# -DSANITIZE=address,undefined.
option(FUZZ "build the libFuzzer harnesses (clang only)" OFF)
if(FUZZ)
	if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
		message(FATAL_ERROR "-DFUZZ=ON needs clang: configure with CC=clang")
	endif()
	add_compile_options(-fsanitize=fuzzer-no-link)
endif()
