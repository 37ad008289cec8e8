/* SPDX-License-Identifier: MIT */
/*
 * riscv64: `current` and the per-CPU area, inline (they are on every hot path). tp holds the
 * current task in the kernel, as Linux does, and the CPU is found through it.
 */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <task.h>

static inline struct task *arch_current(void)
{
	struct task *t;
	__asm__ volatile("mv %0, tp" : "=r"(t));
	return t;
}

static inline struct cpu *arch_this_cpu(void)
{
	return arch_current()->cpu;
}

#endif
