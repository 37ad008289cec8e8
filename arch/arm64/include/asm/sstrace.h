/* SPDX-License-Identifier: MIT */
/*
 * arm64: the stack-switch tracer's recording macros (include/sstrace.h), used by entry.S
 * and switch.S at the steps docs/stacks.md lists. Each is one line at its call site, tagged
 * [TRACE]; with the meson option stack_switch_trace=false every one of them is empty, and
 * tests/host/check_trace_off.py checks that the entry code is then exactly the code without
 * those lines.
 *
 * The event goes into this CPU's ring (struct cpu.switch_log, through TPIDR_EL1). Every place
 * that records runs with interrupts masked, and arm64 has no NMI here, so nothing can record in
 * between: a plain load, add and store of the head is enough.
 */
#ifndef TRISTACK_ASM_SSTRACE_H
#define TRISTACK_ASM_SSTRACE_H

#include <sstrace.h>
#include <asm/sysreg.h>

/*
 * The sequences the tracer records on each path (the table of docs/stacks.md; ktest=stacks takes
 * every path and compares). SP_EL1 is the task stack on entry from EL0; only an interrupt moves
 * on, to the IRQ stack.
 */
#define STACKS_SYSCALL_FROM_USER      "user -> task -> user"
#define STACKS_IRQ_FROM_USER	      "user -> task -> irq -> task -> user"
#define STACKS_EXCEPTION_FROM_USER    "user -> task -> user"
#define STACKS_IRQ_FROM_KERNEL	      "task -> irq -> task"
#define STACKS_EXCEPTION_FROM_KERNEL  "none"
#define STACKS_BREAKPOINT_FROM_KERNEL "none"

#ifdef __ASSEMBLER__
/* clang-format off */
#if CONFIG_STACK_SWITCH_TRACE

/* \reg = STACK_SWITCH_HDR(from, to, reason) for constants: two instructions, since the value
 * is no valid logical immediate. */
.macro MOV_HDR reg:req, from:req, to:req, reason:req
	movz	\reg, #((\from) | ((\to) << 8))
	movk	\reg, #(\reason), lsl #16
.endm

/* SW_RECORD hdr, sp, t1, t2, t3: records the event with header \hdr and SP \sp (x registers;
 * sp itself cannot be stored by stp, so copy it first). Clobbers \t1-\t3. 7 instructions. */
.macro SW_RECORD hdr:req, sp:req, t1:req, t2:req, t3:req
	mrs	\t1, tpidr_el1			/* this CPU's struct cpu */
	ldr	\t2, [\t1, #CPU_SW_HEAD]		/* this event's number */
	add	\t3, \t2, #1
	str	\t3, [\t1, #CPU_SW_HEAD]
	and	\t2, \t2, #SW_RING_MASK
	add	\t1, \t1, \t2, lsl #SW_EVENT_SHIFT
	stp	\hdr, \sp, [\t1, #CPU_SW_RING]
.endm

/*
 * After kernel_entry from EL0 (x20 = current, x24 = ESR_EL1): user -> task, the switch the CPU
 * made by taking the exception on SP_EL1. The reason: \reason, or for a synchronous exception
 * (\reason = sync) a system call if ESR's class is SVC from AArch64, else an exception. Kept in
 * the task for the way back. Clobbers x9-x13.
 */
.macro TRACE_ENTER_FROM_USER reason:req
	.ifc	\reason, sync
	ubfx	x11, x24, #ESR_EC_SHIFT, #6
	cmp	x11, #ESR_EC_SVC64
	mov	x11, #SW_SYSCALL
	mov	x12, #SW_EXCEPTION
	csel	x11, x11, x12, eq
	.else
	mov	x11, #\reason
	.endif
	strb	w11, [x20, #TASK_USER_ENTRY_REASON]
	MOV_HDR	x12, SK_USER, SK_TASK, 0
	orr	x11, x12, x11, lsl #16
	mov	x12, sp
	SW_RECORD x11, x12, x9, x10, x13
.endm

/* In ENTER_IRQ_STACK, right after the move to the IRQ stack: the current task's stack (task,
 * or boot for CPU 0's idle task) -> irq. Clobbers x9-x13. */
.macro TRACE_ENTER_IRQ_STACK
	mrs	x9, sp_el0			/* current */
	ldrb	w11, [x9, #TASK_STACK_KIND]
	MOV_HDR	x12, 0, SK_IRQ, SW_IRQ
	orr	x11, x11, x12
	mov	x12, sp
	SW_RECORD x11, x12, x9, x10, x13
.endm

/* After LEAVE_IRQ_STACK (sp = x19 again): irq -> the task's stack, if ENTER_IRQ_STACK did
 * switch, which it did exactly when x19 is on the current task's stack (the same high-bits test
 * it made). Clobbers x9-x13. */
.macro TRACE_LEAVE_IRQ_STACK
	mrs	x9, sp_el0
	ldr	x10, [x9, #TASK_STACK]
	eor	x10, x10, x19
	and	x10, x10, #~(THREAD_SIZE - 1)
	cbnz	x10, .Lno_switch\@		/* stayed on the IRQ stack: nested */
	ldrb	w11, [x9, #TASK_STACK_KIND]
	MOV_HDR	x12, SK_IRQ, 0, SW_IRQ
	orr	x11, x12, x11, lsl #8
	SW_RECORD x11, x19, x9, x10, x13
.Lno_switch\@:
.endm

/* At the start of kernel_exit to EL0, while SP_EL0 still holds current: task -> user, SP the
 * user SP from the frame, the reason the task entered with. Clobbers x9-x13. */
.macro TRACE_RETURN_TO_USER
	mrs	x9, sp_el0			/* current */
	ldrb	w11, [x9, #TASK_USER_ENTRY_REASON]
	MOV_HDR	x12, SK_TASK, SK_USER, 0
	orr	x11, x12, x11, lsl #16
	ldr	x12, [sp, #PT_SP]
	SW_RECORD x11, x12, x9, x10, x13
.endm

/* In arch_switch_to, on next's stack (x0 = prev, x1 = next, x9 = next's sp): prev's stack ->
 * next's, reason "switch". Clobbers x10-x14. */
.macro TRACE_CONTEXT_SWITCH
	ldrb	w10, [x0, #TASK_STACK_KIND]
	ldrb	w11, [x1, #TASK_STACK_KIND]
	orr	x10, x10, x11, lsl #8
	MOV_HDR	x11, 0, 0, SW_CONTEXT
	orr	x10, x10, x11
	SW_RECORD x10, x9, x12, x13, x14
.endm

#else /* !CONFIG_STACK_SWITCH_TRACE: nothing at all */
.macro TRACE_ENTER_FROM_USER reason:req
.endm
.macro TRACE_ENTER_IRQ_STACK
.endm
.macro TRACE_LEAVE_IRQ_STACK
.endm
.macro TRACE_RETURN_TO_USER
.endm
.macro TRACE_CONTEXT_SWITCH
.endm
#endif
/* clang-format on */
#endif /* __ASSEMBLER__ */
#endif
