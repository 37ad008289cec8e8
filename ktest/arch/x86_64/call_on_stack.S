/* SPDX-License-Identifier: MIT */
/* A test-only helper of ktest/arch/x86_64/ist_tests.c, linked only into kernels with tests. */

	.text
/*
 * unsigned long call_on_stack(void *stack_top, unsigned long (*fn)(unsigned long), unsigned long
 * arg): runs fn(arg) with RSP = stack_top, then returns to the caller's stack with fn's result.
 * The caller's RSP is kept in rbx (callee-saved, so fn leaves it alone) and a frame record on the
 * new stack lets a backtrace walk back to the caller.
 */
	.globl	call_on_stack
call_on_stack:
	push	%rbp
	mov	%rsp, %rbp
	push	%rbx
	sub	$8, %rsp		/* keep 16-byte alignment */
	mov	%rsp, %rbx
	mov	%rdi, %rsp		/* the new stack */
	push	8(%rbp)			/* frame record: our return address... */
	push	%rbp			/* ...and our frame */
	mov	%rsp, %rbp
	mov	%rsi, %rax
	mov	%rdx, %rdi
	call	*%rax
	mov	%rbx, %rsp		/* back to the caller's stack */
	add	$8, %rsp
	pop	%rbx
	pop	%rbp
	ret
