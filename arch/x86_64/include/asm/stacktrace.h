/* SPDX-License-Identifier: MIT */
/*
 * x86_64 frame record: `push %rbp; mov %rsp, %rbp` leaves [rbp] = caller's rbp and, just above,
 * [rbp + 8] = the return address the call pushed.
 */
#ifndef ASM_STACKTRACE_H
#define ASM_STACKTRACE_H

#define FRAME_NEXT_FP_OFFSET 0
#define FRAME_RETADDR_OFFSET 8

/* 1 if every frame record holds a return address. */
#define FRAME_LEAF_SAVES_FP_ONLY 0

#endif
