// SPDX-License-Identifier: MIT
/*
 * ktest=irq: the tick, the clock, where interrupt handlers run, nesting, and IRQs nobody asked
 * for. The same file on every arch; what differs (IRQ stack or not) comes from asm/irq.h.
 */
#include <arch.h>
#include <cpu.h>
#include <irq.h>
#include <ktest.h>
#include <stack.h>
#include <time.h>
#include <panic.h>
#include <string.h>

/* Waits with interrupts on until *flag is set or timeout_ns passes; returns whether it was. */
static bool wait_for(volatile bool *flag, u64 timeout_ns)
{
	u64 end = clock_ns() + timeout_ns;
	while (!*flag && clock_ns() < end)
		;
	return *flag;
}

KTEST(irq, timer_ticks_at_hz)
{
	KT_ASSERT(t, arch_irqs_enabled());
	/* Count ticks over half a second of the clock (both follow QEMU's virtual time). Without
	 * -icount that time follows the host's, and a host too busy to run QEMU for a while makes
	 * QEMU merge timer interrupts it could not deliver: a window disturbed that way is
	 * measured again, up to three times, and each one is logged. */
	u64 ticks = 0, want = HZ / 2;
	bool ok = false;
	for (int attempt = 0; attempt < 3 && !ok; attempt++) {
		u64 t0 = clock_ns(), j0 = jiffies;
		while (clock_ns() - t0 < NSEC_PER_SEC / 2)
			;
		ticks = jiffies - j0;
		ok = ticks * 10 >= want * 9 && ticks * 10 <= want * 11;
		ktest_log(t, "%llu ticks in 500 ms at HZ=%d (want %llu +- 10%%)",
			  (unsigned long long)ticks, HZ, (unsigned long long)want);
	}
	KT_EXPECT(t, ok);
	KT_EXPECT(t, irq_count(TIMER_IRQ) > 0);
}

KTEST(irq, clock_is_monotonic)
{
	u64 prev = clock_ns(), first = prev;
	bool ok = true;
	for (int i = 0; i < 100000 && ok; i++) {
		u64 now = clock_ns();
		ok = now >= prev;
		prev = now;
	}
	KT_EXPECT(t, ok);
	KT_EXPECT(t, prev > first); /* and it moves */
}

/* What the handlers saw. */
static struct {
	volatile bool outer_done, nested_seen;
	uintptr_t outer_sp, nested_sp;
	int outer_stack, nested_stack;
	unsigned int outer_depth, nested_depth;
	bool nest;
	/* The CPU the soft IRQ came in on: every CPU's tick calls tick_probe, and only this
	 * one's nests in the handler (the tests run on any CPU, ktest.cpu=N). */
	struct cpu *volatile cpu;
} seen;

static int kind_of_sp(uintptr_t sp)
{
	const struct stack_info *s = stack_of(sp);
	return s ? (int)s->kind : -1;
}

static void probe_tick(void)
{
	if (arch_this_cpu() != seen.cpu)
		return;
	int here;
	seen.nested_sp = (uintptr_t)&here;
	seen.nested_stack = kind_of_sp((uintptr_t)&here);
	seen.nested_depth = irq_depth();
	seen.nested_seen = true;
	tick_probe = NULL;
}

static void soft_handler(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	int here;
	seen.outer_sp = (uintptr_t)&here;
	seen.outer_stack = kind_of_sp((uintptr_t)&here);
	seen.outer_depth = irq_depth();
	if (seen.nest) {
		/* Let the timer interrupt this handler. */
		seen.cpu = arch_this_cpu();
		tick_probe = probe_tick;
		arch_irq_enable();
		u64 end = clock_ns() + 20 * TICK_NSEC;
		while (!seen.nested_seen && clock_ns() < end)
			;
		arch_irq_disable();
		tick_probe = NULL;
	}
	seen.outer_done = true;
}

/* The stack an interrupt taken right here, in kernel code, should run on. */
static int expected_irq_stack(void)
{
	int here;
	return ARCH_HAS_IRQ_STACK ? STACK_IRQ : kind_of_sp((uintptr_t)&here);
}

KTEST(irq, handler_stack_from_kernel)
{
	seen = (typeof(seen)){ 0 };
	KT_ASSERT(t, irq_request(IRQ_SOFT, soft_handler, NULL, "ktest-soft") == 0);
	arch_raise_soft_irq();
	bool done = wait_for(&seen.outer_done, 100 * NSEC_PER_MSEC);
	irq_free(IRQ_SOFT);
	KT_ASSERT(t, done);
	ktest_log(t, "handler ran on the %s stack at depth %u",
		  seen.outer_stack >= 0 ? stack_kind_name(seen.outer_stack) : "unknown",
		  seen.outer_depth);
	KT_EXPECT_EQ(t, seen.outer_stack, expected_irq_stack());
	KT_EXPECT_EQ(t, seen.outer_depth, 1);
	KT_EXPECT_EQ(t, irq_depth(), 0);
}

KTEST(irq, nested_irq_stays_on_stack)
{
	seen = (typeof(seen)){ 0 };
	seen.nest = true;
	KT_ASSERT(t, irq_request(IRQ_SOFT, soft_handler, NULL, "ktest-soft") == 0);
	arch_raise_soft_irq();
	bool done = wait_for(&seen.outer_done, 500 * NSEC_PER_MSEC);
	irq_free(IRQ_SOFT);
	KT_ASSERT(t, done);
	KT_ASSERT(t, seen.nested_seen);
	ktest_log(t, "outer on %s at %#lx depth %u; nested tick on %s at %#lx depth %u",
		  stack_kind_name(seen.outer_stack), seen.outer_sp, seen.outer_depth,
		  stack_kind_name(seen.nested_stack), seen.nested_sp, seen.nested_depth);
	/* The nested interrupt did not switch stacks again: same stack, deeper on it. */
	KT_EXPECT_EQ(t, seen.nested_depth, 2);
	KT_EXPECT_EQ(t, seen.nested_stack, seen.outer_stack);
	KT_EXPECT(t, seen.nested_sp < seen.outer_sp);
	/* And the nest state is back to idle. */
	KT_EXPECT_EQ(t, irq_depth(), 0);
}

KTEST(irq, unhandled_is_counted)
{
	/* IRQ_SOFT with no handler: counted, masked, acknowledged; the kernel carries on. */
	irq_free(IRQ_SOFT);
	u64 before = irq_unhandled_count(), total = irq_count(IRQ_SOFT);
	arch_raise_soft_irq();
	u64 end = clock_ns() + 100 * NSEC_PER_MSEC;
	while (irq_unhandled_count() == before && clock_ns() < end)
		;
	KT_EXPECT_EQ(t, irq_unhandled_count(), before + 1);
	KT_EXPECT_EQ(t, irq_count(IRQ_SOFT), total + 1);
	/* Still alive and ticking. */
	u64 j = jiffies;
	end = clock_ns() + 5 * TICK_NSEC;
	while (jiffies == j && clock_ns() < end)
		;
	KT_EXPECT(t, jiffies != j);
}

KTEST(irq, table)
{
	irq_print_table();
	KT_EXPECT(t, irq_count(TIMER_IRQ) > 0);
}

/* A backtrace taken in a timer interrupt nested inside a soft-IRQ handler. */
static struct bt_frame bt[BACKTRACE_MAX];
static int bt_n;

/* __noipa: found by its name in the walk, so GCC must not split it (probe_backtrace.part.0). */
static __noipa void probe_backtrace(void)
{
	if (arch_this_cpu() != seen.cpu)
		return;
	struct pt_regs regs;
	arch_capture_regs(&regs);
	bt_n = backtrace_walk(instruction_pointer(&regs), frame_pointer(&regs), bt, BACKTRACE_MAX);
	/* The printed form, as an oops shows it: <IRQ> ... </IRQ> <task ...> ... */
	backtrace_print(instruction_pointer(&regs), frame_pointer(&regs));
	seen.nested_seen = true;
	tick_probe = NULL;
}

static void bt_soft_handler(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	seen.cpu = arch_this_cpu();
	tick_probe = probe_backtrace;
	arch_irq_enable();
	/* Wait without calling anything: the tick must interrupt this function itself, not a
	 * leaf it calls (a leaf keeps its caller in a register, and a frame-pointer walk from an
	 * interrupt inside it cannot see that caller: Linux's unwinder has the same limit). */
	u64 end = jiffies + 20;
	while (!seen.nested_seen && jiffies < end)
		;
	arch_irq_disable();
	tick_probe = NULL;
	seen.outer_done = true;
}

/* Index of the first frame at or after `from` whose function is `name`, or -1. */
static int find_frame(const char *name, int from)
{
	for (int i = from; i < bt_n; i++) {
		const char *s =
			ksym_lookup(bt[i].is_return_address ? bt[i].pc - 1 : bt[i].pc, NULL);
		if (s && strcmp(s, name) == 0)
			return i;
	}
	return -1;
}

static __noipa void raise_and_wait(void)
{
	arch_raise_soft_irq();
	u64 end = clock_ns() + 500 * NSEC_PER_MSEC;
	while (!seen.outer_done && clock_ns() < end)
		;
}

KTEST(irq, backtrace_across_stacks)
{
	seen = (typeof(seen)){ 0 };
	bt_n = 0;
	KT_ASSERT(t, irq_request(IRQ_SOFT, bt_soft_handler, NULL, "ktest-bt") == 0);
	raise_and_wait();
	irq_free(IRQ_SOFT);
	KT_ASSERT(t, seen.nested_seen && bt_n > 0);
	/* The frames, innermost first: the tick's probe, the timer interrupt's dispatch, the soft
	 * IRQ handler it interrupted, that one's dispatch, and the code the soft IRQ interrupted,
	 * back in this test on its task stack (raise_and_wait() itself may be skipped, if the soft
	 * IRQ arrived inside the leaf that raised it). */
	int probe = find_frame("probe_backtrace", 0);
	int tick = find_frame("timer_tick", probe + 1);
	int outer = find_frame("bt_soft_handler", tick + 1);
	int wait = find_frame("ktest_irq_backtrace_across_stacks", outer + 1);
	ktest_log(t, "%d frames; probe %d, timer_tick %d, soft handler %d, interrupted %d", bt_n,
		  probe, tick, outer, wait);
	if (!KT_EXPECT(t, probe >= 0 && tick > probe && outer > tick && wait > outer)) {
		for (int i = 0; i < bt_n; i++) {
			const char *nm = ksym_lookup(
				bt[i].is_return_address ? bt[i].pc - 1 : bt[i].pc, NULL);
			ktest_log(t, "frame %d: %s on %s", i, nm ? nm : "?",
				  bt[i].stack_kind >= 0 ? stack_kind_name(bt[i].stack_kind) : "?");
		}
	}
	if (wait < 0)
		return;
	/* The handlers ran on the IRQ stack where the arch has one; the interrupted code is on
	 * the task stack, which the walk reached through the interrupt entry's frame record. */
	KT_EXPECT_EQ(t, bt[wait].stack_kind, STACK_TASK);
	KT_EXPECT_EQ(t, bt[outer].stack_kind, ARCH_HAS_IRQ_STACK ? STACK_IRQ : STACK_TASK);
	KT_EXPECT_EQ(t, bt[probe].stack_kind, ARCH_HAS_IRQ_STACK ? STACK_IRQ : STACK_TASK);
}
