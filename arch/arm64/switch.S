/* SPDX-License-Identifier: MIT */
/*
 * arm64 context switch. Linux: cpu_switch_to in arch/arm64/kernel/entry.S, and ret_from_fork for
 * the first run of a new task.
 */
#include <asm-offsets.h>
#include <asm/sstrace.h>

	.text
/*
 * struct task *arch_switch_to(struct task *prev, struct task *next)
 *
 * Called from the scheduler with interrupts off. Saves prev's callee-saved registers x19-x28,
 * its frame pointer, its return address (lr) and sp in prev->thread.cpu_context, loads next's,
 * and sets SP_EL0 = next: while the CPU runs at EL1 on SP_EL1, SP_EL0 is free, and arm64 keeps
 * `current` in it, as Linux does (docs/design.md). Returns prev in x0, untouched.
 */
	.globl	arch_switch_to
arch_switch_to:
	/* LAB 2: BEGIN */
	/* [SAVE_CONTEXT] */
	add	x8, x0, #TASK_THREAD_CPU_CONTEXT
	mov	x9, sp
	stp	x19, x20, [x8], #16
	stp	x21, x22, [x8], #16
	stp	x23, x24, [x8], #16
	stp	x25, x26, [x8], #16
	stp	x27, x28, [x8], #16
	stp	x29, x30, [x8], #16	/* fp, and lr: where prev continues */
	str	x9, [x8]

	/* [SWITCH_STACK] [RESTORE_CONTEXT] */
	add	x8, x1, #TASK_THREAD_CPU_CONTEXT
	ldp	x19, x20, [x8], #16
	ldp	x21, x22, [x8], #16
	ldp	x23, x24, [x8], #16
	ldp	x25, x26, [x8], #16
	ldp	x27, x28, [x8], #16
	ldp	x29, x30, [x8], #16
	ldr	x9, [x8]
	mov	sp, x9
	/* LAB 2: ELSE
	adrp	x0, lab2_missing
	add	x0, x0, :lo12:lab2_missing
	bl	lab_missing
	.pushsection .rodata
lab2_missing:
	.asciz	"lab 2: arch_switch_to's save, stack switch and restore (arch/arm64/switch.S)"
	.popsection
	LAB 2: END */
	TRACE_CONTEXT_SWITCH		/* [TRACE] prev's stack -> next's */

	/* LAB 2: BEGIN */
	/* [UPDATE_CURRENT] SP_EL0 = next. */
	msr	sp_el0, x1
	/* LAB 2: END */
	ret				/* to next's lr; x0 = prev */

/*
 * A new task's first "return" from arch_switch_to lands here (arch_thread_init() set lr), on the
 * top of its empty stack, with x0 = the task that ran before. x29 is 0: the backtrace ends here.
 */
	.globl	ret_from_kernel_thread
ret_from_kernel_thread:
	bl	task_entry		/* finishes the switch, runs the task; never returns */
	brk	#0x3
