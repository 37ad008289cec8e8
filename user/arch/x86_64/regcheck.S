/* SPDX-License-Identifier: MIT */
/* x86_64 helpers of /bin/utest and /bin/crash: things C cannot say. */
#include "../../../include/uapi/syscall.h"

#define X86_RFLAGS_NT_BIT  (1 << 14) /* RFLAGS.NT, nested task */
#define USER32_CS_SELECTOR 0x1b	     /* GDT entry 3, the 32-bit user code segment, RPL 3 */

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

/* The helpers of /bin/misuse (user/bin/misuse.c). */

/* long rflags_nt(long on): sets (on = 1) or clears (on = 0) RFLAGS.NT, the nested-task flag any
 * program may set with popfq; returns whether NT was set before. The kernel must never run with
 * a user's NT (an IRETQ in ring 0 with NT set takes #GP): x86_64 only, -1 elsewhere. */
	.globl	rflags_nt
rflags_nt:
	pushfq
	mov	(%rsp), %rax
	andq	$~X86_RFLAGS_NT_BIT, (%rsp)
	test	%rdi, %rdi
	jz	1f
	orq	$X86_RFLAGS_NT_BIT, (%rsp)
1:	popfq
	shr	$14, %rax
	and	$1, %eax
	ret

/* void compat_syscall(void): far jump into the 32-bit user code segment (GDT 0x18, RPL 3),
 * then SYSCALL from compatibility mode. The kernel kills the program (x86_64 only; elsewhere
 * a no-op that returns). A far jump through a m16:32 pointer, not a far return: QEMU 7.2 pops
 * a far return's frame as a supervisor access, which SMAP (-cpu max) refuses on a user
 * stack. The code is below 4 GiB, so its address fits the 32-bit offset. */
	.globl	compat_syscall
compat_syscall:
	sub	$16, %rsp
	lea	1f(%rip), %rax
	movl	%eax, (%rsp)
	movw	$USER32_CS_SELECTOR, 4(%rsp)
	ljmpl	*(%rsp)
	.code32
1:	syscall
	ud2
	.code64

/*
 * The FP/SIMD registers of /bin/fpu (user/bin/fpu.c, docs/fpu.md). Register i gets
 * seed + (i + 1) * 0x10001 in both its halves (xmm0-xmm15), and MXCSR a rounding mode that
 * depends on the seed's low bit (round toward zero if odd, down if even); nothing else is
 * touched, so the values survive until the kernel (or another process) changes them.
 *
 * void fp_fill(unsigned long seed); long fp_check(unsigned long seed): 0 if every register
 * still holds its value, else 1 + the first one that does not (17 for MXCSR);
 * long fp_hold(unsigned long seed, unsigned long rounds): fills, then checks rounds times
 * (the result of the first failed check, else 0); long fp_syscall_keeps(unsigned long seed,
 * long nr): fills, makes system call nr (no arguments), checks.
 */
	.globl	fp_fill
fp_fill:
	mov	%rdi, %rax
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	add	$0x10001, %rax
	movq	%rax, %xmm\i
	punpcklqdq %xmm\i, %xmm\i
	.endr
	mov	$0x3f80, %eax		/* MXCSR: every exception masked, round down */
	test	$1, %dil
	jz	1f
	mov	$0x7f80, %eax		/* round toward zero */
1:	mov	%eax, -4(%rsp)
	ldmxcsr	-4(%rsp)
	ret

	.globl	fp_check
fp_check:
	mov	%rdi, %rdx
	mov	$1, %eax
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	add	$0x10001, %rdx
	movdqu	%xmm\i, -16(%rsp)
	cmp	-16(%rsp), %rdx
	jne	2f
	cmp	-8(%rsp), %rdx
	jne	2f
	inc	%eax
	.endr
	stmxcsr	-4(%rsp)
	mov	$0x3f80, %edx
	test	$1, %dil
	jz	1f
	mov	$0x7f80, %edx
1:	cmp	-4(%rsp), %edx
	jne	2f
	xor	%eax, %eax
2:	ret

	.globl	fp_hold
fp_hold:
	push	%rbx
	push	%r12
	sub	$8, %rsp		/* 16-byte aligned for the calls */
	mov	%rdi, %rbx
	mov	%rsi, %r12
	call	fp_fill
1:	mov	%rbx, %rdi
	call	fp_check
	test	%rax, %rax
	jnz	2f
	dec	%r12
	jnz	1b
2:	add	$8, %rsp
	pop	%r12
	pop	%rbx
	ret

	.globl	fp_syscall_keeps
fp_syscall_keeps:
	push	%rbx
	push	%r12
	sub	$8, %rsp
	mov	%rdi, %rbx
	mov	%rsi, %r12
	call	fp_fill
	mov	%r12, %rax
	syscall
	mov	%rbx, %rdi
	call	fp_check
	add	$8, %rsp
	pop	%r12
	pop	%rbx
	ret
