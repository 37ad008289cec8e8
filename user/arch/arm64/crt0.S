/* SPDX-License-Identifier: MIT */
/*
 * arm64 program start. The kernel enters _start at EL0 with SP (SP_EL0) pointing at the start
 * block the AArch64 ABI (and Linux) lays out at the top of the user stack:
 *
 *   SP + 0                 argc
 *   SP + 8                 argv[0] ... argv[argc - 1], then a NULL
 *   after it               envp[0] ... , then a NULL (none yet: just the NULL)
 *
 * SP is 16-byte aligned, as AArch64 requires of every SP used for an access. The other
 * registers hold nothing useful (the kernel clears them).
 */
	.section .text.start, "ax"
	.globl	_start
	.type	_start, %function
_start:
	mov	x29, #0			/* frame pointer 0: a backtrace stops here */
	mov	x30, #0			/* no return address */
	ldr	x0, [sp]		/* main's 1st argument: argc */
	add	x1, sp, #8		/* 2nd: argv, right above argc */
	add	x2, x1, x0, lsl #3	/* 3rd: envp = &argv[argc] + 1, after argv's NULL */
	add	x2, x2, #8
	bl	main
	bl	exit			/* main's return value, still in w0, is the exit status */
	udf	#0			/* exit never returns; if it did, stop here */
	.size	_start, . - _start
