/* SPDX-License-Identifier: MIT */
/*
 * The scheduler (kernel/sched.c): round robin over a run queue per CPU, preemptive. The timer
 * tick takes a tick off the running task's time slice (TIME_SLICE_MS, a build option) and, when
 * it runs out, asks for a reschedule; the interrupt return path honours it
 * (preempt_irq_return()) unless preemption is disabled.
 */
#ifndef TRISTACK_SCHED_H
#define TRISTACK_SCHED_H

#include <types.h>

struct task;

/* Makes init_task this CPU's idle task and starts scheduling. */
void sched_init(void);

/* Gives up the CPU: runs the next ready task (if any) and returns when this one runs again.
 * A task whose state is not TASK_READY is not put back in the run queue. */
void schedule(void);
/* schedule() for a running task that stays ready: Linux's sched_yield(). */
void yield(void);
/* Sleeps at least ns nanoseconds (woken by the tick after the deadline). */
void sleep_ns(u64 ns);

/* Makes a blocked task ready and queues it. */
void wake_up(struct task *t);
/* Queues a new task. */
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
