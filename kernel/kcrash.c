// SPDX-License-Identifier: MIT
/*
 * Crashing the kernel on purpose, so that a student sees what a kernel oops looks like without
 * writing a bug: the shell's `kcrash KIND` (the kcrash system call). Each kind runs in a kernel
 * thread of its own, which the oops kills; the caller waits for it and goes on. Linux has the
 * same idea in its LKDTM module (drivers/misc/lkdtm), triggered through debugfs.
 *   oops      a kernel-mode read of an unmapped address: the oops report, its registers and
 *             the backtrace, the task killed;
 *   overflow  a recursion that runs the thread's kernel stack into its guard page: the overflow
 *             report names the stack, and the report runs on another stack (x86_64: a double
 *             fault on the ist-df IST stack; arm64, riscv64: the per-CPU overflow stack).
 */
#include <compiler.h>
#include <kcrash.h>
#include <printk.h>
#include <string.h>
#include <task.h>
#include <uapi/errno.h>

/* Hidden from the compiler, which would see the constant and warn or drop the load. */
static volatile uintptr_t unmapped_address = 8;
static volatile unsigned long recursion_limit = ~0UL;

static int oops_thread(void *arg)
{
	(void)arg;
	return *(volatile int *)unmapped_address;
}

__noipa unsigned long kcrash_recurse(unsigned long depth)
{
	volatile char frame[256];
	frame[0] = (char)depth;
	if (depth >= recursion_limit)
		return 0;
	return kcrash_recurse(depth + 1) + frame[0];
}

static int overflow_thread(void *arg)
{
	(void)arg;
	return (int)kcrash_recurse(0);
}

int kernel_crash(const char *kind)
{
	int (*fn)(void *);
	if (strcmp(kind, "oops") == 0)
		fn = oops_thread;
	else if (strcmp(kind, "overflow") == 0)
		fn = overflow_thread;
	else
		return -EINVAL;
	printk("kcrash: %s, in a kernel thread of its own\n", kind);
	struct task *t = task_create("kcrash", fn, NULL);
	if (!t)
		return -ENOMEM;
	int code = task_join(t);
	printk("kcrash: the thread ended with code %d; the kernel goes on\n", code);
	return 0;
}
