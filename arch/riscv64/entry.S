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
 * Before anything is stored, the entry checks that sp has not run off the bottom of its stack
 * ([CHECK_STACK_OVERFLOW]); if it has, the report runs on this CPU's overflow stack
 * ([SWITCH_TO_OVERFLOW_STACK]), as Linux does with CONFIG_VMAP_STACK. x86_64 gets the same from
 * the CPU: #DF on its own IST stack.
 *
 * Steps, tagged as on the other arches: [CHECK_STACK_OVERFLOW] [SWITCH_TO_OVERFLOW_STACK]
 * [SAVE_REGS] [ENTER_IRQ_STACK] [CALL_HANDLER] [LEAVE_IRQ_STACK] [PREEMPT] [RESTORE_REGS].
 */
#include <asm-offsets.h>
#include <asm/csr.h>
#include <asm/thread.h>

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

/*
 * [SAVE_REGS] Fill the struct pt_regs at sp: every register but sp, whose interrupted value the
 * caller stores (it is not sp + PT_SIZE when the frame is on the overflow stack), then the trap
 * CSRs. Leaves t3 = scause.
 */
.macro SAVE_REGS
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
	csrr	t0, sepc
	csrr	t1, sstatus
	csrr	t2, stval
	csrr	t3, scause
	sd	t0, PT_EPC(sp)
	sd	t1, PT_STATUS(sp)
	sd	t2, PT_BADADDR(sp)
	sd	t3, PT_CAUSE(sp)
.endm

	.text
	.balign	4
	.globl	handle_exception
handle_exception:
	/*
	 * [CHECK_STACK_OVERFLOW] Linux's handle_exception with CONFIG_VMAP_STACK. Did sp run off
	 * the bottom of its stack? A kernel thread that recursed too deep has sp in the unmapped
	 * guard below its stack, and the first store of the trap frame there would fault again:
	 * that trap would make room for another frame one frame lower and fault again, and so on,
	 * until sp leaves the guard and the frames land on whatever lies below it: another task's
	 * stack. So the check comes before the first store.
	 *
	 * Every stack the kernel runs on is placed so that bit THREAD_SHIFT of sp is 0 anywhere on
	 * it and 1 in the THREAD_SIZE bytes right below it: task stacks and the boot stack are
	 * THREAD_SIZE bytes aligned to THREAD_ALIGN = 2 * THREAD_SIZE (kernel/task.c, boot.S), the
	 * IRQ stack (option riscv_irq_stack) is aligned to THREAD_ALIGN and no bigger than
	 * THREAD_SIZE (kernel/irq.c; trap.c asserts the size). The overflow stack is the exception
	 * (aligned to a page only): the slow path recognises it by its address. The bit is tested
	 * on the sp the frame will start at, so that a frame that does not fit counts too.
	 *
	 * Testing sp needs a register, and all of them hold the interrupted code's values. tp is
	 * the current task in the kernel, so, as Linux does, sp is parked in task->thread.kernel_sp
	 * and sp itself is the register the test works in. Interrupts are off (the trap cleared
	 * SIE) and the task struct is mapped: nothing can trap in between.
	 */
	addi	sp, sp, -PT_SIZE		/* where the frame will start */
	sd	sp, TASK_THREAD_KERNEL_SP(tp)	/* parked */
	srli	sp, sp, THREAD_SHIFT
	andi	sp, sp, 1			/* bit THREAD_SHIFT of it */
	bnez	sp, handle_kernel_stack_overflow /* set: in a guard */
	ld	sp, TASK_THREAD_KERNEL_SP(tp)	/* back to the frame's sp */
.Lsave_regs:
	/* [SAVE_REGS] Build a struct pt_regs on the current stack. */
	SAVE_REGS
	addi	t0, sp, PT_SIZE		/* the sp the trap interrupted */
	sd	t0, PT_SP(sp)

	/* [CALL_HANDLER] scause bit 63 (the sign bit) tells an interrupt, do_irq(regs), from an
	 * exception, do_trap(regs). s0 still holds the interrupted code's frame pointer, so a
	 * backtrace from regs (epc, s0) walks on into the code the trap interrupted. */
	mv	a0, sp
	bgez	t3, .Lexception
	CALL_ON_IRQ_STACK do_irq		/* [ENTER_IRQ_STACK] do_irq [LEAVE_IRQ_STACK] */
	/* [PREEMPT] Back on the interrupted stack: switch tasks here if the tick asked for it
	 * (kernel/sched.c, Linux's preempt_schedule_irq). */
	call	preempt_irq_return
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
 * The rest of the overflow check, out of line. Entered with sp = 1 (the bit), tp = the current
 * task, thread.kernel_sp = the sp the frame would start at, and every other register and the trap
 * CSRs as the trap found them.
 *
 * Not every sp with bit THREAD_SHIFT set is an overflow. On this CPU's overflow stack the bit
 * may be set (see above), and a trap there comes from the overflow report itself: it goes on to
 * the normal handler on that stack (do_trap() panics: a second report would start again at the
 * top of the stack the first one is using, and could loop). Linux's riscv entry has no such test
 * (it starts a second report over the first); its arm64 entry has it. Before irq_init() there is
 * no overflow stack yet (base 0): nothing better than the normal path. Any other sp has
 * overflowed: report it on the overflow stack. Comparing needs a second register: t0, parked in
 * thread.user_sp (thread.h says why that word is free here).
 */
handle_kernel_stack_overflow:
	sd	t0, TASK_THREAD_USER_SP(tp)	/* park t0: t0 and sp are free */
	ld	t0, TASK_THREAD_KERNEL_SP(tp)	/* t0 = the frame's sp */
	ld	sp, TASK_CPU(tp)		/* this CPU's struct cpu */
	ld	sp, CPU_OVERFLOW_STACK_BASE(sp)
	beqz	sp, .Lcarry_on			/* no overflow stack yet */
	bltu	t0, sp, .Lbad_stack		/* below the overflow stack */
	ld	sp, TASK_CPU(tp)
	ld	sp, CPU_OVERFLOW_STACK_TOP(sp)
	bgeu	t0, sp, .Lbad_stack		/* above it */
.Lcarry_on:
	/* The frame fits on the overflow stack (or there is none yet): back to the values the
	 * check found, and on to the normal path, which builds the frame right there. */
	ld	t0, TASK_THREAD_USER_SP(tp)
	ld	sp, TASK_THREAD_KERNEL_SP(tp)
	j	.Lsave_regs
.Lbad_stack:
	/* [SWITCH_TO_OVERFLOW_STACK] sp = this CPU's overflow_stack_top (Linux: the per-CPU
	 * overflow_stack), an empty stack that nothing else uses. */
	ld	sp, TASK_CPU(tp)
	ld	sp, CPU_OVERFLOW_STACK_TOP(sp)
	ld	t0, TASK_THREAD_USER_SP(tp)	/* t0 back: every register as interrupted */
	addi	sp, sp, -PT_SIZE
	/* [SAVE_REGS] The frame of the trap, with the interrupted sp: the one that overflowed. */
	SAVE_REGS
	ld	t0, TASK_THREAD_KERNEL_SP(tp)
	addi	t0, t0, PT_SIZE
	sd	t0, PT_SP(sp)
	/* A frame record {interrupted s0, interrupted pc}, as CALL_ON_IRQ_STACK makes: a backtrace
	 * from the handler goes on into the code that overflowed. */
	mv	a0, sp
	ld	t0, PT_EPC(sp)
	addi	sp, sp, -16
	sd	s0, 0(sp)
	sd	t0, 8(sp)
	addi	s0, sp, 16
	/* [CALL_HANDLER] do_stack_overflow(regs) (trap.c), which reports through
	 * handle_stack_overflow() and kills the task or panics: it never returns, and the task is
	 * never resumed (its stack has no room). */
	call	do_stack_overflow
	ebreak

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
