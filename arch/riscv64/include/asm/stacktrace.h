/* SPDX-License-Identifier: MIT */
/*
 * riscv64 frame record. GCC points s0 (the frame pointer) at the frame's top, the caller's sp,
 * and stores the return address just below it and the caller's s0 below that:
 *   [s0 - 8] = ra, [s0 - 16] = caller's s0
 */
#ifndef ASM_STACKTRACE_H
#define ASM_STACKTRACE_H

#define FRAME_NEXT_FP_OFFSET (-16)
#define FRAME_RETADDR_OFFSET (-8)

#endif
