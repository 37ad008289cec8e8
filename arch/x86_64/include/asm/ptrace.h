/* SPDX-License-Identifier: MIT */
/*
 * The x86_64 register frame, Linux's struct pt_regs. Read from the top down it is the order in
 * which things are pushed on exception entry: the CPU pushes ss, rsp, rflags, cs, rip (the
 * "hardware frame"); the entry stub pushes an error code (the CPU's, or 0) and the vector;
 * entry.S pushes the general registers. So the struct's first field is the last pushed.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	unsigned long rax, rcx, rdx, rsi, rdi;
	unsigned long vector;	  /* pushed by the stub: which IDT entry */
	unsigned long error_code; /* pushed by the CPU, or 0 by the stub */
	/* the hardware frame */
	unsigned long rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct pt_regs) % 16 == 0, "entry.S keeps the stack 16-byte aligned");

static inline unsigned long instruction_pointer(const struct pt_regs *r)
{
	return r->rip;
}
static inline void instruction_pointer_set(struct pt_regs *r, unsigned long pc)
{
	r->rip = pc;
}
/* Did the trap come from user mode? (the RPL of the interrupted CS) */
static inline bool user_mode(const struct pt_regs *r)
{
	return (r->cs & 3) == 3;
}

/* The syscall ABI (Linux's): number in rax, arguments in rdi, rsi, rdx, r10, r8, r9 (r10, not
 * rcx: SYSCALL puts the return address in rcx), result in rax. */
static inline unsigned long syscall_nr(const struct pt_regs *r)
{
	return r->error_code; /* rax as it was at entry (Linux's orig_ax) */
}
static inline unsigned long syscall_arg(const struct pt_regs *r, int n)
{
	switch (n) {
	case 0:
		return r->rdi;
	case 1:
		return r->rsi;
	case 2:
		return r->rdx;
	case 3:
		return r->r10;
	case 4:
		return r->r8;
	default:
		return r->r9;
	}
}
static inline void syscall_set_return(struct pt_regs *r, unsigned long v)
{
	r->rax = v;
}

static inline unsigned long stack_pointer(const struct pt_regs *r)
{
	return r->rsp;
}
static inline unsigned long frame_pointer(const struct pt_regs *r)
{
	return r->rbp;
}

#endif
