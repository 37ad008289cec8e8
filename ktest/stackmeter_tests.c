// SPDX-License-Identifier: MIT
/*
 * ktest=stackmeter: the high-water meter and the stack checker (docs/design.md, claim 11). Stacks
 * are painted when they are made; how much of the paint is gone says how deep the stack was ever
 * used; and a stack whose free space drops under the warning level (stack_warn_percent) gets one
 * warning.
 */
#include <arch.h>
#include <cpu.h>
#include <irq.h>
#include <kcrash.h>
#include <ktest.h>
#include <printk.h>
#include <sched.h>
#include <stack.h>
#include <task.h>
#include <time.h>

/* Uses about `bytes` of stack in 512-byte frames; at the deepest point, spins for `ticks` timer
 * ticks so that interrupts arrive there. */
static __noipa unsigned long use_stack(size_t bytes, unsigned int ticks)
{
	volatile char frame[512];
	frame[0] = 1;
	if (bytes > sizeof(frame))
		return use_stack(bytes - sizeof(frame), ticks) + frame[0];
	u64 end = jiffies + ticks;
	while (jiffies < end)
		;
	return frame[0];
}

/* Recurses until fewer than `leave` + one frame bytes are left below SP on the stack at base,
 * then spins for `ticks` timer ticks there, as use_stack() does. */
static __noipa unsigned long descend(uintptr_t base, size_t leave, unsigned int ticks)
{
	volatile char frame[256];
	frame[0] = 1;
	if ((uintptr_t)frame - base > leave + sizeof(frame))
		return descend(base, leave, ticks) + frame[0];
	u64 end = jiffies + ticks;
	while (jiffies < end)
		;
	return frame[0];
}

struct depth {
	size_t bytes; /* about this much of the stack (use_stack), or ... */
	size_t leave; /* ... if not 0: down to about this much free (descend) */
	unsigned int ticks;
	size_t max_used; /* what the meter said afterwards */
};

static int deep_thread(void *arg)
{
	struct depth *d = arg;
	if (d->leave)
		descend(current_task()->stack_base, d->leave, d->ticks);
	else
		use_stack(d->bytes, d->ticks);
	int here;
	d->max_used = stack_max_used(stack_of((uintptr_t)&here));
	return 0;
}

KTEST(stackmeter, high_water_mark)
{
	/* Half the stack, whatever THREAD_SIZE the build chose. */
	struct depth d = { THREAD_SIZE / 2, 0, 0, 0 };
	struct task *tk = task_create("deep", deep_thread, &d);
	KT_ASSERT(t, tk);
	task_join(tk);
	ktest_log(t, "a thread that used about %d bytes: the meter says %zu bytes of %d",
		  THREAD_SIZE / 2, d.max_used, THREAD_SIZE);
	KT_EXPECT(t, d.max_used >= THREAD_SIZE / 2);
	KT_EXPECT(t, d.max_used < THREAD_SIZE / 2 + 2048);
	/* And a thread that did little used little. */
	struct depth shallow = { 512, 0, 0, 0 };
	tk = task_create("shallow", deep_thread, &shallow);
	KT_ASSERT(t, tk);
	task_join(tk);
	KT_EXPECT(t, shallow.max_used < 2048);
}

/* What an interrupt can take of the task stack it lands on when there is no IRQ stack: its
 * frame, the handlers' calls, and the checker's own printk (measured about 1.4 KiB on riscv64:
 * docs/stacks.md, "Why IRQ stacks exist"); with an IRQ stack only the frame, 216-400 bytes. */
#define IRQ_NEED_WITHOUT_IRQ_STACK 2048

KTEST(stackmeter, checker_warns_once_per_stack)
{
	/* Down to about half the warning level (by default 25% of the stack free: 2 KiB of 16 KiB;
	 * stack_warn= may set another), with timer interrupts arriving there. */
	size_t leave = (size_t)THREAD_SIZE * stack_warn_percent / 100 / 2;
	if (!ARCH_HAS_IRQ_STACK && leave < IRQ_NEED_WITHOUT_IRQ_STACK) {
		/* Not a checker failure: in this build an interrupt below the warning level would
		 * overflow the task stack itself (ktest=irqnest shows it). */
		ktest_skip(t, "no IRQ stack and small task stacks: an interrupt below the warning "
			      "level would overflow the stack");
		return;
	}
	unsigned long before = stack_warnings();
	struct depth d = { 0, leave, 5, 0 };
	struct task *tk = task_create("deep", deep_thread, &d);
	KT_ASSERT(t, tk);
	task_join(tk);
	KT_EXPECT_EQ(t, stack_warnings(), before + 1); /* five ticks there, one warning */
	/* A thread that stays shallow causes none. */
	struct depth shallow = { 1024, 0, 5, 0 };
	tk = task_create("shallow", deep_thread, &shallow);
	KT_ASSERT(t, tk);
	task_join(tk);
	KT_EXPECT_EQ(t, stack_warnings(), before + 1);
}

KTEST(stackmeter, irq_stack_in_use)
{
	struct cpu *c = arch_this_cpu();
	if (!c->irq_stack_base) {
		ktest_skip(t, "no IRQ stack in this build");
		return;
	}
	/* A few ticks, whose handlers run there (this case may be the first thing the kernel
	 * runs: ktest=stackmeter.irq_stack_in_use): some of its paint is gone, not all. */
	sleep_ns(3 * TICK_NSEC);
	size_t used = stack_max_used(stack_of(c->irq_stack_base));
	ktest_log(t, "the IRQ stack has used %zu of %d bytes so far", used, IRQ_STACK_SIZE);
	KT_EXPECT(t, used > 0 && used < IRQ_STACK_SIZE);
	stack_print_all();
}

/* ktest=overflow_irq (manual: it ends in a panic on purpose). An interrupt handler that runs
 * off the end of its stack: the IRQ stack where the arch has one (x86_64 catches it as #DF on
 * the ist-df stack, arm64 and riscv64 at exception entry, on the overflow stack). An IRQ stack
 * belongs to no task that could be killed instead, so the kernel panics, naming the stack. */
static void recursing_handler(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	kcrash_recurse(0);
}

KTEST_MANUAL(overflow_irq, handler_overflows_its_stack)
{
	KT_ASSERT(t, irq_request(IRQ_SOFT, recursing_handler, NULL, "overflow") == 0);
	printk("# ktest: an interrupt handler is about to recurse off its stack\n");
	arch_raise_soft_irq();
	u64 end = clock_ns() + NSEC_PER_SEC;
	while (clock_ns() < end)
		;
	ktest_fail(t, __FILE__, __LINE__, "the handler's stack overflow was not caught");
}
