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
	li	t0, 40
	fmv.x.d	t1, f0
	bnez	t1, 1f
	li	t0, 41
	fmv.x.d	t1, f1
	bnez	t1, 1f
	li	t0, 42
	fmv.x.d	t1, f2
	bnez	t1, 1f
	li	t0, 43
	fmv.x.d	t1, f3
	bnez	t1, 1f
	li	t0, 44
	fmv.x.d	t1, f4
	bnez	t1, 1f
	li	t0, 45
	fmv.x.d	t1, f5
	bnez	t1, 1f
	li	t0, 46
	fmv.x.d	t1, f6
	bnez	t1, 1f
	li	t0, 47
	fmv.x.d	t1, f7
	bnez	t1, 1f
	li	t0, 48
	fmv.x.d	t1, f8
	bnez	t1, 1f
	li	t0, 49
	fmv.x.d	t1, f9
	bnez	t1, 1f
	li	t0, 50
	fmv.x.d	t1, f10
	bnez	t1, 1f
	li	t0, 51
	fmv.x.d	t1, f11
	bnez	t1, 1f
	li	t0, 52
	fmv.x.d	t1, f12
	bnez	t1, 1f
	li	t0, 53
	fmv.x.d	t1, f13
	bnez	t1, 1f
	li	t0, 54
	fmv.x.d	t1, f14
	bnez	t1, 1f
	li	t0, 55
	fmv.x.d	t1, f15
	bnez	t1, 1f
	li	t0, 56
	fmv.x.d	t1, f16
	bnez	t1, 1f
	li	t0, 57
	fmv.x.d	t1, f17
	bnez	t1, 1f
	li	t0, 58
	fmv.x.d	t1, f18
	bnez	t1, 1f
	li	t0, 59
	fmv.x.d	t1, f19
	bnez	t1, 1f
	li	t0, 60
	fmv.x.d	t1, f20
	bnez	t1, 1f
	li	t0, 61
	fmv.x.d	t1, f21
	bnez	t1, 1f
	li	t0, 62
	fmv.x.d	t1, f22
	bnez	t1, 1f
	li	t0, 63
	fmv.x.d	t1, f23
	bnez	t1, 1f
	li	t0, 64
	fmv.x.d	t1, f24
	bnez	t1, 1f
	li	t0, 65
	fmv.x.d	t1, f25
	bnez	t1, 1f
	li	t0, 66
	fmv.x.d	t1, f26
	bnez	t1, 1f
	li	t0, 67
	fmv.x.d	t1, f27
	bnez	t1, 1f
	li	t0, 68
	fmv.x.d	t1, f28
	bnez	t1, 1f
	li	t0, 69
	fmv.x.d	t1, f29
	bnez	t1, 1f
	li	t0, 70
	fmv.x.d	t1, f30
	bnez	t1, 1f
	li	t0, 71
	fmv.x.d	t1, f31
	bnez	t1, 1f
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
