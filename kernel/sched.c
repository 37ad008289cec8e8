// SPDX-License-Identifier: MIT
/*
 * The scheduler: see include/sched.h and docs/smp.md ("The scheduler on every CPU").
 *
 * One run queue per CPU, each with its own lock (cpu->rq_lock). The rules that make it correct
 * on many CPUs, as in Linux's kernel/sched/core.c:
 *  - A CPU takes its own rq_lock in __schedule() and holds it across the switch; the task
 *    switched to releases it (finish_task_switch()). So while another CPU holds that lock, no
 *    task is half switched there: a task's on_cpu is true exactly while it is some CPU's
 *    current, or being switched away from with the lock still held.
 *  - A task runs only on task->cpu, and task->cpu changes only while the task is off every CPU
 *    and off every run queue: at a wake-up, at a migration after its switch away, or when
 *    another CPU pulls it from a run queue. A waker finds the lock to take through task->cpu
 *    and checks, once it holds it, that task->cpu did not change meanwhile.
 *  - No code holds two run-queue locks at once: a task moving between CPUs is taken off one
 *    queue under that queue's lock, and put on the other under the other's. In between it is
 *    READY on no queue, which no waker touches (a waker acts only on a BLOCKED task).
 *  - A task about to block sets its state first, then tests its condition (wait_event(),
 *    sleep_ns()); a waker makes the condition true first, then looks at the state. With a full
 *    barrier on each side, one of them sees the other's write: no wake-up is lost.
 *
 * Which ready task of a queue runs next is the policy's choice (struct sched_policy): round
 * robin here, stride scheduling in sched_stride.c.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <fpu.h>
#include <irq.h>
#include <list.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <spinlock_inline.h>
#include <task.h>
#include <stack.h>
#include <string.h>
#include <time.h>
#include <uapi/errno.h>
#include <uvm.h>
#include <wait.h>

#define SLICE_TICKS ((TIME_SLICE_MS * HZ + 999) / 1000)

/* How often a busy CPU looks for a busier one to take work from (an idle CPU looks every
 * time it has nothing to run). Linux: the periodic load balance (sched_balance_trigger). */
#define BALANCE_TICKS 4

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

/* The policy's calls on the switch path, round robin's made directly: it is the default, and
 * three indirect calls a switch were a tenth of one. Linux's __pick_next_task() calls the fair
 * class directly when every task is in it, for the same reason. */
static inline void policy_enqueue(struct cpu *c, struct task *t, bool woken)
{
	if (likely(sched_policy == &sched_rr))
		rr_enqueue(c, t, woken);
	else
		sched_policy->enqueue(c, t, woken);
}

static inline struct task *policy_pick_next(struct cpu *c)
{
	if (likely(sched_policy == &sched_rr))
		return rr_pick_next(c);
	return sched_policy->pick_next(c);
}

static inline void policy_charge(struct cpu *c, struct task *t, u64 ns)
{
	if (sched_policy != &sched_rr && sched_policy->charge)
		sched_policy->charge(c, t, ns);
}

/* Locks the run queue of the CPU t is on, and returns that CPU. t->cpu may change until the
 * lock is held (a migration in progress takes it off one queue and onto another): try again
 * until it is the same before and after. Interrupts are off. Linux: task_rq_lock(). */
static struct cpu *task_rq_lock(struct task *t)
{
	for (;;) {
		struct cpu *c = READ_ONCE(t->cpu);
		if (!c)
			return NULL; /* never queued yet: only its creator knows it */
		spin_lock(&c->rq_lock);
		if (READ_ONCE(t->cpu) == c)
			return c;
		spin_unlock(&c->rq_lock);
	}
}

int sched_set_tickets(struct task *t, unsigned int tickets)
{
	if (tickets < 1 || tickets > SCHED_MAX_TICKETS)
		return -EINVAL;
	unsigned long flags = arch_irq_save();
	struct cpu *c = task_rq_lock(t);
	t->tickets = tickets;
	if (c)
		spin_unlock(&c->rq_lock);
	arch_irq_restore(flags);
	return 0;
}

static bool cpu_online(unsigned int id)
{
	return id < MAX_CPUS && __atomic_load_n(&cpus[id].online, __ATOMIC_ACQUIRE);
}

/* Tasks running or waiting on c (its idle task not counted). Read without c's lock: a hint
 * for placement and balancing, which may be a moment old. */
static unsigned int cpu_load(const struct cpu *c)
{
	const struct task *cur = READ_ONCE(c->current);
	return READ_ONCE(c->nr_queued) + (cur && cur != c->idle);
}

/* Where a task that becomes ready should go: the CPU it is pinned to; else the CPU it last ran
 * on if that has nothing to do (its caches may still hold the task's data); else the least
 * loaded online CPU (an idle one if there is one), preferring the one it last ran on among
 * equals. Linux: select_task_rq_fair(), much simplified. */
static struct cpu *select_cpu(const struct task *t)
{
	if (t->pinned_cpu >= 0 && cpu_online((unsigned int)t->pinned_cpu))
		return &cpus[t->pinned_cpu];
	struct cpu *best = t->cpu;
	if (!best || !cpu_online(best->id))
		best = this_cpu();
	unsigned int best_load = cpu_load(best);
	for (unsigned int i = 0; i < MAX_CPUS && best_load; i++) {
		if (!cpu_online(i) || !cpus[i].sched_running)
			continue;
		unsigned int load = cpu_load(&cpus[i]);
		if (load < best_load) {
			best = &cpus[i];
			best_load = load;
		}
	}
	return best;
}

/* Puts t, READY and on no run queue (a new task, one just woken, one moving), on c's queue, and
 * makes c run the scheduler soon if it is idling. Interrupts are off; no run-queue lock held. */
static void enqueue_on(struct cpu *c, struct task *t, bool woken)
{
	spin_lock(&c->rq_lock);
	if (t->cpu != c) {
		if (t->cpu)
			t->migrations++;
		WRITE_ONCE(t->cpu, c);
	}
	t->slice_left = SLICE_TICKS;
	policy_enqueue(c, t, woken);
	c->nr_queued++;
	bool idle = c->current == c->idle;
	spin_unlock(&c->rq_lock);
	if (!idle)
		return; /* a woken task does not preempt a running one (round robin) */
	if (c == this_cpu())
		c->need_resched = true;
	else
		smp_send_reschedule(c->id);
}

void sched_enqueue(struct task *t)
{
	unsigned long flags = arch_irq_save();
	t->state = TASK_READY;
	if (!t->tickets)
		t->tickets = SCHED_DEFAULT_TICKETS;
	enqueue_on(select_cpu(t), t, true);
	arch_irq_restore(flags);
}

bool wake_up(struct task *t)
{
	unsigned long flags = arch_irq_save();
	/* The waker's condition (a wait queue's, killed) is written before the state is read;
	 * the sleeper's state before its condition is read (wait_event()). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	struct cpu *c = task_rq_lock(t);
	if (t->state != TASK_BLOCKED) {
		spin_unlock(&c->rq_lock);
		arch_irq_restore(flags);
		return false;
	}
	t->wake_at = 0;
	t->state = TASK_READY;
	if (t->on_cpu) {
		/* It has not switched away yet (it blocked a moment ago, on c): its own
		 * __schedule(), which needs the lock we hold, now finds it READY and keeps it.
		 * Linux: ttwu_runnable(). */
		spin_unlock(&c->rq_lock);
		arch_irq_restore(flags);
		return true;
	}
	/* Off every CPU and every run queue, and READY: from here on no other waker touches it,
	 * so it may go to any CPU. */
	spin_unlock(&c->rq_lock);
	enqueue_on(select_cpu(t), t, true);
	arch_irq_restore(flags);
	return true;
}

/* The next task to run: the policy's choice from the run queue, else the idle task. c's lock
 * is held. */
static struct task *pick_next(struct cpu *c)
{
	if (list_empty(&c->runqueue))
		return c->idle;
	struct task *t = policy_pick_next(c);
	list_del(&t->run_node);
	c->nr_queued--;
	return t;
}

/* Runs on the new task right after the switch (and first thing in a new task), interrupts off:
 * the previous task is off the CPU now, so whoever waits to free it may, and the run queue's
 * lock, taken by __schedule() on this CPU before the switch, is released. A task switched away
 * from to move to another CPU goes there now. Linux: finish_task_switch(). */
/* The rare end of a switch: prev is on its way to the CPU it was pinned to meanwhile. */
static __noinline void finish_migration(struct cpu *c, struct task *prev)
{
	/* Read under the lock: sched_set_cpu() changes pinned_cpu under it. */
	struct cpu *dest = prev->pinned_cpu >= 0 ? &cpus[prev->pinned_cpu] : c;
	c->migrating = NULL;
	__atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
	spin_unlock_on(&c->rq_lock, c);
	enqueue_on(dest, prev, false);
}

/* Inline in __schedule(), the out-of-line copy below for a new task's first run. */
static inline void finish_switch(struct task *prev)
{
	struct cpu *c = this_cpu();
	if (unlikely(c->migrating)) {
		finish_migration(c, prev);
		return;
	}
	/* Release: everything prev did on this CPU, its last use of its stack included, is
	 * visible to whoever sees on_cpu false (task_join(), wake_up()). */
	__atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
	spin_unlock_on(&c->rq_lock, c);
}

void finish_task_switch(struct task *prev)
{
	finish_switch(prev);
}

/* Switches from the current task to the next one; interrupts are off, no spinlock held. */
static void __schedule(void)
{
	struct cpu *c = this_cpu();
	struct task *prev = c->current;
	spin_lock_on(&c->rq_lock, c, 0);
	c->need_resched = false;

	/* What prev ran since it was last switched in or charged: its run time, and for the
	 * policy to weigh. */
	u64 now = arch_clock_ns();
	u64 ran = now - prev->last_switch_ns;
	prev->runtime_ns += ran;
	prev->last_switch_ns = now;
	if (prev != c->idle) {
		policy_charge(c, prev, ran);
		/* Still ready: back on the queue (round robin: to its back), or, pinned to another
		 * CPU meanwhile, to that CPU once it is off this one (finish_task_switch()). */
		if (prev->state == TASK_READY) {
			if (prev->pinned_cpu >= 0 && prev->pinned_cpu != (int)c->id &&
			    cpu_online((unsigned int)prev->pinned_cpu)) {
				c->migrating = prev;
			} else {
				prev->slice_left = SLICE_TICKS;
				policy_enqueue(c, prev, false);
				c->nr_queued++;
			}
		}
	}
	struct task *next = pick_next(c);
	if (next == prev) {
		spin_unlock_on(&c->rq_lock, c);
		return;
	}
	/* How deep prev got (the stack checker): the common case, far from its end, inline. */
	int here;
	if (unlikely(stack_below_line((uintptr_t)&here, prev->stack_base, prev->stack_warn_bytes)))
		stack_check((uintptr_t)&here);

	next->last_switch_ns = now;
	next->switches_in++;
	next->on_cpu = true;
	c->switches++;
	WRITE_ONCE(c->current, next);
	/* Another process's user half, or none for a kernel thread (Linux: switch_mm), and its
	 * FP/SIMD registers (include/fpu.h: only processes have them). */
	if (prev->mm != next->mm) {
		arch_mm_activate(next->mm ? next->mm->root : 0);
		fpu_switch(prev, next);
	}
	struct task *last = arch_switch_to(prev, next);
	/* Running as prev again, some time later, perhaps on another CPU (c is stale now);
	 * `last` is who ran here just before. */
	finish_switch(last);
}

void schedule(void)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu(); /* interrupts off: it stays this CPU until the switch */
	if (c->preempt_count)
		panic("schedule() with preemption disabled (count %u) in %s", c->preempt_count,
		      c->current->name);
	/* The next task on this CPU could spin for ever, interrupts off, on a lock we hold. */
	if (c->locks_held)
		panic("schedule() with %u spinlock(s) held in %s", c->locks_held, c->current->name);
	__schedule();
	arch_irq_restore(flags);
}

void yield(void)
{
	schedule();
}

int sched_set_cpu(struct task *t, int cpu)
{
	if (cpu < -1 || (cpu >= 0 && !cpu_online((unsigned int)cpu)))
		return -EINVAL;
	unsigned long flags = arch_irq_save();
	struct cpu *c = task_rq_lock(t);
	if (c && t == c->idle) {
		spin_unlock(&c->rq_lock);
		arch_irq_restore(flags);
		return -EINVAL;
	}
	t->pinned_cpu = cpu;
	if (c)
		spin_unlock(&c->rq_lock);
	arch_irq_restore(flags);
	/* The current task goes there at once: its switch away takes it (__schedule()). */
	if (t == current_task() && cpu >= 0 && this_cpu()->id != (unsigned int)cpu)
		schedule();
	return 0;
}

/* Takes a ready task from the busiest CPU's queue for c, if that CPU has at least two tasks
 * more than c: c idle and another CPU with one waiting, or c with one and another with three.
 * Tasks pinned elsewhere stay. Interrupts off, no lock held. Returns whether it took one.
 * Linux: sched_balance_rq() (load_balance() before 6.10), newidle_balance(). */
static bool pull_task(struct cpu *c)
{
	struct cpu *busiest = NULL;
	unsigned int mine = cpu_load(c), most = mine + 1;
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		struct cpu *o = &cpus[i];
		if (o == c || !cpu_online(i) || !READ_ONCE(o->nr_queued))
			continue;
		unsigned int load = cpu_load(o);
		if (load > most) {
			busiest = o;
			most = load;
		}
	}
	if (!busiest)
		return false;
	struct task *t = NULL;
	spin_lock(&busiest->rq_lock);
	/* The one queued last: it has waited least, and its data is the least likely to be in
	 * busiest's caches. */
	for (struct list_node *n = busiest->runqueue.prev; n != &busiest->runqueue; n = n->prev) {
		struct task *q = list_entry(n, struct task, run_node);
		if (q->pinned_cpu < 0 || q->pinned_cpu == (int)c->id) {
			t = q;
			break;
		}
	}
	if (t) {
		list_del(&t->run_node);
		busiest->nr_queued--;
	}
	spin_unlock(&busiest->rq_lock);
	if (!t)
		return false;
	c->pulled++;
	enqueue_on(c, t, true);
	return true;
}

__noreturn void sched_idle(void)
{
	for (;;) {
		schedule();
		/* Nothing to run here: take work from a busy CPU before waiting. The last look
		 * and the sleep are one step with interrupts off (arch_idle()): an enqueue on this
		 * CPU after the look sends the reschedule IPI, which is then pending and ends the
		 * sleep at once, where a wfi after turning interrupts on could miss it and sleep
		 * to the next tick. Linux: do_idle() checks need_resched with interrupts off. */
		struct cpu *c = this_cpu();
		unsigned long flags = arch_irq_save();
		if (list_empty(&c->runqueue) && !pull_task(c) && !READ_ONCE(c->need_resched))
			arch_idle();
		arch_irq_restore(flags);
	}
}

void sleep_ns(u64 ns)
{
	unsigned long flags = arch_irq_save();
	struct task *t = this_cpu()->current;
	struct cpu *c = this_cpu();
	spin_lock(&c->sleep_lock);
	t->wake_at = clock_ns() + ns;
	t->sleep_cpu = c;
	t->state = TASK_BLOCKED;
	list_add_tail(&c->sleepers, &t->sleep_node);
	spin_unlock(&c->sleep_lock);
	__schedule();
	/* Woken by the tick, which took us off the list, or by kill: then off it ourselves. */
	c = t->sleep_cpu;
	spin_lock(&c->sleep_lock);
	if (list_linked(&t->sleep_node))
		list_del(&t->sleep_node);
	spin_unlock(&c->sleep_lock);
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

	/* Wake this CPU's sleepers whose time has come. */
	if (!list_empty(&c->sleepers)) {
		u64 now = clock_ns();
		spin_lock(&c->sleep_lock);
		struct list_node *n = c->sleepers.next;
		while (n != &c->sleepers) {
			struct task *t = list_entry(n, struct task, sleep_node);
			n = n->next;
			if (t->wake_at <= now) {
				list_del(&t->sleep_node);
				wake_up(t);
			}
		}
		spin_unlock(&c->sleep_lock);
	}
	/* A busy CPU evens out with a busier one now and then (an idle one does in
	 * sched_idle()). */
	if (cur != c->idle && c->ticks % BALANCE_TICKS == 0)
		pull_task(c);
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

static void init_queues(struct cpu *c)
{
	c->rq_lock = (spinlock_t)SPINLOCK_INIT("run queue");
	c->sleep_lock = (spinlock_t)SPINLOCK_INIT("sleepers");
	list_init(&c->runqueue);
	list_init(&c->sleepers);
	c->nr_queued = 0;
	c->migrating = NULL;
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
	init_queues(c);
	c->idle = &init_task;
	init_task.state = TASK_READY;
	init_task.on_cpu = true;
	init_task.pinned_cpu = -1; /* it only idles once kmain runs, and never moves */
	init_task.last_switch_ns = clock_ns();
	c->sched_running = true;
}

void sched_init_cpu(struct cpu *c)
{
	init_queues(c);
	c->need_resched = false;
	c->preempt_count = 0;
}
