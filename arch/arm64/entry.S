/* SPDX-License-Identifier: MIT */
/*
 * arm64 exception entry: the VBAR_EL1 vector table and what each vector runs. Linux's
 * equivalent is arch/arm64/kernel/entry.S (vectors, kernel_ventry, kernel_entry, kernel_exit,
 * and the el1h_64_sync... handlers its entry_handler macro generates).
 *
 * The hardware picks one of 16 slots, 0x80 bytes each, by where the exception came from and
 * what it is:
 *
 *   0x000  from EL1 using SP_EL0 ("EL1t")     sync / IRQ / FIQ / SError
 *   0x200  from EL1 using SP_EL1 ("EL1h")     sync / IRQ / FIQ / SError
 *   0x400  from EL0 running AArch64           sync / IRQ / FIQ / SError
 *   0x600  from EL0 running AArch32           sync / IRQ / FIQ / SError
 *
 * Taking an exception to EL1 writes nothing to memory: the CPU saves the return address in
 * ELR_EL1 and PSTATE in SPSR_EL1, puts the reason in ESR_EL1 (and the faulting address in
 * FAR_EL1), masks interrupts, and switches to SP_EL1. Everything else is up to this code.
 *
 * Until user mode exists every exception comes from EL1 on SP_EL1, so the frame is built on the
 * stack we were on (no switch: DESIGN.md section 3, "exception from kernel: none" on arm64).
 * SP_EL0 holds the current task while in EL1 and is left alone.
 *
 * Interrupts are the one exception that moves to another stack: el1h_64_irq saves the frame on
 * the task stack like every other exception, then switches to this CPU's IRQ stack for the
 * handler ([ENTER_IRQ_STACK]) and back ([LEAVE_IRQ_STACK]): "IRQ from kernel: task -> irq ->
 * task". An interrupt that arrives while a handler runs with interrupts re-enabled is already on
 * the IRQ stack, and stays there. The EL0 vectors only report that user mode does not exist yet.
 *
 * The one other switch is the emergency one: a kernel stack that overflowed into its guard is
 * caught in the vector slot itself, before anything is stored ([CHECK_STACK_OVERFLOW]), and the
 * report runs on this CPU's overflow stack ([SWITCH_TO_OVERFLOW_STACK]), as Linux does with
 * CONFIG_VMAP_STACK. x86_64 gets the same from the CPU: #DF on its own IST stack.
 *
 * Steps, tagged as on the other arches: [CHECK_STACK_OVERFLOW] [SWITCH_TO_OVERFLOW_STACK]
 * [SAVE_REGS] [ENTER_IRQ_STACK] [CALL_HANDLER] [LEAVE_IRQ_STACK] [PREEMPT] [RESTORE_REGS].
 */
#include <asm-offsets.h>
#include <asm/sysreg.h>
#include <asm/thread.h>

/*
 * [CHECK_STACK_OVERFLOW] Linux's kernel_ventry with CONFIG_VMAP_STACK. Did SP run off the bottom
 * of its stack? A kernel thread that recursed too deep has SP in the unmapped guard below its
 * stack, and the first store of the exception frame there faults again. That exception would
 * subtract another frame from SP and fault again, and so on, one frame lower each time, until SP
 * leaves the guard and the frames land on whatever lies below it: another task's stack. So the
 * check comes before the first store, and it has no register to work with: every GPR still holds
 * a value of the interrupted code.
 *
 * Every stack this entry can legitimately find SP on is placed so that bit THREAD_SHIFT of SP is
 * 0 anywhere on it and 1 in the THREAD_SIZE bytes right below it:
 *   - task stacks: THREAD_SIZE bytes aligned to THREAD_ALIGN = 2 * THREAD_SIZE (kernel/task.c);
 *   - the boot stack, later the idle task's: the same (boot.S);
 *   - the IRQ stacks: aligned to THREAD_ALIGN (kernel/irq.c), and no bigger than THREAD_SIZE
 *     (trap.c asserts it at build time);
 *   - the overflow stack is the exception: kernel/irq.c aligns it to a page only, so the bit may
 *     be set on it; the slow path below recognises it by its address.
 * So one bit tells, tested on the SP the frame will start at (SP - PT_SIZE, so that a frame
 * that does not fit counts too). TBNZ tests a GPR, not SP, and to get SP into one without losing
 * that GPR's value, Linux's trick: sp = sp + x0 keeps both values in their sum, and each comes
 * back by one subtraction. 5 instructions, no memory access; in the common case the branch is
 * not taken.
 */
.macro CHECK_STACK_OVERFLOW handler
	add	sp, sp, x0			/* sp = SP + X0 */
	sub	x0, sp, x0			/* x0 = (SP + X0) - X0 = SP */
	tbnz	x0, #THREAD_SHIFT, \handler\()_overflow	/* set: SP is in a guard */
	sub	x0, sp, x0			/* x0 = (SP + X0) - SP = X0 */
	sub	sp, sp, x0			/* sp = (SP + X0) - X0 = SP */
.endm

/*
 * One slot of the table (Linux: kernel_ventry). 32 instructions fit: make room for the frame on
 * SP_EL1, check it for an overflow (EL1h: the kernel on its own stack), then branch to the
 * handler for this slot. The EL1t and EL0 slots have no check: from EL0, SP_EL1 is the top of
 * the task's empty kernel stack, which cannot have overflowed (Linux checks there too, for a
 * uniform macro; it never fires), and EL1t (the kernel on SP_EL0) never happens here. The .org
 * stops the build if a slot outgrows its 0x80 bytes.
 */
.macro kernel_ventry el, ht, regsize, label
	.balign	VECTOR_ENTRY_SIZE
.Lventry_start\@:
	sub	sp, sp, #PT_SIZE
	.ifc	\el\ht, 1h
	CHECK_STACK_OVERFLOW el\el\ht\()_\regsize\()_\label	/* [CHECK_STACK_OVERFLOW] */
	.endif
	b	el\el\ht\()_\regsize\()_\label
	.org	.Lventry_start\@ + VECTOR_ENTRY_SIZE
.endm

/*
 * The rest of the check, out of line, one copy per EL1h slot (it jumps back to that slot's
 * handler or hands on that slot's vector number). Linux keeps this part in the slot too; ours,
 * which finds the overflow stack through struct cpu and checks both of its ends, would fill all
 * 32 instructions, so it lives out of line and the slots stay readable. Entered with
 * x0 = the SP the frame would start at and sp = that plus the interrupted x0; every other
 * register, and ELR/SPSR/ESR/FAR, as the exception left them.
 *
 * It needs somewhere to keep x0 and SP that is not memory (SP is what is wrong). Linux uses the
 * two EL0 thread-pointer registers, which mean nothing to the kernel: TPIDR_EL0 gets the frame's
 * SP, TPIDRRO_EL0 the interrupted x0. They are free now because nothing runs in user mode. When
 * user mode exists they hold the user's TLS pointers: an overflow kills the task, so its own
 * values may be lost, but the context switch must then save and load them per task (Linux:
 * tls_thread_switch) so that the next task does not run with these.
 *
 * Not every SP with bit THREAD_SHIFT set is an overflow. On this CPU's overflow stack the bit
 * may be set (see above), and an exception there comes from the overflow handler itself: it
 * goes on to the normal handler on that stack, as in Linux, and do_trap() panics (a second
 * report would start again at the top of the stack the first one is using, and could loop).
 * Before irq_init() there is no overflow stack yet (base 0): nothing better than the normal path.
 * Any other SP has overflowed: report it on the overflow stack.
 */
.macro overflow_entry el, ht, regsize, label, vector
el\el\ht\()_\regsize\()_\label\()_overflow:
	msr	tpidr_el0, x0			/* park the frame's SP */
	sub	x0, sp, x0			/* the interrupted x0 again... */
	msr	tpidrro_el0, x0			/* ...parked too: x0 and sp are free */
	mrs	x0, tpidr_el1			/* this CPU's struct cpu */
	ldr	x0, [x0, #CPU_OVERFLOW_STACK_BASE]
	cbz	x0, .Lcarry_on\@		/* no overflow stack yet */
	mov	sp, x0
	mrs	x0, tpidr_el0
	cmp	sp, x0				/* base > frame (unsigned): below the overflow stack */
	b.hi	.Lbad_stack\@
	mrs	x0, tpidr_el1
	ldr	x0, [x0, #CPU_OVERFLOW_STACK_TOP]
	mov	sp, x0
	mrs	x0, tpidr_el0
	cmp	sp, x0				/* top <= frame: above it */
	b.ls	.Lbad_stack\@
.Lcarry_on\@:
	/* The frame fits on the overflow stack (or there is none yet): back to the values the
	 * check found, and on to the normal handler, which builds the frame right there. */
	mrs	x0, tpidr_el0
	mov	sp, x0
	mrs	x0, tpidrro_el0
	b	el\el\ht\()_\regsize\()_\label
.Lbad_stack\@:
	/* [SWITCH_TO_OVERFLOW_STACK] sp = this CPU's overflow_stack_top (Linux: the per-CPU
	 * overflow_stack), an empty stack that nothing else uses. */
	mrs	x0, tpidr_el1
	ldr	x0, [x0, #CPU_OVERFLOW_STACK_TOP]
	mov	sp, x0
	mov	x0, #\vector
	b	__bad_stack
.endm

/*
 * [SAVE_REGS] Fill the struct pt_regs kernel_ventry made room for (Linux: kernel_entry).
 * x0..x29 in pairs, then lr with the interrupted sp, ELR_EL1/SPSR_EL1 (pc/pstate) and
 * ESR_EL1/FAR_EL1. x21..x25 are free to use once saved, and, being callee-saved, still hold
 * these values after do_trap returns.
 */
.macro kernel_entry el, ht
	stp	x0, x1, [sp, #PT_X0]
	stp	x2, x3, [sp, #PT_X2]
	stp	x4, x5, [sp, #PT_X4]
	stp	x6, x7, [sp, #PT_X6]
	stp	x8, x9, [sp, #PT_X8]
	stp	x10, x11, [sp, #PT_X10]
	stp	x12, x13, [sp, #PT_X12]
	stp	x14, x15, [sp, #PT_X14]
	stp	x16, x17, [sp, #PT_X16]
	stp	x18, x19, [sp, #PT_X18]
	stp	x20, x21, [sp, #PT_X20]
	stp	x22, x23, [sp, #PT_X22]
	stp	x24, x25, [sp, #PT_X24]
	stp	x26, x27, [sp, #PT_X26]
	stp	x28, x29, [sp, #PT_X28]
	.ifc	\el\ht, 1h
	add	x21, sp, #PT_SIZE	/* EL1h: the sp before kernel_ventry made room */
	.else
	mrs	x21, sp_el0		/* EL0 or EL1t: the interrupted code ran on SP_EL0 */
	.endif
	stp	lr, x21, [sp, #PT_LR]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #PT_PC]
	mrs	x24, esr_el1
	mrs	x25, far_el1
	stp	x24, x25, [sp, #PT_ESR]
.endm

/*
 * [RESTORE_REGS] The way back (Linux: kernel_exit). do_trap may have changed pc (stepping over
 * an instruction) or pstate, so ELR_EL1/SPSR_EL1 are reloaded from the frame. eret then
 * restores PSTATE (and the SP selection) from SPSR_EL1 and jumps to ELR_EL1.
 */
.macro kernel_exit el, ht
	ldp	x22, x23, [sp, #PT_PC]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	.ifnc	\el\ht, 1h
	ldr	x21, [sp, #PT_SP]	/* EL0/EL1t: their sp lives in SP_EL0 */
	msr	sp_el0, x21
	.endif
	ldp	x0, x1, [sp, #PT_X0]
	ldp	x2, x3, [sp, #PT_X2]
	ldp	x4, x5, [sp, #PT_X4]
	ldp	x6, x7, [sp, #PT_X6]
	ldp	x8, x9, [sp, #PT_X8]
	ldp	x10, x11, [sp, #PT_X10]
	ldp	x12, x13, [sp, #PT_X12]
	ldp	x14, x15, [sp, #PT_X14]
	ldp	x16, x17, [sp, #PT_X16]
	ldp	x18, x19, [sp, #PT_X18]
	ldp	x20, x21, [sp, #PT_X20]
	ldp	x22, x23, [sp, #PT_X22]
	ldp	x24, x25, [sp, #PT_X24]
	ldp	x26, x27, [sp, #PT_X26]
	ldp	x28, x29, [sp, #PT_X28]
	ldr	lr, [sp, #PT_LR]
	add	sp, sp, #PT_SIZE	/* the frame is gone: sp is the interrupted code's again */
	eret
.endm

/*
 * The handler a slot branches to (Linux: entry_handler, which generates el1h_64_sync and the
 * rest): save, call the C handler with the frame and the slot number, restore.
 */
.macro entry_handler el, ht, regsize, label, vector
el\el\ht\()_\regsize\()_\label:
	kernel_entry \el, \ht			/* [SAVE_REGS] */
	/* [CALL_HANDLER] do_trap(regs, vector). x29 still holds the interrupted code's frame
	 * pointer, so a backtrace from regs (pc, x29) walks on into the code the exception
	 * interrupted. */
	mov	x0, sp
	mov	x1, #\vector
	bl	do_trap
	kernel_exit \el, \ht			/* [RESTORE_REGS] */
.endm

/*
 * [ENTER_IRQ_STACK] Linux 5.7's irq_stack_entry. Keep the interrupted SP (which points at the
 * pt_regs just saved) in x19: callee-saved, so the C handler gives it back unchanged. Then
 * decide by the high bits of SP whether we are on the current task's stack: every task stack is
 * THREAD_SIZE bytes aligned to THREAD_SIZE, so SP lies on it exactly when SP and its base agree
 * in every bit above THREAD_SIZE - 1. If so, move to this CPU's IRQ stack; if not, we are on the
 * IRQ stack already (an interrupt nested in a handler that re-enabled interrupts) and stay,
 * deeper on it. Clobbers x25.
 */
.macro ENTER_IRQ_STACK
	mov	x19, sp
	mrs	x25, sp_el0			/* current task (SP_EL0, as in Linux) */
	ldr	x25, [x25, #TASK_STACK]		/* ->stack_base */
	eor	x25, x25, x19			/* the bits where SP and the base differ... */
	and	x25, x25, #~(THREAD_SIZE - 1)	/* ...above the offset within the stack */
	cbnz	x25, 9998f			/* any: not on the task stack, stay */
	mrs	x25, tpidr_el1			/* this CPU's struct cpu */
	ldr	x25, [x25, #CPU_IRQ_STACK_TOP]
	mov	sp, x25				/* the switch: task stack -> IRQ stack */
9998:
.endm

/* [LEAVE_IRQ_STACK] Linux 5.7's irq_stack_exit: back to the SP before ENTER_IRQ_STACK, on the
 * stack the interrupt arrived on, at the pt_regs [RESTORE_REGS] reads. */
.macro LEAVE_IRQ_STACK
	mov	sp, x19
.endm

/*
 * The IRQ handler for EL1h, the kernel (Linux 5.7: el1_irq and its irq_handler macro). The frame
 * stays where [SAVE_REGS] built it, on the interrupted stack, so regs (x0) points there while
 * the handler runs on the IRQ stack.
 */
.macro irq_entry_handler el, ht, regsize, label
el\el\ht\()_\regsize\()_\label:
	kernel_entry \el, \ht			/* [SAVE_REGS] */
	ENTER_IRQ_STACK				/* [ENTER_IRQ_STACK] */
	/* A frame record {interrupted x29, interrupted pc} on the stack the handler runs on, and
	 * x29 pointing at it: the C handler's own record then links to it, and a backtrace taken
	 * in the handler goes on from the IRQ stack into the interrupted code (x22 = ELR_EL1 since
	 * kernel_entry). 16 bytes: SP stays 16-byte aligned (SCTLR_EL1.SA). */
	stp	x29, x22, [sp, #-16]!
	mov	x29, sp
	/* [CALL_HANDLER] do_irq(regs) (trap.c), which goes on to the GIC driver's handler. */
	mov	x0, x19
	bl	do_irq
	LEAVE_IRQ_STACK				/* [LEAVE_IRQ_STACK] */
	/* [PREEMPT] Back on the interrupted stack: switch tasks here if the tick asked for it
	 * (kernel/sched.c, Linux's el1_preempt / preempt_schedule_irq). */
	bl	preempt_irq_return
	kernel_exit \el, \ht			/* [RESTORE_REGS] */
.endm

	.text
/* The table: 2 KiB aligned, since VBAR_EL1's low 11 bits are RES0. */
	.balign	(1 << VECTOR_TABLE_ALIGN)
	.globl	vectors
vectors:
	kernel_ventry	1, t, 64, sync		/* from EL1 on SP_EL0 */
	kernel_ventry	1, t, 64, irq
	kernel_ventry	1, t, 64, fiq
	kernel_ventry	1, t, 64, error

	kernel_ventry	1, h, 64, sync		/* from EL1 on SP_EL1: the kernel, now */
	kernel_ventry	1, h, 64, irq
	kernel_ventry	1, h, 64, fiq
	kernel_ventry	1, h, 64, error

	kernel_ventry	0, t, 64, sync		/* from AArch64 EL0: user mode, later (panics) */
	kernel_ventry	0, t, 64, irq
	kernel_ventry	0, t, 64, fiq
	kernel_ventry	0, t, 64, error

	kernel_ventry	0, t, 32, sync		/* from AArch32 EL0: never (no 32-bit user mode) */
	kernel_ventry	0, t, 32, irq
	kernel_ventry	0, t, 32, fiq
	kernel_ventry	0, t, 32, error

/* The slow part of the EL1h slots' overflow check (overflow_entry above). */
	overflow_entry	1, h, 64, sync, VEC_EL1H_SYNC
	overflow_entry	1, h, 64, irq, VEC_EL1H_IRQ
	overflow_entry	1, h, 64, fiq, VEC_EL1H_FIQ
	overflow_entry	1, h, 64, error, VEC_EL1H_SERROR

/*
 * The overflow report (Linux: __bad_stack), on this CPU's overflow stack, with x0 = the vector
 * number, the interrupted x0 in TPIDRRO_EL0 and the SP its frame would have had in TPIDR_EL0.
 * Builds the struct pt_regs of the exception there, with the interrupted values, sp included
 * (the overflowed SP, which the report names), and calls do_stack_overflow(regs, vector) in
 * trap.c, which reports through handle_stack_overflow() and kills the task or panics. Nothing
 * returns here: the task is never resumed, its stack has no room.
 */
__bad_stack:
	sub	sp, sp, #PT_SIZE
	kernel_entry 1, h			/* [SAVE_REGS]; x0 saved is the vector for now */
	mrs	x1, tpidrro_el0
	str	x1, [sp, #PT_X0]		/* the interrupted x0 */
	mrs	x1, tpidr_el0
	add	x1, x1, #PT_SIZE
	str	x1, [sp, #PT_SP]		/* the interrupted (overflowed) SP */
	/* A frame record {interrupted x29, interrupted pc}, as irq_entry_handler makes: a
	 * backtrace from the handler goes on into the code that overflowed. */
	stp	x29, x22, [sp, #-16]!
	mov	x29, sp
	/* [CALL_HANDLER] do_stack_overflow(regs, vector); never returns. */
	mov	x1, x0
	add	x0, sp, #16
	bl	do_stack_overflow
	brk	#0x3

/* The handlers; each passes do_trap() its slot's number (enum arm64_vector, asm/ptrace.h),
 * except the kernel's IRQ handler, which goes to the interrupt controller's handler. */
	entry_handler	1, t, 64, sync, VEC_EL1T_SYNC
	entry_handler	1, t, 64, irq, VEC_EL1T_IRQ
	entry_handler	1, t, 64, fiq, VEC_EL1T_FIQ
	entry_handler	1, t, 64, error, VEC_EL1T_SERROR
	entry_handler	1, h, 64, sync, VEC_EL1H_SYNC
	irq_entry_handler 1, h, 64, irq		/* the kernel interrupted: IRQ stack */
	entry_handler	1, h, 64, fiq, VEC_EL1H_FIQ
	entry_handler	1, h, 64, error, VEC_EL1H_SERROR
	entry_handler	0, t, 64, sync, VEC_EL0_64_SYNC
	entry_handler	0, t, 64, irq, VEC_EL0_64_IRQ
	entry_handler	0, t, 64, fiq, VEC_EL0_64_FIQ
	entry_handler	0, t, 64, error, VEC_EL0_64_SERROR
	entry_handler	0, t, 32, sync, VEC_EL0_32_SYNC
	entry_handler	0, t, 32, irq, VEC_EL0_32_IRQ
	entry_handler	0, t, 32, fiq, VEC_EL0_32_FIQ
	entry_handler	0, t, 32, error, VEC_EL0_32_SERROR

/*
 * void arch_capture_regs(struct pt_regs *regs): a snapshot of the caller's registers, for panic()
 * and backtraces. A leaf without a frame, so sp, x29 and lr are still the caller's; pc is set to
 * the return address, the point in the caller just after this call. PSTATE is not a register:
 * it is put together in SPSR's layout from its readable pieces (NZCV, DAIF, CurrentEL, SPSel).
 * x9..x11 are scratch registers that any call may clobber (AAPCS64).
 */
	.globl	arch_capture_regs
arch_capture_regs:
	stp	x0, x1, [x0, #PT_X0]
	stp	x2, x3, [x0, #PT_X2]
	stp	x4, x5, [x0, #PT_X4]
	stp	x6, x7, [x0, #PT_X6]
	stp	x8, x9, [x0, #PT_X8]
	stp	x10, x11, [x0, #PT_X10]
	stp	x12, x13, [x0, #PT_X12]
	stp	x14, x15, [x0, #PT_X14]
	stp	x16, x17, [x0, #PT_X16]
	stp	x18, x19, [x0, #PT_X18]
	stp	x20, x21, [x0, #PT_X20]
	stp	x22, x23, [x0, #PT_X22]
	stp	x24, x25, [x0, #PT_X24]
	stp	x26, x27, [x0, #PT_X26]
	stp	x28, x29, [x0, #PT_X28]
	mov	x9, sp
	stp	lr, x9, [x0, #PT_LR]
	mrs	x10, nzcv
	mrs	x11, daif
	orr	x10, x10, x11
	mrs	x11, CurrentEL
	orr	x10, x10, x11
	mrs	x11, spsel
	orr	x10, x10, x11
	stp	lr, x10, [x0, #PT_PC]
	stp	xzr, xzr, [x0, #PT_ESR]
	ret
