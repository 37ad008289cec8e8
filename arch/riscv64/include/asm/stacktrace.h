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

/* 1 if a leaf function (one that calls nothing) saves only the caller's s0, at [s0 - 8], where
 * other frames keep ra: its return address stays in the ra register. A "return address" that points
 * into a stack is therefore such a record, and the walk continues from it with no code address
 * (Linux's riscv unwinder makes the same check). */
#define FRAME_LEAF_SAVES_FP_ONLY 1

#endif
