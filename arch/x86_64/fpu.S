/* SPDX-License-Identifier: MIT */
/*
 * x86_64: saving and loading a user process's FP/SIMD registers (include/fpu.h). The only FP/SIMD
 * instructions in the kernel: no_fp_simd_instructions allows them in these two functions and
 * nowhere else. Linux: os_xsave() and os_xrstor() (arch/x86/kernel/fpu/xstate.h).
 */
#include <asm/fpu.h>

	.text
/* void fpu_save_state(void *state): this CPU's FP/SIMD registers to state. */
	.globl	fpu_save_state
fpu_save_state:
	/* [FPU_SAVE] XSAVE every component XCR0 enables (the mask edx:eax all ones), or FXSAVE
	 * (x87 and SSE) where the CPU has no XSAVE. */
	cmpb	$0, x86_fpu_xsave(%rip)
	je	1f
	mov	$-1, %eax
	mov	$-1, %edx
	xsave64	(%rdi)
	ret
1:	fxsave64 (%rdi)
	ret

/* void fpu_restore_state(const void *state): state into this CPU's FP/SIMD registers. */
	.globl	fpu_restore_state
fpu_restore_state:
	/* [FPU_RESTORE] A component whose XSTATE_BV bit is clear gets its initial state. */
	cmpb	$0, x86_fpu_xsave(%rip)
	je	1f
	mov	$-1, %eax
	mov	$-1, %edx
	xrstor64 (%rdi)
	ret
1:	fxrstor64 (%rdi)
	ret
