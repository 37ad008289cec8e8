/* SPDX-License-Identifier: MIT */
/*
 * The arm64 exception frame, Linux's struct pt_regs (whose first part is struct user_pt_regs):
 * x0..x30 in register order (so xN sits at offset 8*N and entry.S can save them in pairs with
 * stp), the interrupted sp, pc (ELR_EL1) and pstate (SPSR_EL1), then the syndrome registers of
 * the exception, and two fields that only an entry from user mode (EL0) fills: the system call's
 * first argument as it came in, and the user's thread pointer TPIDR_EL0. entry.S fills it using
 * the offsets asm-offsets.c generates from this definition.
 *
 * From user mode, sp is the user's stack pointer: EL0 runs on SP_EL0, the exception moved the
 * CPU to SP_EL1 (the task's kernel stack, where this frame is), and kernel_entry copies SP_EL0
 * here before it reuses SP_EL0 for `current`. Saving it here and loading it back on the way out
 * IS the user/kernel stack switch of arm64 (entry.S, [ENTER_FROM_USER], [RETURN_TO_USER]).
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <types.h>
#include <asm/sysreg.h>

struct pt_regs {
	unsigned long regs[31]; /* x0..x30; x29 is the frame pointer, x30 the link register */
	unsigned long sp;	/* the stack pointer when the exception was taken */
	unsigned long pc;	/* ELR_EL1: where it was taken (or where eret goes back to) */
	unsigned long pstate;	/* SPSR_EL1: NZCV, DAIF masks, the EL and SP it came from */
	unsigned long esr;	/* ESR_EL1: exception syndrome (class and details) */
	unsigned long far;	/* FAR_EL1: the faulting address, for aborts and alignment faults */
	/* From EL0 only (0 otherwise): */
	unsigned long orig_x0; /* x0 at a system call, before the return value replaced it */
	unsigned long
		tpidr_el0; /* the user's TLS pointer: the kernel borrows TPIDR_EL0 (entry.S) */
};

_Static_assert(sizeof(struct pt_regs) % 16 == 0,
	       "the AArch64 ABI keeps sp 16-byte aligned, and SCTLR_EL1.SA checks it");

/* The vector that took the exception: index of its 0x80-byte slot in the VBAR_EL1 table. */
enum arm64_vector {
	/* from EL1 on SP_EL0 ("EL1t") */
	VEC_EL1T_SYNC,
	VEC_EL1T_IRQ,
	VEC_EL1T_FIQ,
	VEC_EL1T_SERROR,
	/* from EL1 on SP_EL1 ("EL1h"): the kernel */
	VEC_EL1H_SYNC,
	VEC_EL1H_IRQ,
	VEC_EL1H_FIQ,
	VEC_EL1H_SERROR,
	/* from EL0 running AArch64: user mode */
	VEC_EL0_64_SYNC,
	VEC_EL0_64_IRQ,
	VEC_EL0_64_FIQ,
	VEC_EL0_64_SERROR,
	/* from EL0 running AArch32 */
	VEC_EL0_32_SYNC,
	VEC_EL0_32_IRQ,
	VEC_EL0_32_FIQ,
	VEC_EL0_32_SERROR,
	NR_VECTORS
};

static inline unsigned long instruction_pointer(const struct pt_regs *r)
{
	return r->pc;
}
/* Where eret will return to: die() moves it to an exception-table fixup or past a breakpoint. */
static inline void instruction_pointer_set(struct pt_regs *r, unsigned long pc)
{
	r->pc = pc;
}
static inline unsigned long stack_pointer(const struct pt_regs *r)
{
	return r->sp;
}
/* Did the exception come from user mode? SPSR's M[3:0] is EL0t: EL0, which has one stack
 * pointer only, SP_EL0 (M[4] would say AArch32, which nothing here runs). Linux: user_mode(). */
static inline bool user_mode(const struct pt_regs *r)
{
	return (r->pstate & PSR_MODE_MASK) == PSR_MODE_EL0t;
}

/* The kernel frame pointer to start a backtrace at. A user program's x29 is not one: it points
 * into user memory, which the kernel must not walk (with PAN it would fault), so 0 there. */
static inline unsigned long frame_pointer(const struct pt_regs *r)
{
	return user_mode(r) ? 0 : r->regs[29];
}

/*
 * The system-call ABI, Linux's for arm64: `svc #0` with the number in x8 and up to six arguments
 * in x0..x5; the result comes back in x0, over the first argument (so the SVC entry keeps a copy
 * of that in orig_x0, as Linux does, for whoever wants to see the call as it came in afterwards).
 * Linux: syscall_get_nr(), syscall_get_arguments(), syscall_set_return_value().
 */
static inline unsigned long syscall_nr(const struct pt_regs *r)
{
	return r->regs[8];
}
static inline unsigned long syscall_arg(const struct pt_regs *r, unsigned int n)
{
	return n < 6 ? r->regs[n] : 0;
}
static inline void syscall_set_return(struct pt_regs *r, unsigned long v)
{
	r->regs[0] = v;
}

#endif
