/* SPDX-License-Identifier: MIT */
/*
 * The kernel side of system calls and of the way back to user mode (kernel/syscall.c,
 * kernel/proc.c). Every arch's entry code calls these; the ABI (which register holds what) is the
 * arch's, through asm/ptrace.h: syscall_nr(), syscall_arg(), syscall_set_return().
 */
#ifndef TRISTACK_SYSCALL_H
#define TRISTACK_SYSCALL_H

#include <types.h>
#include <compiler.h>
#include <extable.h>

struct pt_regs;

/*
 * Runs the system call described by regs (called by the arch's syscall entry, on the task's
 * kernel stack, interrupts enabled) and stores its result with syscall_set_return(). An unknown
 * number returns -ENOSYS. Linux: do_syscall_64(), el0_svc(), do_trap_ecall_u().
 */
void do_syscall(struct pt_regs *regs);

/*
 * Called by every arch's return-to-user path, interrupts off, right before the user registers are
 * restored: reschedules if asked to, and ends the task here if it was killed meanwhile. May
 * enable interrupts and switch tasks; returns with interrupts off. Linux: exit_to_user_mode().
 */
void exit_to_user_mode(struct pt_regs *regs);

/*
 * An exception a user program caused (bad access, illegal instruction, ...): prints one line
 * naming the pid, the program, the cause, the address and the PC, and kills the process; its
 * parent's wait() sees the kill status. Never returns. Linux: force_sig_fault() + do_exit().
 */
__noreturn void user_fault(struct pt_regs *regs, enum oops_kind kind, uintptr_t addr,
			   const char *fmt, ...) __printf(4, 5);

/* Range-checked user copies (kernel/uaccess.c): 0 or -EFAULT. */
int copy_from_user(void *dst, const void *usrc, size_t n);
int copy_to_user(void *udst, const void *src, size_t n);
/* Copies a NUL-terminated user string into dst (size bytes, NUL included): returns its length,
 * -EFAULT for a bad pointer, or -E2BIG when it does not fit. */
long strncpy_from_user(char *dst, const char *usrc, size_t size);

#endif
