/* SPDX-License-Identifier: MIT */
/* riscv64 helpers of /bin/utest and /bin/crash: things C cannot say. */
#include "../../../include/uapi/syscall.h"

	.text
/*
 * long regs_preserved(void): loads a distinct value into every register a system call must
 * preserve (all but a0, the result; a7 holds the call number), makes one (getpid, ecall), and
 * returns 0 if they all came back, else the position (1-29) of the first one that changed.
 */
	.globl	regs_preserved
regs_preserved:
	addi	sp, sp, -128
	sd	ra, 0(sp)
	sd	gp, 8(sp)
	sd	tp, 16(sp)
	sd	s0, 24(sp)
	sd	s1, 32(sp)
	sd	s2, 40(sp)
	sd	s3, 48(sp)
	sd	s4, 56(sp)
	sd	s5, 64(sp)
	sd	s6, 72(sp)
	sd	s7, 80(sp)
	sd	s8, 88(sp)
	sd	s9, 96(sp)
	sd	s10, 104(sp)
	sd	s11, 112(sp)
	li	ra, 0x100
	li	gp, 0x101
	li	tp, 0x102
	li	t0, 0x103
	li	t1, 0x104
	li	t2, 0x105
	li	s0, 0x106
	li	s1, 0x107
	li	a1, 0x108
	li	a2, 0x109
	li	a3, 0x10a
	li	a4, 0x10b
	li	a5, 0x10c
	li	a6, 0x10d
	li	a7, SYS_getpid
	li	s2, 0x10f
	li	s3, 0x110
	li	s4, 0x111
	li	s5, 0x112
	li	s6, 0x113
	li	s7, 0x114
	li	s8, 0x115
	li	s9, 0x116
	li	s10, 0x117
	li	s11, 0x118
	li	t3, 0x119
	li	t4, 0x11a
	li	t5, 0x11b
	li	t6, 0x11c
	ecall
	li	a0, 0x100
	beq	ra, a0, 3f
	li	a0, 1
	j	1f
3:
	li	a0, 0x101
	beq	gp, a0, 3f
	li	a0, 2
	j	1f
3:
	li	a0, 0x102
	beq	tp, a0, 3f
	li	a0, 3
	j	1f
3:
	li	a0, 0x103
	beq	t0, a0, 3f
	li	a0, 4
	j	1f
3:
	li	a0, 0x104
	beq	t1, a0, 3f
	li	a0, 5
	j	1f
3:
	li	a0, 0x105
	beq	t2, a0, 3f
	li	a0, 6
	j	1f
3:
	li	a0, 0x106
	beq	s0, a0, 3f
	li	a0, 7
	j	1f
3:
	li	a0, 0x107
	beq	s1, a0, 3f
	li	a0, 8
	j	1f
3:
	li	a0, 0x108
	beq	a1, a0, 3f
	li	a0, 9
	j	1f
3:
	li	a0, 0x109
	beq	a2, a0, 3f
	li	a0, 10
	j	1f
3:
	li	a0, 0x10a
	beq	a3, a0, 3f
	li	a0, 11
	j	1f
3:
	li	a0, 0x10b
	beq	a4, a0, 3f
	li	a0, 12
	j	1f
3:
	li	a0, 0x10c
	beq	a5, a0, 3f
	li	a0, 13
	j	1f
3:
	li	a0, 0x10d
	beq	a6, a0, 3f
	li	a0, 14
	j	1f
3:
	li	a0, SYS_getpid
	beq	a7, a0, 3f
	li	a0, 15
	j	1f
3:
	li	a0, 0x10f
	beq	s2, a0, 3f
	li	a0, 16
	j	1f
3:
	li	a0, 0x110
	beq	s3, a0, 3f
	li	a0, 17
	j	1f
3:
	li	a0, 0x111
	beq	s4, a0, 3f
	li	a0, 18
	j	1f
3:
	li	a0, 0x112
	beq	s5, a0, 3f
	li	a0, 19
	j	1f
3:
	li	a0, 0x113
	beq	s6, a0, 3f
	li	a0, 20
	j	1f
3:
	li	a0, 0x114
	beq	s7, a0, 3f
	li	a0, 21
	j	1f
3:
	li	a0, 0x115
	beq	s8, a0, 3f
	li	a0, 22
	j	1f
3:
	li	a0, 0x116
	beq	s9, a0, 3f
	li	a0, 23
	j	1f
3:
	li	a0, 0x117
	beq	s10, a0, 3f
	li	a0, 24
	j	1f
3:
	li	a0, 0x118
	beq	s11, a0, 3f
	li	a0, 25
	j	1f
3:
	li	a0, 0x119
	beq	t3, a0, 3f
	li	a0, 26
	j	1f
3:
	li	a0, 0x11a
	beq	t4, a0, 3f
	li	a0, 27
	j	1f
3:
	li	a0, 0x11b
	beq	t5, a0, 3f
	li	a0, 28
	j	1f
3:
	li	a0, 0x11c
	beq	t6, a0, 3f
	li	a0, 29
	j	1f
3:
	li	a0, 0
1:
	ld	ra, 0(sp)
	ld	gp, 8(sp)
	ld	tp, 16(sp)
	ld	s0, 24(sp)
	ld	s1, 32(sp)
	ld	s2, 40(sp)
	ld	s3, 48(sp)
	ld	s4, 56(sp)
	ld	s5, 64(sp)
	ld	s6, 72(sp)
	ld	s7, 80(sp)
	ld	s8, 88(sp)
	ld	s9, 96(sp)
	ld	s10, 104(sp)
	ld	s11, 112(sp)
	addi	sp, sp, 128
	ret

	.globl	do_illegal, do_breakpoint
do_illegal:
	.option push
	.option norvc
	unimp
	.option pop
	ret
do_breakpoint:
	ebreak
	ret

/* The helpers of /bin/misuse (user/bin/misuse.c). */

/* long rflags_nt(long on), void compat_syscall(void): x86_64 only (RFLAGS.NT, 32-bit mode);
 * here rflags_nt returns -1 and compat_syscall returns. */
	.globl	rflags_nt, compat_syscall
rflags_nt:
	li	a0, -1
	ret
compat_syscall:
	ret

/*
 * The FP registers of /bin/fpu (user/bin/fpu.c, docs/fpu.md). Register i gets
 * seed + (i + 1) * 0x10001 (f0-f31, as raw 64-bit values), and fcsr a rounding mode that depends
 * on the seed's low bit (toward zero if odd, down if even); nothing else is touched. fp_fill,
 * fp_check (0, or 1 + the first register that changed: 33 for fcsr), fp_hold and
 * fp_syscall_keeps as on x86_64 (user/arch/x86_64/regcheck.S).
 */
	.globl	fp_fill
fp_fill:
	mv	t0, a0
	li	t1, 0x10001
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	t0, t0, t1
	fmv.d.x	f\i, t0
	.endr
	andi	t2, a0, 1
	li	t3, 0x40		/* frm 2: round down */
	beqz	t2, 1f
	li	t3, 0x20		/* frm 1: toward zero */
1:	fscsr	t3
	ret

	.globl	fp_check
fp_check:
	mv	t0, a0
	li	t1, 0x10001
	li	a1, 1
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	t0, t0, t1
	fmv.x.d	t2, f\i
	bne	t2, t0, 2f
	addi	a1, a1, 1
	.endr
	frcsr	t2
	andi	t4, a0, 1
	li	t3, 0x40
	beqz	t4, 1f
	li	t3, 0x20
1:	bne	t2, t3, 2f
	li	a1, 0
2:	mv	a0, a1
	ret

	.globl	fp_hold
fp_hold:
	addi	sp, sp, -32
	sd	ra, 24(sp)
	sd	s0, 16(sp)
	sd	s1, 8(sp)
	sd	s2, 0(sp)
	addi	s0, sp, 32
	mv	s1, a0
	mv	s2, a1
	call	fp_fill
1:	mv	a0, s1
	call	fp_check
	bnez	a0, 2f
	addi	s2, s2, -1
	bnez	s2, 1b
2:	ld	ra, 24(sp)
	ld	s0, 16(sp)
	ld	s1, 8(sp)
	ld	s2, 0(sp)
	addi	sp, sp, 32
	ret

	.globl	fp_syscall_keeps
fp_syscall_keeps:
	addi	sp, sp, -32
	sd	ra, 24(sp)
	sd	s0, 16(sp)
	sd	s1, 8(sp)
	sd	s2, 0(sp)
	addi	s0, sp, 32
	mv	s1, a0
	mv	s2, a1
	call	fp_fill
	mv	a7, s2
	ecall
	mv	a0, s1
	call	fp_check
	ld	ra, 24(sp)
	ld	s0, 16(sp)
	ld	s1, 8(sp)
	ld	s2, 0(sp)
	addi	sp, sp, 32
	ret
