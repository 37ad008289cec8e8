/* SPDX-License-Identifier: MIT */
/*
 * x86_64 exception and interrupt entry. Each IDT vector has a small stub that makes every frame
 * look the same (the CPU pushes an error code for some exceptions only: the stub pushes 0 for the
 * others) and pushes its vector number; then the common code saves the general registers, which
 * completes a struct pt_regs, and calls do_trap() or do_irq() in trap.c. Linux's equivalents:
 * arch/x86/entry/entry_64.S with the idtentry macros of arch/x86/include/asm/idtentry.h.
 *
 * From user mode the CPU itself switches, to TSS.sp0 (the per-CPU ENTRY stack) or to an IST
 * stack, and the entry code moves on to the task's stack; the way back goes through the ENTRY
 * stack again. SYSCALL switches nothing: the entry code moves to the task stack itself. From the
 * kernel only the IST vectors switch (in hardware), and interrupts move to the IRQ stack by the
 * irq_count counter. docs/stacks.md has the sequences and the table of steps.
 *
 * Steps, tagged as on the other arches: [VECTOR_STUBS] [ENTER_FROM_USER] [SWITCH_TO_TASK_STACK]
 * [SAVE_REGS] [PARANOID_GS] [BAD_IRET] [ENTER_IRQ_STACK] [CALL_HANDLER] [LEAVE_IRQ_STACK]
 * [PREEMPT] [RETURN_TO_USER] [RESTORE_REGS] [SWITCH_TO_ENTRY_STACK] [SWITCH_TO_USER_STACK].
 * x86_64 alone has the vector stubs, the ENTRY stack, the GS-base check and the bad-iret kill;
 * the #DF IST stack does the job of the overflow check and overflow stack of arm64 and riscv64.
 *
 * Sections, in the same order in the three entry.S files: Kernel entry, The IRQ-stack switch,
 * Exceptions, The return to user mode, The from-user path, User copies, Helpers.
 */
#include <asm-offsets.h>
#include <extable.h>
#include <asm/irq.h>
#include <asm/memlayout.h>
#include <asm/sstrace.h>
#include <asm/trapnr.h>
#include <asm/x86.h>

/* Exceptions for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v)                                                                      \
	((v) == X86_TRAP_DF || ((v) >= X86_TRAP_TS && (v) <= X86_TRAP_PF) || (v) == X86_TRAP_AC || \
	 (v) == X86_TRAP_CP || (v) == X86_TRAP_VC || (v) == X86_TRAP_SX)

#define STUB_SIZE 16
/* The frame record irq_common pushes on the IRQ stack: {rbp, rip}, two words. */
#define IRQ_FRAME_RECORD_SIZE 16
/* ============================================================================ Kernel entry === */

/* [SAVE_REGS] Complete the struct pt_regs: the CPU pushed ss..rip, the stub the error code and
 * the vector; the general registers go below them, in pt_regs order. */
.macro SAVE_REGS
	push	%rdi
	push	%rsi
	push	%rdx
	push	%rcx
	push	%rax
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	cld				/* the C ABI expects the direction flag clear */
.endm

/* Pop what SAVE_REGS pushed, from r15 up to rsi: every register but rdi, which the return
 * paths to user mode still need as a pointer into the frame. Linux: POP_REGS pop_rdi=0. */
.macro POP_REGS_BUT_RDI
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rsi
.endm

/* [RESTORE_REGS] Pop what SAVE_REGS pushed, drop vector and error code, return from the
 * interrupt: iretq reloads rip, cs, rflags, rsp and ss from the hardware frame. */
.macro RESTORE_REGS
	POP_REGS_BUT_RDI
	pop	%rdi
	add	$(PT_RIP - PT_VECTOR), %rsp
	iretq
.endm

	.text
	/* [VECTOR_STUBS] One stub per IDT vector, each STUB_SIZE bytes, so trap.c computes a
	 * stub's address from its vector. Exceptions (0-31) go to exception_common, device and
	 * software interrupts (32-255) to irq_common. */
	.balign	STUB_SIZE
	.globl	exception_stubs
exception_stubs:
	vector = 0
	.rept	32
	.balign	STUB_SIZE
	.if	HAS_ERROR_CODE(vector) == 0
	pushq	$0			/* no error code from the CPU: keep the frame uniform */
	.endif
	pushq	$vector
	jmp	exception_common
	vector = vector + 1
	.endr

	.balign	STUB_SIZE
	.globl	irq_stubs
irq_stubs:
	.rept	NR_IRQS - FIRST_IRQ
	.balign	STUB_SIZE
	pushq	$0
	pushq	$vector
	jmp	irq_common
	vector = vector + 1
	.endr

/* ==================================================================== The IRQ-stack switch === */

/*
 * [ENTER_IRQ_STACK] Linux 5.7's ENTER_IRQ_STACK (arch/x86/entry/entry_64.S): with rdi = the
 * pt_regs, move RSP to this CPU's IRQ stack unless an interrupt is already being handled here
 * (irq_count, -1 when idle, becomes 0 on the first one), so nested interrupts stay on the IRQ
 * stack instead of starting it over. Leaves on the stack the RSP to go back to, and a frame
 * record {interrupted rbp, interrupted rip} with rbp pointing at it: a backtrace taken in a
 * handler walks through it from the IRQ stack into the code the interrupt stopped.
 */
.macro ENTER_IRQ_STACK
	/* LAB 4: BEGIN */
	incq	%gs:CPU_IRQ_COUNT
	jnz	1f			/* nested: already on the IRQ stack */
#if CONFIG_X86_IRQ_STACK_KERNEL_ONLY
	/* Linux >= 5.8: an interrupt from user mode stays on the task stack, which is empty
	 * then anyway (build option x86_irq_stack=kernel-only). */
	testb	$3, PT_CS(%rdi)
	jnz	1f
#endif
	mov	%gs:CPU_IRQ_STACK_TOP, %rsp
	TRACE_ENTER_IRQ_STACK		/* [TRACE] task -> irq */
	/* LAB 4: ELSE
	// The part lab 4 asks for. The stub counts the nesting and stays where it is.
	incq	%gs:CPU_IRQ_COUNT
	LAB 4: END */
1:	sub	$8, %rsp		/* keep the call 16-byte aligned */
	push	%rdi			/* the RSP to go back to (the pt_regs) */
	push	PT_RIP(%rdi)
	push	PT_RBP(%rdi)
	mov	%rsp, %rbp
.endm

/* [LEAVE_IRQ_STACK] Linux 5.7's LEAVE_IRQ_STACK: back to the interrupted stack, at the pt_regs
 * (the saved RSP is above the two words of the frame record), then one level less of nesting. */
.macro LEAVE_IRQ_STACK
	mov	IRQ_FRAME_RECORD_SIZE(%rsp), %rsp
	decq	%gs:CPU_IRQ_COUNT
	/* LAB 4: BEGIN */
	TRACE_LEAVE_IRQ_STACK		/* [TRACE] irq -> task, when this was the outermost */
	/* LAB 4: END */
.endm

/*
 * Interrupts: Linux 5.7's scheme (docs/design.md). The frame stays where the CPU put it (the
 * task's stack, since we are in the kernel), and the handler runs on the IRQ stack.
 */
irq_common:
	testb	$3, STUB_CS(%rsp)
	jnz	irq_from_user		/* [ENTER_FROM_USER]: the from-user path, below */
.Lirq_save:
	SAVE_REGS
	mov	%rsp, %rdi		/* regs, for do_irq; stays on the task (or interrupted) stack */
	ENTER_IRQ_STACK			/* [ENTER_IRQ_STACK] */
	/* [CALL_HANDLER] do_irq(regs) */
	call	do_irq
	LEAVE_IRQ_STACK			/* [LEAVE_IRQ_STACK] */
	testb	$3, PT_CS(%rsp)
	jnz	ret_to_user
	/* [PREEMPT] Back on the interrupted stack: switch tasks here if the tick asked for it
	 * (kernel/sched.c, Linux's preempt_schedule_irq). */
	call	preempt_irq_return
	RESTORE_REGS

/* ============================================================================== Exceptions === */

/*
 * Exceptions. From kernel mode the CPU switches stacks only for the vectors with an IST slot
 * (#DF, NMI, #DB, #BP, #MC: trap.c): those arrive on their own IST stack, all others on the
 * stack that was interrupted ("exception from kernel: none" in docs/stacks.md). From user mode
 * they arrive on the ENTRY stack (TSS.sp0) or their IST stack, and ENTER_FROM_USER moves them to
 * the task stack.
 */
exception_common:
	testb	$3, STUB_CS(%rsp)
	jnz	exception_from_user	/* [ENTER_FROM_USER]: the from-user path, below */
.Lexception_save:
	SAVE_REGS
	/*
	 * [PARANOID_GS] From kernel mode, the saved CS does not say which GS base is live: an
	 * exception can hit the few instructions between a swapgs and the iretq/sysretq to user
	 * mode (a fault of the iretq itself, an NMI or machine check there), or before the first
	 * swapgs of the syscall entry. The GS base does: the per-CPU area is in the kernel half
	 * (bit 63 set), the user's GS base never is. If it is the user's, swapgs now and again on
	 * the way back (ebx = 1, callee-saved across the call). Linux: paranoid_entry and
	 * paranoid_exit (which read MSR_GS_BASE the same way), error_entry's bad-iret check.
	 * SAVE_REGS has saved rax, rcx, rdx and rbx, which this clobbers.
	 */
	xor	%ebx, %ebx
	testb	$3, PT_CS(%rsp)
	jnz	2f
	mov	$MSR_GS_BASE, %ecx
	rdmsr
	test	%edx, %edx
	js	2f			/* kernel GS base: the usual case */
	swapgs
	mov	$1, %ebx
	/* [BAD_IRET] The iretq to user mode faulted (#GP for a non-canonical rip or a bad
	 * selector in the frame, #SS, #NP): that is the program's fault, not the kernel's. Its
	 * user registers are still at the top of its task stack, where ret_to_user copied them
	 * from: go there, off the ENTRY stack, and kill it. */
	leaq	ret_to_user_iret(%rip), %rax
	cmp	%rax, PT_RIP(%rsp)
	jne	2f
	mov	PT_VECTOR(%rsp), %rsi
	mov	PT_ERROR_CODE(%rsp), %rdx
	mov	%gs:CPU_TSS_SP1, %rdi
	sub	$PT_SIZE, %rdi		/* task_pt_regs(current) */
	mov	%rdi, %rsp
	call	bad_iret_kill		/* bad_iret_kill(regs, vector, error code): no return */
	ud2
2:
	/* [CALL_HANDLER] do_trap(regs). The stack is 16-byte aligned here: the CPU aligned it
	 * before pushing its 5-word frame, and the stub and SAVE_REGS added 17 words. */
	mov	%rsp, %rdi
	call	do_trap
	testb	$3, PT_CS(%rsp)
	jnz	ret_to_user
	test	%ebx, %ebx		/* [PARANOID_GS] back to the GS base we came with */
	jz	3f
	swapgs
3:	RESTORE_REGS

/* ================================================================= The return to user mode === */

/*
 * [RETURN_TO_USER] The way back to user mode from an interrupt, an exception or a first entry
 * (arch_ret_to_user), on the task's kernel stack at the pt_regs. exit_to_user_mode() may switch
 * tasks or end this one. Then [SWITCH_TO_ENTRY_STACK]: restore the registers, copy the iret
 * frame onto the per-CPU ENTRY stack (TSS.sp0) and iretq from there, as Linux 5.7 does (with
 * KPTI, the task stack is not even mapped at that point: only the ENTRY stack is). Linux:
 * swapgs_restore_regs_and_return_to_usermode.
 */
	.globl	ret_to_user
ret_to_user:
	cli
	mov	%rsp, %rdi
	call	exit_to_user_mode
	POP_REGS_BUT_RDI
	/* [SWITCH_TO_ENTRY_STACK] rdi is still on the task stack, above it vector, error code and
	 * the iret frame. */
	mov	%rsp, %rdi
	mov	%gs:CPU_TSS_SP0, %rsp
	pushq	(PT_SS - PT_RDI)(%rdi)
	pushq	(PT_RSP - PT_RDI)(%rdi)
	pushq	(PT_RFLAGS - PT_RDI)(%rdi)
	pushq	(PT_CS - PT_RDI)(%rdi)
	pushq	(PT_RIP - PT_RDI)(%rdi)
	pushq	(%rdi)
	TRACE_RETURN_TO_USER (8 + PT_RSP - PT_RIP)	/* [TRACE] task -> entry -> user */
	pop	%rdi
	swapgs
	.globl	ret_to_user_iret
ret_to_user_iret:			/* a fault here is the program's: see [BAD_IRET] */
	iretq

/* arch_ret_to_user(regs): regs is at the top of the current task's kernel stack. */
	.globl	arch_ret_to_user
arch_ret_to_user:
	mov	%rdi, %rsp
	jmp	ret_to_user

/* ====================================================================== The from-user path === */

/*
 * [ENTER_FROM_USER] For an interrupt or exception from user mode (CS's low bits, RPL 3): swapgs,
 * so that GS points at the per-CPU area again, then [SWITCH_TO_TASK_STACK]: the CPU pushed its
 * frame on TSS.sp0, the per-CPU ENTRY (trampoline) stack, or on an IST stack; copy the frame, the
 * error code and the vector to the top of the task's kernel stack (cpu_current_top_of_stack,
 * TSS.sp1) and continue there. Linux 5.7: interrupt_entry / error_entry with sync_regs.
 * The entries test CS themselves (exception_common, irq_common) and come here only from user
 * mode.
 * On entry the stub's frame is at RSP: STUB_VECTOR, STUB_ERROR_CODE, then the CPU's STUB_RIP
 * up to STUB_SS (asm-offsets.h); once rdi is pushed, the same 8 bytes higher.
 */
.macro ENTER_FROM_USER type
	swapgs
	push	%rdi
	mov	%rsp, %rdi
	mov	%gs:CPU_TSS_SP1, %rsp
	pushq	(8 + STUB_SS)(%rdi)
	pushq	(8 + STUB_RSP)(%rdi)
	pushq	(8 + STUB_RFLAGS)(%rdi)
	pushq	(8 + STUB_CS)(%rdi)
	pushq	(8 + STUB_RIP)(%rdi)
	pushq	(8 + STUB_ERROR_CODE)(%rdi)
	pushq	(8 + STUB_VECTOR)(%rdi)
	TRACE_ENTER_FROM_USER \type	/* [TRACE] user -> entry (or IST) -> task */
	mov	(%rdi), %rdi
.endm

/* The user-mode side of exception_common and irq_common, which test CS and branch here; back
 * on the task stack, each goes on where the kernel-mode case starts. */
exception_from_user:
	ENTER_FROM_USER exception
	jmp	.Lexception_save
irq_from_user:
	ENTER_FROM_USER irq
	jmp	.Lirq_save

/*
 * The SYSCALL instruction lands here (IA32_LSTAR), in ring 0 with RSP still the user's, IF
 * cleared by FMASK, rcx = the user rip, r11 = the user rflags. Linux 5.7: entry_SYSCALL_64.
 *   user stack -> task stack -> ENTRY stack -> user stack: the three switches of docs/stacks.md.
 */
/* The start of both SYSCALL entries: cs is the user code segment the program was in. */
.macro SYSCALL_ENTER cs
	/* [ENTER_FROM_USER] GS = the per-CPU area. */
	swapgs
	/* LAB 3: BEGIN */
	/* [SWITCH_TO_TASK_STACK] The user RSP goes to TSS.sp2, which nothing else uses, as a
	 * scratch slot (no register is free yet); RSP = cpu_current_top_of_stack (TSS.sp1). */
	mov	%rsp, %gs:CPU_TSS_SP2
	mov	%gs:CPU_TSS_SP1, %rsp
	/* [SAVE_REGS] A struct pt_regs as an interrupt from user mode would have left it. */
	pushq	$USER_DS		/* ss */
	pushq	%gs:CPU_TSS_SP2		/* rsp */
	pushq	%r11			/* rflags */
	pushq	$\cs			/* cs */
	pushq	%rcx			/* rip */
	pushq	%rax			/* "error code": the syscall number, as Linux's orig_ax */
	pushq	$SYSCALL_VECTOR		/* not an IDT vector: marks a syscall frame */
	/* LAB 3: ELSE
	// The part lab 3 asks for: RSP is still the user's. The stub borrows this CPU's IRQ
	// stack, which no interrupt can be using (IF is off since the SYSCALL), to say so.
	mov	%gs:CPU_IRQ_STACK_TOP, %rsp
	lea	lab3_missing\@(%rip), %rdi
	call	lab_missing
	.pushsection .rodata
lab3_missing\@:
	.asciz	"lab 3: SYSCALL_ENTER's entry from user mode, the stack switch and the frame (arch/x86_64/entry.S)"
	.popsection
	LAB 3: END */
	SAVE_REGS
	TRACE_SYSCALL_ENTRY		/* [TRACE] user -> task */
.endm

	.globl	entry_SYSCALL_64
entry_SYSCALL_64:
	SYSCALL_ENTER USER_CS
	/* [CALL_HANDLER] do_syscall(regs) with interrupts on. */
	mov	%rsp, %rdi
	sti
	call	do_syscall
	cli
	mov	%rsp, %rdi
	call	exit_to_user_mode
	/* SYSRET reloads rip from rcx and rflags from r11, and must not return to a
	 * non-canonical rip (it would fault in ring 0): such a return goes through iretq. */
	movabs	$USER_END, %rcx
	cmp	%rcx, PT_RIP(%rsp)
	jae	ret_to_user
	/* [RESTORE_REGS] all but rdi; rcx and r11 are then overwritten with the rip and rflags
	 * SYSRET takes them from. */
	POP_REGS_BUT_RDI
	mov	(PT_RIP - PT_RDI)(%rsp), %rcx
	mov	(PT_RFLAGS - PT_RDI)(%rsp), %r11
	/* [SWITCH_TO_ENTRY_STACK] Keep the user RSP and rdi on the ENTRY stack (TSS.sp0), the
	 * last kernel stack before user mode, then pop them. */
	mov	%rsp, %rdi
	mov	%gs:CPU_TSS_SP0, %rsp
	pushq	(PT_RSP - PT_RDI)(%rdi)
	pushq	(%rdi)
	TRACE_RETURN_TO_USER 8		/* [TRACE] task -> entry -> user */
	pop	%rdi
	/* [SWITCH_TO_USER_STACK] */
	pop	%rsp
	swapgs
	sysretq

/*
 * SYSCALL from 32-bit compatibility mode lands here (IA32_CSTAR), in ring 0 with the user's
 * RSP, as in entry_SYSCALL_64. tristack has no 32-bit system calls: the program is killed
 * (do_syscall_compat). Linux runs its 32-bit system calls from here (entry_SYSCALL_compat), or,
 * built without them, returns -ENOSYS (ignore_sysret).
 */
	.globl	entry_SYSCALL_compat
entry_SYSCALL_compat:
	SYSCALL_ENTER USER32_CS
	/* [CALL_HANDLER] */
	mov	%rsp, %rdi
	sti
	call	do_syscall_compat	/* kills the program: no return */
	ud2

/* ============================================================================= User copies === */

/*
 * size_t arch_copy_from_user(void *dst, const void *usrc, size_t n)
 * size_t arch_copy_to_user(void *udst, const void *src, size_t n)
 * rep movsb with an exception-table entry: a fault on the user side resumes at the fixup with
 * rcx = the bytes not copied. SMAP, when on, forbids the kernel any user access except between
 * stac and clac. Linux: copy_user_generic_string.
 */
	.globl	arch_copy_from_user, arch_copy_to_user
arch_copy_from_user:
arch_copy_to_user:
	cmpb	$0, x86_smap(%rip)
	je	1f
	stac
1:	mov	%rdx, %rcx
2:	rep movsb
3:	cmpb	$0, x86_smap(%rip)
	je	4f
	clac
4:	mov	%rcx, %rax
	ret
	uaccess_extable 2b, 3b

/* ================================================================================= Helpers === */

/*
 * void arch_capture_regs(struct pt_regs *regs): a snapshot of the caller's registers, for panic()
 * and backtraces. A leaf without a frame: rbp is the caller's; the return address on the stack is
 * the caller's "rip", and rsp + 8 is the caller's rsp.
 */
	.globl	arch_capture_regs
arch_capture_regs:
	mov	%r15, PT_R15(%rdi)
	mov	%r14, PT_R14(%rdi)
	mov	%r13, PT_R13(%rdi)
	mov	%r12, PT_R12(%rdi)
	mov	%rbp, PT_RBP(%rdi)
	mov	%rbx, PT_RBX(%rdi)
	mov	%r11, PT_R11(%rdi)
	mov	%r10, PT_R10(%rdi)
	mov	%r9, PT_R9(%rdi)
	mov	%r8, PT_R8(%rdi)
	mov	%rax, PT_RAX(%rdi)
	mov	%rcx, PT_RCX(%rdi)
	mov	%rdx, PT_RDX(%rdi)
	mov	%rsi, PT_RSI(%rdi)
	mov	%rdi, PT_RDI(%rdi)
	movq	$0, PT_VECTOR(%rdi)
	movq	$0, PT_ERROR_CODE(%rdi)
	mov	(%rsp), %rax
	mov	%rax, PT_RIP(%rdi)
	lea	8(%rsp), %rax
	mov	%rax, PT_RSP(%rdi)
	mov	%cs, %eax
	mov	%rax, PT_CS(%rdi)
	mov	%ss, %eax
	mov	%rax, PT_SS(%rdi)
	pushfq
	pop	%rax
	mov	%rax, PT_RFLAGS(%rdi)
	mov	PT_RAX(%rdi), %rax	/* give rax back its value */
	ret
