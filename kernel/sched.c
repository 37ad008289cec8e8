// SPDX-License-Identifier: MIT
/*
 * The scheduler: see include/sched.h. One run queue per CPU, designed for SMP but used by one
 * CPU for now; everything here runs with interrupts off, which on one CPU is the lock. Which
 * ready task runs next is the policy's choice (struct sched_policy): round robin here, stride
 * scheduling in sched_stride.c.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <irq.h>
#include <list.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <task.h>
#include <stack.h>
#include <string.h>
#include <time.h>
#include <uapi/errno.h>
#include <uvm.h>
#include <wait.h>

#define SLICE_TICKS ((TIME_SLICE_MS * HZ + 999) / 1000)

/* Tasks sleeping until a time, all CPUs (the tick of CPU 0 wakes them). */
static struct list_node sleepers = { &sleepers, &sleepers };

static struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}

/* Round robin: the queue in arrival order, each task a slice in turn. */
static void rr_enqueue(struct cpu *c, struct task *t, bool woken)
{
	(void)woken;
	list_add_tail(&c->runqueue, &t->run_node);
}

static struct task *rr_pick_next(struct cpu *c)
{
	return list_entry(c->runqueue.next, struct task, run_node);
}

const struct sched_policy sched_rr = {
	.name = "rr",
	.enqueue = rr_enqueue,
	.pick_next = rr_pick_next,
	.charge = NULL, /* round robin weighs no run time */
};

const struct sched_policy *sched_policy = &sched_rr;

int sched_set_tickets(struct task *t, unsigned int tickets)
{
	if (tickets < 1 || tickets > SCHED_MAX_TICKETS)
		return -EINVAL;
	unsigned long flags = arch_irq_save();
	t->tickets = tickets;
	arch_irq_restore(flags);
	return 0;
}

void sched_enqueue(struct task *t)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();
	t->cpu = c;
	t->state = TASK_READY;
	t->slice_left = SLICE_TICKS;
	if (!t->tickets)
		t->tickets = SCHED_DEFAULT_TICKETS;
	if (t != c->idle && !list_linked(&t->run_node))
		sched_policy->enqueue(c, t, true);
	arch_irq_restore(flags);
}

void wake_up(struct task *t)
{
	unsigned long flags = arch_irq_save();
	if (t->state == TASK_BLOCKED) {
		if (list_linked(&t->sleep_node))
			list_del(&t->sleep_node);
		/* Blocked on a wait queue and woken by someone else than the queue (kill): its
		 * run-queue link is on that queue; take it off, or sched_enqueue() would find the
		 * link in use and queue it nowhere (the task would never run again). The waker
		 * of a queue (wake_one/wake_all) takes it off itself, holding this lock. */
		struct wait_queue *wq = t->waiting_on;
		if (wq) {
			unsigned long wflags = spin_lock_irqsave(&wq->lock);
			list_del(&t->run_node);
			t->waiting_on = NULL;
			spin_unlock_irqrestore(&wq->lock, wflags);
		}
		t->wake_at = 0;
		sched_enqueue(t);
		/* A woken task does not preempt a running one (round robin), but the idle task
		 * makes way at once. */
		if (this_cpu()->current == this_cpu()->idle)
			this_cpu()->need_resched = true;
	}
	arch_irq_restore(flags);
}

/* The next task to run: the policy's choice from the run queue, else the idle task. */
static struct task *pick_next(struct cpu *c)
{
	if (list_empty(&c->runqueue))
		return c->idle;
	struct task *t = sched_policy->pick_next(c);
	list_del(&t->run_node);
	return t;
}

/* Runs on the new task right after the switch (and first thing in a new task): the previous
 * task is off the CPU now, so whoever waits to free it may. Linux: finish_task_switch(). */
void finish_task_switch(struct task *prev)
{
	prev->on_cpu = false;
}

/* Switches from the current task to the next one; interrupts are off. */
static void __schedule(void)
{
	struct cpu *c = this_cpu();
	struct task *prev = c->current;
	c->need_resched = false;

	/* What prev ran since it was last switched in or charged: its run time, and for the
	 * policy to weigh. */
	u64 now = clock_ns();
	u64 ran = now - prev->last_switch_ns;
	prev->runtime_ns += ran;
	prev->last_switch_ns = now;
	if (prev != c->idle) {
		if (sched_policy->charge)
			sched_policy->charge(c, prev, ran);
		/* Still ready: back on the queue (round robin: to its back). */
		if (prev->state == TASK_READY) {
			prev->slice_left = SLICE_TICKS;
			sched_policy->enqueue(c, prev, false);
		}
	}
	struct task *next = pick_next(c);
	if (next == prev)
		return;
	int here;
	stack_check((uintptr_t)&here); /* how deep prev got (the stack checker) */

	next->last_switch_ns = now;
	next->switches_in++;
	next->on_cpu = true;
	c->switches++;
	c->current = next;
	/* Another process's user half, or none for a kernel thread (Linux: switch_mm). */
	if (prev->mm != next->mm)
		arch_mm_activate(next->mm ? next->mm->root : 0);
	struct task *last = arch_switch_to(prev, next);
	/* Running as prev again, some time later; `last` is who ran just before. */
	finish_task_switch(last);
}

void schedule(void)
{
	unsigned long flags = arch_irq_save();
	if (this_cpu()->preempt_count)
		panic("schedule() with preemption disabled (count %u) in %s",
		      this_cpu()->preempt_count, this_cpu()->current->name);
	/* The next task on this CPU could spin for ever, interrupts off, on a lock we hold. */
	if (this_cpu()->locks_held)
		panic("schedule() with %u spinlock(s) held in %s", this_cpu()->locks_held,
		      this_cpu()->current->name);
	__schedule();
	arch_irq_restore(flags);
}

void yield(void)
{
	schedule();
}

void sleep_ns(u64 ns)
{
	unsigned long flags = arch_irq_save();
	struct task *t = this_cpu()->current;
	t->wake_at = clock_ns() + ns;
	t->state = TASK_BLOCKED;
	list_add_tail(&sleepers, &t->sleep_node);
	__schedule();
	arch_irq_restore(flags);
}

void preempt_disable(void)
{
	unsigned long flags = arch_irq_save();
	this_cpu()->preempt_count++;
	arch_irq_restore(flags);
}

void preempt_enable(void)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();
	if (c->preempt_count == 0)
		panic("preempt_enable() without preempt_disable() in %s", c->current->name);
	if (--c->preempt_count == 0 && c->need_resched && c->irq_depth == 0)
		__schedule();
	arch_irq_restore(flags);
}

unsigned int preempt_count(void)
{
	return this_cpu()->preempt_count;
}

void sched_tick(void)
{
	struct cpu *c = this_cpu();
	struct task *cur = c->current;
	if (cur != c->idle && cur->slice_left && --cur->slice_left == 0)
		c->need_resched = true;

	/* Wake the sleepers whose time has come. */
	if (c->id == 0 && !list_empty(&sleepers)) {
		u64 now = clock_ns();
		struct list_node *n = sleepers.next;
		while (n != &sleepers) {
			struct task *t = list_entry(n, struct task, sleep_node);
			n = n->next;
			if (t->wake_at <= now)
				wake_up(t);
		}
	}
	/* Idle runs only while nothing else can: anything queued now should run. */
	if (cur == c->idle && !list_empty(&c->runqueue))
		c->need_resched = true;
}

void preempt_irq_return(void)
{
	struct cpu *c = this_cpu();
	if (c->need_resched && c->preempt_count == 0 && c->irq_depth == 0 && c->sched_running)
		__schedule();
}

u64 sched_switches(void)
{
	return this_cpu()->switches;
}

void sched_init(void)
{
	static const struct sched_policy *const policies[] = { &sched_rr, &sched_stride };
	char name[16];
	if (cmdline_get(boot_info.cmdline, "sched", name, sizeof(name))) {
		const struct sched_policy *p = NULL;
		for (size_t i = 0; i < ARRAY_SIZE(policies); i++) {
			if (strcmp(name, policies[i]->name) == 0)
				p = policies[i];
		}
		if (p)
			sched_policy = p;
		else
			printk("  sched:   sched=%s refused: the policies are rr and stride\n",
			       name);
	}
	printk("  sched:   %s, %u ms time slices\n",
	       sched_policy == &sched_rr ? "round robin" : "stride (tickets)", TIME_SLICE_MS);
	struct cpu *c = this_cpu();
	list_init(&c->runqueue);
	c->idle = &init_task;
	init_task.state = TASK_READY;
	init_task.on_cpu = true;
	init_task.last_switch_ns = clock_ns();
	c->sched_running = true;
}

void sched_init_cpu(struct cpu *c)
{
	list_init(&c->runqueue);
	c->need_resched = false;
	c->preempt_count = 0;
}
