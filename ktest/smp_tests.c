// SPDX-License-Identifier: MIT
/*
 * ktest=smp: the other CPUs came up, each on its own stacks, and each takes its own timer
 * interrupts on its own IRQ stack (docs/smp.md). Run at -smp 4 (tests/meson.build: smp_bringup,
 * with ktest.cpus=4 from the runner) and at -smp 1 in ktest=all, where the expected count is 1.
 * The secondary CPUs only idle for now: tasks run on the boot CPU.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <irq.h>
#include <ktest.h>
#include <smp.h>
#include <sched.h>
#include <sstrace.h>
#include <stack.h>
#include <task.h>
#include <time.h>

/* The CPUs this boot should have: ktest.cpus=N (the runner's --smp), limited by maxcpus=N. */
static unsigned int expected_cpus(void)
{
	u64 n = 1, max;
	cmdline_get_u64(boot_info.cmdline, "ktest.cpus", &n);
	if (cmdline_get_u64(boot_info.cmdline, "maxcpus", &max) && max >= 1 && max < n)
		n = max;
	return (unsigned int)n;
}

KTEST(smp, every_cpu_came_online)
{
	unsigned int want = expected_cpus(), online = smp_cpus_online();
	ktest_log(t, "%u of the %u CPUs the firmware describes online, %u expected", online,
		  boot_info.ncpus, want);
	KT_EXPECT_EQ(t, online, want);
	/* Online ones first, numbered 0..online-1, each with a distinct hardware id from the
	 * firmware's list; the boot CPU is cpu0. */
	KT_EXPECT(t, cpus[0].online && arch_this_cpu() == &cpus[0]);
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		struct cpu *c = &cpus[i];
		KT_EXPECT_EQ(t, c->online, i < online);
		if (!c->online)
			continue;
		KT_EXPECT(t, c->self == c && c->id == i);
		bool listed = false;
		for (unsigned int k = 0; k < MIN(boot_info.ncpus, (unsigned int)MAX_CPUS); k++)
			listed |= boot_info.cpu_hwid[k] == c->hwid;
		KT_EXPECT(t, listed);
		for (unsigned int j = 0; j < i; j++)
			KT_EXPECT(t, cpus[j].hwid != c->hwid);
	}
}

/* A per-CPU stack of this kind registered for cpu, and only one: its record, else NULL. */
struct find_stack {
	enum stack_kind kind;
	int cpu;
	const struct stack_info *found;
	unsigned int n;
};

static void find_one(const struct stack_info *s, void *arg)
{
	struct find_stack *f = arg;
	if (s->kind == f->kind && s->cpu == f->cpu && !s->task) {
		f->found = s;
		f->n++;
	}
}

static const struct stack_info *cpu_stack(enum stack_kind kind, int cpu)
{
	struct find_stack f = { kind, cpu, NULL, 0 };
	stack_for_each(find_one, &f);
	return f.n == 1 ? f.found : NULL;
}

KTEST(smp, every_cpu_has_its_own_stacks)
{
	unsigned int online = smp_cpus_online();
	for (unsigned int i = 0; i < online; i++) {
		struct cpu *c = &cpus[i];
		/* Its idle task: its own (the boot CPU's is the boot flow), on its own stack. */
		struct task *idle = c->idle;
		KT_ASSERT(t, idle != NULL);
		KT_EXPECT(t, idle->cpu == c);
		const struct stack_info *is = stack_of(idle->stack_base);
		KT_EXPECT(t, is && is->task == idle);
		for (unsigned int j = 0; j < i; j++)
			KT_EXPECT(t, cpus[j].idle != idle &&
					     cpus[j].idle->stack_base != idle->stack_base);
		/* Its IRQ stack and overflow stack, where the arch has them: registered for it,
		 * where the per-CPU area says, and no other CPU's. */
		if (ARCH_HAS_IRQ_STACK) {
			const struct stack_info *s = cpu_stack(STACK_IRQ, (int)i);
			KT_EXPECT(t, s && s->base == c->irq_stack_base &&
					     c->irq_stack_top == s->base + s->size);
			for (unsigned int j = 0; j < i; j++)
				KT_EXPECT(t, cpus[j].irq_stack_base != c->irq_stack_base);
		}
		if (ARCH_HAS_OVERFLOW_STACK) {
			const struct stack_info *s = cpu_stack(STACK_OVERFLOW, (int)i);
			KT_EXPECT(t, s && s->base == c->overflow_stack_base);
			for (unsigned int j = 0; j < i; j++)
				KT_EXPECT(t, cpus[j].overflow_stack_base != c->overflow_stack_base);
		}
		/* x86_64: its ENTRY stack and the four IST stacks. */
		for (enum stack_kind k = STACK_ENTRY; k <= STACK_IST_MC; k++) {
			if (cpu_stack(k, 0))
				KT_EXPECT(t, cpu_stack(k, (int)i) != NULL);
		}
		ktest_log(
			t,
			"cpu%u: idle task %d (%s), stack %#lx, IRQ stack %#lx, overflow stack %#lx",
			i, idle->id, idle->name, idle->stack_base, c->irq_stack_base,
			c->overflow_stack_base);
	}
}

KTEST(smp, every_cpu_ticks_on_its_own_irq_stack)
{
	unsigned int online = smp_cpus_online();
	u64 ticks[MAX_CPUS], head[MAX_CPUS];
	for (unsigned int i = 0; i < online; i++) {
		ticks[i] = READ_ONCE(cpus[i].ticks);
		head[i] = stack_switch_head(i);
	}
	sleep_ns(100 * NSEC_PER_MSEC);
	for (unsigned int i = 0; i < online; i++) {
		u64 n = READ_ONCE(cpus[i].ticks) - ticks[i];
		ktest_log(t, "cpu%u: %llu timer ticks in 100 ms", i, (unsigned long long)n);
		/* 10 at HZ=100; a loaded host may stop a virtual CPU for a while. */
		KT_EXPECT(t, n >= 3);
		if (!ARCH_HAS_IRQ_STACK)
			continue;
		/* The handlers ran on this CPU's own IRQ stack: its paint is gone in part. */
		size_t used = stack_max_used(stack_of(cpus[i].irq_stack_base));
		KT_EXPECT(t, used > 0 && used < IRQ_STACK_SIZE);
		/* ...and this CPU's tracer saw the switches to it, on this CPU's ring only. */
		if (STACK_SWITCH_TRACING && i > 0) {
			unsigned int to_irq = 0;
			struct stack_switch e;
			for (u64 k = head[i]; k < stack_switch_head(i); k++) {
				if (stack_switch_get(i, k, &e) && e.to == STACK_IRQ &&
				    e.sp >= cpus[i].irq_stack_base && e.sp <= cpus[i].irq_stack_top)
					to_irq++;
			}
			ktest_log(t, "cpu%u: %u switches to its IRQ stack traced", i, to_irq);
			KT_EXPECT(t, to_irq >= 3);
		}
	}
}

KTEST(smp, maxcpus_is_obeyed)
{
	u64 max;
	if (!cmdline_get_u64(boot_info.cmdline, "maxcpus", &max)) {
		ktest_skip(t, "booted without maxcpus=");
		return;
	}
	ktest_log(t, "maxcpus=%llu, %u CPUs described, %u online", (unsigned long long)max,
		  boot_info.ncpus, smp_cpus_online());
	KT_EXPECT_EQ(t, smp_cpus_online(), (unsigned int)MIN(max, (u64)boot_info.ncpus));
}
