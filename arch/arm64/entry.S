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
 */
#include <asm-offsets.h>
#include <asm/sysreg.h>

/*
 * One slot of the table (Linux: kernel_ventry). 32 instructions fit; we need two: make room for
 * the frame on SP_EL1, then branch to the handler for this slot. (The stack-overflow check,
 * DESIGN.md section 3, will go here: it must run before anything is stored.)
 */
.macro kernel_ventry el, ht, regsize, label
	.balign	VECTOR_ENTRY_SIZE
	sub	sp, sp, #PT_SIZE
	b	el\el\ht\()_\regsize\()_\label
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
