# SPDX-License-Identifier: GPL-2.0-only
# d2b_warnings(target): the project's warning set; -Werror only with -DDEVELOPER=ON.
function(d2b_warnings target)
	target_compile_options(${target} PRIVATE
		-Wall -Wextra -Wformat=2 -Wshadow -Wpointer-arith -Wstrict-prototypes
		-Wmissing-prototypes -Wundef -Wvla -Wno-unused-parameter
		-Wno-missing-field-initializers)
	if(DEVELOPER)
		target_compile_options(${target} PRIVATE -Werror)
	endif()
	target_compile_definitions(${target} PRIVATE _GNU_SOURCE _FILE_OFFSET_BITS=64)
endfunction()
