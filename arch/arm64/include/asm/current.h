/* SPDX-License-Identifier: MIT */
/*
 * arm64: the per-CPU area and `current`, inline (they are on every hot path). TPIDR_EL1 holds the
 * per-CPU area; SP_EL0, which is no stack pointer while EL1 runs on SP_EL1, holds `current`, as
 * Linux keeps it (boot.S sets it, the context switch and the entry from EL0 rewrite it).
 */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

struct cpu;
struct task;

/* volatile: read again at every use. A task may move to another CPU wherever it can be
 * preempted or can block, and the compiler knows of neither, so a value read before a call
 * or a loop's next round may be another CPU's (Linux reads it under preempt_disable()). */
static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *c;
	__asm__ volatile("mrs %0, tpidr_el1" : "=r"(c));
	return c;
}

static inline struct task *arch_current(void)
{
	struct task *t;
	__asm__ volatile("mrs %0, sp_el0" : "=r"(t));
	return t;
}

#endif
