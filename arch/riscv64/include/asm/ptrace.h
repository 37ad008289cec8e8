/* SPDX-License-Identifier: MIT */
/*
 * The riscv64 trap frame, Linux's struct pt_regs: the PC of the trap, then x1..x31 in register
 * order (so register N sits at offset 8*N), then the trap CSRs. entry.S fills it using the offsets
 * asm-offsets.c generates from this definition.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <types.h>

struct pt_regs {
	unsigned long epc; /* sepc: where the trap happened */
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status;  /* sstatus */
	unsigned long badaddr; /* stval: faulting address or instruction */
	unsigned long cause;   /* scause */
	unsigned long pad;     /* keeps the frame a multiple of 16 bytes */
};

_Static_assert(sizeof(struct pt_regs) % 16 == 0, "the RISC-V ABI keeps sp 16-byte aligned");

static inline unsigned long instruction_pointer(const struct pt_regs *r)
{
	return r->epc;
}
/* Where the trap returns to: sret jumps to sepc, which entry.S reloads from regs->epc. */
static inline void instruction_pointer_set(struct pt_regs *r, unsigned long pc)
{
	r->epc = pc;
}
static inline unsigned long stack_pointer(const struct pt_regs *r)
{
	return r->sp;
}
static inline unsigned long frame_pointer(const struct pt_regs *r)
{
	return r->s0;
}

#endif
