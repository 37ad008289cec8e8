/* SPDX-License-Identifier: MIT */
/*
 * /bin/entryregs (riscv64): the whole program. At the first user instruction every register
 * except sp and a0/a1 (argc, argv) must be 0: a kernel value left in one (tp, say, which
 * holds the current task in the kernel) would leak kernel addresses to user mode. Exits 0 if so,
 * else the position of the first nonzero register. t0 is checked first, then counts.
 */
#include "../../../include/uapi/syscall.h"

	.text
	.globl	_start
_start:
	bnez	t0, 2f
	li	t0, 1
	bnez	ra, 1f
	li	t0, 2
	bnez	gp, 1f
	li	t0, 3
	bnez	tp, 1f
	li	t0, 5
	bnez	t1, 1f
	li	t0, 6
	bnez	t2, 1f
	li	t0, 7
	bnez	s0, 1f
	li	t0, 8
	bnez	s1, 1f
	li	t0, 9
	bnez	a2, 1f
	li	t0, 10
	bnez	a3, 1f
	li	t0, 11
	bnez	a4, 1f
	li	t0, 12
	bnez	a5, 1f
	li	t0, 13
	bnez	a6, 1f
	li	t0, 14
	bnez	a7, 1f
	li	t0, 15
	bnez	s2, 1f
	li	t0, 16
	bnez	s3, 1f
	li	t0, 17
	bnez	s4, 1f
	li	t0, 18
	bnez	s5, 1f
	li	t0, 19
	bnez	s6, 1f
	li	t0, 20
	bnez	s7, 1f
	li	t0, 21
	bnez	s8, 1f
	li	t0, 22
	bnez	s9, 1f
	li	t0, 23
	bnez	s10, 1f
	li	t0, 24
	bnez	s11, 1f
	li	t0, 25
	bnez	t3, 1f
	li	t0, 26
	bnez	t4, 1f
	li	t0, 27
	bnez	t5, 1f
	li	t0, 28
	bnez	t6, 1f
	/* The FP registers (positions 40 on): f0-f31 0, fcsr 0. */
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li	t0, 40 + \i
	fmv.x.d	t1, f\i
	bnez	t1, 1f
	.endr
	li	t0, 72
	frcsr	t1
	bnez	t1, 1f
	li	t0, 0
	j	1f
2:	li	t0, 4
1:	mv	a0, t0
	li	a7, SYS_exit
	ecall
	unimp
