/* SPDX-License-Identifier: MIT */
/*
 * A user process's FP registers while they are not in the hart (include/fpu.h): f0-f31 (the D
 * extension: 8 bytes each), then fcsr. 264 bytes, in a 512-byte kmalloc() object.
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

#define FPU_STATE_SIZE	512
#define FPU_STATE_ALIGN 8

#define FPU_FCSR	256

#endif
