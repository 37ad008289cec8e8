/* SPDX-License-Identifier: MIT */
/*
 * /bin/entryregs (x86_64): the whole program. At the first user instruction every general
 * register except rsp (the stack) and rdi/rsi (argc, argv) must be 0: a kernel value left in one
 * would leak the kernel's secrets (addresses) to user mode; and every FP/SIMD register must be 0
 * and the control registers at their reset values: nothing may come from the program before.
 * Exits 0 if so, else the position of the first register that is not.
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
	/* The FP/SIMD registers (positions 40 on): xmm0-xmm15 0, MXCSR and the x87 control word
	 * at their reset values. Nothing may survive from the program that ran before. */
	mov	$40, %edi
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	%xmm\i, -16(%rsp)
	mov	-16(%rsp), %rax
	or	-8(%rsp), %rax
	jnz	1f
	inc	%edi
	.endr
	stmxcsr	-4(%rsp)
	cmpl	$0x1f80, -4(%rsp)
	jne	1f
	inc	%edi
	fnstcw	-2(%rsp)
	cmpw	$0x37f, -2(%rsp)
	jne	1f
	xor	%edi, %edi
1:	mov	$SYS_exit, %eax
	syscall
	ud2
