/* SPDX-License-Identifier: MIT */
/* x86_64 helpers of /bin/utest and /bin/crash: things C cannot say. */
#include "../../../include/uapi/syscall.h"

	.text
/*
 * long regs_preserved(void): loads a distinct value into every register a system call must
 * preserve, makes one (getpid), and returns 0 if they all came back, else the position (1-12)
 * of the first one that changed. rax (the result), rcx and r11 (SYSCALL's return rip and rflags,
 * lost by the instruction itself, as on Linux) are the only ones allowed to change.
 */
	.globl	regs_preserved
regs_preserved:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	movabs	$0x1111111111111111, %rbx
	movabs	$0x2222222222222222, %rdx
	movabs	$0x3333333333333333, %rsi
	movabs	$0x4444444444444444, %rdi
	movabs	$0x5555555555555555, %rbp
	movabs	$0x6666666666666666, %r8
	movabs	$0x7777777777777777, %r9
	movabs	$0x8888888888888888, %r10
	movabs	$0x9999999999999999, %r12
	movabs	$0xaaaaaaaaaaaaaaaa, %r13
	movabs	$0xbbbbbbbbbbbbbbbb, %r14
	movabs	$0xcccccccccccccccc, %r15
	mov	$SYS_getpid, %eax
	syscall
	mov	$1, %eax
	movabs	$0x1111111111111111, %rcx
	cmp	%rcx, %rbx
	jne	1f
	inc	%eax
	movabs	$0x2222222222222222, %rcx
	cmp	%rcx, %rdx
	jne	1f
	inc	%eax
	movabs	$0x3333333333333333, %rcx
	cmp	%rcx, %rsi
	jne	1f
	inc	%eax
	movabs	$0x4444444444444444, %rcx
	cmp	%rcx, %rdi
	jne	1f
	inc	%eax
	movabs	$0x5555555555555555, %rcx
	cmp	%rcx, %rbp
	jne	1f
	inc	%eax
	movabs	$0x6666666666666666, %rcx
	cmp	%rcx, %r8
	jne	1f
	inc	%eax
	movabs	$0x7777777777777777, %rcx
	cmp	%rcx, %r9
	jne	1f
	inc	%eax
	movabs	$0x8888888888888888, %rcx
	cmp	%rcx, %r10
	jne	1f
	inc	%eax
	movabs	$0x9999999999999999, %rcx
	cmp	%rcx, %r12
	jne	1f
	inc	%eax
	movabs	$0xaaaaaaaaaaaaaaaa, %rcx
	cmp	%rcx, %r13
	jne	1f
	inc	%eax
	movabs	$0xbbbbbbbbbbbbbbbb, %rcx
	cmp	%rcx, %r14
	jne	1f
	inc	%eax
	movabs	$0xcccccccccccccccc, %rcx
	cmp	%rcx, %r15
	jne	1f
	xor	%eax, %eax
1:	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.globl	do_illegal, do_breakpoint
do_illegal:
	ud2
	ret
do_breakpoint:
	int3
	ret
