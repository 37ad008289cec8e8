/* SPDX-License-Identifier: MIT */
/*
 * riscv64 trap entry: every exception and interrupt arrives at handle_exception (stvec, direct
 * mode). Linux's equivalent is arch/riscv/kernel/entry.S.
 *
 * The sscratch protocol: sscratch is 0 while the CPU runs kernel code, and will hold the current
 * task while it runs user code. Until user mode exists every trap comes from the kernel, so the
 * frame is built on the stack we were on (no switch: DESIGN.md section 3, "exception from kernel:
 * none" on riscv64). When user mode comes, the first instruction becomes Linux's
 * `csrrw tp, sscratch, tp`: zero means "from the kernel" and the code below is that path.
 *
 * The trap is taken with sstatus.SIE cleared by the hardware (its old value is in SPIE), and SIE
 * stays clear from the first instruction here to the sret: the frame is saved and restored with
 * interrupts off. A handler may set SIE again (the nested-interrupt test does); a second trap then
 * builds its own frame lower on the stack, and since sepc, sstatus and scause were already saved
 * in the first frame, the path is re-entrant.
 *
 * Steps, tagged as on the other arches: [SAVE_REGS] [ENTER_IRQ_STACK] [CALL_HANDLER]
 * [LEAVE_IRQ_STACK] [RESTORE_REGS].
 */
#include <asm-offsets.h>
#include <asm/csr.h>

/* ------------------------------------------------------------------------------------------------
 * CALL_ON_IRQ_STACK handler: calls handler(a0 = regs) for an interrupt, on the stack the build
 * option riscv_irq_stack chooses. This is the only place the option changes the entry code.
 */
#if CONFIG_RISCV_IRQ_STACK
/*
 * Linux 6.5 (CONFIG_IRQ_STACKS, call_on_irq_stack in arch/riscv/kernel/entry.S): an interrupt
 * taken on the current task's stack runs on this CPU's IRQ stack; one taken on any other stack
 * (the IRQ stack itself: a nested interrupt) stays where it is.
 */
.macro CALL_ON_IRQ_STACK handler
	/* [ENTER_IRQ_STACK] Are we on the current task's stack? Task stacks are THREAD_SIZE
	 * bytes aligned to THREAD_SIZE, so sp is on it when sp and task->stack_base agree in every
	 * bit above THREAD_SIZE (Linux: on_thread_stack()). tp = current task (kernel invariant). */
	ld	t0, TASK_STACK(tp)
	xor	t0, t0, sp
	li	t1, -THREAD_SIZE		/* ~(THREAD_SIZE - 1) */
	and	t0, t0, t1
	bnez	t0, .Lirq_stay\@
	/* A frame record just below pt_regs, {interrupted s0, interrupted pc}, as if the
	 * interrupted code had called us: s0 points above it (the riscv frame layout,
	 * asm/stacktrace.h), so a backtrace from the handler on the IRQ stack walks back through
	 * this record into the interrupted function and its callers. s0 is callee-saved: it
	 * also brings us back to the task stack, as Linux's call_on_irq_stack uses it. */
	ld	t0, PT_EPC(sp)
	addi	sp, sp, -16
	sd	s0, 0(sp)			/* [s0 - 16]: the caller's frame pointer */
	sd	t0, 8(sp)			/* [s0 - 8]:  the "return address" */
	addi	s0, sp, 16			/* s0 = regs */
	/* This CPU's IRQ stack: tp -> task->cpu -> irq_stack_top, the first sp on it. */
	ld	t0, TASK_CPU(tp)
	ld	sp, CPU_IRQ_STACK_TOP(t0)
	call	\handler			/* a0 = regs, still on the task stack */
	/* [LEAVE_IRQ_STACK] Back to the task stack, right at pt_regs. */
	mv	sp, s0
	j	.Lirq_done\@
.Lirq_stay\@:
	/* Already on the IRQ stack (or another one): no switch, the frame chain is unbroken. */
	call	\handler
.Lirq_done\@:
.endm
#else
/*
 * Linux 5.7: no IRQ stack on riscv. The handler runs on the stack that was interrupted
 * (DESIGN.md section 3: "IRQ from kernel: none" on riscv64), which must therefore have room for
 * the deepest nest of handlers. s0 is still the interrupted code's frame pointer, so a backtrace
 * from the handler walks on into the interrupted code's callers.
 */
.macro CALL_ON_IRQ_STACK handler
	/* [ENTER_IRQ_STACK] none in this build (option riscv_irq_stack=false). */
	call	\handler
	/* [LEAVE_IRQ_STACK] none. */
.endm
#endif
/* ---------------------------------------------------------------------------------------------- */

	.text
	.balign	4
	.globl	handle_exception
handle_exception:
	/* [SAVE_REGS] Build a struct pt_regs on the current stack. */
	addi	sp, sp, -PT_SIZE
	sd	ra, PT_RA(sp)
	sd	gp, PT_GP(sp)
	sd	tp, PT_TP(sp)
	sd	t0, PT_T0(sp)
	sd	t1, PT_T1(sp)
	sd	t2, PT_T2(sp)
	sd	s0, PT_S0(sp)
	sd	s1, PT_S1(sp)
	sd	a0, PT_A0(sp)
	sd	a1, PT_A1(sp)
	sd	a2, PT_A2(sp)
	sd	a3, PT_A3(sp)
	sd	a4, PT_A4(sp)
	sd	a5, PT_A5(sp)
	sd	a6, PT_A6(sp)
	sd	a7, PT_A7(sp)
	sd	s2, PT_S2(sp)
	sd	s3, PT_S3(sp)
	sd	s4, PT_S4(sp)
	sd	s5, PT_S5(sp)
	sd	s6, PT_S6(sp)
	sd	s7, PT_S7(sp)
	sd	s8, PT_S8(sp)
	sd	s9, PT_S9(sp)
	sd	s10, PT_S10(sp)
	sd	s11, PT_S11(sp)
	sd	t3, PT_T3(sp)
	sd	t4, PT_T4(sp)
	sd	t5, PT_T5(sp)
	sd	t6, PT_T6(sp)
	addi	t0, sp, PT_SIZE		/* the sp the trap interrupted */
	sd	t0, PT_SP(sp)
	csrr	t0, sepc
	csrr	t1, sstatus
	csrr	t2, stval
	csrr	t3, scause
	sd	t0, PT_EPC(sp)
	sd	t1, PT_STATUS(sp)
	sd	t2, PT_BADADDR(sp)
	sd	t3, PT_CAUSE(sp)

	/* [CALL_HANDLER] scause bit 63 (the sign bit) tells an interrupt, do_irq(regs), from an
	 * exception, do_trap(regs). s0 still holds the interrupted code's frame pointer, so a
	 * backtrace from regs (epc, s0) walks on into the code the trap interrupted. */
	mv	a0, sp
	bgez	t3, .Lexception
	CALL_ON_IRQ_STACK do_irq		/* [ENTER_IRQ_STACK] do_irq [LEAVE_IRQ_STACK] */
	j	ret_from_exception
.Lexception:
	call	do_trap

ret_from_exception:
	/* [RESTORE_REGS] sepc, and sstatus: it brings back SPP and SPIE for sret and keeps SIE clear
	 * (it was clear when the frame was saved). do_trap may have changed epc (a breakpoint
	 * steps over itself, a fixup resumes elsewhere). */
	ld	t0, PT_EPC(sp)
	ld	t1, PT_STATUS(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	ra, PT_RA(sp)
	ld	gp, PT_GP(sp)
	ld	tp, PT_TP(sp)
	ld	t0, PT_T0(sp)
	ld	t1, PT_T1(sp)
	ld	t2, PT_T2(sp)
	ld	s0, PT_S0(sp)
	ld	s1, PT_S1(sp)
	ld	a0, PT_A0(sp)
	ld	a1, PT_A1(sp)
	ld	a2, PT_A2(sp)
	ld	a3, PT_A3(sp)
	ld	a4, PT_A4(sp)
	ld	a5, PT_A5(sp)
	ld	a6, PT_A6(sp)
	ld	a7, PT_A7(sp)
	ld	s2, PT_S2(sp)
	ld	s3, PT_S3(sp)
	ld	s4, PT_S4(sp)
	ld	s5, PT_S5(sp)
	ld	s6, PT_S6(sp)
	ld	s7, PT_S7(sp)
	ld	s8, PT_S8(sp)
	ld	s9, PT_S9(sp)
	ld	s10, PT_S10(sp)
	ld	s11, PT_S11(sp)
	ld	t3, PT_T3(sp)
	ld	t4, PT_T4(sp)
	ld	t5, PT_T5(sp)
	ld	t6, PT_T6(sp)
	ld	sp, PT_SP(sp)
	sret

/*
 * void arch_capture_regs(struct pt_regs *regs): a snapshot of the caller's registers, for panic()
 * and backtraces. A leaf without a frame, so sp, s0 and ra are still the caller's; epc is set to
 * the return address, the point in the caller just after this call.
 */
	.globl	arch_capture_regs
arch_capture_regs:
	sd	ra, PT_EPC(a0)
	sd	ra, PT_RA(a0)
	sd	sp, PT_SP(a0)
	sd	gp, PT_GP(a0)
	sd	tp, PT_TP(a0)
	sd	t0, PT_T0(a0)
	sd	t1, PT_T1(a0)
	sd	t2, PT_T2(a0)
	sd	s0, PT_S0(a0)
	sd	s1, PT_S1(a0)
	sd	a0, PT_A0(a0)
	sd	a1, PT_A1(a0)
	sd	a2, PT_A2(a0)
	sd	a3, PT_A3(a0)
	sd	a4, PT_A4(a0)
	sd	a5, PT_A5(a0)
	sd	a6, PT_A6(a0)
	sd	a7, PT_A7(a0)
	sd	s2, PT_S2(a0)
	sd	s3, PT_S3(a0)
	sd	s4, PT_S4(a0)
	sd	s5, PT_S5(a0)
	sd	s6, PT_S6(a0)
	sd	s7, PT_S7(a0)
	sd	s8, PT_S8(a0)
	sd	s9, PT_S9(a0)
	sd	s10, PT_S10(a0)
	sd	s11, PT_S11(a0)
	sd	t3, PT_T3(a0)
	sd	t4, PT_T4(a0)
	sd	t5, PT_T5(a0)
	sd	t6, PT_T6(a0)
	csrr	t0, sstatus
	sd	t0, PT_STATUS(a0)
	sd	zero, PT_BADADDR(a0)
	sd	zero, PT_CAUSE(a0)
	ld	t0, PT_T0(a0)		/* give t0 back its value */
	ret
