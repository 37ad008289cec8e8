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
 * The two stack pointers. EL0 (user mode) can only use SP_EL0. EL1 (the kernel) runs on SP_EL1
 * ("EL1h"), and SP_EL0 is then free: the kernel keeps the current task in it (Linux does too;
 * switch.S rewrites it at every context switch). So:
 *
 *   - An exception from the kernel (EL1h) is taken on SP_EL1, the stack the kernel was on: the
 *     frame goes right there, no switch (docs/stacks.md: "exception from kernel: none").
 *
 *   - An exception from user mode (EL0) is taken on SP_EL1 too, and that is the whole stack
 *     switch of arm64: the hardware just starts using the other SP register, which writes
 *     nothing to memory. SP_EL1 is the top of the task's kernel stack, because the last return
 *     to user mode ([RETURN_TO_USER]) popped its frame off exactly there, and a context switch
 *     in between saved and restored SP_EL1 with the rest of the task (switch.S). The user's SP
 *     is still in SP_EL0: [ENTER_FROM_USER] saves it in the frame (regs->sp) and puts `current`
 *     back in SP_EL0; [RETURN_TO_USER] does the reverse. "syscall / exception from user: user
 *     -> task -> user". Linux: kernel_entry 0 / kernel_exit 0 in arch/arm64/kernel/entry.S.
 *
 * Interrupts are the one exception that moves again: the IRQ handler saves the frame on the task
 * stack like every other exception, then switches to this CPU's IRQ stack for the handler
 * ([ENTER_IRQ_STACK]) and back ([LEAVE_IRQ_STACK]): "IRQ from kernel: task -> irq -> task",
 * "IRQ from user: user -> task -> irq -> task -> user". An interrupt that arrives while a
 * handler runs with interrupts re-enabled is already on the IRQ stack, and stays there.
 *
 * The one other switch is the emergency one: a kernel stack that overflowed into its guard is
 * caught in the vector slot itself, before anything is stored ([CHECK_STACK_OVERFLOW]), and the
 * report runs on this CPU's overflow stack ([SWITCH_TO_OVERFLOW_STACK]), as Linux does with
 * CONFIG_VMAP_STACK. x86_64 gets the same from the CPU: #DF on its own IST stack.
 *
 * Steps, tagged as on the other arches: [SWITCH_TO_TASK_STACK] (done by the CPU here)
 * [CHECK_STACK_OVERFLOW] [SWITCH_TO_OVERFLOW_STACK] [SAVE_REGS] [ENTER_FROM_USER]
 * [ENTER_IRQ_STACK] [CALL_HANDLER] [LEAVE_IRQ_STACK] [PREEMPT] [RETURN_TO_USER] [RESTORE_REGS]
 * [SWITCH_TO_USER_STACK] (eret). x86_64 alone has [SWITCH_TO_ENTRY_STACK].
 *
 * Sections, in the same order in the three entry.S files: Kernel entry, The IRQ-stack switch,
 * Exceptions, The return to user mode, The from-user path, User copies, Helpers. Here the vector
 * table comes first; the handlers its slots branch to follow in their sections.
 */
#include <asm-offsets.h>
#include <extable.h>
#include <asm/sstrace.h>
#include <asm/sysreg.h>
#include <asm/thread.h>
/* ============================================================================ Kernel entry === */

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
	.ifc	\el, 0
	/* [SWITCH_TO_TASK_STACK] From EL0 it already happened: taking the exception to EL1 made
	 * SP mean SP_EL1, the top of this task's kernel stack. No instruction, no memory. */
	.endif
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
 * SP, TPIDRRO_EL0 the interrupted x0. They are the user's (its TLS pointer, and a read-only one
 * Linux uses for 32-bit programs), but only while the CPU is in user mode: every entry from EL0
 * saves TPIDR_EL0 in the frame and every return loads it back ([ENTER_FROM_USER],
 * [RETURN_TO_USER]), and the return clears TPIDRRO_EL0, which user programs cannot write, so no
 * kernel value parked here ever reaches user mode. In the kernel both are scratch, per CPU, and
 * a context switch needs to do nothing about them (Linux instead swaps them in
 * tls_thread_switch, and keeps kernel values out of them).
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
 * these values after do_trap returns. From EL0 ([ENTER_FROM_USER]) also the user's TPIDR_EL0,
 * and SP_EL0 goes from the user's SP back to `current`.
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
	/* EL0 or EL1t: the interrupted code ran on SP_EL0. From EL0 this is the user's stack
	 * pointer: [ENTER_FROM_USER] the user SP is saved here, in regs->sp, the only place it
	 * is kept while the task is in the kernel (the stack switch itself, SP_EL0 -> SP_EL1, was
	 * the hardware's). */
	mrs	x21, sp_el0
	.endif
	stp	lr, x21, [sp, #PT_LR]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #PT_PC]
	mrs	x24, esr_el1
	mrs	x25, far_el1
	stp	x24, x25, [sp, #PT_ESR]
	.ifc	\el, 0
	/* [ENTER_FROM_USER] The rest of what user mode leaves in registers the kernel reuses:
	 * TPIDR_EL0 (the program's TLS pointer; the overflow check borrows the register), and
	 * orig_x0 = 0 until a system call sets it. Then SP_EL0 = current, from this CPU's struct
	 * cpu (Linux 5.7 loads it from the per-CPU __entry_task the same way): from here on
	 * arch_current() works again. x29 = 0: the user's frame pointer is no kernel frame, and
	 * a backtrace must stop at this entry instead of following it into user memory (Linux:
	 * "mov x29, xzr // fp pointed to user-space"). */
	/* LAB 3: BEGIN */
	mrs	x20, tpidr_el0
	stp	xzr, x20, [sp, #PT_ORIG_X0]
	mrs	x20, tpidr_el1			/* this CPU's struct cpu */
	ldr	x20, [x20, #CPU_CURRENT]
	msr	sp_el0, x20
	mov	x29, xzr
	/* LAB 3: ELSE
	// The part lab 3 asks for. SP_EL0 still holds the user's SP, where the kernel expects
	// `current`: the stub puts the boot task there, only so that the panic can print.
	adrp	x20, init_task
	add	x20, x20, :lo12:init_task
	msr	sp_el0, x20
	mov	x29, xzr
	adrp	x0, lab3_missing\@
	add	x0, x0, :lo12:lab3_missing\@
	bl	lab_missing
	.pushsection .rodata
lab3_missing\@:
	.asciz	"lab 3: kernel_entry's entry from user mode (TPIDR_EL0 saved, SP_EL0 = current; arch/arm64/entry.S)"
	.popsection
	LAB 3: END */
	.endif
.endm

/*
 * [RESTORE_REGS] The way back (Linux: kernel_exit). do_trap may have changed pc (stepping over
 * an instruction) or pstate, so ELR_EL1/SPSR_EL1 are reloaded from the frame. eret then
 * restores PSTATE (and the SP selection) from SPSR_EL1 and jumps to ELR_EL1.
 *
 * To EL0 ([RETURN_TO_USER]), with interrupts masked since ret_to_user: SP_EL0 = the user SP from
 * the frame, which ends `current` in SP_EL0 (nothing may call C after this), the user's
 * TPIDR_EL0 back, TPIDRRO_EL0 cleared. After eret the CPU runs on SP_EL0 again, and SP_EL1 is
 * left at the top of the task's kernel stack (the frame is popped below): the next exception
 * from EL0 starts there.
 */
.macro kernel_exit el, ht
	.ifc	\el, 0
	TRACE_RETURN_TO_USER			/* [TRACE] task -> user */
	.endif
	ldp	x22, x23, [sp, #PT_PC]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	.ifc	\el, 0
	/* [RETURN_TO_USER] the user SP, saved by [ENTER_FROM_USER] in regs->sp, back in
	 * SP_EL0: eret to EL0t makes it the SP again. This is the stack switch task -> user. */
	/* LAB 3: BEGIN */
	ldr	x21, [sp, #PT_SP]
	msr	sp_el0, x21
	ldr	x21, [sp, #PT_TPIDR_EL0]
	msr	tpidr_el0, x21
	msr	tpidrro_el0, xzr	/* may hold an x0 the overflow check parked: a kernel value */
	/* LAB 3: ELSE
	// The part lab 3 asks for: the way back must give user mode its SP and TPIDR_EL0.
	adrp	x0, lab3_exit_missing\@
	add	x0, x0, :lo12:lab3_exit_missing\@
	bl	lab_missing
	.pushsection .rodata
lab3_exit_missing\@:
	.asciz	"lab 3: kernel_exit's return to user mode (the user SP and TPIDR_EL0 back; arch/arm64/entry.S)"
	.popsection
	LAB 3: END */
	.endif
	.ifc	\el\ht, 1t
	ldr	x21, [sp, #PT_SP]	/* EL1t: its sp lives in SP_EL0 */
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
	/* To EL0: [SWITCH_TO_USER_STACK] eret to EL0t makes SP mean SP_EL0, the user SP loaded
	 * above; SP_EL1 stays at the top of the task stack for the next entry. */
	eret
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

	kernel_ventry	0, t, 64, sync		/* from AArch64 EL0: user mode */
	kernel_ventry	0, t, 64, irq
	kernel_ventry	0, t, 64, fiq
	kernel_ventry	0, t, 64, error

	kernel_ventry	0, t, 32, sync		/* from AArch32 EL0: never (nothing runs AArch32) */
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

/* ==================================================================== The IRQ-stack switch === */

/*
 * [ENTER_IRQ_STACK] Linux 5.7's irq_stack_entry. Keep the interrupted SP (which points at the
 * pt_regs just saved) in x19: callee-saved, so the C handler gives it back unchanged. Then
 * decide by the high bits of SP whether we are on the current task's stack: every task stack is
 * THREAD_SIZE bytes aligned to THREAD_SIZE, so SP lies on it exactly when SP and its base agree
 * in every bit above THREAD_SIZE - 1. If so, move to this CPU's IRQ stack; if not, we are on the
 * IRQ stack already (an interrupt nested in a handler that re-enabled interrupts) and stay,
 * deeper on it. From EL0, SP is just below the frame at the top of the task stack, so the test
 * always switches: "user -> task -> irq". Clobbers x25.
 */
.macro ENTER_IRQ_STACK
	mov	x19, sp
	/* LAB 4: BEGIN */
	mrs	x25, sp_el0			/* current task (SP_EL0, as in Linux) */
	ldr	x25, [x25, #TASK_STACK]		/* ->stack_base */
	eor	x25, x25, x19			/* the bits where SP and the base differ... */
	and	x25, x25, #~(THREAD_SIZE - 1)	/* ...above the offset within the stack */
	cbnz	x25, 9998f			/* any: not on the task stack, stay */
	mrs	x25, tpidr_el1			/* this CPU's struct cpu */
	ldr	x25, [x25, #CPU_IRQ_STACK_TOP]
	mov	sp, x25				/* the switch: task stack -> IRQ stack */
	TRACE_ENTER_IRQ_STACK			/* [TRACE] task -> irq */
9998:
	/* LAB 4: ELSE
	// The part lab 4 asks for. The stub stays on the stack the interrupt came to.
	LAB 4: END */
.endm

/* [LEAVE_IRQ_STACK] Linux 5.7's irq_stack_exit: back to the SP before ENTER_IRQ_STACK, on the
 * stack the interrupt arrived on, at the pt_regs [RESTORE_REGS] reads. */
.macro LEAVE_IRQ_STACK
	mov	sp, x19
.endm

/*
 * The IRQ handler (Linux 5.7: el1_irq and el0_irq, and their irq_handler macro). The frame stays
 * where [SAVE_REGS] built it, on the interrupted stack (from EL0: the task stack, empty but for
 * it), so regs (x0) points there while the handler runs on the IRQ stack.
 */
.macro irq_entry_handler el, ht, regsize, label
el\el\ht\()_\regsize\()_\label:
	kernel_entry \el, \ht			/* [SAVE_REGS] ([ENTER_FROM_USER] from EL0) */
	.ifc	\el, 0
	TRACE_ENTER_FROM_USER SW_IRQ		/* [TRACE] user -> task */
	.endif
	ENTER_IRQ_STACK				/* [ENTER_IRQ_STACK] */
	/* A frame record {interrupted x29, interrupted pc} on the stack the handler runs on, and
	 * x29 pointing at it: the C handler's own record then links to it, and a backtrace taken
	 * in the handler goes on from the IRQ stack into the interrupted code (x22 = ELR_EL1 since
	 * kernel_entry). From EL0 the record is {0, 0}: the backtrace ends there, since user code
	 * is not the kernel's to walk. 16 bytes: SP stays 16-byte aligned (SCTLR_EL1.SA). */
	.ifc	\el, 0
	stp	xzr, xzr, [sp, #-16]!
	.else
	stp	x29, x22, [sp, #-16]!
	.endif
	mov	x29, sp
	/* [CALL_HANDLER] do_irq(regs) (trap.c), which goes on to the GIC driver's handler. */
	mov	x0, x19
	bl	do_irq
	LEAVE_IRQ_STACK				/* [LEAVE_IRQ_STACK] */
	/* LAB 4: BEGIN */
	TRACE_LEAVE_IRQ_STACK			/* [TRACE] irq -> task, if it switched */
	/* LAB 4: END */
	.ifc	\el, 0
	/* Back on the task stack, at the frame. ret_to_user reschedules if the tick asked for it
	 * (exit_to_user_mode) and returns to user mode. */
	b	ret_to_user
	.else
	/* [PREEMPT] Back on the interrupted stack: switch tasks here if the tick asked for it
	 * (kernel/sched.c, Linux's el1_preempt / preempt_schedule_irq). */
	bl	preempt_irq_return
	kernel_exit \el, \ht			/* [RESTORE_REGS] */
	.endif
.endm

/* The kernel's IRQ handler; user mode's is in the from-user path. */
	irq_entry_handler 1, h, 64, irq		/* the kernel interrupted: IRQ stack */

/* ============================================================================== Exceptions === */

/*
 * The handler a slot branches to (Linux: entry_handler, which generates el1h_64_sync and the
 * rest): save, call the C handler with the frame and the slot number, restore. From EL0 the way
 * back is ret_to_user, which does the return-to-user work before it restores.
 */
.macro entry_handler el, ht, regsize, label, vector
el\el\ht\()_\regsize\()_\label:
	kernel_entry \el, \ht			/* [SAVE_REGS] */
	.ifc	\el, 0
	TRACE_ENTER_FROM_USER SW_EXCEPTION	/* [TRACE] user -> task */
	.endif
	/* [CALL_HANDLER] do_trap(regs, vector). From the kernel, x29 still holds the interrupted
	 * code's frame pointer, so a backtrace from regs (pc, x29) walks on into the code the
	 * exception interrupted. */
	mov	x0, sp
	mov	x1, #\vector
	bl	do_trap
	.ifc	\el, 0
	b	ret_to_user
	.else
	kernel_exit \el, \ht			/* [RESTORE_REGS] */
	.endif
.endm

/* The handlers of the kernel's exceptions; each passes do_trap() its slot's number (enum
 * arm64_vector, asm/ptrace.h). */
	entry_handler	1, t, 64, sync, VEC_EL1T_SYNC
	entry_handler	1, t, 64, irq, VEC_EL1T_IRQ
	entry_handler	1, t, 64, fiq, VEC_EL1T_FIQ
	entry_handler	1, t, 64, error, VEC_EL1T_SERROR
	entry_handler	1, h, 64, sync, VEC_EL1H_SYNC
	entry_handler	1, h, 64, fiq, VEC_EL1H_FIQ
	entry_handler	1, h, 64, error, VEC_EL1H_SERROR

/*
 * A synchronous exception from user mode: a system call (SVC), or a fault the program caused
 * (Linux 5.7: el0_sync, which goes to el0_sync_handler in C). The CPU already switched to the
 * task's kernel stack (SP_EL1); [ENTER_FROM_USER] in kernel_entry saves the user SP and makes
 * SP_EL0 `current` again. do_el0_sync() (trap.c) reads ESR_EL1's class and runs the system call
 * (do_syscall) or kills the program (user_fault). "syscall from user: user -> task -> user".
 */
el0t_64_sync:
	kernel_entry 0, t			/* [SAVE_REGS] [ENTER_FROM_USER] */
	TRACE_ENTER_FROM_USER sync		/* [TRACE] user -> task: syscall or exception */
	mov	x0, sp				/* [CALL_HANDLER] do_el0_sync(regs) */
	bl	do_el0_sync
	/* fall through */

/* ================================================================= The return to user mode === */

/*
 * [RETURN_TO_USER] The one way back to user mode (Linux: ret_to_user), with sp at the task's
 * frame: after a system call, an exception, an interrupt, and for the first entry
 * (arch_ret_to_user).
 *
 * Interrupts go off first and stay off until eret (Linux: disable_daif). exit_to_user_mode()
 * (include/syscall.h, kernel/proc.c) does the work that must happen before user mode runs
 * again: switch tasks if the tick asked for it, end the task if it was killed; it returns with
 * interrupts off. From its
 * return to eret nothing may interrupt: [RETURN_TO_USER] puts the user's SP in SP_EL0, which
 * from then on does not hold `current` anymore, and an interrupt taken in between would have
 * work to do that nobody checks for before eret.
 */
ret_to_user:
	msr	daifset, #2			/* IRQs off */
	mov	x0, sp
	bl	exit_to_user_mode
	/* The frame must send eret to AArch64 EL0 (M[4:0] = EL0t). Anything else would run user
	 * code in the kernel, so check it once more, at the last moment (Linux checks the values
	 * ptrace may write: valid_user_regs()). */
	ldr	x0, [sp, #PT_PSTATE]
	tst	x0, #(PSR_MODE_MASK | PSR_MODE32)
	b.ne	.Lbad_user_pstate
	kernel_exit 0, t			/* [RETURN_TO_USER] [RESTORE_REGS] */
.Lbad_user_pstate:
	mov	x0, sp
	bl	bad_user_return			/* trap.c: panics */
	brk	#0x3

/*
 * void arch_ret_to_user(struct pt_regs *regs): the first entry to user mode of a task (after
 * exec), with regs at the top of its kernel stack, filled by arch_user_regs_init(). The stack
 * becomes just that frame, as if the task had entered the kernel from user mode, and leaves
 * through ret_to_user like every return (Linux's ret_from_fork / start_thread do the same).
 *
 * regs must be exactly the top frame: after eret, SP_EL1 is regs + PT_SIZE, which is where the
 * next entry from EL0 builds its frame, and it must not land on live kernel stack. Checked.
 */
	.globl	arch_ret_to_user
arch_ret_to_user:
	mrs	x1, sp_el0			/* current */
	ldr	x2, [x1, #TASK_STACK]
	ldr	x3, [x1, #TASK_STACK_SIZE]
	add	x2, x2, x3			/* the top of its kernel stack */
	sub	x2, x2, #PT_SIZE
	cmp	x0, x2
	b.ne	.Lbad_regs
	mov	sp, x0				/* the kernel stack is now just the frame */
	mov	x29, xzr			/* no frame above: backtraces end here */
	b	ret_to_user
.Lbad_regs:
	bl	bad_ret_to_user			/* trap.c: panics */
	brk	#0x3

/* ====================================================================== The from-user path === */

/*
 * [ENTER_FROM_USER] The CPU itself moved to SP_EL1, the task's kernel stack; kernel_entry 0 saves
 * the user SP in the frame and makes SP_EL0 `current` again (kernel entry, above), and the
 * synchronous exceptions of user mode go to el0t_64_sync (exceptions, above). Here: user mode's
 * interrupt handler (task stack, then IRQ stack), and the slots nothing should reach (FIQ,
 * SError, AArch32), each to do_trap() with its number.
 */
	irq_entry_handler 0, t, 64, irq		/* user mode interrupted: task, then IRQ stack */
	entry_handler	0, t, 64, fiq, VEC_EL0_64_FIQ
	entry_handler	0, t, 64, error, VEC_EL0_64_SERROR
	entry_handler	0, t, 32, sync, VEC_EL0_32_SYNC
	entry_handler	0, t, 32, irq, VEC_EL0_32_IRQ
	entry_handler	0, t, 32, fiq, VEC_EL0_32_FIQ
	entry_handler	0, t, 32, error, VEC_EL0_32_SERROR

/* ============================================================================= User copies === */

/*
 * size_t arch_copy_from_user(void *dst, const void *usrc, size_t n)
 * size_t arch_copy_to_user(void *udst, const void *src, size_t n)
 *
 * Copy n bytes between the kernel and an address the caller has range-checked, and return how
 * many were NOT copied (0: all). Linux: __arch_copy_from_user / __arch_copy_to_user.
 *
 * The user side is read with LDTR and written with STTR, the "unprivileged" forms: executed at
 * EL1 they check the page tables as if EL0 made the access. So PAN (the kernel may not touch
 * user pages) does not stop them and need not be lifted, and a kernel address slipped in as a
 * user one faults instead of being copied: only what user mode itself could touch is copied.
 *
 * Eight bytes at a time while at least eight remain (unaligned is fine on Normal memory), then
 * single bytes. A fault on the user side goes to the exception table (die() in kernel/extable.c
 * sees a silent entry for the faulting instruction and resumes at its fixup): a faulting 8-byte
 * access may straddle a mapped and an unmapped page, so its fixup goes on byte by byte, which
 * copies up to the exact byte that faults; a faulting byte ends the copy. The kernel side
 * (ldr/str) has no entry: a bad kernel pointer is a bug, reported as an oops.
 */

	.globl	arch_copy_from_user
arch_copy_from_user:
	cmp	x2, #8
	b.lo	.Lfrom_bytes
.Lfrom_words:
1:	ldtr	x3, [x1]
	uaccess_extable 1b, .Lfrom_bytes
	str	x3, [x0], #8
	add	x1, x1, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	.Lfrom_words
.Lfrom_bytes:
	cbz	x2, .Lfrom_done
2:	ldtrb	w3, [x1]
	uaccess_extable 2b, .Lfrom_done
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	2b
.Lfrom_done:
	mov	x0, x2				/* bytes not copied */
	ret

	.globl	arch_copy_to_user
arch_copy_to_user:
	cmp	x2, #8
	b.lo	.Lto_bytes
.Lto_words:
	ldr	x3, [x1], #8
1:	sttr	x3, [x0]
	uaccess_extable 1b, .Lto_fault_word
	add	x0, x0, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	.Lto_words
.Lto_bytes:
	cbz	x2, .Lto_done
	ldrb	w3, [x1], #1
2:	sttrb	w3, [x0]
	uaccess_extable 2b, .Lto_done
	add	x0, x0, #1
	subs	x2, x2, #1
	b.ne	.Lto_bytes
.Lto_done:
	mov	x0, x2				/* bytes not copied */
	ret
.Lto_fault_word:
	sub	x1, x1, #8			/* the source already moved past the word */
	b	.Lto_bytes

/* ================================================================================= Helpers === */

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
