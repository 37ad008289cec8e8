/* SPDX-License-Identifier: MIT */
/*
 * arm64: saving and loading a user process's FP/SIMD registers (include/fpu.h). The only FP/SIMD
 * instructions in the kernel: no_fp_simd_instructions allows them in these two functions and
 * nowhere else. Linux: fpsimd_save_state() and fpsimd_load_state()
 * (arch/arm64/kernel/entry-fpsimd.S).
 */
#include <asm/fpu.h>

	.text
/* void fpu_save_state(void *state): this CPU's FP/SIMD registers to state. */
	.globl	fpu_save_state
fpu_save_state:
	/* [FPU_SAVE] q0-q31, two at a time, then FPSR and FPCR. */
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q8, q9, [x0, #128]
	stp	q10, q11, [x0, #160]
	stp	q12, q13, [x0, #192]
	stp	q14, q15, [x0, #224]
	stp	q16, q17, [x0, #256]
	stp	q18, q19, [x0, #288]
	stp	q20, q21, [x0, #320]
	stp	q22, q23, [x0, #352]
	stp	q24, q25, [x0, #384]
	stp	q26, q27, [x0, #416]
	stp	q28, q29, [x0, #448]
	stp	q30, q31, [x0, #480]
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x0, x0, #FPU_FPSR
	stp	x1, x2, [x0]		/* FPU_FPCR follows FPU_FPSR */
	ret

/* void fpu_restore_state(const void *state): state into this CPU's FP/SIMD registers. */
	.globl	fpu_restore_state
fpu_restore_state:
	/* [FPU_RESTORE] */
	ldp	q0, q1, [x0, #0]
	ldp	q2, q3, [x0, #32]
	ldp	q4, q5, [x0, #64]
	ldp	q6, q7, [x0, #96]
	ldp	q8, q9, [x0, #128]
	ldp	q10, q11, [x0, #160]
	ldp	q12, q13, [x0, #192]
	ldp	q14, q15, [x0, #224]
	ldp	q16, q17, [x0, #256]
	ldp	q18, q19, [x0, #288]
	ldp	q20, q21, [x0, #320]
	ldp	q22, q23, [x0, #352]
	ldp	q24, q25, [x0, #384]
	ldp	q26, q27, [x0, #416]
	ldp	q28, q29, [x0, #448]
	ldp	q30, q31, [x0, #480]
	add	x0, x0, #FPU_FPSR
	ldp	x1, x2, [x0]
	msr	fpsr, x1
	msr	fpcr, x2
	ret
