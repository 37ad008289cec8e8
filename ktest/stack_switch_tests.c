// SPDX-License-Identifier: MIT
/*
 * ktest=stacks: the stack sequences of docs/stacks.md, observed live through the
 * stack-switch tracer (include/sstrace.h) and asserted against the table below, on every
 * arch and build option. The user paths are taken by /bin/stacktrace, which is given the
 * expected sequence and checks what the tracer recorded; the kernel paths are also taken here,
 * straight from kernel code, in a kernel thread, and the ring read directly.
 *
 * Each arch states its own sequences, selected by its own build options, in asm/sstrace.h
 * (STACKS_*): the table of docs/stacks.md, one column per arch and option.
 */
#include <arch.h>
#include <cpu.h>
#include <ktest.h>
#include <printk.h>
#include <sstrace.h>
#include <asm/sstrace.h>
#include <string.h>
#include <task.h>
#include <uapi/syscall.h>

struct expected {
	const char *path;
	int kernel_path;  /* PATH_* for stack_switch_run_path(), or -1: a user path only */
	const char *want; /* this arch and build's sequence (asm/sstrace.h) */
};

static const struct expected table[] = {
	{ "syscall-from-user", -1, STACKS_SYSCALL_FROM_USER },
	{ "irq-from-user", -1, STACKS_IRQ_FROM_USER },
	{ "exception-from-user", -1, STACKS_EXCEPTION_FROM_USER },
	{ "irq-from-kernel", PATH_IRQ_FROM_KERNEL, STACKS_IRQ_FROM_KERNEL },
	{ "exception-from-kernel", PATH_EXCEPTION_FROM_KERNEL, STACKS_EXCEPTION_FROM_KERNEL },
	{ "breakpoint-from-kernel", PATH_BREAKPOINT_FROM_KERNEL, STACKS_BREAKPOINT_FROM_KERNEL },
};

static const struct expected *find(const char *path)
{
	for (size_t i = 0; i < ARRAY_SIZE(table); i++)
		if (strcmp(table[i].path, path) == 0)
			return &table[i];
	return NULL;
}

static bool tracing(struct ktest *t)
{
	if (!STACK_SWITCH_TRACING)
		ktest_skip(t, "built with stack_switch_trace=false: nothing is recorded");
	return STACK_SWITCH_TRACING;
}

/* Runs /bin/stacktrace <path> <expected>: it exits 0 when it saw exactly that. */
static void user_path(struct ktest *t, const char *path)
{
	if (!tracing(t))
		return;
	const char *want = find(path)->want;
	ktest_log(t, "%s on %s: expecting %s", path, arch_name, want);
	int st = ktest_run_program("/bin/stacktrace", path, want);
	KT_EXPECT(t, st >= 0 && WIFEXITED(st));
	KT_EXPECT_EQ(t, WEXITSTATUS(st), 0);
}

KTEST(stacks, syscall_from_user)
{
	user_path(t, "syscall-from-user");
}

KTEST(stacks, irq_from_user)
{
	user_path(t, "irq-from-user");
}

KTEST(stacks, exception_from_user)
{
	user_path(t, "exception-from-user");
}

KTEST(stacks, irq_from_kernel_via_syscall)
{
	user_path(t, "irq-from-kernel");
}

KTEST(stacks, exception_from_kernel_via_syscall)
{
	user_path(t, "exception-from-kernel");
}

KTEST(stacks, breakpoint_from_kernel_via_syscall)
{
	user_path(t, "breakpoint-from-kernel");
}

struct kpath {
	const struct expected *e;
	const char *want;
	char seen[160];
	int tries;
	bool match;
};

/* In a kernel thread (its own task stack, so the sequences start at "task"): takes the path
 * until it shows exactly the expected sequence, up to 20 times (a timer interrupt landing in
 * the middle of an exception path adds switches of its own). */
static int kpath_thread(void *arg)
{
	struct kpath *k = arg;
	for (k->tries = 1; k->tries <= 20; k->tries++) {
		u64 from = stack_switch_head(arch_this_cpu()->id);
		if (stack_switch_run_path((unsigned int)k->e->kernel_path))
			break;
		stack_switch_sequence(from, stack_switch_head(arch_this_cpu()->id), -1, k->seen,
				      sizeof(k->seen));
		if (strcmp(k->seen, k->want) == 0) {
			k->match = true;
			break;
		}
	}
	return 0;
}

static void kernel_path(struct ktest *t, const char *path)
{
	if (!tracing(t))
		return;
	struct kpath k = { .e = find(path) };
	k.want = k.e->want;
	struct task *th = task_create("kpath", kpath_thread, &k);
	KT_ASSERT(t, th != NULL);
	task_join(th);
	ktest_log(t, "%s on %s from a kernel thread: %s (try %d; expected %s)", path, arch_name,
		  k.seen, k.tries, k.want);
	KT_EXPECT(t, k.match);
}

KTEST(stacks, irq_from_kernel)
{
	kernel_path(t, "irq-from-kernel");
}

KTEST(stacks, exception_from_kernel)
{
	kernel_path(t, "exception-from-kernel");
}

KTEST(stacks, breakpoint_from_kernel)
{
	kernel_path(t, "breakpoint-from-kernel");
}

/* A context switch is one event, from the stack of the task that stops to the stack of the task
 * that runs, recorded with an SP on the new task's own stack. */
static volatile bool child_ran;

static int child(void *arg)
{
	(void)arg;
	child_ran = true;
	return 0;
}

KTEST(stacks, context_switch)
{
	if (!tracing(t))
		return;
	unsigned int cpu = arch_this_cpu()->id;
	u64 from = stack_switch_head(cpu);
	struct task *c = task_create("swchild", child, NULL);
	KT_ASSERT(t, c != NULL);
	uintptr_t lo = c->stack_base, hi = c->stack_base + c->stack_size;
	task_join(c);
	KT_ASSERT(t, child_ran);
	u64 to = stack_switch_head(cpu);
	bool into_child = false;
	for (u64 i = from; i < to; i++) {
		struct stack_switch e;
		if (stack_switch_get(cpu, i, &e) && e.reason == SWITCH_CONTEXT &&
		    e.to == STACK_TASK && e.sp >= lo && e.sp < hi)
			into_child = true;
	}
	ktest_log(t, "%llu events while a child thread ran; a switch into its stack: %s",
		  (unsigned long long)(to - from), into_child ? "yes" : "no");
	KT_EXPECT(t, into_child);
}

/* Bad input: an unknown path is refused; an event number that is not recorded yet, or is gone
 * from the ring, gives nothing. */
KTEST(stacks, unknown_path_and_lost_events)
{
	struct stack_switch e;
	unsigned int cpu = arch_this_cpu()->id;
	KT_EXPECT(t, stack_switch_run_path(99) < 0);
	/* Interrupts off: a tick between reading the head and asking for that event would record
	 * it (seen once in CI on x86_64). */
	unsigned long flags = arch_irq_save();
	bool next_there = stack_switch_get(cpu, stack_switch_head(cpu), &e);
	arch_irq_restore(flags);
	KT_EXPECT(t, !next_there);
	KT_EXPECT(t, !stack_switch_get(MAX_CPUS, 0, &e));
	if (stack_switch_head(cpu) > STACK_SWITCH_RING)
		KT_EXPECT(t, !stack_switch_get(cpu, 0, &e));
}
