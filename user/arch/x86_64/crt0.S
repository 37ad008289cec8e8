/* SPDX-License-Identifier: MIT */
/*
 * x86_64 program start. The kernel enters _start with RSP pointing at the start block the
 * System V ABI (and Linux) lays out at the top of the user stack:
 *
 *   RSP + 0                argc
 *   RSP + 8                argv[0] ... argv[argc - 1], then a NULL
 *   after it               envp[0] ... , then a NULL (none yet: just the NULL)
 *
 * RSP is 16-byte aligned here. The other registers hold nothing useful (the kernel clears
 * them, so that no kernel value leaks into user mode).
 */
	.section .text.start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	xor	%ebp, %ebp		/* frame pointer 0: a backtrace stops here */
	mov	(%rsp), %rdi		/* main's 1st argument: argc */
	lea	8(%rsp), %rsi		/* 2nd: argv, right above argc */
	lea	8(%rsi,%rdi,8), %rdx	/* 3rd: envp, after argv's NULL */
	and	$-16, %rsp		/* the ABI wants RSP 16-aligned at every call */
	call	main
	mov	%eax, %edi		/* main's return value is the exit status */
	call	exit			/* never returns */
	ud2				/* (and if it did, stop here with an illegal instruction) */
	.size	_start, . - _start
