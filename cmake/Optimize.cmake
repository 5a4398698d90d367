# SPDX-License-Identifier: GPL-2.0-only
# Optimized builds (Release, RelWithDebInfo): -O3 and link-time
# optimization where the toolchain supports it. The hot paths cross files
# (the DIE decoder in dwarves/dwarf_abbrev.c is called from dwarf_die.c and
# the loader; the ordered stage's hashing from btf/), and the two together
# took a 6.1 vmlinux at -j1 from 2.37 s to 2.14 s of CPU with gcc 12
# (-O3 alone 2.29 s, LTO alone 2.30 s); see docs/design.md.
# -DD2B_LTO=OFF turns link-time optimization off; sanitizer and fuzzing
# builds never use it.
option(D2B_LTO "link-time optimization in optimized builds" ON)

if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo)$")
	foreach(cfg RELEASE RELWITHDEBINFO)
		string(REGEX REPLACE "-O[0-9s]" "-O3" CMAKE_C_FLAGS_${cfg} "${CMAKE_C_FLAGS_${cfg}}")
	endforeach()
	if(D2B_LTO AND NOT SANITIZE AND NOT FUZZ)
		include(CheckIPOSupported)
		check_ipo_supported(RESULT d2b_ipo OUTPUT d2b_ipo_why LANGUAGES C)
		if(d2b_ipo)
			set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)
		else()
			message(STATUS "link-time optimization not supported: ${d2b_ipo_why}")
		endif()
	endif()
endif()
