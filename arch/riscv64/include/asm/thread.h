/* SPDX-License-Identifier: MIT */
/*
 * What switch.S keeps of a riscv64 task that is not running: ra, sp and the callee-saved s0-s11.
 * Linux: struct thread_struct.
 */
#ifndef ASM_THREAD_H
#define ASM_THREAD_H

#ifndef __ASSEMBLER__

struct thread {
	unsigned long ra; /* where the task continues */
	unsigned long sp;
	unsigned long s[12]; /* s0 (the frame pointer) .. s11 */
	/*
	 * Scratch words for the trap entry (entry.S), which at its first instruction has no free
	 * register: every one holds a value of the interrupted code, and sp itself is what it must
	 * check. tp (the current task) is the one register it may rely on, so it parks registers
	 * here. Linux keeps the same two words in thread_info (TASK_TI_KERNEL_SP, TASK_TI_USER_SP).
	 *
	 * kernel_sp: in the kernel, [CHECK_STACK_OVERFLOW] parks the sp it tests here (the
	 *   interrupted sp minus the frame). When user mode exists it will also hold, while the
	 *   task runs in user mode, the top of its kernel stack, the sp a trap from user mode
	 *   starts on (Linux rewrites it on every return to user mode).
	 * user_sp: user mode will park the user's sp here between the trap and [SAVE_REGS]. A trap
	 *   from the kernel finds it free, and the overflow path parks t0 in it (Linux's kernel
	 *   path writes it on every trap from the kernel too).
	 */
	unsigned long kernel_sp;
	unsigned long user_sp;
};

#endif /* __ASSEMBLER__ */

/*
 * Task stacks are aligned to twice their size, as Linux's THREAD_ALIGN with VMAP_STACK: then bit
 * THREAD_SHIFT of SP is 0 anywhere on the stack and 1 just below it, in the guard, so exception
 * entry can test for an overflow before it touches the stack.
 */
#define THREAD_ALIGN (2 * THREAD_SIZE)

/* THREAD_SHIFT = log2(THREAD_SIZE), the bit the overflow check at exception entry tests
 * (entry.S, [CHECK_STACK_OVERFLOW]), comes from the build with THREAD_SIZE (meson.build); trap.c
 * checks that 1 << THREAD_SHIFT == THREAD_SIZE. Linux: THREAD_SHIFT in asm/thread_info.h. */

#endif
