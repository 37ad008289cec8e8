// SPDX-License-Identifier: MIT
/*
 * Stride scheduling (kernel argument sched=stride): a proportional-share policy behind struct
 * sched_policy (include/sched.h). Each task holds tickets; over any stretch of time a ready
 * task gets the CPU in proportion to its tickets among the ready tasks' tickets.
 *
 * Every task has a stride, STRIDE1 / tickets, and a pass, its virtual time: running for a
 * millisecond advances the pass by one stride, so a task with twice the tickets advances half as
 * fast. The policy always runs the ready task with the smallest pass. A task that was away
 * (new, or blocked) must not come back with the small pass it left with, or it would own the
 * CPU until it caught up: it starts from the pass of the task that ran last (the CPU's virtual
 * time), unless its own is further on.
 *
 * C. A. Waldspurger and W. E. Weihl, "Stride Scheduling: Deterministic Proportional-Share
 * Resource Management" (MIT/LCS/TM-528, 1995). Linux's CFS works the same way with a
 * weighted virtual run time (vruntime, min_vruntime) in a red-black tree; a list is enough
 * for the few tasks a teaching kernel runs.
 */
#include <cpu.h>
#include <list.h>
#include <panic.h>
#include <sched.h>
#include <task.h>

/* The stride of one ticket; a task's stride is STRIDE1 / tickets (tickets <= 10000). */
#define STRIDE1	  (1u << 20)
#define NS_PER_MS 1000000u

/* LAB 7: BEGIN */
/* The pass of the task picked last on c: the CPU's virtual time, where a woken task starts. */
static u64 virtual_time[MAX_CPUS];

static void stride_enqueue(struct cpu *c, struct task *t, bool woken)
{
	if (woken && t->pass < virtual_time[c->id])
		t->pass = virtual_time[c->id];
	list_add_tail(&c->runqueue, &t->run_node);
}

static struct task *stride_pick_next(struct cpu *c)
{
	/* The smallest pass; among equals the first queued, so equal tickets take turns. */
	struct task *best = NULL;
	for (struct list_node *n = c->runqueue.next; n != &c->runqueue; n = n->next) {
		struct task *t = list_entry(n, struct task, run_node);
		if (!best || t->pass < best->pass)
			best = t;
	}
	virtual_time[c->id] = best->pass;
	return best;
}

static void stride_charge(struct cpu *c, struct task *t, u64 ns)
{
	(void)c;
	/* ns * stride / 1 ms: at most 10^10 ns between charges (a slice is milliseconds) times
	 * 2^20 fits in 64 bits many times over. */
	t->pass += ns * (STRIDE1 / t->tickets) / NS_PER_MS;
}
/* LAB 7: ELSE
static void stride_enqueue(struct cpu *c, struct task *t, bool woken)
{
	(void)c, (void)t, (void)woken;
	lab_missing("lab 7: the stride policy, stride_enqueue() (kernel/sched_stride.c)");
}

static struct task *stride_pick_next(struct cpu *c)
{
	(void)c;
	lab_missing("lab 7: the stride policy, stride_pick_next() (kernel/sched_stride.c)");
}

static void stride_charge(struct cpu *c, struct task *t, u64 ns)
{
	(void)c, (void)t, (void)ns;
	lab_missing("lab 7: the stride policy, stride_charge() (kernel/sched_stride.c)");
}
LAB 7: END */

const struct sched_policy sched_stride = {
	.name = "stride",
	.enqueue = stride_enqueue,
	.pick_next = stride_pick_next,
	.charge = stride_charge,
};
