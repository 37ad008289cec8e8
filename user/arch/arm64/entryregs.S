/* SPDX-License-Identifier: MIT */
/*
 * /bin/entryregs (arm64): the whole program. At the first user instruction every general
 * register except sp and x0/x1 (argc, argv) must be 0: a kernel value left in one would leak
 * kernel addresses to user mode. Exits 0 if so, else the number of the first nonzero register.
 * x9 is checked first, then serves to hold the number of the register being checked.
 */
#include "../../../include/uapi/syscall.h"

	.text
	.globl	_start
_start:
	cbnz	x9, 2f
	mov	x9, #2
	cbnz	x2, 1f
	mov	x9, #3
	cbnz	x3, 1f
	mov	x9, #4
	cbnz	x4, 1f
	mov	x9, #5
	cbnz	x5, 1f
	mov	x9, #6
	cbnz	x6, 1f
	mov	x9, #7
	cbnz	x7, 1f
	mov	x9, #8
	cbnz	x8, 1f
	mov	x9, #10
	cbnz	x10, 1f
	mov	x9, #11
	cbnz	x11, 1f
	mov	x9, #12
	cbnz	x12, 1f
	mov	x9, #13
	cbnz	x13, 1f
	mov	x9, #14
	cbnz	x14, 1f
	mov	x9, #15
	cbnz	x15, 1f
	mov	x9, #16
	cbnz	x16, 1f
	mov	x9, #17
	cbnz	x17, 1f
	mov	x9, #18
	cbnz	x18, 1f
	mov	x9, #19
	cbnz	x19, 1f
	mov	x9, #20
	cbnz	x20, 1f
	mov	x9, #21
	cbnz	x21, 1f
	mov	x9, #22
	cbnz	x22, 1f
	mov	x9, #23
	cbnz	x23, 1f
	mov	x9, #24
	cbnz	x24, 1f
	mov	x9, #25
	cbnz	x25, 1f
	mov	x9, #26
	cbnz	x26, 1f
	mov	x9, #27
	cbnz	x27, 1f
	mov	x9, #28
	cbnz	x28, 1f
	mov	x9, #29
	cbnz	x29, 1f
	mov	x9, #30
	cbnz	x30, 1f
	/* The FP/SIMD registers (positions 40 on): v0-v31 0, FPCR and FPSR 0. */
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	mov	x9, #40 + \i
	mov	x10, v\i\().d[0]
	mov	x11, v\i\().d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	.endr
	mov	x9, #72
	mrs	x10, fpcr
	cbnz	x10, 1f
	mov	x9, #73
	mrs	x10, fpsr
	cbnz	x10, 1f
	mov	x9, #0
	b	1f
2:	mov	x9, #9
1:	mov	x0, x9
	mov	x8, #SYS_exit
	svc	#0
	udf	#0
