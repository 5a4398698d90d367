// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * e2e input (clang only: gcc 12 ignores these attributes): btf_type_tag on
 * pointee types and btf_decl_tag on a struct, a member, a function, a
 * parameter, a typedef and a global variable. By default only per-CPU
 * variables become VARs, so the variable's decl tag has nothing to attach to
 * and must not appear.
 */

#define __tag_user __attribute__((btf_type_tag("user")))
#define __tag_rcu __attribute__((btf_type_tag("rcu")))
#define __decl(x) __attribute__((btf_decl_tag(x)))

struct __decl("s_tag") tag_s
{
	int __tag_user *up __decl("m_tag");
	int __tag_user __tag_rcu *both;
	int plain;
};

typedef int __decl("td_tag") tag_int;
typedef struct tag_s __tag_rcu *tag_rcu_ptr;

int tag_global __decl("v_tag");
tag_int tag_int_var;
tag_rcu_ptr tag_rcu_var;

int __decl("f_tag") tag_func(struct tag_s *s __decl("p_tag"), int n)
{
	return *s->up + n + tag_global;
}
