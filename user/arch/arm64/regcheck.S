/* SPDX-License-Identifier: MIT */
/* arm64 helpers of /bin/utest and /bin/crash: things C cannot say. */
#include "../../../include/uapi/syscall.h"

	.text
/*
 * long regs_preserved(void): loads a distinct value into every register a system call must
 * preserve (x1-x30, x8 holding the call number), makes one (getpid, svc #0), and returns 0 if
 * they all came back, else the register number that changed. Only x0, the result, may change.
 */
	.globl	regs_preserved
regs_preserved:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	mov	x1, #0x101
	mov	x2, #0x102
	mov	x3, #0x103
	mov	x4, #0x104
	mov	x5, #0x105
	mov	x6, #0x106
	mov	x7, #0x107
	mov	x9, #0x109
	mov	x10, #0x10a
	mov	x11, #0x10b
	mov	x12, #0x10c
	mov	x13, #0x10d
	mov	x14, #0x10e
	mov	x15, #0x10f
	mov	x16, #0x110
	mov	x17, #0x111
	mov	x18, #0x112
	mov	x19, #0x113
	mov	x20, #0x114
	mov	x21, #0x115
	mov	x22, #0x116
	mov	x23, #0x117
	mov	x24, #0x118
	mov	x25, #0x119
	mov	x26, #0x11a
	mov	x27, #0x11b
	mov	x28, #0x11c
	mov	x29, #0x11d
	mov	x30, #0x11e
	mov	x8, #SYS_getpid
	svc	#0
	cmp	x1, #0x101
	mov	x0, #1
	b.ne	1f
	cmp	x2, #0x102
	mov	x0, #2
	b.ne	1f
	cmp	x3, #0x103
	mov	x0, #3
	b.ne	1f
	cmp	x4, #0x104
	mov	x0, #4
	b.ne	1f
	cmp	x5, #0x105
	mov	x0, #5
	b.ne	1f
	cmp	x6, #0x106
	mov	x0, #6
	b.ne	1f
	cmp	x7, #0x107
	mov	x0, #7
	b.ne	1f
	cmp	x9, #0x109
	mov	x0, #9
	b.ne	1f
	cmp	x10, #0x10a
	mov	x0, #10
	b.ne	1f
	cmp	x11, #0x10b
	mov	x0, #11
	b.ne	1f
	cmp	x12, #0x10c
	mov	x0, #12
	b.ne	1f
	cmp	x13, #0x10d
	mov	x0, #13
	b.ne	1f
	cmp	x14, #0x10e
	mov	x0, #14
	b.ne	1f
	cmp	x15, #0x10f
	mov	x0, #15
	b.ne	1f
	cmp	x16, #0x110
	mov	x0, #16
	b.ne	1f
	cmp	x17, #0x111
	mov	x0, #17
	b.ne	1f
	cmp	x18, #0x112
	mov	x0, #18
	b.ne	1f
	cmp	x19, #0x113
	mov	x0, #19
	b.ne	1f
	cmp	x20, #0x114
	mov	x0, #20
	b.ne	1f
	cmp	x21, #0x115
	mov	x0, #21
	b.ne	1f
	cmp	x22, #0x116
	mov	x0, #22
	b.ne	1f
	cmp	x23, #0x117
	mov	x0, #23
	b.ne	1f
	cmp	x24, #0x118
	mov	x0, #24
	b.ne	1f
	cmp	x25, #0x119
	mov	x0, #25
	b.ne	1f
	cmp	x26, #0x11a
	mov	x0, #26
	b.ne	1f
	cmp	x27, #0x11b
	mov	x0, #27
	b.ne	1f
	cmp	x28, #0x11c
	mov	x0, #28
	b.ne	1f
	cmp	x29, #0x11d
	mov	x0, #29
	b.ne	1f
	cmp	x30, #0x11e
	mov	x0, #30
	b.ne	1f
	cmp	x8, #SYS_getpid
	mov	x0, #8
	b.ne	1f
	mov	x0, #0
1:	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret

	.globl	do_illegal, do_breakpoint
do_illegal:
	udf	#0
	ret
do_breakpoint:
	brk	#0
	ret

/* The helpers of /bin/misuse (user/bin/misuse.c). */

/* long rflags_nt(long on), void compat_syscall(void): x86_64 only (RFLAGS.NT, 32-bit mode);
 * here rflags_nt returns -1 and compat_syscall returns. */
	.globl	rflags_nt, compat_syscall
rflags_nt:
	mov	x0, #-1
	ret
compat_syscall:
	ret

/*
 * The FP/SIMD registers of /bin/fpu (user/bin/fpu.c, docs/fpu.md). Register i gets
 * seed + (i + 1) * 0x10001 in both its halves (v0-v31), and FPCR a rounding mode that depends on
 * the seed's low bit (toward zero if odd, toward +infinity if even); nothing else is touched.
 * fp_fill, fp_check (0, or 1 + the first register that changed: 33 for FPCR), fp_hold and
 * fp_syscall_keeps as on x86_64 (user/arch/x86_64/regcheck.S).
 */
	.globl	fp_fill
fp_fill:
	mov	x1, x0
	movz	x2, #1
	movk	x2, #1, lsl #16		/* 0x10001 */
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x1, x2
	dup	v\i\().2d, x1
	.endr
	mov	x3, #0x400000		/* RMode 01: toward +infinity */
	tst	x0, #1
	b.eq	1f
	mov	x3, #0xc00000		/* RMode 11: toward zero */
1:	msr	fpcr, x3
	ret

	.globl	fp_check
fp_check:
	mov	x1, x0
	movz	x2, #1
	movk	x2, #1, lsl #16
	mov	x5, #1
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x1, x2
	mov	x3, v\i\().d[0]
	mov	x4, v\i\().d[1]
	cmp	x3, x1
	ccmp	x4, x1, #0, eq
	b.ne	2f
	add	x5, x5, #1
	.endr
	mrs	x3, fpcr
	mov	x4, #0x400000
	tst	x0, #1
	b.eq	1f
	mov	x4, #0xc00000
1:	cmp	x3, x4
	b.ne	2f
	mov	x5, #0
2:	mov	x0, x5
	ret

	.globl	fp_hold
fp_hold:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	mov	x19, x0
	mov	x20, x1
	bl	fp_fill
1:	mov	x0, x19
	bl	fp_check
	cbnz	x0, 2f
	subs	x20, x20, #1
	b.ne	1b
2:	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret

	.globl	fp_syscall_keeps
fp_syscall_keeps:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	mov	x19, x0
	mov	x20, x1
	bl	fp_fill
	mov	x8, x20
	svc	#0
	mov	x0, x19
	bl	fp_check
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
