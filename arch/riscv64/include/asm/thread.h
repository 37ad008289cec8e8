/* SPDX-License-Identifier: MIT */
/*
 * What switch.S keeps of a riscv64 task that is not running: ra, sp and the callee-saved s0-s11.
 * Linux: struct thread_struct.
 */
#ifndef ASM_THREAD_H
#define ASM_THREAD_H

struct thread {
	unsigned long ra; /* where the task continues */
	unsigned long sp;
	unsigned long s[12]; /* s0 (the frame pointer) .. s11 */
};

/*
 * Task stacks are aligned to twice their size, as Linux's THREAD_ALIGN with VMAP_STACK: then bit
 * THREAD_SHIFT of SP is 0 anywhere on the stack and 1 just below it, in the guard, so exception
 * entry can test for an overflow before it touches the stack.
 */
#define THREAD_ALIGN (2 * THREAD_SIZE)

#endif
