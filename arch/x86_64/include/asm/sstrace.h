/* SPDX-License-Identifier: MIT */
/*
 * x86_64: the stack-switch tracer's recording macros (include/sstrace.h), used by entry.S
 * and switch.S at the steps docs/stacks.md lists. Each is one line at its call site, tagged
 * [TRACE]; with the meson option stack_switch_trace=false every one of them is empty, and
 * tests/host/check_trace_off.py checks that the entry code is then exactly the code without
 * those lines.
 *
 * The event goes into this CPU's ring (struct cpu.switch_log, reached through %gs) in two
 * steps: take a slot by adding 1 to the head with one xadd, then fill it. One instruction
 * cannot be split by an interrupt, so an NMI or #MC arriving in between takes the next slot and
 * both events survive, in the order their slots were taken. No lock prefix: only this CPU
 * writes its ring.
 */
#ifndef TRISTACK_ASM_SSTRACE_H
#define TRISTACK_ASM_SSTRACE_H

#include <sstrace.h>

/*
 * The sequences the tracer records on each path (the table of docs/stacks.md; ktest=stacks takes
 * every path and compares). The IRQ-from-user row depends on x86_irq_stack: Linux 5.7 moves to
 * the IRQ stack (always), Linux >= 5.8 stays on the task stack (kernel-only). A breakpoint in the
 * kernel arrives on its IST stack.
 */
#define STACKS_SYSCALL_FROM_USER "user -> task -> entry -> user"
#if CONFIG_X86_IRQ_STACK_KERNEL_ONLY
#define STACKS_IRQ_FROM_USER "user -> entry -> task -> entry -> user"
#else
#define STACKS_IRQ_FROM_USER "user -> entry -> task -> irq -> task -> entry -> user"
#endif
#define STACKS_EXCEPTION_FROM_USER    "user -> entry -> task -> entry -> user"
#define STACKS_IRQ_FROM_KERNEL	      "task -> irq -> task"
#define STACKS_EXCEPTION_FROM_KERNEL  "none"
#define STACKS_BREAKPOINT_FROM_KERNEL "task -> ist-db -> task"

#ifdef __ASSEMBLER__
/* clang-format off */
#if CONFIG_STACK_SWITCH_TRACE

/* SW_RECORD hdr, sp: records the event with header \hdr (a register, STACK_SWITCH_HDR) and SP
 * \sp (a register). Clobbers rax. 6 instructions. */
.macro SW_RECORD hdr:req, sp:req
	mov	$1, %eax
	xadd	%rax, %gs:CPU_SW_HEAD		/* rax = this event's number */
	and	$SW_RING_MASK, %eax
	shl	$SW_EVENT_SHIFT, %eax		/* its byte offset in the ring */
	mov	\hdr, %gs:CPU_SW_RING(%rax)
	mov	\sp, %gs:(CPU_SW_RING + SW_EVENT_SP)(%rax)
.endm

/*
 * In ENTER_FROM_USER, after the copy to the task stack, with rdi pointing into the stack the
 * CPU pushed its frame on and rsp at the copy. Two switches: user -> that stack (the CPU's: the
 * ENTRY stack, TSS.sp0, or for #DB, #BP, NMI, #DF and #MC their IST stack), and that stack ->
 * the task stack (ours). Which stack, and the reason, come by vector from trap.c's
 * x86_user_entry_trace (for interrupts: always the ENTRY stack). The reason is kept in the
 * task for the way back. Saves and restores what it uses.
 */
.macro TRACE_ENTER_FROM_USER type:req
	push	%rax
	push	%rcx
	push	%rdx
	.ifc	\type, irq
	mov	$STACK_SWITCH_HDR(SK_USER, SK_ENTRY, SW_IRQ), %ecx
	SW_RECORD %rcx, %rdi
	mov	$STACK_SWITCH_HDR(SK_ENTRY, SK_TASK, SW_IRQ), %ecx
	.else
	mov	(3 * 8 + STUB_VECTOR)(%rsp), %rdx	/* the vector, above the three pushes */
	mov	x86_user_entry_trace(, %rdx, 8), %ecx	/* user -> ENTRY or IST */
	SW_RECORD %rcx, %rdi
	mov	x86_user_entry_trace + 4(, %rdx, 8), %ecx	/* ENTRY or IST -> task */
	.endif
	lea	(3 * 8)(%rsp), %rdx		/* rsp before the three pushes */
	SW_RECORD %rcx, %rdx
	shr	$16, %ecx			/* the reason */
	mov	%gs:CPU_CURRENT, %rax
	mov	%cl, TASK_USER_ENTRY_REASON(%rax)
	pop	%rdx
	pop	%rcx
	pop	%rax
.endm

/* In entry_SYSCALL_64 after SAVE_REGS (every register is in the frame): user -> task. */
.macro TRACE_SYSCALL_ENTRY
	mov	$STACK_SWITCH_HDR(SK_USER, SK_TASK, SW_SYSCALL), %ecx
	SW_RECORD %rcx, %rsp
	mov	%gs:CPU_CURRENT, %rax
	movb	$SW_SYSCALL, TASK_USER_ENTRY_REASON(%rax)
.endm

/* In irq_common, right after the move to the IRQ stack: the current task's stack (task, or
 * boot for the idle task of CPU 0) -> irq. Clobbers rax, rcx. */
.macro TRACE_ENTER_IRQ_STACK
	mov	%gs:CPU_CURRENT, %rcx
	movzbl	TASK_STACK_KIND(%rcx), %ecx
	or	$STACK_SWITCH_HDR(0, SK_IRQ, SW_IRQ), %ecx
	SW_RECORD %rcx, %rsp
.endm

/* In irq_common, right after the move back and the decrement of irq_count (its flags still
 * set): irq -> the task's stack, unless this was a nested interrupt (irq_count still >= 0:
 * we stayed on the IRQ stack) or, with x86_irq_stack=kernel-only, one from user mode (it never
 * left the task stack). Clobbers rax, rcx. */
.macro TRACE_LEAVE_IRQ_STACK
	jns	.Lno_switch\@
#if CONFIG_X86_IRQ_STACK_KERNEL_ONLY
	testb	$3, PT_CS(%rsp)
	jnz	.Lno_switch\@
#endif
	mov	%gs:CPU_CURRENT, %rcx
	movzbl	TASK_STACK_KIND(%rcx), %ecx
	shl	$8, %ecx
	or	$STACK_SWITCH_HDR(SK_IRQ, 0, SW_IRQ), %ecx
	SW_RECORD %rcx, %rsp
.Lno_switch\@:
.endm

/*
 * On the ENTRY stack, the way out to user mode, once the frame iretq or sysretq pops is there
 * with the user rdi on top (rdi itself is free): task -> entry, and entry -> user, whose SP is
 * the user RSP at \user_sp(%rsp). The reason is the one the task entered with. Saves and
 * restores rax, rcx; clobbers rdi (popped right after).
 */
.macro TRACE_RETURN_TO_USER user_sp:req
	push	%rax
	push	%rcx
	mov	%gs:CPU_CURRENT, %rcx
	movzbl	TASK_USER_ENTRY_REASON(%rcx), %ecx
	shl	$16, %ecx
	or	$STACK_SWITCH_HDR(SK_TASK, SK_ENTRY, 0), %ecx
	lea	(2 * 8)(%rsp), %rdi		/* rsp before the two pushes */
	SW_RECORD %rcx, %rdi
	/* The same reason, from entry to user: flip the kinds' bits that differ. */
	xor	$STACK_SWITCH_HDR(SK_TASK ^ SK_ENTRY, SK_ENTRY ^ SK_USER, 0), %ecx
	mov	(16 + \user_sp)(%rsp), %rdi
	SW_RECORD %rcx, %rdi
	pop	%rcx
	pop	%rax
.endm

/* In arch_switch_to, on next's stack: prev's stack -> next's (task, or boot for CPU 0's idle
 * task), reason "switch". rdi = prev, rsi = next. Clobbers rax, rcx, rdx. */
.macro TRACE_CONTEXT_SWITCH
	movzbl	TASK_STACK_KIND(%rdi), %ecx
	movzbl	TASK_STACK_KIND(%rsi), %edx
	shl	$8, %edx
	or	%edx, %ecx
	or	$STACK_SWITCH_HDR(0, 0, SW_CONTEXT), %ecx
	SW_RECORD %rcx, %rsp
.endm

#else /* !CONFIG_STACK_SWITCH_TRACE: nothing at all */
.macro TRACE_ENTER_FROM_USER type:req
.endm
.macro TRACE_SYSCALL_ENTRY
.endm
.macro TRACE_ENTER_IRQ_STACK
.endm
.macro TRACE_LEAVE_IRQ_STACK
.endm
.macro TRACE_RETURN_TO_USER user_sp:req
.endm
.macro TRACE_CONTEXT_SWITCH
.endm
#endif
/* clang-format on */
#endif /* __ASSEMBLER__ */
#endif
