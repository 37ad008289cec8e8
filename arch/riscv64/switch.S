/* SPDX-License-Identifier: MIT */
/*
 * riscv64 context switch. Linux: __switch_to in arch/riscv/kernel/entry.S, and
 * ret_from_kernel_thread for the first run of a new task.
 */
#include <asm-offsets.h>
#include <asm/sstrace.h>

	.text
/*
 * struct task *arch_switch_to(struct task *prev, struct task *next)
 *
 * Called from the scheduler with interrupts off. Saves prev's ra, sp and s0-s11 in prev->thread,
 * loads next's, and sets tp = next: riscv64 keeps `current` in tp, as Linux does (docs/design.md).
 * Returns prev in a0, untouched.
 */
	.globl	arch_switch_to
arch_switch_to:
	/* LAB 2: BEGIN */
	/* [SAVE_CONTEXT] */
	sd	ra, TASK_THREAD_RA(a0)
	sd	sp, TASK_THREAD_SP(a0)
	sd	s0, TASK_THREAD_S + 0 * 8(a0)
	sd	s1, TASK_THREAD_S + 1 * 8(a0)
	sd	s2, TASK_THREAD_S + 2 * 8(a0)
	sd	s3, TASK_THREAD_S + 3 * 8(a0)
	sd	s4, TASK_THREAD_S + 4 * 8(a0)
	sd	s5, TASK_THREAD_S + 5 * 8(a0)
	sd	s6, TASK_THREAD_S + 6 * 8(a0)
	sd	s7, TASK_THREAD_S + 7 * 8(a0)
	sd	s8, TASK_THREAD_S + 8 * 8(a0)
	sd	s9, TASK_THREAD_S + 9 * 8(a0)
	sd	s10, TASK_THREAD_S + 10 * 8(a0)
	sd	s11, TASK_THREAD_S + 11 * 8(a0)

	/* [SWITCH_STACK] [RESTORE_CONTEXT] */
	ld	ra, TASK_THREAD_RA(a1)
	ld	sp, TASK_THREAD_SP(a1)
	ld	s0, TASK_THREAD_S + 0 * 8(a1)
	ld	s1, TASK_THREAD_S + 1 * 8(a1)
	ld	s2, TASK_THREAD_S + 2 * 8(a1)
	ld	s3, TASK_THREAD_S + 3 * 8(a1)
	ld	s4, TASK_THREAD_S + 4 * 8(a1)
	ld	s5, TASK_THREAD_S + 5 * 8(a1)
	ld	s6, TASK_THREAD_S + 6 * 8(a1)
	ld	s7, TASK_THREAD_S + 7 * 8(a1)
	ld	s8, TASK_THREAD_S + 8 * 8(a1)
	ld	s9, TASK_THREAD_S + 9 * 8(a1)
	ld	s10, TASK_THREAD_S + 10 * 8(a1)
	ld	s11, TASK_THREAD_S + 11 * 8(a1)

	/* [UPDATE_CURRENT] tp = next. */
	mv	tp, a1
	/* LAB 2: ELSE
	la	a0, lab2_missing
	call	lab_missing
	.pushsection .rodata
lab2_missing:
	.asciz	"lab 2: arch_switch_to's save, stack switch and restore (arch/riscv64/switch.S)"
	.popsection
	LAB 2: END */
	TRACE_CONTEXT_SWITCH		/* [TRACE] prev's stack -> next's */
	ret				/* to next's ra; a0 = prev */

/*
 * A new task's first "return" from arch_switch_to lands here (arch_thread_init() set ra), on the
 * top of its empty stack, with a0 = the task that ran before. s0 is 0: the backtrace ends here.
 */
	.globl	ret_from_kernel_thread
ret_from_kernel_thread:
	call	task_entry		/* finishes the switch, runs the task; never returns */
	ebreak
