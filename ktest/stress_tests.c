// SPDX-License-Identifier: MIT
/*
 * ktest=stress (manual: it is its own boot, so that the stacks' high-water marks are those of the
 * stress and not of the tests that go deep on purpose). Everything that uses kernel stacks, at
 * once: a storm of software interrupts whose handlers open interrupts so the timer nests inside
 * them, many kernel threads switching, sleeping and allocating, and user programs making deep
 * syscalls (the bad-pointer paths through the exception table), faulting and trapping. Then the
 * worst case of each kind of stack is printed as a table (docs/stacks.md keeps the numbers) and
 * the test fails if any stack went past 90% of its size.
 */
#include <arch.h>
#include <cpu.h>
#include <irq.h>
#include <kmalloc.h>
#include <ktest.h>
#include <printk.h>
#include <sched.h>
#include <stack.h>
#include <task.h>
#include <time.h>

#define STORM_IRQS	 400 /* software interrupts raised */
#define STORM_NEST_EVERY 8   /* every 8th handler waits for a timer tick to nest inside it */
#define WORKERS		 16  /* kernel threads */
#define WORKER_ROUNDS	 60
#define USER_ROUNDS	 3
#define STRESS_LIMIT	 90 /* percent of any stack */

static struct {
	volatile unsigned long handled, nested;
	volatile bool stop;
} storm;

static void nest_probe(void)
{
	if (irq_depth() >= 2)
		storm.nested++;
}

static void storm_handler(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	unsigned long n = storm.handled + 1;
	if (n % STORM_NEST_EVERY == 0) {
		/* Open interrupts and stay until the timer has come in on top of this handler. */
		unsigned long before = storm.nested;
		tick_probe = nest_probe;
		arch_irq_enable();
		u64 end = clock_ns() + 3 * TICK_NSEC;
		while (storm.nested == before && clock_ns() < end)
			;
		arch_irq_disable();
		tick_probe = NULL;
	}
	storm.handled = n;
}

static int storm_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < STORM_IRQS && !storm.stop; i++) {
		unsigned long want = storm.handled + 1;
		arch_raise_soft_irq();
		u64 end = clock_ns() + 100 * NSEC_PER_MSEC;
		while (storm.handled < want && clock_ns() < end)
			yield();
	}
	return 0;
}

static int worker(void *arg)
{
	unsigned long id = (unsigned long)arg;
	for (int i = 0; i < WORKER_ROUNDS; i++) {
		void *p = kmalloc(64 + 32 * (id + i) % 1024);
		if (!p)
			return 1;
		if ((i + id) % 10 == 0)
			sleep_ns(NSEC_PER_MSEC);
		else
			yield();
		kfree(p);
	}
	return 0;
}

KTEST_MANUAL(stress, stacks_under_load)
{
	storm = (typeof(storm)){ 0 };
	KT_ASSERT(t, irq_request(IRQ_SOFT, storm_handler, NULL, "stress") == 0);
	struct task *storm_task = task_create("storm", storm_thread, NULL);
	struct task *workers[WORKERS];
	for (unsigned long i = 0; i < WORKERS; i++)
		workers[i] = task_create("worker", worker, (void *)i);

	/* Meanwhile, user programs: syscalls with bad pointers (deep paths, fixups), faults, traps.
	 */
	static const char *const progs[][2] = {
		{ "/bin/utest", "badptr" },   { "/bin/utest", "args" },
		{ "/bin/crash", "kread" },    { "/bin/crash", "illegal" },
		{ "/bin/crash", "overflow" }, { "/bin/crash", "breakpoint" },
		{ "/bin/crash", "div0" },     { "/bin/hello", NULL },
	};
	int ran = 0;
	for (int r = 0; r < USER_ROUNDS; r++) {
		for (size_t i = 0; i < ARRAY_SIZE(progs); i++) {
			int st = ktest_run_program(progs[i][0], progs[i][1], NULL);
			KT_EXPECT(t, st >= 0);
			ran += st >= 0;
		}
	}

	int failed_workers = 0;
	for (int i = 0; i < WORKERS; i++) {
		KT_ASSERT(t, workers[i]);
		failed_workers += task_join(workers[i]) != 0;
	}
	KT_ASSERT(t, storm_task);
	task_join(storm_task);
	irq_free(IRQ_SOFT);
	ktest_log(t,
		  "%lu software interrupts (%lu with a timer tick nested), %d threads x %d rounds, "
		  "%d user programs",
		  storm.handled, storm.nested, WORKERS, WORKER_ROUNDS, ran);
	KT_EXPECT_EQ(t, failed_workers, 0);
	KT_EXPECT_EQ(t, storm.handled, STORM_IRQS);
	KT_EXPECT(t, storm.nested > 0);

	/* The table docs/stacks.md quotes: one line per kind that has a painted stack. */
	printk("STRESS %-9s %8s %8s %5s\n", "kind", "worst", "size", "use");
	for (int k = 0; k < NR_STACK_KINDS; k++) {
		size_t used, size;
		if (!stack_worst(k, &used, &size))
			continue;
		unsigned int pct = (unsigned int)(used * 100 / size);
		printk("STRESS %-9s %8zu %8zu %4u%%\n", stack_kind_name(k), used, size, pct);
		if (pct >= STRESS_LIMIT)
			ktest_log(t, "the %s stack reached %u%% of its %zu bytes",
				  stack_kind_name(k), pct, size);
		KT_EXPECT(t, pct < STRESS_LIMIT);
	}
}
