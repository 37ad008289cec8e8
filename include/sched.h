/* SPDX-License-Identifier: MIT */
/*
 * The scheduler (kernel/sched.c): a run queue per CPU, preemptive, with a policy that picks the
 * next task (round robin by default; struct sched_policy below). The timer
 * tick takes a tick off the running task's time slice (TIME_SLICE_MS, a build option) and, when
 * it runs out, asks for a reschedule; the interrupt return path honours it
 * (preempt_irq_return()) unless preemption is disabled.
 */
#ifndef TRISTACK_SCHED_H
#define TRISTACK_SCHED_H

#include <compiler.h>
#include <types.h>

struct task;

struct cpu;

/*
 * A scheduling policy: which ready task runs next. kernel/sched.c keeps the mechanism (the run
 * queue, time slices, sleeping, preemption and the switch itself) and asks the policy only
 * these three things, with interrupts off. The kernel argument sched=NAME chooses one at boot:
 * rr (round robin, the default) or stride (kernel/sched_stride.c). Linux: struct sched_class
 * (enqueue_task, pick_next_task, update_curr).
 */
struct sched_policy {
	const char *name;
	/* t becomes ready and goes on c's run queue (c->runqueue, through t->run_node). woken:
	 * it was new or blocked, rather than preempted or yielding. */
	void (*enqueue)(struct cpu *c, struct task *t, bool woken);
	/* The task to run next, from c's run queue (not empty); the caller takes it off. */
	struct task *(*pick_next)(struct cpu *c);
	/* t (not the idle task) ran for ns more nanoseconds. NULL: the policy weighs no run
	 * time (round robin). */
	void (*charge)(struct cpu *c, struct task *t, u64 ns);
};

extern const struct sched_policy sched_rr, sched_stride;
/* The policy in use (sched=, default round robin). */
extern const struct sched_policy *sched_policy;

/* The tickets of a task under the stride policy, 1..SCHED_MAX_TICKETS (new tasks get
 * SCHED_DEFAULT_TICKETS). Returns 0, or -EINVAL for a count out of range. Round robin ignores
 * them. */
#define SCHED_DEFAULT_TICKETS 100
#define SCHED_MAX_TICKETS     10000
int sched_set_tickets(struct task *t, unsigned int tickets);

/* Makes init_task this CPU's idle task and starts scheduling, with the policy sched= names
 * (an unknown name is refused with a message, and round robin used). */
void sched_init(void);
/* The scheduler's part of a secondary CPU's per-CPU area (an empty run queue), prepared by the
 * boot CPU before it starts c (kernel/smp.c); c->idle is its idle task. c begins scheduling in
 * secondary_start_kernel(). */
void sched_init_cpu(struct cpu *c);

/* The idle loop of every CPU (the end of start_kernel() and of secondary_start_kernel()):
 * runs whatever is ready here, else takes a ready task from a busier CPU, else waits for an
 * interrupt. Linux: do_idle(). */
__noreturn void sched_idle(void);

/*
 * Pins t to CPU cpu (online), or lets it run anywhere again (cpu -1). The current task moves
 * there before this returns; another task at its next switch away (or when next woken). A new
 * task inherits its creator's pin. Returns 0, or -EINVAL for an offline CPU or an idle task.
 * Linux: sched_setaffinity() with one CPU in the mask.
 */
int sched_set_cpu(struct task *t, int cpu);

/* Gives up the CPU: runs the next ready task (if any) and returns when this one runs again.
 * A task whose state is not TASK_READY is not put back in the run queue. */
void schedule(void);
/* schedule() for a running task that stays ready: Linux's sched_yield(). */
void yield(void);
/* Sleeps at least ns nanoseconds (woken by the tick after the deadline). */
void sleep_ns(u64 ns);

/* Makes a blocked task ready and queues it, on the CPU select_cpu() picks (kernel/sched.c):
 * where it last ran if that CPU is free, else the least loaded one; an idle CPU it lands on
 * gets a reschedule IPI. A task not blocked is left as it is. Returns whether t was blocked.
 * Safe in interrupt handlers. */
bool wake_up(struct task *t);
/* Queues a new task (on the least loaded CPU it may run on). */
void sched_enqueue(struct task *t);

/* Preemption: disabled while the count is above 0 (nests). Enabling it again reschedules if a
 * tick asked for it meanwhile. */
void preempt_disable(void);
void preempt_enable(void);
unsigned int preempt_count(void);

/* Called from timer_tick(): time slices and sleepers. */
void sched_tick(void);

/*
 * Called by every arch's interrupt exit path, back on the interrupted stack (after
 * LEAVE_IRQ_STACK) with interrupts off, just before the interrupted context is restored:
 * switches to another task if the tick asked for it, preemption is enabled, and the interrupted
 * code was not itself an interrupt handler. Linux: preempt_schedule_irq().
 */
void preempt_irq_return(void);

/* Runs on the task switched to, right after the switch (and first thing in a new task): prev is
 * off the CPU now. Linux: finish_task_switch(). */
void finish_task_switch(struct task *prev);

/* Context switches done on this CPU. */
u64 sched_switches(void);

#endif
