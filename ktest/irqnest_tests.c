// SPDX-License-Identifier: MIT
/*
 * ktest=irqnest: why IRQ stacks exist (docs/design.md, claim 10).
 *
 * A kernel thread recurses until less than NEST_FREE bytes of its stack are left, and there it
 * takes a software interrupt whose handler opens interrupts until the timer interrupt has come
 * in on top of it: two nested interrupts arriving on a task stack that is nearly full.
 *
 *   - With an IRQ stack (x86_64, arm64, riscv64 with riscv_irq_stack=true) only the first
 *     interrupt's register frame lands on the task stack; both handlers, and the nested
 *     interrupt's frame, go to the IRQ stack. The thread comes back and the test measures (with
 *     the stack paint) what the interrupts took of the task stack: a few hundred bytes.
 *   - Without one (riscv64's default, as Linux 5.7 on riscv) both frames and both handlers'
 *     calls pile up on the task stack, run past its bottom into the guard page, and the kernel
 *     reports the overflow and panics (the overflowing code is an interrupt handler: there is no
 *     task to kill in its place). tests/meson.build expects exactly that panic in that build.
 *
 * The same amount of kernel work, the same free space: only the IRQ stack makes the difference.
 * Manual (its own boot), since without an IRQ stack it ends in a panic on purpose.
 */
#include <arch.h>
#include <irq.h>
#include <ktest.h>
#include <printk.h>
#include <stack.h>
#include <task.h>
#include <time.h>

/* Bytes of the task stack left free when the interrupts come (measured: the two nested
 * interrupts take about 1.4 KiB of it without an IRQ stack, under 0.5 KiB with one). */
#define NEST_FREE 1024

static struct {
	volatile bool nested, done;
	uintptr_t bottom_sp;  /* the deepest frame of the recursion */
	uintptr_t handler_sp; /* where the soft IRQ handler ran */
	uintptr_t tick_sp;    /* where the nested timer interrupt's probe ran */
	size_t used;	      /* the thread's stack: bytes ever used (the paint) */
} nest;

static void nest_tick(void)
{
	int here;
	nest.tick_sp = (uintptr_t)&here;
	nest.nested = true;
}

static void nest_handler(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	int here;
	nest.handler_sp = (uintptr_t)&here;
	tick_probe = nest_tick;
	arch_irq_enable();
	u64 end = clock_ns() + 20 * TICK_NSEC;
	while (!nest.nested && clock_ns() < end)
		;
	arch_irq_disable();
	tick_probe = NULL;
	nest.done = true;
}

/* 128 bytes a level until fewer than NEST_FREE are left below, then the interrupts. */
static __attribute__((noinline)) unsigned long fill(uintptr_t base, unsigned long depth)
{
	volatile char pad[128];
	pad[0] = (char)depth;
	uintptr_t sp = (uintptr_t)pad;
	if (sp - base > NEST_FREE + sizeof(pad))
		return fill(base, depth + 1) + pad[0];
	nest.bottom_sp = sp;
	arch_raise_soft_irq();
	u64 end = clock_ns() + NSEC_PER_SEC;
	while (!nest.done && clock_ns() < end)
		;
	return depth + pad[0];
}

static int nest_thread(void *arg)
{
	(void)arg;
	uintptr_t base = current_task()->stack_base;
	fill(base, 0);
	const struct stack_info *s = stack_of(base);
	nest.used = s ? stack_max_used(s) : 0;
	return 0;
}

KTEST_MANUAL(irqnest, nested_irqs_on_a_nearly_full_task_stack)
{
	nest = (typeof(nest)){ 0 };
	KT_ASSERT(t, irq_request(IRQ_SOFT, nest_handler, NULL, "irqnest") == 0);
	struct task *th = task_create("irqnest", nest_thread, NULL);
	KT_ASSERT(t, th != NULL);
	uintptr_t top = th->stack_base + th->stack_size;
	ktest_log(t,
		  "a thread fills its stack down to %d bytes free, then takes an interrupt with "
		  "the timer nested in it (%s)",
		  NEST_FREE,
		  ARCH_HAS_IRQ_STACK ? "on the IRQ stack" : "no IRQ stack: expect an overflow");
	task_join(th);
	irq_free(IRQ_SOFT);
	KT_ASSERT(t, nest.done && nest.nested);
	size_t by_irqs = nest.used - (top - nest.bottom_sp);
	const struct stack_info *hs = stack_of(nest.handler_sp), *ts = stack_of(nest.tick_sp);
	ktest_log(t,
		  "handler on the %s stack, nested tick on the %s stack; the interrupts took %zu "
		  "bytes of the task stack below the recursion (%d were free)",
		  hs ? stack_kind_name(hs->kind) : "?", ts ? stack_kind_name(ts->kind) : "?",
		  by_irqs, NEST_FREE);
	KT_EXPECT(t, hs && hs->kind == STACK_IRQ);
	KT_EXPECT(t, ts && ts->kind == STACK_IRQ);
	KT_EXPECT(t, by_irqs < NEST_FREE);
}
