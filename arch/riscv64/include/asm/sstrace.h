/* SPDX-License-Identifier: MIT */
/*
 * riscv64: the stack-switch tracer's recording macros (include/sstrace.h), used by entry.S
 * and switch.S at the steps docs/stacks.md lists. Each is one line at its call site, tagged
 * [TRACE]; with the meson option stack_switch_trace=false every one of them is empty, and
 * tests/host/check_trace_off.py checks that the entry code is then exactly the code without
 * those lines.
 *
 * The event goes into this CPU's ring (struct cpu.switch_log, through tp = current ->cpu).
 * Every place that records runs with interrupts off (SIE clear), and there is no NMI in S-mode,
 * so nothing can record in between: a plain load, add and store of the head is enough.
 */
#ifndef TRISTACK_ASM_SSTRACE_H
#define TRISTACK_ASM_SSTRACE_H

#include <sstrace.h>
#include <asm/csr.h>

/*
 * The sequences the tracer records on each path (the table of docs/stacks.md; ktest=stacks takes
 * every path and compares). sscratch gives the task stack on entry from U-mode; interrupts move
 * to an IRQ stack only with riscv_irq_stack=true (Linux 6.5), from user mode too.
 */
#define STACKS_SYSCALL_FROM_USER      "user -> task -> user"
#define STACKS_EXCEPTION_FROM_USER    "user -> task -> user"
#define STACKS_EXCEPTION_FROM_KERNEL  "none"
#define STACKS_BREAKPOINT_FROM_KERNEL "none"
#if CONFIG_RISCV_IRQ_STACK
#define STACKS_IRQ_FROM_USER   "user -> task -> irq -> task -> user"
#define STACKS_IRQ_FROM_KERNEL "task -> irq -> task"
#else
#define STACKS_IRQ_FROM_USER   "user -> task -> user"
#define STACKS_IRQ_FROM_KERNEL "none"
#endif

#ifdef __ASSEMBLER__
/* clang-format off */
#if CONFIG_STACK_SWITCH_TRACE

/* SW_RECORD hdr, sp, t1, t2, t3: records the event with header \hdr and SP \sp (registers).
 * Clobbers \t1-\t3. 9 instructions. The ring's offset in struct cpu fits the stores' 12-bit
 * immediates (asm-offsets.c checks). */
.macro SW_RECORD hdr:req, sp:req, t1:req, t2:req, t3:req
	ld	\t1, TASK_CPU(tp)		/* this CPU's struct cpu */
	ld	\t2, CPU_SW_HEAD(\t1)		/* this event's number */
	addi	\t3, \t2, 1
	sd	\t3, CPU_SW_HEAD(\t1)
	andi	\t2, \t2, SW_RING_MASK
	slli	\t2, \t2, SW_EVENT_SHIFT
	add	\t1, \t1, \t2
	sd	\hdr, CPU_SW_RING(\t1)
	sd	\sp, (CPU_SW_RING + SW_EVENT_SP)(\t1)
.endm

/*
 * At the end of the entry from user mode (sp = the frame on the task stack, t3 = scause):
 * user -> task, the switch [SWITCH_TO_TASK_STACK] made. The reason from scause: an interrupt,
 * an ecall from U-mode (a system call), or an exception. Kept in the task for the way back.
 * Clobbers t0-t2 and t4; t3 stays scause.
 */
.macro TRACE_ENTER_FROM_USER
	li	t0, SW_IRQ
	bltz	t3, .Lreason\@			/* the interrupt bit: scause's sign */
	li	t0, SW_SYSCALL
	li	t1, EXC_ECALL_U
	beq	t3, t1, .Lreason\@
	li	t0, SW_EXCEPTION
.Lreason\@:
	sb	t0, TASK_USER_ENTRY_REASON(tp)
	slli	t0, t0, 16
	li	t1, STACK_SWITCH_HDR(SK_USER, SK_TASK, 0)
	or	t0, t0, t1
	SW_RECORD t0, sp, t1, t2, t4
.endm

/* In CALL_ON_IRQ_STACK (option riscv_irq_stack), right after the move to the IRQ stack: the
 * current task's stack (task, or boot for CPU 0's idle task) -> irq. Clobbers t0-t3; a0 stays. */
.macro TRACE_ENTER_IRQ_STACK
	lbu	t1, TASK_STACK_KIND(tp)
	li	t2, STACK_SWITCH_HDR(0, SK_IRQ, SW_IRQ)
	or	t1, t1, t2
	SW_RECORD t1, sp, t0, t2, t3
.endm

/* Right after the move back to the task stack: irq -> the task's stack. Clobbers t0-t3. */
.macro TRACE_LEAVE_IRQ_STACK
	lbu	t1, TASK_STACK_KIND(tp)
	slli	t1, t1, 8
	li	t2, STACK_SWITCH_HDR(SK_IRQ, 0, SW_IRQ)
	or	t1, t1, t2
	SW_RECORD t1, sp, t0, t2, t3
.endm

/* In ret_to_user before RESTORE_REGS: task -> user, SP the user sp from the frame, the reason
 * the task entered with. Clobbers t0-t4 (RESTORE_REGS reloads them). */
.macro TRACE_RETURN_TO_USER
	lbu	t0, TASK_USER_ENTRY_REASON(tp)
	slli	t0, t0, 16
	li	t1, STACK_SWITCH_HDR(SK_TASK, SK_USER, 0)
	or	t0, t0, t1
	ld	t1, PT_SP(sp)
	SW_RECORD t0, t1, t2, t3, t4
.endm

/* In arch_switch_to, on next's stack with tp = next (a0 = prev, a1 = next): prev's stack ->
 * next's, reason "switch". Clobbers t0-t3. */
.macro TRACE_CONTEXT_SWITCH
	lbu	t0, TASK_STACK_KIND(a0)
	lbu	t1, TASK_STACK_KIND(a1)
	slli	t1, t1, 8
	or	t0, t0, t1
	li	t1, STACK_SWITCH_HDR(0, 0, SW_CONTEXT)
	or	t0, t0, t1
	SW_RECORD t0, sp, t1, t2, t3
.endm

#else /* !CONFIG_STACK_SWITCH_TRACE: nothing at all */
.macro TRACE_ENTER_FROM_USER
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
