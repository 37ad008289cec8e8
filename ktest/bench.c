// SPDX-License-Identifier: MIT
/*
 * ktest=bench: measurements, not tests. tools/bench boots this under
 * -icount shift=0,sleep=off, where arch_counter() counts guest instructions, and reads the
 * "# bench <name> <value> <unit>" lines. Each case still passes or fails on sanity only.
 * ktest=bench_smp is booted at -smp 2 (the cross-CPU costs); everything else at -smp 1.
 */
#include <arch.h>
#include <cpu.h>
#include <irq.h>
#include <ktest.h>
#include <mm.h>
#include <pmm.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>
#include <sstrace.h>
#include <task.h>
#include <time.h>
#include <wait.h>

static void report(const char *name, u64 value, const char *unit)
{
	printk("    # bench %s %llu %s\n", name, (unsigned long long)value, unit);
}

/* Stack switches recorded on this CPU so far (0 for ever with stack_switch_trace=false). The
 * hot paths below report how many each of their operations records: tools/bench divides the
 * difference a tracer-off build makes by it, the tracer's cost per recorded switch. */
static u64 switches_recorded(void)
{
	return stack_switch_head(arch_this_cpu()->id);
}

KTEST_MANUAL(bench, boot_to_first_ktap)
{
	/* From machine reset (firmware included) to the first KTAP line. */
	report("boot_to_first_ktap", ktest_first_line_counter, "instructions");
	KT_EXPECT(t, ktest_first_line_counter > 0);
}

KTEST_MANUAL(bench, page_alloc_free)
{
	enum { N = 1000 };
	u64 t0 = arch_counter();
	for (int i = 0; i < N; i++)
		pmm_free_page(pmm_alloc_page());
	u64 t1 = arch_counter();
	report("page_alloc_free", (t1 - t0) / N, "instructions/pair");
	KT_EXPECT(t, t1 > t0);
}

KTEST_MANUAL(bench, page_zero)
{
	/* memset() of one page, as every page table and user page is zeroed before use: a word
	 * at a time (kernel/lib/string.c). */
	enum { N = 1000 };
	phys_addr_t pa = pmm_alloc_page();
	KT_ASSERT(t, pa != 0);
	void *p = phys_to_virt(pa);
	u64 t0 = arch_counter();
	for (int i = 0; i < N; i++)
		memset(p, i, PAGE_SIZE);
	u64 t1 = arch_counter();
	KT_EXPECT_EQ(t, ((unsigned char *)p)[PAGE_SIZE - 1], (unsigned char)(N - 1));
	pmm_free_page(pa);
	report("page_zero", (t1 - t0) / N, "instructions/page");
}

static volatile unsigned long soft_irqs;

static void empty_handler(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	soft_irqs++;
}

KTEST_MANUAL(bench, irq_round_trip)
{
	/* Raise IRQ_SOFT on this CPU with interrupts on: it is taken at once, runs the empty
	 * handler and returns. The count includes raising it (a self-IPI, an SGI, sip.SSIP). */
	enum { N = 1000 };
	KT_ASSERT(t, irq_request(IRQ_SOFT, empty_handler, NULL, "bench") == 0);
	soft_irqs = 0;
	u64 ev0 = switches_recorded();
	u64 t0 = arch_counter();
	for (int i = 0; i < N; i++) {
		unsigned long want = soft_irqs + 1;
		arch_raise_soft_irq();
		while (soft_irqs != want)
			;
	}
	u64 t1 = arch_counter();
	u64 ev1 = switches_recorded();
	irq_free(IRQ_SOFT);
	report("irq_round_trip", (t1 - t0) / N, "instructions");
	report("irq_round_trip_stack_switches", (ev1 - ev0) / N, "switches");
	KT_EXPECT_EQ(t, soft_irqs, N);
}

enum { SWITCH_ROUNDS = 2000 };

static int yielder(void *arg)
{
	(void)arg;
	for (int i = 0; i < SWITCH_ROUNDS; i++)
		yield();
	return 0;
}

KTEST_MANUAL(bench, context_switch)
{
	/* Two kernel threads that only yield to each other: every yield is one switch (the
	 * scheduler's pick and queueing, plus the arch's register save and restore). The test task
	 * sleeps meanwhile, so only the two are ready. */
	struct task *a = task_create("yield-a", yielder, NULL);
	struct task *b = task_create("yield-b", yielder, NULL);
	KT_ASSERT(t, a && b);
	u64 sw0 = sched_switches(), ev0 = switches_recorded(), t0 = arch_counter();
	task_join(a);
	task_join(b);
	u64 t1 = arch_counter(), switches = sched_switches() - sw0;
	u64 ev1 = switches_recorded();
	report("context_switch", (t1 - t0) / switches, "instructions/switch");
	report("context_switch_stack_switches", (ev1 - ev0) / switches, "switches");
	report("context_switch_count", switches, "switches");
	KT_EXPECT(t, switches >= 2 * SWITCH_ROUNDS);
	report("task_footprint", task_footprint(), "bytes");
}

/* Instructions of a whole run of /bin/utest getpid <n>, from spawn to reaped; *events gets the
 * stack switches recorded meanwhile. */
static u64 run_getpid(const char *n, u64 *events)
{
	char *argv[3] = { "/bin/utest", "getpid", (char *)n };
	u64 ev0 = switches_recorded();
	u64 t0 = arch_counter();
	int pid = process_spawn(current_task(), "/bin/utest", 3, argv);
	int status = -1;
	if (pid > 0)
		process_wait(current_task(), pid, &status, false);
	u64 t1 = arch_counter();
	*events = switches_recorded() - ev0;
	return status == 0 ? t1 - t0 : 0;
}

KTEST_MANUAL(bench, null_syscall)
{
	/* The cost of one getpid() from user mode and back: two whole program runs, one making
	 * 10000 more calls than the other, so that loading, starting and reaping cancel out. The
	 * loop around the call adds a few instructions. */
	u64 ev_base, ev_many;
	u64 base = run_getpid("0", &ev_base);
	u64 many = run_getpid("10000", &ev_many);
	KT_ASSERT(t, base && many > base);
	/* Rounded to the nearest: the two runs' fixed costs cancel to within a few instructions
	 * (where a copy starts in a word decides how many bytes it copies one at a time). */
	report("null_syscall", (many - base + 5000) / 10000, "instructions/call");
	report("null_syscall_stack_switches", (ev_many - ev_base) / 10000, "switches");
}

/* Two /bin/fpu yield N [fp] at once on this CPU (the bench boots at -smp 1), and the
 * instructions until both are reaped. */
static u64 run_yield_pair(const char *n, const char *fp)
{
	char *argv[4] = { "/bin/fpu", "yield", (char *)n, (char *)fp };
	int argc = fp ? 4 : 3;
	u64 t0 = arch_counter();
	int a = process_spawn(current_task(), "/bin/fpu", argc, argv);
	int b = process_spawn(current_task(), "/bin/fpu", argc, argv);
	int sa = -1, sb = -1;
	if (a > 0)
		process_wait(current_task(), a, &sa, false);
	if (b > 0)
		process_wait(current_task(), b, &sb, false);
	u64 t1 = arch_counter();
	return sa == 0 && sb == 0 ? t1 - t0 : 0;
}

KTEST_MANUAL(bench, process_switch)
{
	/* Two processes that call yield() in turn: each call is a system call and a switch to
	 * the other process (address space and FP/SIMD registers included, kernel/fpu.c). With
	 * fp each writes an FP register before each call: riscv64 then saves the registers at
	 * every switch, where without it their state stays Clean and the save is skipped;
	 * x86_64 and arm64 save either way. Runs of 0 and 5000 calls each, so that loading,
	 * starting and reaping cancel out. */
	enum { N = 5000 };
	u64 base = run_yield_pair("0", NULL), many = run_yield_pair("5000", NULL);
	u64 base_fp = run_yield_pair("0", "fp"), many_fp = run_yield_pair("5000", "fp");
	KT_ASSERT(t, base && many > base && base_fp && many_fp > base_fp);
	report("process_yield", (many - base + N) / (2 * N), "instructions/yield");
	report("process_yield_fp", (many_fp - base_fp + N) / (2 * N), "instructions/yield");
}

KTEST_MANUAL(bench, spinlock_pair)
{
	/* Taking and releasing a free spinlock, interrupts saved and restored: the two debug
	 * checks' bookkeeping included (include/spinlock.h). */
	enum { N = 1000 };
	static spinlock_t lock = SPINLOCK_INIT("bench");
	u64 t0 = arch_counter();
	for (int i = 0; i < N; i++) {
		unsigned long flags = spin_lock_irqsave(&lock);
		spin_unlock_irqrestore(&lock, flags);
	}
	u64 t1 = arch_counter();
	report("spinlock_pair", (t1 - t0) / N, "instructions/pair");
	KT_EXPECT(t, !spin_is_locked(&lock));
}

/*
 * ktest=bench_smp, at -smp 2. These count with clock_ns(), the virtual clock: under
 * -icount shift=0 QEMU runs the virtual CPUs in turn on one host thread and the clock advances
 * one nanosecond per instruction of whichever CPU runs, so a count is the instructions of
 * both CPUs together. (arch_counter() is per CPU on riscv64: rdinstret.) A CPU waiting halts
 * (wfi, hlt), which hands the host thread to the other CPU at once.
 */
static void nothing(void *arg)
{
	(void)arg;
}

static unsigned int other_cpu(void)
{
	return arch_this_cpu()->id == 0 ? 1 : 0;
}

KTEST_MANUAL(bench_smp, ipi_round_trip)
{
	/* smp_call_on_cpu(): claim the other CPU's call slot, send the IPI, wait; there the IPI
	 * wakes the idle CPU, the handler runs the (empty) function and counts it done, and the
	 * CPU goes back to idle. */
	enum { N = 1000 };
	KT_ASSERT(t, smp_cpus_online() >= 2);
	unsigned int other = other_cpu();
	KT_ASSERT(t, smp_call_on_cpu(other, nothing, NULL) == 0); /* code and data warm */
	u32 calls = READ_ONCE(cpus[other].call_seq);
	u64 t0 = clock_ns();
	for (int i = 0; i < N; i++)
		smp_call_on_cpu(other, nothing, NULL);
	u64 t1 = clock_ns();
	report("ipi_round_trip", (t1 - t0) / N, "instructions");
	KT_EXPECT_EQ(t, (u32)(READ_ONCE(cpus[other].call_seq) - calls), (u32)N);
}

static struct semaphore ping, pong;

static int ponger(void *arg)
{
	for (uintptr_t i = 0; i < (uintptr_t)arg; i++) {
		down(&ping);
		up(&pong);
	}
	return 0;
}

KTEST_MANUAL(bench_smp, cross_cpu_wakeup)
{
	/* A ping-pong between this CPU and a task pinned to the other, through two semaphores:
	 * each up() wakes a task sleeping on the other CPU (a reschedule IPI to that idle CPU,
	 * which switches to it), and the waker then sleeps in its own down(). Counted per
	 * wake-up: from the up() until the woken task runs, and the waker's way to sleep. */
	enum { N = 500 };
	KT_ASSERT(t, smp_cpus_online() >= 2);
	sema_init(&ping, 0);
	sema_init(&pong, 0);
	struct task *p = task_new("ponger", ponger, (void *)(uintptr_t)(N + 1));
	KT_ASSERT(t, p);
	KT_ASSERT(t, sched_set_cpu(p, (int)other_cpu()) == 0);
	task_start(p);
	up(&ping); /* a first round, to warm up */
	down(&pong);
	u64 t0 = clock_ns();
	for (int i = 0; i < N; i++) {
		up(&ping);
		down(&pong);
	}
	u64 t1 = clock_ns();
	KT_EXPECT_EQ(t, task_join(p), 0);
	report("cross_cpu_wakeup", (t1 - t0) / (2 * N), "instructions/wake-up");
}
