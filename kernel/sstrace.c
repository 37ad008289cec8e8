// SPDX-License-Identifier: MIT
/*
 * The stack-switch tracer: the C side (see include/sstrace.h). The entry code writes the
 * events itself (arch/<arch>/include/asm/sstrace.h); this file reads them, names them, and
 * records the few switches the entry code leaves to C.
 */
#include <arch.h>
#include <cpu.h>
#include <printk.h>
#include <sstrace.h>
#include <syscall.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>
#include <uvm.h>

static const char *const reason_names[NR_SWITCH_REASONS] = {
	[SWITCH_SYSCALL] = "syscall",
	[SWITCH_IRQ] = "irq",
	[SWITCH_EXCEPTION] = "exception",
	[SWITCH_NMI] = "nmi",
	[SWITCH_DEBUG] = "debug",
	[SWITCH_DOUBLE_FAULT] = "double-fault",
	[SWITCH_MACHINE_CHECK] = "machine-check",
	[SWITCH_CONTEXT] = "switch",
	[SWITCH_START] = "start",
	[SWITCH_OVERFLOW] = "overflow",
};

const char *stack_switch_reason_name(unsigned int reason)
{
	return reason < NR_SWITCH_REASONS ? reason_names[reason] : "?";
}

unsigned int stack_kind_at(uintptr_t addr)
{
	const struct stack_info *s = stack_of(addr);
	if (!s)
		s = stack_guard_of(addr);
	return s ? (unsigned int)s->kind : NR_STACK_KINDS;
}

void stack_switch_record(unsigned int from, unsigned int to, unsigned int reason, uintptr_t sp)
{
	if (!STACK_SWITCH_TRACING)
		return;
	struct stack_switch_log *log = &arch_this_cpu()->switch_log;
	/* The same protocol as the assembly: take the slot with one add (an NMI that records in
	 * between takes the next one), then fill it. */
	u64 n = __atomic_fetch_add(&log->head, 1, __ATOMIC_RELAXED);
	struct stack_switch *e = &log->ring[n % STACK_SWITCH_RING];
	*e = (struct stack_switch){
		.from = (u8)from, .to = (u8)to, .reason = (u8)reason, .sp = sp
	};
}

u64 stack_switch_head(unsigned int cpu)
{
	return cpu < MAX_CPUS ? READ_ONCE(cpus[cpu].switch_log.head) : 0;
}

bool stack_switch_get(unsigned int cpu, u64 n, struct stack_switch *e)
{
	if (cpu >= MAX_CPUS)
		return false;
	const struct stack_switch_log *log = &cpus[cpu].switch_log;
	u64 head = READ_ONCE(log->head);
	if (n >= head || head - n > STACK_SWITCH_RING)
		return false;
	*e = log->ring[n % STACK_SWITCH_RING];
	/* Recorded over while we copied it? Then it is gone too. */
	return READ_ONCE(log->head) - n <= STACK_SWITCH_RING;
}

void stack_switch_sequence(u64 from, u64 to, int reason, char *out, size_t size)
{
	unsigned int cpu = arch_this_cpu()->id;
	size_t len = 0;
	snprintf(out, size, "none");
	for (u64 i = from; i < to && len < size; i++) {
		struct stack_switch e;
		if (!stack_switch_get(cpu, i, &e)) {
			snprintf(out, size, "(event %llu lost)", (unsigned long long)i);
			return;
		}
		if (reason >= 0 && e.reason != (unsigned int)reason)
			continue;
		if (len == 0)
			len += (size_t)snprintf(out, size, "%s", stack_kind_name(e.from));
		len += (size_t)snprintf(out + len, size - len, " -> %s", stack_kind_name(e.to));
	}
}

void stack_switch_print_recent(unsigned int n)
{
	if (!STACK_SWITCH_TRACING)
		return;
	unsigned int cpu = arch_this_cpu()->id;
	u64 head = stack_switch_head(cpu);
	u64 first = head > n ? head - n : 0;
	printk("last stack switches on cpu%u (oldest first):\n", cpu);
	for (u64 i = first; i < head; i++) {
		struct stack_switch e;
		if (!stack_switch_get(cpu, i, &e))
			continue;
		printk("  #%llu %s -> %s (%s) sp %#lx\n", (unsigned long long)i,
		       stack_kind_name(e.from), stack_kind_name(e.to),
		       stack_switch_reason_name(e.reason), (unsigned long)e.sp);
	}
}

int stack_switch_run_path(unsigned int path)
{
	switch (path) {
	case PATH_IRQ_FROM_KERNEL: {
		/* Spin with interrupts on until the next tick lands here, on this task's stack. */
		struct cpu *c = arch_this_cpu();
		u64 ticks = READ_ONCE(c->ticks), end = clock_ns() + NSEC_PER_SEC;
		unsigned long flags = arch_irq_save();
		arch_irq_enable();
		while (READ_ONCE(c->ticks) == ticks && clock_ns() < end)
			;
		arch_irq_restore(flags);
		return READ_ONCE(c->ticks) != ticks ? 0 : -ETIMEDOUT;
	}
	case PATH_EXCEPTION_FROM_KERNEL: {
		/* A page fault in kernel mode that the exception table resolves: a user copy from
		 * the unmapped gap below the user stack. A kernel thread has no user memory: it
		 * takes the test fault of arch_test_fault() instead (a report, then resumed). */
		struct mm *mm = current_task()->mm;
		char c;
		if (!mm)
			return arch_test_fault(TEST_FAULT_READ_UNMAPPED) ? 0 : -EINVAL;
		return copy_from_user(&c, (const void *)(mm->stack_low - PAGE_SIZE), 1) == -EFAULT
			       ? 0
			       : -EINVAL;
	}
	case PATH_BREAKPOINT_FROM_KERNEL:
		arch_breakpoint();
		return 0;
	default:
		return -EINVAL;
	}
}
