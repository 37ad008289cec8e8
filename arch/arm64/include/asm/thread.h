/* SPDX-License-Identifier: MIT */
/*
 * What switch.S keeps of an arm64 task that is not running: the callee-saved registers x19-x28,
 * the frame pointer x29, the return address (lr) and sp. Linux: struct cpu_context.
 */
#ifndef ASM_THREAD_H
#define ASM_THREAD_H

#ifndef __ASSEMBLER__

struct cpu_context {
	unsigned long x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
	unsigned long fp; /* x29 */
	unsigned long pc; /* lr at the switch: where the task continues */
	unsigned long sp;
};

struct thread {
	struct cpu_context cpu_context;
};

#endif /* __ASSEMBLER__ */

/*
 * Task stacks are aligned to twice their size, as Linux's THREAD_ALIGN with VMAP_STACK: then bit
 * THREAD_SHIFT of SP is 0 anywhere on the stack and 1 just below it, in the guard, so exception
 * entry can test for an overflow with a single bit test before it touches the stack.
 */
#define THREAD_ALIGN (2 * THREAD_SIZE)

/* THREAD_SHIFT = log2(THREAD_SIZE), the bit the overflow check at exception entry tests
 * (entry.S, [CHECK_STACK_OVERFLOW]), comes from the build with THREAD_SIZE (meson.build); trap.c
 * checks that 1 << THREAD_SHIFT == THREAD_SIZE. Linux: THREAD_SHIFT in asm/thread_info.h. */

#endif
