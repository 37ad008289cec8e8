/* SPDX-License-Identifier: MIT */
/*
 * The per-CPU area. One per CPU, found through arch_this_cpu(): x86_64 GS base, arm64 TPIDR_EL1,
 * riscv64 tp -> current task -> cpu (see include/arch.h). Linux spreads the same data over
 * DEFINE_PER_CPU variables; one struct is easier to read and to print.
 */
#ifndef TRISTACK_CPU_H
#define TRISTACK_CPU_H

#include <spinlock.h>
#include <sstrace.h>
#include <types.h>
#include <asm/cpu.h>

/* The most CPUs the kernel runs on (QEMU's -smp 1..8); the firmware may describe more, and
 * the kernel argument maxcpus=N uses fewer (kernel/smp.c). */
#define MAX_CPUS 8

struct task;

struct cpu {
	struct cpu *self;	/* must stay first: x86_64 reads it as %gs:0 (asm-offsets checks) */
	struct task *current;	/* the task running here */
	unsigned int id;	/* logical CPU number, 0 = boot CPU */
	unsigned long hwid;	/* APIC id / MPIDR / hart id */
	unsigned int irq_depth; /* interrupt nesting: 0 = not in an interrupt (kernel/irq.c) */
	uintptr_t irq_stack_base;      /* this CPU's IRQ stack, where the arch uses one (else 0) */
	uintptr_t irq_stack_top;       /* its top: the first SP on it (Linux: hardirq_stack_ptr) */
	uintptr_t overflow_stack_base; /* where an overflow is reported (arm64, riscv64), else 0 */
	uintptr_t overflow_stack_top;
	u64 ticks; /* timer ticks taken on this CPU */
	/* Set by the CPU itself at the end of its bring-up (secondary_start_kernel()), read by
	 * the boot CPU waiting for it; the boot CPU's own is set in smp_init(). */
	bool online;
	bool stopped; /* it stopped for a panic on another CPU (smp_stop_this_cpu()) */

	/* Inter-processor interrupts (kernel/smp.c): the kinds pending (1 << enum ipi_kind), set
	 * by senders with an atomic or; the call slot, which one sender at a time owns. */
	u32 ipi_pending;
	u32 call_busy; /* 1 while a sender owns the call slot (u32: riscv64 swaps words only) */
	void (*call_fn)(void *arg);
	void *call_arg;
	unsigned int *call_done;
	unsigned int call_waker;   /* the CPU to send IPI_WAKE once *call_done is counted */
	u32 call_seq;		   /* calls run here so far: a waiting sender watches it */
	struct pt_regs *call_regs; /* what the IPI interrupted, while a call runs */
	u64 tlb_shootdowns;	   /* kernel-range flushes asked of this CPU by IPI */

	/* The scheduler's per-CPU part (kernel/sched.c). rq_lock guards the run queue, nr_queued,
	 * current and the on_cpu of the tasks switched here; a CPU holds its own across the
	 * context switch, and the task switched to releases it (finish_task_switch()). */
	spinlock_t rq_lock;
	struct list_node runqueue;  /* ready tasks waiting for this CPU, in order */
	unsigned int nr_queued;	    /* tasks on runqueue */
	struct task *idle;	    /* runs when the run queue is empty */
	struct task *migrating;	    /* switched away from to go to another CPU (sched.c) */
	spinlock_t sleep_lock;	    /* guards sleepers */
	struct list_node sleepers;  /* tasks sleeping until a time; this CPU's tick wakes them */
	u64 pulled;		    /* tasks this CPU took from another's run queue */
	bool need_resched;	    /* switch at the next chance (tick, wake of idle) */
	bool sched_running;	    /* sched_init() has run */
	unsigned int preempt_count; /* > 0: no preemption */
	unsigned int locks_held;    /* spinlocks this CPU holds (kernel/spinlock.c) */
	u64 switches;		    /* context switches done here */
	/* Tests set watch_syscall_stack; the next system call then records the stack kind it ran
	 * on (a registry lookup, too slow to do on every call). */
	bool watch_syscall_stack;
	int syscall_stack_kind;
	struct arch_cpu arch; /* the architecture's part */
	/* The stack-switch tracer's ring (include/sstrace.h), last: the entry code reaches
	 * its head through small offsets from the start of struct cpu. */
	struct stack_switch_log switch_log;
};

extern struct cpu cpus[MAX_CPUS];

#endif
