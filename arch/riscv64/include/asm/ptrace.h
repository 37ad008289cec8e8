/* SPDX-License-Identifier: MIT */
/*
 * The riscv64 trap frame, Linux's struct pt_regs: the PC of the trap, then x1..x31 in register
 * order (so register N sits at offset 8*N), then the trap CSRs. entry.S fills it using the offsets
 * asm-offsets.c generates from this definition.
 *
 * From user mode, sp and tp are the user's: entry.S parks the user sp in task->thread.user_sp
 * and the user tp in sscratch while it moves to the kernel stack, then stores both here
 * ([ENTER_FROM_USER]); [RETURN_TO_USER] loads them back last. Which mode the trap came from is
 * sstatus.SPP, saved in status.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <types.h>
#include <asm/csr.h>

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
	/* a0 at a system call as it came in, before the return value replaced it (Linux keeps the
	 * same field, for restarting a call and for tracers); 0 for any other trap. Also keeps the
	 * frame a multiple of 16 bytes. */
	unsigned long orig_a0;
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
/* Did the trap come from user mode? sstatus.SPP is the privilege the trap came from: 1 for
 * S-mode, 0 for U-mode. Linux: user_mode() in arch/riscv/include/asm/ptrace.h. */
static inline bool user_mode(const struct pt_regs *r)
{
	return !(r->status & SR_SPP);
}
/* The kernel frame pointer to start a backtrace at. A user program's s0 is not one: it points
 * into user memory, which the kernel must not walk (with SUM clear it would fault), so 0 there. */
static inline unsigned long frame_pointer(const struct pt_regs *r)
{
	return user_mode(r) ? 0 : r->s0;
}

/*
 * The system-call ABI, Linux's for riscv: `ecall` with the number in a7 and up to six arguments
 * in a0..a5; the result comes back in a0, over the first argument (the ecall path keeps a copy of
 * that in orig_a0). Linux: syscall_get_nr(), syscall_get_arguments(),
 * syscall_set_return_value() in arch/riscv/include/asm/syscall.h.
 */
static inline unsigned long syscall_nr(const struct pt_regs *r)
{
	return r->a7;
}
static inline unsigned long syscall_arg(const struct pt_regs *r, unsigned int n)
{
	switch (n) {
	case 0:
		return r->a0;
	case 1:
		return r->a1;
	case 2:
		return r->a2;
	case 3:
		return r->a3;
	case 4:
		return r->a4;
	case 5:
		return r->a5;
	default:
		return 0;
	}
}
static inline void syscall_set_return(struct pt_regs *r, unsigned long v)
{
	r->a0 = v;
}

#endif
