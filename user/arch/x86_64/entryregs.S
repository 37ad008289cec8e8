/* SPDX-License-Identifier: MIT */
/*
 * /bin/entryregs (x86_64): the whole program. At the first user instruction every general
 * register except rsp (the stack) and rdi/rsi (argc, argv) must be 0: a kernel value left in one
 * would leak the kernel's secrets (addresses) to user mode. Exits 0 if so, else the position of
 * the first nonzero register.
 */
#include "../../../include/uapi/syscall.h"

	.text
	.globl	_start
_start:
	mov	$1, %edi
	test	%rax, %rax
	jnz	1f
	inc	%edi
	test	%rbx, %rbx
	jnz	1f
	inc	%edi
	test	%rcx, %rcx
	jnz	1f
	inc	%edi
	test	%rdx, %rdx
	jnz	1f
	inc	%edi
	test	%rbp, %rbp
	jnz	1f
	inc	%edi
	test	%r8, %r8
	jnz	1f
	inc	%edi
	test	%r9, %r9
	jnz	1f
	inc	%edi
	test	%r10, %r10
	jnz	1f
	inc	%edi
	test	%r11, %r11
	jnz	1f
	inc	%edi
	test	%r12, %r12
	jnz	1f
	inc	%edi
	test	%r13, %r13
	jnz	1f
	inc	%edi
	test	%r14, %r14
	jnz	1f
	inc	%edi
	test	%r15, %r15
	jnz	1f
	xor	%edi, %edi
1:	mov	$SYS_exit, %eax
	syscall
	ud2
