/* SPDX-License-Identifier: MIT */
/* Crashing the kernel on purpose (kernel/kcrash.c): the shell's `kcrash`. */
#ifndef TRISTACK_KCRASH_H
#define TRISTACK_KCRASH_H

/* Runs kind ("oops", "overflow") in a kernel thread, which the kernel kills, and waits for it:
 * 0, or -EINVAL for an unknown kind, -ENOMEM. */
int kernel_crash(const char *kind);

#endif
