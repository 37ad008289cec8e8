/* SPDX-License-Identifier: MIT */
/*
 * x86_64 context switch. Linux: __switch_to_asm in arch/x86/entry/entry_64.S, and
 * ret_from_fork for the first run of a new task.
 */
#include <asm-offsets.h>
#include <asm/sstrace.h>

	.text
/*
 * struct task *arch_switch_to(struct task *prev, struct task *next)
 *
 * Called from the scheduler with interrupts off. Saves prev's callee-saved registers on prev's
 * stack and its RSP in prev->thread.sp, takes next's stack, and returns from the call next made
 * when it was switched away (or, for a new task, into ret_from_kernel_thread). The caller-saved
 * registers need no saving: the C caller expects a call to clobber them anyway. Returns prev, so
 * that next knows which task ran before it.
 */
	.globl	arch_switch_to
arch_switch_to:
	/* LAB 2: BEGIN */
	/* [SAVE_CONTEXT] rbp, rbx, r12-r15: the six registers a call must preserve; and RFLAGS,
	 * which is per task too: a flag one task set (NT, AC) must not reach the next one, whose
	 * IRETQ would take #GP with NT set and whose user accesses would all pass SMAP with AC
	 * set. Linux saves it since 5.2 ("x86: Save [ER]FLAGS on context switch"). */
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	pushfq
	mov	%rsp, TASK_THREAD_SP(%rdi)

	/* [SWITCH_STACK] From here on we run on next's stack. */
	mov	TASK_THREAD_SP(%rsi), %rsp
	/* LAB 2: ELSE
	lea	lab2_missing(%rip), %rdi
	call	lab_missing
	.pushsection .rodata
lab2_missing:
	.asciz	"lab 2: arch_switch_to's save, stack switch and restore (arch/x86_64/switch.S)"
	.popsection
	LAB 2: END */
	TRACE_CONTEXT_SWITCH		/* [TRACE] prev's stack -> next's */

	/* LAB 2: BEGIN */
	/* [UPDATE_TOP_OF_STACK] cpu_current_top_of_stack, kept in TSS.sp1 as Linux 5.7 does:
	 * the top of next's kernel stack, where the syscall entry will build its frame. */
	mov	TASK_STACK(%rsi), %rax
	add	TASK_STACK_SIZE(%rsi), %rax
	mov	%rax, %gs:CPU_TSS_SP1

	/* [RESTORE_CONTEXT] */
	popfq
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	/* LAB 2: END */
	mov	%rdi, %rax		/* return prev */
	ret

/*
 * A new task's first "return" from arch_switch_to lands here (arch_thread_init() put this
 * address on its stack), with rax = the task that ran before and RSP 16-byte aligned at the top
 * of the new stack. rbp is 0 (from the initial frame): the backtrace ends here.
 */
	.globl	ret_from_kernel_thread
ret_from_kernel_thread:
	mov	%rax, %rdi
	call	task_entry		/* finishes the switch, runs the task; never returns */
	ud2
