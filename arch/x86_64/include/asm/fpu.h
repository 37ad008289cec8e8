/* SPDX-License-Identifier: MIT */
/*
 * A user process's FP/SIMD registers while they are not in the CPU (include/fpu.h): an XSAVE
 * area where the CPU has XSAVE (x87, SSE and, where CPUID offers it, AVX: 832 bytes), else the
 * 512-byte FXSAVE area. kmalloc() places a FPU_STATE_SIZE object at a multiple of its size, which
 * gives XSAVE the 64-byte alignment it needs (FXSAVE needs 16).
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

#define FPU_STATE_SIZE	1024
#define FPU_STATE_ALIGN 64

/* In the FXSAVE (and XSAVE legacy) area: the x87 control word and MXCSR. */
#define FXSAVE_FCW   0
#define FXSAVE_MXCSR 24
/* In the XSAVE header (at 512): which components the area holds; 0 = their initial state. */
#define XSAVE_XSTATE_BV 512

#ifndef __ASSEMBLER__
#include <types.h>
/* Set at boot (setup.c): save with XSAVE (else FXSAVE). Read by fpu.S. */
extern bool x86_fpu_xsave;
#endif

#endif
