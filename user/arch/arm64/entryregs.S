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
	mov	x9, #40
	mov	x10, v0.d[0]
	mov	x11, v0.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #41
	mov	x10, v1.d[0]
	mov	x11, v1.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #42
	mov	x10, v2.d[0]
	mov	x11, v2.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #43
	mov	x10, v3.d[0]
	mov	x11, v3.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #44
	mov	x10, v4.d[0]
	mov	x11, v4.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #45
	mov	x10, v5.d[0]
	mov	x11, v5.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #46
	mov	x10, v6.d[0]
	mov	x11, v6.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #47
	mov	x10, v7.d[0]
	mov	x11, v7.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #48
	mov	x10, v8.d[0]
	mov	x11, v8.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #49
	mov	x10, v9.d[0]
	mov	x11, v9.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #50
	mov	x10, v10.d[0]
	mov	x11, v10.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #51
	mov	x10, v11.d[0]
	mov	x11, v11.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #52
	mov	x10, v12.d[0]
	mov	x11, v12.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #53
	mov	x10, v13.d[0]
	mov	x11, v13.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #54
	mov	x10, v14.d[0]
	mov	x11, v14.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #55
	mov	x10, v15.d[0]
	mov	x11, v15.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #56
	mov	x10, v16.d[0]
	mov	x11, v16.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #57
	mov	x10, v17.d[0]
	mov	x11, v17.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #58
	mov	x10, v18.d[0]
	mov	x11, v18.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #59
	mov	x10, v19.d[0]
	mov	x11, v19.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #60
	mov	x10, v20.d[0]
	mov	x11, v20.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #61
	mov	x10, v21.d[0]
	mov	x11, v21.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #62
	mov	x10, v22.d[0]
	mov	x11, v22.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #63
	mov	x10, v23.d[0]
	mov	x11, v23.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #64
	mov	x10, v24.d[0]
	mov	x11, v24.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #65
	mov	x10, v25.d[0]
	mov	x11, v25.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #66
	mov	x10, v26.d[0]
	mov	x11, v26.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #67
	mov	x10, v27.d[0]
	mov	x11, v27.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #68
	mov	x10, v28.d[0]
	mov	x11, v28.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #69
	mov	x10, v29.d[0]
	mov	x11, v29.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #70
	mov	x10, v30.d[0]
	mov	x11, v30.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
	mov	x9, #71
	mov	x10, v31.d[0]
	mov	x11, v31.d[1]
	orr	x10, x10, x11
	cbnz	x10, 1f
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
