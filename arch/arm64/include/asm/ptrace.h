/* SPDX-License-Identifier: MIT */
/*
 * The arm64 exception frame, Linux's struct pt_regs (whose first part is struct user_pt_regs):
 * x0..x30 in register order (so xN sits at offset 8*N and entry.S can save them in pairs with
 * stp), the interrupted sp, pc (ELR_EL1) and pstate (SPSR_EL1), then the syndrome registers of
 * the exception. entry.S fills it using the offsets asm-offsets.c generates from this definition.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <types.h>

struct pt_regs {
	unsigned long regs[31]; /* x0..x30; x29 is the frame pointer, x30 the link register */
	unsigned long sp;	/* the stack pointer when the exception was taken */
	unsigned long pc;	/* ELR_EL1: where it was taken (or where eret goes back to) */
	unsigned long pstate;	/* SPSR_EL1: NZCV, DAIF masks, the EL and SP it came from */
	unsigned long esr;	/* ESR_EL1: exception syndrome (class and details) */
	unsigned long far;	/* FAR_EL1: the faulting address, for aborts and alignment faults */
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
static inline unsigned long frame_pointer(const struct pt_regs *r)
{
	return r->regs[29];
}

#endif
