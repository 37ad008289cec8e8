/* SPDX-License-Identifier: MIT */
/*
 * riscv64 program start. The kernel enters _start in U-mode with sp pointing at the start
 * block the RISC-V psABI (and Linux) lays out at the top of the user stack:
 *
 *   sp + 0                 argc
 *   sp + 8                 argv[0] ... argv[argc - 1], then a NULL
 *   after it               envp[0] ... , then a NULL (none yet: just the NULL)
 *
 * sp is 16-byte aligned. The other registers hold nothing useful (the kernel clears them).
 * The programs define no __global_pointer$, so the linker never relaxes accesses against gp
 * and gp needs no setting up.
 */
	.section .text.start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	li	s0, 0			/* frame pointer 0: a backtrace stops here */
	li	ra, 0			/* no return address */
	ld	a0, 0(sp)		/* main's 1st argument: argc */
	addi	a1, sp, 8		/* 2nd: argv, right above argc */
	slli	a2, a0, 3		/* 3rd: envp = &argv[argc] + 1, after argv's NULL */
	add	a2, a2, a1
	addi	a2, a2, 8
	andi	sp, sp, -16		/* the psABI wants sp 16-aligned at every call */
	call	main
	call	exit			/* main's return value, still in a0, is the exit status */
	unimp				/* exit never returns; if it did, stop here */
	.size	_start, . - _start
