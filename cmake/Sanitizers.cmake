# SPDX-License-Identifier: GPL-2.0-only
# -DSANITIZE=address,undefined instruments every target of the project.
if(SANITIZE)
	add_compile_options(-fsanitize=${SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
	add_link_options(-fsanitize=${SANITIZE})
endif()
