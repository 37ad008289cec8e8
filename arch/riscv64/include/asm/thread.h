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
	 * check or replace. tp (the current task, once the sscratch swap is done) is the one
	 * register it may rely on, so it parks registers here. Linux keeps the same two words in
	 * thread_info (TASK_TI_KERNEL_SP, TASK_TI_USER_SP).
	 *
	 * From the kernel ([CHECK_STACK_OVERFLOW]): kernel_sp holds the sp being tested (the
	 *   interrupted sp minus the frame), and the overflow slow path parks t0 in user_sp.
	 * From user mode ([SWITCH_TO_TASK_STACK]): user_sp holds the user's sp until it is stored
	 *   in the frame, and kernel_sp parks t0 while sp = stack_base + stack_size is computed.
	 *   (Linux keeps the kernel stack top in kernel_sp instead; here it is computed, so no
	 *   value has to survive from one trap to the next.)
	 *
	 * The two uses never meet: each lasts a few instructions with interrupts off (the trap
	 * cleared SIE) and touches only memory that is mapped (the task struct, the CPU struct,
	 * the top of the task's kernel stack, the overflow stack), so no trap can come in the
	 * middle of one, and a task runs on one CPU at a time. Nothing is kept in them between
	 * traps.
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
