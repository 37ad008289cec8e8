// SPDX-License-Identifier: MIT
/*
 * ktest=smp: the other CPUs came up, each on its own stacks, and each takes its own timer
 * interrupts on its own IRQ stack (docs/smp.md). Run at -smp 4 (tests/meson.build: smp_bringup,
 * with ktest.cpus=4 from the runner) and at -smp 1 in ktest=all, where the expected count is 1.
 * The scheduler across CPUs is ktest=smp_sched (ktest/smp_sched_tests.c).
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <irq.h>
#include <kcrash.h>
#include <ktest.h>
#include <panic.h>
#include <smp.h>
#include <sched.h>
#include <sstrace.h>
#include <stack.h>
#include <task.h>
#include <time.h>
#include <spinlock.h>
#include <uapi/errno.h>

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
	KT_EXPECT(t, cpus[0].online && cpus[0].idle == &init_task);
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

/* ------------------------------------------------------- IPIs and spinlocks across CPUs -- */

struct probe {
	struct cpu *cpu;
	struct task *current;
	bool irqs_on;
	const struct stack_info *stack;
};

static void probe_here(void *arg)
{
	struct probe *p = arg;
	int local;
	p->cpu = arch_this_cpu();
	p->current = arch_current();
	p->irqs_on = arch_irqs_enabled();
	p->stack = stack_of((uintptr_t)&local);
}

KTEST(smp, call_runs_on_the_cpu_asked)
{
	unsigned int online = smp_cpus_online();
	for (unsigned int i = 0; i < online; i++) {
		struct probe p = { 0 };
		u64 ipis = irq_count_on(i, IRQ_IPI);
		KT_ASSERT(t, smp_call_on_cpu(i, probe_here, &p) == 0);
		/* The per-CPU area and `current` as that CPU's own registers give them (GS,
		 * TPIDR_EL1 and SP_EL0, tp), interrupts off, and the stack it ran on. */
		KT_EXPECT(t, p.cpu == &cpus[i]);
		KT_EXPECT(t, !p.irqs_on);
		if (i == arch_this_cpu()->id) {
			KT_EXPECT(t, p.current == current_task());
			continue;
		}
		/* Elsewhere: in that CPU's IPI handler, interrupting its idle task, on its IRQ
		 * stack (or, with none, on the idle task's stack). */
		KT_EXPECT(t, p.current == cpus[i].idle);
		KT_EXPECT(t, irq_count_on(i, IRQ_IPI) > ipis);
		if (ARCH_HAS_IRQ_STACK)
			KT_EXPECT(t,
				  p.stack && p.stack->kind == STACK_IRQ && p.stack->cpu == (int)i);
		else
			KT_EXPECT(t, p.stack && p.stack->task == cpus[i].idle);
		ktest_log(t, "cpu%u ran the call in task %s on its %s stack", i, p.current->name,
			  p.stack ? stack_kind_name(p.stack->kind) : "?");
	}
	KT_EXPECT_EQ(t, smp_call_on_cpu(MAX_CPUS, probe_here, NULL), -EINVAL);
}

KTEST(smp, reschedule_ipi_is_taken)
{
	unsigned int online = smp_cpus_online(), me = arch_this_cpu()->id;
	for (unsigned int i = 0; i < online; i++) {
		if (i == me)
			continue;
		u64 before = irq_count_on(i, IRQ_IPI);
		smp_send_reschedule(i);
		u64 start = clock_ns();
		while (irq_count_on(i, IRQ_IPI) == before &&
		       clock_ns() - start < 100 * NSEC_PER_MSEC)
			arch_cpu_relax();
		KT_EXPECT_EQ(t, irq_count_on(i, IRQ_IPI), before + 1);
	}
}

/*
 * Every CPU at once: rounds of lock, increment, unlock, until SPIN_TOTAL rounds are done or
 * SPIN_BUDGET_MS have passed; the counter must then equal the rounds the CPUs did, exactly. The
 * stress run (smp_spinlock_stress) asks for a million (ktest.spin_total=, ktest.spin_ms=).
 *
 * Why a time budget: a ticket lock hands the lock to one CPU in particular, the next ticket,
 * and under QEMU each virtual CPU is a host thread. With more virtual CPUs than host cores
 * running, the next ticket's thread is often not running at all, and every CPU waits for the
 * host to schedule it: measured on the 2-core machine (while it ran a CI job too), 100,000
 * rounds on 4 CPUs took 1.2 s, 400,000 took 52 s, and 1,000,000 on 2 CPUs 1.4 s (docs/smp.md).
 * Linux has paravirtual spinlocks for the same reason.
 */
#define SPIN_TOTAL     1000000u
#define SPIN_BUDGET_MS 300u

static struct {
	spinlock_t lock;
	volatile u64 counter;
	u64 total, claimed, done, deadline;
	unsigned int inside, most_inside;
	unsigned int go;
} spin = { .lock = SPINLOCK_INIT("ktest.smp") };

static void spin_rounds(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&spin.go, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	unsigned int most = __atomic_add_fetch(&spin.inside, 1, __ATOMIC_SEQ_CST);
	u64 mine = 0;
	while (clock_ns() < spin.deadline &&
	       __atomic_fetch_add(&spin.claimed, 1, __ATOMIC_RELAXED) < spin.total) {
		unsigned long flags = spin_lock_irqsave(&spin.lock);
		spin.counter = spin.counter + 1; /* a read and a write: lost without the lock */
		spin_unlock_irqrestore(&spin.lock, flags);
		mine++;
		unsigned int now = __atomic_load_n(&spin.inside, __ATOMIC_RELAXED);
		most = now > most ? now : most;
	}
	__atomic_fetch_add(&spin.done, mine, __ATOMIC_RELAXED);
	unsigned int seen = __atomic_load_n(&spin.most_inside, __ATOMIC_RELAXED);
	while (most > seen && !__atomic_compare_exchange_n(&spin.most_inside, &seen, most, false,
							   __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
	__atomic_sub_fetch(&spin.inside, 1, __ATOMIC_SEQ_CST);
}

KTEST(smp, spinlock_counts_exactly_across_cpus)
{
	unsigned int online = smp_cpus_online(), finished = 0;
	u64 total = SPIN_TOTAL, ms = SPIN_BUDGET_MS;
	cmdline_get_u64(boot_info.cmdline, "ktest.spin_total", &total);
	cmdline_get_u64(boot_info.cmdline, "ktest.spin_ms", &ms);
	spin.counter = spin.claimed = spin.done = 0;
	spin.total = total;
	spin.inside = spin.most_inside = 0;
	spin.go = 0;
	unsigned int me = arch_this_cpu()->id;
	for (unsigned int i = 0; i < online; i++)
		KT_ASSERT(t,
			  i == me || smp_call_on_cpu_nowait(i, spin_rounds, NULL, &finished) == 0);
	u64 start = clock_ns();
	spin.deadline = start + ms * NSEC_PER_MSEC;
	__atomic_store_n(&spin.go, 1, __ATOMIC_RELEASE);
	spin_rounds(NULL);
	while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) != online - 1)
		arch_cpu_relax();
	u64 took = (clock_ns() - start) / NSEC_PER_MSEC;
	ktest_log(t,
		  "%u CPUs: %llu lock/increment/unlock rounds in %llu ms (%llu asked, %llu ms "
		  "allowed); counter %llu; %u CPUs in the loop at once",
		  online, (unsigned long long)spin.done, (unsigned long long)took,
		  (unsigned long long)total, (unsigned long long)ms,
		  (unsigned long long)spin.counter, spin.most_inside);
	KT_EXPECT_EQ(t, spin.counter, spin.done);
	KT_EXPECT(t, spin.done > 0);
	KT_EXPECT(t, !spin_is_locked(&spin.lock));
	/* With more than one CPU, the loops ran at the same time (else this proves nothing). */
	if (online > 1)
		KT_EXPECT(t, spin.most_inside >= 2);
	KT_EXPECT_EQ(t, spin_locks_held(), 0u);
	/* The stress run must get through all it asked for. */
	if (cmdline_get_u64(boot_info.cmdline, "ktest.spin_ms", &ms))
		KT_EXPECT_EQ(t, spin.done, total);
}

/* ----------------------------------------------- misuse: each ends in a panic on purpose -- */

static spinlock_t misuse_lock = SPINLOCK_INIT("ktest.misuse");

KTEST_MANUAL(smp_misuse, spinlock_taken_twice)
{
	ktest_log(t, "taking spinlock 'ktest.misuse' twice on this CPU: expect a panic naming it");
	unsigned long flags = spin_lock_irqsave(&misuse_lock);
	unsigned long again = spin_lock_irqsave(&misuse_lock);
	spin_unlock_irqrestore(&misuse_lock, again);
	spin_unlock_irqrestore(&misuse_lock, flags);
	KT_EXPECT(t, false); /* not reached */
}

KTEST_MANUAL(smp_misuse, schedule_with_a_spinlock_held)
{
	ktest_log(t, "calling schedule() with a spinlock held: expect a panic");
	unsigned long flags = spin_lock_irqsave(&misuse_lock);
	schedule();
	spin_unlock_irqrestore(&misuse_lock, flags);
	KT_EXPECT(t, false);
}

static void panic_here(void *arg)
{
	(void)arg;
	panic("ktest: a panic on cpu%u, on purpose", arch_this_cpu()->id);
}

KTEST_MANUAL(smp_misuse, panic_on_cpu1_stops_the_others)
{
	KT_ASSERT(t, smp_cpus_online() >= 2);
	ktest_log(t, "cpu1 panics: every other CPU must stop and say where it was");
	/* cpu0 spins here, with interrupts on and preemption off (so that it is this task that
	 * is stopped, not whichever the tick would switch to), until it is stopped. */
	preempt_disable();
	smp_call_on_cpu_nowait(1, panic_here, NULL, NULL);
	for (;;)
		arch_cpu_relax();
}

static void recurse_here(void *arg)
{
	(void)arg;
	kcrash_recurse(0);
}

/* An interrupt handler on cpu2 runs off its stack (the IRQ stack; riscv64 without one: the idle
 * task's stack): caught on cpu2's own reporting stack (x86_64: its ist-df, by #DF; arm64,
 * riscv64: its overflow stack), reported naming cpu2, then a panic (no task to kill). */
KTEST_MANUAL(smp_misuse, overflow_on_cpu2)
{
	KT_ASSERT(t, smp_cpus_online() >= 3);
	ktest_log(t, "an IPI handler on cpu2 recurses until its stack overflows");
	preempt_disable();
	smp_call_on_cpu_nowait(2, recurse_here, NULL, NULL);
	for (;;)
		arch_cpu_relax();
}
