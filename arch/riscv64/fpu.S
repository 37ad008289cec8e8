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
	fsd	f0, 0(a0)
	fsd	f1, 8(a0)
	fsd	f2, 16(a0)
	fsd	f3, 24(a0)
	fsd	f4, 32(a0)
	fsd	f5, 40(a0)
	fsd	f6, 48(a0)
	fsd	f7, 56(a0)
	fsd	f8, 64(a0)
	fsd	f9, 72(a0)
	fsd	f10, 80(a0)
	fsd	f11, 88(a0)
	fsd	f12, 96(a0)
	fsd	f13, 104(a0)
	fsd	f14, 112(a0)
	fsd	f15, 120(a0)
	fsd	f16, 128(a0)
	fsd	f17, 136(a0)
	fsd	f18, 144(a0)
	fsd	f19, 152(a0)
	fsd	f20, 160(a0)
	fsd	f21, 168(a0)
	fsd	f22, 176(a0)
	fsd	f23, 184(a0)
	fsd	f24, 192(a0)
	fsd	f25, 200(a0)
	fsd	f26, 208(a0)
	fsd	f27, 216(a0)
	fsd	f28, 224(a0)
	fsd	f29, 232(a0)
	fsd	f30, 240(a0)
	fsd	f31, 248(a0)
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
	fld	f0, 0(a0)
	fld	f1, 8(a0)
	fld	f2, 16(a0)
	fld	f3, 24(a0)
	fld	f4, 32(a0)
	fld	f5, 40(a0)
	fld	f6, 48(a0)
	fld	f7, 56(a0)
	fld	f8, 64(a0)
	fld	f9, 72(a0)
	fld	f10, 80(a0)
	fld	f11, 88(a0)
	fld	f12, 96(a0)
	fld	f13, 104(a0)
	fld	f14, 112(a0)
	fld	f15, 120(a0)
	fld	f16, 128(a0)
	fld	f17, 136(a0)
	fld	f18, 144(a0)
	fld	f19, 152(a0)
	fld	f20, 160(a0)
	fld	f21, 168(a0)
	fld	f22, 176(a0)
	fld	f23, 184(a0)
	fld	f24, 192(a0)
	fld	f25, 200(a0)
	fld	f26, 208(a0)
	fld	f27, 216(a0)
	fld	f28, 224(a0)
	fld	f29, 232(a0)
	fld	f30, 240(a0)
	fld	f31, 248(a0)
	lw	t1, FPU_FCSR(a0)
	fscsr	t1
	csrc	sstatus, t0
	ret
	.option	pop
