/* SPDX-License-Identifier: MIT */
/*
 * riscv64 trap entry: every exception and interrupt, from user mode or from the kernel, arrives at
 * handle_exception (stvec, direct mode), and they all leave through ret_from_exception. Linux's
 * equivalent is arch/riscv/kernel/entry.S (handle_exception, ret_from_exception, resume_userspace).
 *
 * The sscratch convention (Linux's; docs/design.md): sscratch holds the current task while the
 * CPU runs user code, and 0 while it runs kernel code. RISC-V has one trap vector and the
 * hardware switches no stack and saves no register but sepc/sstatus/scause/stval, so the first
 * instruction must find out, without a free register, where it came from and where `current`
 * is. It swaps tp and sscratch (`csrrw tp, sscratch, tp`):
 *   - tp != 0: from user mode. tp is now the current task, sscratch the user's tp. The user sp
 *     goes to task->thread.user_sp, sp becomes the top of the task's kernel stack (which is empty:
 *     a task in user mode has nothing on it), the frame is built there, the user's sp and tp go
 *     into it, and sscratch is set back to 0: in the kernel now. ([ENTER_FROM_USER]
 *     [SWITCH_TO_TASK_STACK] [SAVE_REGS]; docs/stacks.md: "user -> task -> user".)
 *   - tp == 0: from the kernel. sscratch holds the kernel's tp (the current task): take it back,
 *     leaving 0 in sscratch. The frame is built on the stack we were on (no switch: "exception
 *     from kernel: none" on riscv64).
 * The way out to user mode reverses it: sscratch = the current task, user registers back, the
 * user's sp last, sret ([RETURN_TO_USER] [RESTORE_REGS] [SWITCH_TO_USER_STACK]).
 *
 * The trap is taken with sstatus.SIE cleared by the hardware (its old value is in SPIE), and SIE
 * stays clear from the first instruction here until the C handler: the frame is saved and
 * restored with interrupts off. A handler may set SIE again (a system call runs with interrupts
 * on; the nested-interrupt test enables them in a handler); a second trap then builds its own
 * frame lower on the same stack, and since sepc, sstatus and scause were already saved in the
 * first frame, the path is re-entrant. ret_from_exception turns SIE off again before it touches
 * sepc: a trap after that would overwrite it.
 *
 * Before anything is stored, a trap from the kernel checks that sp has not run off the bottom of
 * its stack ([CHECK_STACK_OVERFLOW]); if it has, the report runs on this CPU's overflow stack
 * ([SWITCH_TO_OVERFLOW_STACK]), as Linux does with CONFIG_VMAP_STACK. x86_64 gets the same from
 * the CPU: #DF on its own IST stack. A trap from user mode needs no check: it starts at the top
 * of an empty kernel stack.
 *
 * Steps, tagged as on the other arches: [ENTER_FROM_USER] [SWITCH_TO_TASK_STACK]
 * [CHECK_STACK_OVERFLOW] [SWITCH_TO_OVERFLOW_STACK] [SAVE_REGS] [ENTER_IRQ_STACK]
 * [CALL_HANDLER] [LEAVE_IRQ_STACK] [PREEMPT] [RETURN_TO_USER] [RESTORE_REGS]
 * [SWITCH_TO_USER_STACK].
 *
 * Sections, in the same order in the three entry.S files: Kernel entry, The IRQ-stack switch,
 * Exceptions, The return to user mode, The from-user path, User copies, Helpers. Here the first
 * four are one flow through handle_exception, read from top to bottom.
 */
#include <asm-offsets.h>
#include <extable.h>
#include <asm/csr.h>
#include <asm/sstrace.h>
#include <asm/thread.h>

/* ============================================================================ Kernel entry === */

/*
 * [SAVE_REGS] Fill the struct pt_regs at sp: every register but sp and tp, whose interrupted
 * values the caller stores (from user mode they are parked in thread.user_sp and sscratch; on the
 * overflow stack sp is not sp + PT_SIZE), then the trap CSRs. sstatus.SUM is cleared on the way,
 * as Linux does (`csrrc s1, CSR_STATUS, SR_SUM|SR_FS`): a trap taken inside a user copy
 * (arch_copy_from_user, which is where SUM is set) runs its handler with user memory closed again,
 * and the saved status brings SUM back when the trap returns there. Leaves t3 = scause.
 */
.macro SAVE_REGS
	sd	ra, PT_RA(sp)
	sd	gp, PT_GP(sp)
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
	li	t0, SR_SUM
	csrrc	t1, sstatus, t0			/* t1 = sstatus as trapped; SUM off from here */
	csrr	t0, sepc
	csrr	t2, stval
	csrr	t3, scause
	sd	t0, PT_EPC(sp)
	sd	t1, PT_STATUS(sp)
	sd	t2, PT_BADADDR(sp)
	sd	t3, PT_CAUSE(sp)
	sd	zero, PT_ORIG_A0(sp)		/* set by the ecall path only (trap.c) */
.endm

/*
 * [RESTORE_REGS] Load every register from the struct pt_regs at sp and sret. sepc, and sstatus:
 * it brings back SPP (the mode sret returns to), SPIE (SIE after sret) and SUM, and keeps SIE
 * clear until the sret (the caller turned it off; the saved value has it clear too). sp last: it
 * is the base of every load. To user mode, that last load is the switch to the user stack.
 */
.macro RESTORE_REGS
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
	ld	sp, PT_SP(sp)			/* [SWITCH_TO_USER_STACK] when going to user mode */
	sret
.endm

	.text
/*
 * The rest of the overflow check, out of line. Entered with sp = 1 (the bit), tp = the current
 * task, thread.kernel_sp = the sp the frame would start at, sscratch = 0, and every other
 * register and the trap CSRs as the trap found them.
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
	sd	tp, PT_TP(sp)
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

	.balign	4
	.globl	handle_exception
handle_exception:
	/*
	 * The sscratch convention (Linux's handle_exception): swap tp and sscratch. sscratch is
	 * the current task if we came from user mode and 0 if we came from the kernel, so after
	 * the swap tp says which, and nothing has been lost: the old tp is in sscratch.
	 */
	csrrw	tp, sscratch, tp
	bnez	tp, .Lenter_from_user

	/*
	 * From the kernel. tp is 0 and sscratch holds the kernel's tp, the current task: take it
	 * back and put the 0 back in the same instruction, so that sscratch is never non-zero
	 * while the kernel runs (Linux reads it back with csrr and clears it later, in
	 * _save_context; a trap in between would take the kernel for user mode).
	 */
	csrrw	tp, sscratch, zero

	/*
	 * [CHECK_STACK_OVERFLOW] Linux's handle_exception with CONFIG_VMAP_STACK. Did sp run off
	 * the bottom of its stack? A kernel thread that recursed too deep has sp in the unmapped
	 * guard below its stack, and the first store of the trap frame there would fault again:
	 * that trap would make room for another frame one frame lower and fault again, and so on,
	 * until sp leaves the guard and the frames land on whatever lies below it: another task's
	 * stack. So the check comes before the first store. Only a trap from the kernel can meet
	 * this: a trap from user mode starts on the top of an empty kernel stack.
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
	 * SIE) and the task struct is mapped: nothing can trap in between. (The user path parks
	 * in the same two words of thread; thread.h says why the two never meet.)
	 */
	addi	sp, sp, -PT_SIZE		/* where the frame will start */
	sd	sp, TASK_THREAD_KERNEL_SP(tp)	/* parked */
	srli	sp, sp, THREAD_SHIFT
	andi	sp, sp, 1			/* bit THREAD_SHIFT of it */
	bnez	sp, handle_kernel_stack_overflow /* set: in a guard */
	ld	sp, TASK_THREAD_KERNEL_SP(tp)	/* back to the frame's sp */
.Lsave_regs:
	/* [SAVE_REGS] Build a struct pt_regs on the current stack. tp is the kernel's own (the
	 * current task), and the interrupted sp is right above the frame. */
	SAVE_REGS
	sd	tp, PT_TP(sp)
	addi	t0, sp, PT_SIZE
	sd	t0, PT_SP(sp)

.Lcall_handler:
	/* [CALL_HANDLER] scause bit 63 (the sign bit) tells an interrupt, do_irq(regs), from an
	 * exception, do_trap(regs). From the kernel, s0 still holds the interrupted code's frame
	 * pointer, so a backtrace from regs (epc, s0) walks on into the code the trap
	 * interrupted; from user mode it is 0 and the backtrace ends at the trap. */
	mv	a0, sp
	bgez	t3, .Lexception

/* ==================================================================== The IRQ-stack switch === */

/*
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
	/* LAB 4: BEGIN */
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
	TRACE_ENTER_IRQ_STACK			/* [TRACE] task -> irq */
	call	\handler			/* a0 = regs, still on the task stack */
	/* [LEAVE_IRQ_STACK] Back to the task stack, right at pt_regs. */
	mv	sp, s0
	TRACE_LEAVE_IRQ_STACK			/* [TRACE] irq -> task */
	j	.Lirq_done\@
.Lirq_stay\@:
	/* Already on the IRQ stack (a nested interrupt): no switch. The same frame record as
	 * above, so that the interrupted handler's own pc shows in a backtrace. */
	ld	t0, PT_EPC(sp)
	addi	sp, sp, -16
	sd	s0, 0(sp)
	sd	t0, 8(sp)
	addi	s0, sp, 16
	call	\handler
	addi	sp, sp, 16
.Lirq_done\@:
	/* LAB 4: ELSE
	// The part lab 4 asks for. The stub is Linux 5.7's way: the handler runs on the stack
	// the interrupt came to, below a frame record {interrupted s0, interrupted pc}.
	ld	t0, PT_EPC(sp)
	addi	sp, sp, -16
	sd	s0, 0(sp)
	sd	t0, 8(sp)
	addi	s0, sp, 16
	call	\handler
	addi	sp, sp, 16
	LAB 4: END */
.endm
#else
/*
 * Linux 5.7: no IRQ stack on riscv. The handler runs on the stack that was interrupted
 * (docs/stacks.md: "IRQ from kernel: none" on riscv64), which must therefore have room for
 * the deepest nest of handlers. A frame record {interrupted s0, interrupted pc} just below
 * pt_regs, with s0 pointing above it, makes the interrupted function itself show up in a
 * backtrace taken in the handler (the pc is nowhere else on the stack), then its callers.
 */
.macro CALL_ON_IRQ_STACK handler
	/* [ENTER_IRQ_STACK] none in this build (option riscv_irq_stack=false). */
	ld	t0, PT_EPC(sp)
	addi	sp, sp, -16
	sd	s0, 0(sp)			/* [s0 - 16]: the interrupted frame pointer */
	sd	t0, 8(sp)			/* [s0 - 8]:  the interrupted pc */
	addi	s0, sp, 16			/* s0 = regs */
	call	\handler
	addi	sp, sp, 16			/* back to pt_regs; s0 comes back with the rest */
	/* [LEAVE_IRQ_STACK] none. */
.endm
#endif
	CALL_ON_IRQ_STACK do_irq		/* [ENTER_IRQ_STACK] do_irq [LEAVE_IRQ_STACK] */
	/* An interrupt from user mode: exit_to_user_mode() does the rescheduling, on the way
	 * out (Linux: irqentry_exit_to_user_mode). */
	ld	t0, PT_STATUS(sp)
	andi	t0, t0, SR_SPP
	beqz	t0, ret_from_exception
	/* [PREEMPT] Back on the interrupted stack: switch tasks here if the tick asked for it
	 * (kernel/sched.c, Linux's preempt_schedule_irq). */
	call	preempt_irq_return
	j	ret_from_exception

/* ============================================================================== Exceptions === */

.Lexception:
	call	do_trap				/* [CALL_HANDLER] do_trap(regs) */

/* ================================================================= The return to user mode === */

	/*
	 * ret_from_exception (Linux's name): interrupts off first. A handler may have enabled
	 * them (every system call does), and an interrupt between the csrw sepc below and the
	 * sret would overwrite sepc and send the sret to the wrong place. Then sstatus.SPP of the
	 * trap says where to go back to.
	 */
ret_from_exception:
	csrci	sstatus, SR_SIE
	ld	t0, PT_STATUS(sp)
	andi	t0, t0, SR_SPP
	beqz	t0, ret_to_user
	/* [RESTORE_REGS] Back to the kernel, on the stack the trap came from. do_trap may have
	 * changed epc (a breakpoint steps over itself, a fixup resumes elsewhere). */
	RESTORE_REGS

	/*
	 * [RETURN_TO_USER] The way back to user mode, from a system call, an exception or an
	 * interrupt, and the first entry of a process (arch_ret_to_user), with sp at the pt_regs
	 * on the top of the task's kernel stack and interrupts off. Linux: ret_from_exception ->
	 * resume_userspace. exit_to_user_mode() may switch tasks or end this one; it comes back
	 * with interrupts off, on this stack, with tp = this task again (switch.S).
	 */
ret_to_user:
	mv	a0, sp
	call	exit_to_user_mode
	csrci	sstatus, SR_SIE			/* whatever it did: off from here to the sret */
	/*
	 * The status sret will use: SPP = 0 (to U-mode), SPIE = 1 (interrupts on there, so the
	 * program cannot keep the CPU), SIE = 0 (off until the sret), SUM = 0 (the next trap from
	 * user mode starts with user memory closed). They are what the frame holds anyway; forcing
	 * them means no value a handler left there can sret into S-mode with user registers.
	 */
	ld	t1, PT_STATUS(sp)
	li	t0, SR_SPP | SR_SIE | SR_SUM
	not	t0, t0
	and	t1, t1, t0
	ori	t1, t1, SR_SPIE
	sd	t1, PT_STATUS(sp)
	TRACE_RETURN_TO_USER			/* [TRACE] task -> user */
	/* The sscratch convention: the next trap from user mode finds the current task in
	 * sscratch. From this write on, a trap would be taken as one from user mode: none can
	 * come, interrupts are off and the loads below read this task's mapped kernel stack. */
	/* LAB 3: BEGIN */
	csrw	sscratch, tp
	/* LAB 3: ELSE
	// The part lab 3 asks for: without it the next trap from user mode cannot find its task.
	la	a0, lab3_exit_missing
	call	lab_missing
	.pushsection .rodata
lab3_exit_missing:
	.asciz	"lab 3: the return to user mode's half of the sscratch convention (ret_to_user, arch/riscv64/entry.S)"
	.popsection
	LAB 3: END */
	/* [RESTORE_REGS] [SWITCH_TO_USER_STACK] The user's registers, its tp among them, its sp
	 * last, and sret to U-mode. */
	RESTORE_REGS

/*
 * void arch_ret_to_user(struct pt_regs *regs): the first entry of a process into user mode.
 * regs is the pt_regs at the top of the current task's kernel stack (task_pt_regs()), filled by
 * arch_user_regs_init(); from there it is the way out of any trap from user mode. No frame
 * record: nothing to return to.
 */
	.globl	arch_ret_to_user
arch_ret_to_user:
	csrci	sstatus, SR_SIE
	mv	sp, a0
	mv	s0, zero
	j	ret_to_user

/* ====================================================================== The from-user path === */

	/*
	 * [ENTER_FROM_USER] From user mode: tp = the current task, sscratch = the user's tp, and
	 * every other register (sp included) the user's.
	 */
.Lenter_from_user:
	/*
	 * [SWITCH_TO_TASK_STACK] The user sp goes to task->thread.user_sp (Linux: TASK_TI_USER_SP),
	 * and sp becomes the top of the task's kernel stack, stack_base + stack_size. The addition
	 * needs a second register: t0, parked in thread.kernel_sp for three instructions. (Linux
	 * instead keeps the stack top in thread_info.kernel_sp, rewritten on every return to user
	 * mode; here the kernel path uses that word as scratch, so the top is computed.)
	 * Interrupts are off and all this touches is the task struct and the top of its stack,
	 * both mapped: nothing can trap before sscratch is 0 again.
	 */
	/* LAB 3: BEGIN */
	sd	sp, TASK_THREAD_USER_SP(tp)
	sd	t0, TASK_THREAD_KERNEL_SP(tp)
	ld	sp, TASK_STACK(tp)
	ld	t0, TASK_STACK_SIZE(tp)
	add	sp, sp, t0
	ld	t0, TASK_THREAD_KERNEL_SP(tp)
	addi	sp, sp, -PT_SIZE
	/* [SAVE_REGS] The user's registers, then its sp (parked) and its tp (still in sscratch).
	 * Swapping 0 into sscratch is the "we are in the kernel now" of the convention. */
	SAVE_REGS
	ld	t0, TASK_THREAD_USER_SP(tp)
	sd	t0, PT_SP(sp)
	csrrw	t0, sscratch, zero
	sd	t0, PT_TP(sp)
	/* LAB 3: ELSE
	// The part lab 3 asks for: sp is still the user's. The stub borrows this CPU's overflow
	// stack, ends the sscratch swap (0: in the kernel) and says so.
	ld	t0, TASK_CPU(tp)
	ld	sp, CPU_OVERFLOW_STACK_TOP(t0)
	csrw	sscratch, zero
	la	a0, lab3_missing
	call	lab_missing
	.pushsection .rodata
lab3_missing:
	.asciz	"lab 3: the entry from user mode, the stack switch and the frame (.Lenter_from_user, arch/riscv64/entry.S)"
	.popsection
	LAB 3: END */
	/* The user's s0 is no kernel frame pointer: the chain of frame records ends here (the
	 * kernel's gp is not needed: it links without __global_pointer$, so nothing is
	 * gp-relative, where Linux has to reload gp here). */
	mv	s0, zero
	TRACE_ENTER_FROM_USER			/* [TRACE] user -> task */
	j	.Lcall_handler

/* ============================================================================= User copies === */

/*
 * size_t arch_copy_from_user(void *dst, const void *usrc, size_t n)
 * size_t arch_copy_to_user(void *udst, const void *src, size_t n)
 *
 * Copy n bytes between the kernel and an address the caller has range-checked, and return how
 * many were NOT copied (0: all). Linux: __asm_copy_from_user in arch/riscv/lib/uaccess.S.
 *
 * sstatus.SUM ("permit Supervisor User Memory access") is what lets S-mode load and store
 * through a user (U=1) mapping; it is set only here, for the length of the copy, so that any
 * other kernel access to user memory faults, as x86's SMAP and arm64's PAN make it. A byte loop;
 * the one instruction that touches user memory (label 1) has a silent exception-table entry: a
 * fault there (an unmapped or read-only user page) goes through do_trap() and die() to the
 * fixup, label 2, with a2 = the bytes not copied, and SUM is cleared there, on the normal way
 * out and on the fault's alike (t1 still holds SR_SUM: the trap saved and restored it). A trap
 * in the middle of the copy (an interrupt) clears SUM for its handler and the saved sstatus
 * brings it back ([SAVE_REGS]).
 */
	.globl	arch_copy_from_user
arch_copy_from_user:
	li	t1, SR_SUM
	csrs	sstatus, t1
	beqz	a2, 2f
1:	lbu	t0, 0(a1)			/* the user load */
	uaccess_extable 1b, 2f
	sb	t0, 0(a0)
	addi	a1, a1, 1
	addi	a0, a0, 1
	addi	a2, a2, -1
	bnez	a2, 1b
2:	csrc	sstatus, t1
	mv	a0, a2				/* bytes not copied */
	ret

	.globl	arch_copy_to_user
arch_copy_to_user:
	li	t1, SR_SUM
	csrs	sstatus, t1
	beqz	a2, 2f
0:	lbu	t0, 0(a1)
1:	sb	t0, 0(a0)			/* the user store */
	uaccess_extable 1b, 2f
	addi	a1, a1, 1
	addi	a0, a0, 1
	addi	a2, a2, -1
	bnez	a2, 0b
2:	csrc	sstatus, t1
	mv	a0, a2				/* bytes not copied */
	ret

/* ================================================================================= Helpers === */

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
	/* status as a trap from here would save it: SPP = 1, "taken in S-mode", so that
	 * user_mode() says kernel. (The live SPP is whatever the last sret left there: sret sets
	 * it to U-mode.) */
	csrr	t0, sstatus
	ori	t0, t0, SR_SPP
	sd	t0, PT_STATUS(a0)
	sd	zero, PT_BADADDR(a0)
	sd	zero, PT_CAUSE(a0)
	sd	zero, PT_ORIG_A0(a0)
	ld	t0, PT_T0(a0)		/* give t0 back its value */
	ret
