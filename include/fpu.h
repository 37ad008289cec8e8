/* SPDX-License-Identifier: MIT */
/*
 * User FP/SIMD state (kernel/fpu.c, docs/fpu.md). Kernel threads have none and never touch the
 * FP/SIMD registers; a user process gets a buffer when it is spawned, with the initial state in
 * it, and loses it when it is reaped. At each switch the process switched away from has its
 * registers saved (if they may have changed: include/arch.h, arch_fpu_needs_save()) and the
 * process switched to has its own loaded: "eager" switching, as Linux does on every arch since
 * x86 dropped lazy FPU switching in 4.6.
 */
#ifndef TRISTACK_FPU_H
#define TRISTACK_FPU_H

struct task;

/* Gives process t its FP/SIMD buffer, in the initial state. 0, or -ENOMEM. */
int fpu_alloc(struct task *t);
/* Frees it (a task without one: nothing). */
void fpu_free(struct task *t);
/* At a switch from prev to next, on this CPU with interrupts off, when the address space changes
 * (kernel/sched.c): only a process has FP state, and each has an address space of its own (a
 * process is one task), so a switch that keeps the address space (one between kernel threads)
 * keeps the FP registers too and costs nothing more. */
void fpu_switch(struct task *prev, struct task *next);

#endif
