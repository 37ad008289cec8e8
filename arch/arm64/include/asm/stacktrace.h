/* SPDX-License-Identifier: MIT */
/*
 * arm64 frame record (AAPCS64, section "The Frame Pointer"). Each function's prologue stores
 * the caller's x29 and its own return address (x30, the link register) as a pair and points x29
 * at that pair:
 *   [x29] = caller's x29, [x29 + 8] = return address (lr)
 */
#ifndef ASM_STACKTRACE_H
#define ASM_STACKTRACE_H

#define FRAME_NEXT_FP_OFFSET 0
#define FRAME_RETADDR_OFFSET 8

/* 1 if every frame record holds a return address. */
#define FRAME_LEAF_SAVES_FP_ONLY 0

#endif
