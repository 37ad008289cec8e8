/* SPDX-License-Identifier: MIT */
/*
 * riscv64: saving and loading a user process's FP registers (include/fpu.h). The only FP
 * instructions in the kernel (which is built for rv64imac: the assembler is told the D extension
 * here alone); no_fp_simd_instructions allows them in these two functions and nowhere else.
 * sstatus.FS must not be Off while they run (an FP instruction would be illegal): each turns it
 * on and off again; the FS a user process returns with is in its saved sstatus (kernel/fpu.c).
 * Linux: __fstate_save() and __fstate_restore() (arch/riscv/kernel/fpu.S).
 */
#include <asm/csr.h>
#include <asm/fpu.h>

	.option	push
	.option	arch, +d
	.text
/* void fpu_save_state(void *state): this hart's FP registers to state. */
	.globl	fpu_save_state
fpu_save_state:
	/* [FPU_SAVE] f0-f31, then fcsr. */
	li	t0, SR_FS
	csrs	sstatus, t0
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\i, \i * 8(a0)
	.endr
	frcsr	t1
	sw	t1, FPU_FCSR(a0)
	csrc	sstatus, t0
	ret

/* void fpu_restore_state(const void *state): state into this hart's FP registers. */
	.globl	fpu_restore_state
fpu_restore_state:
	/* [FPU_RESTORE] */
	li	t0, SR_FS
	csrs	sstatus, t0
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\i, \i * 8(a0)
	.endr
	lw	t1, FPU_FCSR(a0)
	fscsr	t1
	csrc	sstatus, t0
	ret
	.option	pop
