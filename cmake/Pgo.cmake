# SPDX-License-Identifier: GPL-2.0-only
# Profile-guided optimization (gcc 11 or newer, optimized builds): a first,
# instrumented build of dwarf2btf (the "pgo" sub-build, without LTO) runs
# cmake/pgo-train.sh on its own debug info, and the libraries and tools of
# this build are compiled with the counts it wrote. The hot paths are
# branchy decoding and hashing, where the counts steer inlining and block
# layout: a 6.1 vmlinux at -j1 went from 2.29 s to 2.21 s of CPU on top of
# -O3 and LTO (docs/design.md). The training run is single-threaded, so the
# profile does not depend on scheduling. -DD2B_PGO=OFF builds in one pass;
# sanitizer, fuzzing and clang builds never use it.
option(D2B_PGO "profile-guided optimization in optimized gcc builds" ON)

set(d2b_pgo OFF)
if(D2B_PGO AND NOT D2B_PGO_STAGE AND NOT SANITIZE AND NOT FUZZ
   AND CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo)$")
	if(NOT CMAKE_C_COMPILER_ID STREQUAL "GNU" OR CMAKE_C_COMPILER_VERSION VERSION_LESS 11)
		message(STATUS "profile-guided optimization needs gcc 11 or newer: off")
	else()
		set(d2b_pgo ON)
	endif()
endif()

if(d2b_pgo)
	include(ExternalProject)
	cmake_host_system_information(RESULT d2b_ncpu QUERY NUMBER_OF_LOGICAL_CORES)
	set(D2B_PGO_BUILD ${CMAKE_BINARY_DIR}/pgo/build)
	set(D2B_PGO_DATA ${CMAKE_BINARY_DIR}/pgo/data)
	# object paths are named relative to their build directory, so that the
	# sub-build's counts are found for this build's objects
	ExternalProject_Add(pgo_train
		SOURCE_DIR ${CMAKE_SOURCE_DIR}
		BINARY_DIR ${D2B_PGO_BUILD}
		CMAKE_ARGS
			-DCMAKE_BUILD_TYPE=RelWithDebInfo
			-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
			-DCMAKE_PREFIX_PATH=${CMAKE_PREFIX_PATH}
			-DD2B_PGO_STAGE=ON -DD2B_LTO=OFF -DD2B_TESTS=OFF
			"-DCMAKE_C_FLAGS=-fprofile-generate -fprofile-update=atomic -fprofile-dir=${D2B_PGO_DATA} -fprofile-prefix-path=${D2B_PGO_BUILD}"
		BUILD_COMMAND ${CMAKE_COMMAND} --build ${D2B_PGO_BUILD} --target dwarf2btf
			--parallel ${d2b_ncpu}
		INSTALL_COMMAND ${CMAKE_SOURCE_DIR}/cmake/pgo-train.sh
			${D2B_PGO_BUILD}/tools/dwarf2btf ${D2B_PGO_DATA} ${CMAKE_BINARY_DIR}/pgo/work
		BUILD_ALWAYS ON)
endif()

# d2b_pgo_use(targets...): compile them with the training's counts (after it)
function(d2b_pgo_use)
	if(NOT d2b_pgo)
		return()
	endif()
	foreach(target ${ARGN})
		add_dependencies(${target} pgo_train)
		# -fprofile-partial-training: what the training did not run stays
		# optimized as without a profile; a stale count is a warning only
		target_compile_options(${target} PRIVATE -fprofile-use -fprofile-partial-training
			-fprofile-dir=${D2B_PGO_DATA} -fprofile-prefix-path=${CMAKE_BINARY_DIR}
			-Wno-missing-profile -Wno-error=coverage-mismatch)
	endforeach()
endfunction()
