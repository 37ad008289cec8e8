/* SPDX-License-Identifier: MIT */
/*
 * A user process's FP/SIMD registers while they are not in the CPU (include/fpu.h): q0-q31
 * (16 bytes each), then FPSR and FPCR. 528 bytes, in a 1024-byte kmalloc() object (which
 * kmalloc() places at a multiple of its size; stp of q registers wants 16).
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

#define FPU_STATE_SIZE	1024
#define FPU_STATE_ALIGN 16

#define FPU_FPSR	512
#define FPU_FPCR	520

#endif
