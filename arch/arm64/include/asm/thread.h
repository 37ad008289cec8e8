/* SPDX-License-Identifier: MIT */
/*
 * What switch.S keeps of an arm64 task that is not running: the callee-saved registers x19-x28,
 * the frame pointer x29, the return address (lr) and sp. Linux: struct cpu_context.
 */
#ifndef ASM_THREAD_H
#define ASM_THREAD_H

struct cpu_context {
	unsigned long x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
	unsigned long fp; /* x29 */
	unsigned long pc; /* lr at the switch: where the task continues */
	unsigned long sp;
};

struct thread {
	struct cpu_context cpu_context;
};

/*
 * Task stacks are aligned to twice their size, as Linux's THREAD_ALIGN with VMAP_STACK: then bit
 * THREAD_SHIFT of SP is 0 anywhere on the stack and 1 just below it, in the guard, so exception
 * entry can test for an overflow with a single bit test before it touches the stack.
 */
#define THREAD_ALIGN (2 * THREAD_SIZE)

#endif
