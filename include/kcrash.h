/* SPDX-License-Identifier: MIT */
/* Crashing the kernel on purpose (kernel/kcrash.c): the shell's `kcrash`. */
#ifndef TRISTACK_KCRASH_H
#define TRISTACK_KCRASH_H

/* Runs kind ("oops", "overflow") in a kernel thread, which the kernel kills, and waits for it:
 * 0, or -EINVAL for an unknown kind, -ENOMEM. */
int kernel_crash(const char *kind);
/* Recurses with a 256-byte frame per level (used after the call, so not a tail call) until the
 * stack runs out: the overflow of `kcrash overflow`, and of the stack-overflow tests, which
 * call it on a stack with a guard below. Never returns normally. */
unsigned long kcrash_recurse(unsigned long depth);

#endif
