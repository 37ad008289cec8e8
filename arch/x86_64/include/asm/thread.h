/* SPDX-License-Identifier: MIT */
/*
 * What switch.S keeps of a task that is not running. On x86_64 everything is on the task's own
 * stack: arch_switch_to() pushes the callee-saved registers there, so only the stack pointer
 * needs a home. Linux: struct thread_struct.sp, struct inactive_task_frame.
 */
#ifndef ASM_THREAD_H
#define ASM_THREAD_H

#ifndef __ASSEMBLER__

struct thread {
	unsigned long sp; /* saved RSP: the callee-saved registers and the return address are
			     just above it */
};

#endif /* __ASSEMBLER__ */

/* Task stacks are aligned to their size (only arm64 and riscv64 need more, for their overflow
 * check at exception entry). */
#define THREAD_ALIGN THREAD_SIZE

#endif
