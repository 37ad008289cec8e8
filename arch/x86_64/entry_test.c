// SPDX-License-Identifier: MIT
/*
 * ktest=x86_entry: the x86_64 user-entry scheme of seed 002, seen from the kernel side.
 *   - A return to user mode goes through the ENTRY (trampoline) stack, TSS.sp0.
 *   - An interrupt from user mode runs its handler on the IRQ stack (x86_irq_stack=always,
 *     Linux 5.7), or on the task stack (x86_irq_stack=kernel-only, Linux >= 5.8).
 */
#include <arch.h>
#include <cpu.h>
#include <ktest.h>
#include <process.h>
#include <sched.h>
#include <stack.h>
#include <task.h>
#include <time.h>
#include <uapi/syscall.h>

KTEST(x86_entry, return_to_user_through_entry_stack)
{
	u64 before = arch_this_cpu()->arch.entry_stack_exits;
	char *argv[2] = { "/bin/hello", "entry" };
	int pid = process_spawn(current_task(), "/bin/hello", 2, argv);
	KT_ASSERT(t, pid > 0);
	int status;
	KT_EXPECT_EQ(t, process_wait(current_task(), pid, &status), pid);
	KT_EXPECT_EQ(t, status, 0);
	u64 exits = arch_this_cpu()->arch.entry_stack_exits - before;
	ktest_log(t, "%llu returns to user mode, all through the ENTRY stack",
		  (unsigned long long)exits);
	/* The first entry, and one return per system call but the last (exit): hello writes
	 * three lines. */
	KT_EXPECT(t, exits >= 4);
}

KTEST(x86_entry, irq_from_user_mode_stack)
{
	char *argv[2] = { "/bin/utest", "spin" };
	arch_this_cpu()->arch.irq_from_user_stack = -1;
	int pid = process_spawn(current_task(), "/bin/utest", 2, argv);
	KT_ASSERT(t, pid > 0);
	/* The spinner runs in user mode; the timer interrupts it there. */
	sleep_ns(50 * NSEC_PER_MSEC);
	process_kill(pid);
	process_wait(current_task(), pid, NULL);
	int kind = arch_this_cpu()->arch.irq_from_user_stack;
	ktest_log(t, "an IRQ from user mode ran on the %s stack (x86_irq_stack=%s)",
		  kind >= 0 ? stack_kind_name(kind) : "?",
		  CONFIG_X86_IRQ_STACK_KERNEL_ONLY ? "kernel-only" : "always");
	KT_EXPECT_EQ(t, kind, CONFIG_X86_IRQ_STACK_KERNEL_ONLY ? STACK_TASK : STACK_IRQ);
}
