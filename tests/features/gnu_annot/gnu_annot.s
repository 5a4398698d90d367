# SPDX-License-Identifier: GPL-2.0-only
# gcc 16's btf_decl_tag/btf_type_tag, written by hand (gcc 12 cannot emit
# them): DW_TAG_GNU_annotation DIEs (0x6001) at the top level of the unit,
# reached from the annotated DIE through DW_AT_GNU_annotation (0x2139) and
# chained the same way. Source equivalent in the comments of .debug_info.
	.text
	.globl	f
	.type	f, @function
f:
	movl	%edi, %eax
	ret
	.size	f, .-f
.Lf_end:

	.section	.debug_abbrev,"",@progbits
.Labbrev:
	.uleb128 1		# compile_unit
	.uleb128 0x11
	.byte	1
	.uleb128 0x25		# producer
	.uleb128 0x8		# string
	.uleb128 0x13		# language
	.uleb128 0xb		# data1
	.uleb128 0x3		# name
	.uleb128 0x8
	.byte	0, 0
	.uleb128 2		# base_type
	.uleb128 0x24
	.byte	0
	.uleb128 0xb		# byte_size
	.uleb128 0xb
	.uleb128 0x3e		# encoding
	.uleb128 0xb
	.uleb128 0x3
	.uleb128 0x8
	.byte	0, 0
	.uleb128 3		# structure_type, annotated
	.uleb128 0x13
	.byte	1
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0xb
	.uleb128 0xb
	.uleb128 0x2139		# DW_AT_GNU_annotation
	.uleb128 0x13		# ref4
	.byte	0, 0
	.uleb128 4		# member, annotated
	.uleb128 0xd
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x49		# type
	.uleb128 0x13
	.uleb128 0x38		# data_member_location
	.uleb128 0xb
	.uleb128 0x2139
	.uleb128 0x13
	.byte	0, 0
	.uleb128 5		# pointer_type, annotated
	.uleb128 0xf
	.byte	0
	.uleb128 0xb
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x2139
	.uleb128 0x13
	.byte	0, 0
	.uleb128 6		# GNU_annotation, chained on
	.uleb128 0x6001
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x1c		# const_value
	.uleb128 0x8
	.uleb128 0x2139
	.uleb128 0x13
	.byte	0, 0
	.uleb128 7		# GNU_annotation, end of a chain
	.uleb128 0x6001
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x1c
	.uleb128 0x8
	.byte	0, 0
	.uleb128 8		# subprogram, annotated
	.uleb128 0x2e
	.byte	1
	.uleb128 0x3f		# external
	.uleb128 0x19		# flag_present
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x27		# prototyped
	.uleb128 0x19
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x11		# low_pc
	.uleb128 0x1		# addr
	.uleb128 0x12		# high_pc
	.uleb128 0x7		# data8
	.uleb128 0x2139
	.uleb128 0x13
	.byte	0, 0
	.uleb128 9		# formal_parameter, annotated
	.uleb128 0x5
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x2139
	.uleb128 0x13
	.byte	0, 0
	.uleb128 10		# member, plain
	.uleb128 0xd
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x38
	.uleb128 0xb
	.byte	0, 0
	.byte	0

	.section	.debug_info,"",@progbits
.Lcu:
	.long	.Lcu_end - .Lcu_start
.Lcu_start:
	.value	5		# DWARF 5
	.byte	1		# DW_UT_compile
	.byte	8
	.long	.Labbrev
	.uleb128 1
	.string	"GNU C17 16.0.0 (hand-assembled)"
	.byte	0x1d		# DW_LANG_C11
	.string	"gnu_annot.c"
.Lint:
	.uleb128 2
	.byte	4, 5
	.string	"int"
	/* struct S __tag("s1") __tag("s2") { int a __tag("m1"); int *p; int b; } */
.LS:
	.uleb128 3
	.string	"S"
	.byte	24
	.long	.Las1 - .Lcu
	.uleb128 4
	.string	"a"
	.long	.Lint - .Lcu
	.byte	0
	.long	.Lam1 - .Lcu
	.uleb128 4
	.string	"p"
	.long	.Lptr - .Lcu
	.byte	8
	.long	.Lax - .Lcu
	.uleb128 10
	.string	"b"
	.long	.Lint - .Lcu
	.byte	16
	.byte	0
	/* int __tag("user") __tag("rcu") *: PTR -> 'rcu' -> 'user' -> int */
.Lptr:
	.uleb128 5
	.byte	8
	.long	.Lint - .Lcu
	.long	.Latt1 - .Lcu
	/* int f(int x __tag("x1")) __tag("f1") */
	.uleb128 8
	.string	"f"
	.long	.Lint - .Lcu
	.quad	f
	.quad	.Lf_end - f
	.long	.Laf1 - .Lcu
	.uleb128 9
	.string	"x"
	.long	.Lint - .Lcu
	.long	.Lax1 - .Lcu
	.byte	0
	/* the annotations, at the top level as gcc puts them */
.Las1:
	.uleb128 6
	.string	"btf_decl_tag"
	.string	"s1"
	.long	.Las2 - .Lcu
.Las2:
	.uleb128 7
	.string	"btf_decl_tag"
	.string	"s2"
.Lam1:
	.uleb128 7
	.string	"btf_decl_tag"
	.string	"m1"
.Latt1:
	.uleb128 6
	.string	"btf_type_tag"
	.string	"rcu"
	.long	.Latt2 - .Lcu
.Latt2:
	.uleb128 7
	.string	"btf_type_tag"
	.string	"user"
	/* a type tag on a member: not a decl tag, nothing for the member */
.Lax:
	.uleb128 7
	.string	"btf_type_tag"
	.string	"ignored"
.Laf1:
	.uleb128 7
	.string	"btf_decl_tag"
	.string	"f1"
.Lax1:
	.uleb128 7
	.string	"btf_decl_tag"
	.string	"x1"
	.byte	0
.Lcu_end:
	.section	.note.GNU-stack,"",@progbits
