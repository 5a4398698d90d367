// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input: types that are only declared, never defined, in this unit: a
 * struct and a union (BTF FWD, kind struct or union) and an enum (an ENUM
 * with no values, as pahole writes it), plus a struct used through a pointer
 * before its definition, which must be a full STRUCT.
 */

struct fd_opaque;
union fd_opaque_u;
enum fd_opaque_e;
struct fd_later;

struct fd_user {
	struct fd_opaque *o;
	union fd_opaque_u *u;
	enum fd_opaque_e *e;
	struct fd_later *later;
};

struct fd_later {
	int defined;
};

struct fd_user fd_user_var;
struct fd_opaque *fd_opaque_ptr;
/* without a use by value, clang -target bpf writes fd_later as a FWD */
struct fd_later fd_later_var;
