/* SPDX-License-Identifier: GPL-2.0-only */
/* an assembly routine: DWARF names it and its address, nothing about arguments */
	.text
	.globl	f_asm
	.type	f_asm, @function
f_asm:
	leaq	1(%rdi), %rax
	ret
	.size	f_asm, .-f_asm
	.section .note.GNU-stack,"",@progbits
