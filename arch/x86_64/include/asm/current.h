/* SPDX-License-Identifier: MIT */
/*
 * x86_64: the per-CPU area and `current`, inline (they are on every hot path: system calls,
 * interrupts, the scheduler). The GS base holds the per-CPU area, whose first word is its own
 * address; `current` is a field of it, read through %gs as Linux reads its per-CPU variable
 * current_task.
 */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <cpu.h>

/* volatile: read again at every use. A task may move to another CPU wherever it can be
 * preempted or can block, and the compiler knows of neither, so a value read before a call
 * or a loop's next round may be another CPU's (Linux reads it under preempt_disable()). */
static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *c;
	__asm__ volatile("mov %%gs:%c1, %0" : "=r"(c) : "i"(offsetof(struct cpu, self)));
	return c;
}

static inline struct task *arch_current(void)
{
	struct task *t;
	__asm__ volatile("mov %%gs:%c1, %0" : "=r"(t) : "i"(offsetof(struct cpu, current)));
	return t;
}

#endif
