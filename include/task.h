/* SPDX-License-Identifier: MIT */
/*
 * Tasks. For now only the boot task exists (init_task, as Linux calls it): the flow that runs
 * start_kernel() on the boot stack. It is a real task from the first instruction so that
 * "current" works on every arch from day one (riscv64 finds the CPU through it).
 */
#ifndef TRISTACK_TASK_H
#define TRISTACK_TASK_H

#include <types.h>

struct cpu;

struct task {
	struct cpu *cpu; /* must stay first: riscv64 entry code loads it as 0(tp) */
	int id;
	char name[16];
	uintptr_t stack_base; /* lowest address of its kernel stack */
	size_t stack_size;
};

extern struct task init_task;

/* The task running on this CPU. */
struct task *current_task(void);

#endif
