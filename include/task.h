/* SPDX-License-Identifier: MIT */
/*
 * Tasks (kernel/task.c) and their scheduling (kernel/sched.c).
 *
 * A task is a kernel thread for now (user processes come with user mode): a struct task, a kernel
 * stack of THREAD_SIZE bytes in the VMAP area with an unmapped guard page below it, and the arch's
 * saved registers (struct thread, asm/thread.h). The flow that ran start_kernel() is a task too,
 * init_task (Linux's name), on the boot stack; once the scheduler runs it becomes this CPU's idle
 * task, which runs only when nothing else can.
 */
#ifndef TRISTACK_TASK_H
#define TRISTACK_TASK_H

#include <types.h>
#include <stack.h>
#include <asm/ptrace.h>
#include <asm/thread.h>

struct cpu;

enum task_state {
	TASK_READY,   /* runnable: running, in its CPU's run queue, or on its way to one */
	TASK_BLOCKED, /* waiting: on a wait queue, or sleeping until a time */
	TASK_ZOMBIE,  /* exited; its exit code waits for task_join() */
};

struct task {
	struct cpu *cpu;      /* must stay first: riscv64 entry code loads it as 0(tp) */
	struct thread thread; /* the arch's saved context (switch.S) */
	uintptr_t stack_base; /* lowest address of its kernel stack */
	size_t stack_size;
	/* The stack checker's line: fewer bytes than this left below sp warns
	 * (stack_warn_line(stack_size)), kept here so that a switch tests it in two loads. */
	size_t stack_warn_bytes;
	/* For the stack-switch tracer (include/sstrace.h), read by the entry code: the kind
	 * of the kernel stack above (task; boot for the boot CPU's idle task), and why the task
	 * last entered the kernel from user mode (SWITCH_*), which its return to user mode
	 * repeats. */
	u8 stack_kind;
	u8 user_entry_reason;
	int id;
	char name[16];
	enum task_state state;
	bool on_cpu; /* still running on a CPU (true until the switch away from it completed) */

	int (*entry)(void *arg); /* what a kernel thread runs */
	void *arg;

	struct list_node run_node;   /* in its CPU's run queue while ready and not running */
	struct list_node wait_node;  /* in a wait queue while waiting there (kernel/wait.c) */
	struct list_node all_node;   /* in the list of all tasks */
	u64 wake_at;		     /* clock_ns() deadline while sleeping, else 0 */
	struct list_node sleep_node; /* in its CPU's sleep list while sleeping */
	struct cpu *sleep_cpu;	     /* whose sleep list sleep_node is on */
	/* The one CPU it may run on (sched_set_cpu()), or -1: any. A new task inherits its
	 * creator's (Linux: cpus_mask, inherited at fork). */
	int pinned_cpu;
	int exit_code;		 /* here, beside an int: struct task stays 512 bytes on riscv64 */
	u64 migrations;		 /* times it moved to another CPU's run queue */
	unsigned int slice_left; /* ticks left in its time slice */
	/* The stride policy's (kernel/sched_stride.c, sched=stride): its share of the CPU is
	 * tickets / (all ready tasks' tickets); pass advances by STRIDE1 / tickets per ms run. */
	unsigned int tickets;
	u64 pass;
	struct wait_queue *exit_wq; /* where task_join() waits (allocated with the task) */
	struct mm *mm;		    /* its user address space; NULL for a kernel thread */
	void *fpu;		    /* its FP/SIMD registers when not in the CPU (include/fpu.h) */
	struct task *parent;	    /* the process that spawned it (user processes) */
	volatile bool killed;	    /* kill() was called: die on the way back to user mode */
	int kill_cause;		    /* the wait-status cause to die with (uapi/syscall.h) */

	/* Its stacks' records in the stack registry (include/stack.h): kept here, so that a
	 * task's stacks are always registered, however many tasks there are. */
	struct stack_info kstack_info, ustack_info;

	/* accounting */
	u64 runtime_ns;	 /* time spent running */
	u64 switches_in; /* times it was switched to */
	/* clock_ns() up to which runtime_ns (and the policy) counted its time */
	u64 last_switch_ns;
};

extern struct task init_task;

/*
 * The user registers of a task live at the very top of its kernel stack (Linux's task_pt_regs):
 * an entry from user mode saves them there, the return to user mode restores them from there,
 * and the task's kernel code runs below them (arch_thread_init() starts it there).
 */
static inline struct pt_regs *task_pt_regs(const struct task *t)
{
	return (struct pt_regs *)(t->stack_base + t->stack_size) - 1;
}

/* The task running on this CPU. */
struct task *current_task(void);

/*
 * Creates a kernel thread that runs entry(arg) and is queued to run. Its exit code is entry's
 * return value, or what it passes to task_exit(). Returns NULL when memory runs out.
 */
struct task *task_create(const char *name, int (*entry)(void *arg), void *arg);
/* task_create() in two steps, for a creator that sets fields (parent, mm) before the task can
 * run on any CPU: task_new() makes it, on no run queue; task_start() queues it. */
struct task *task_new(const char *name, int (*entry)(void *arg), void *arg);
void task_start(struct task *t);
/* Gives back a task task_new() made that was never started (its creator ran out of memory). */
void task_discard(struct task *t);
/* The idle task of a secondary CPU (kernel/smp.c): a task with its own guarded stack, named
 * idleN, running on c from its first instruction (never queued, never exiting). NULL when
 * memory runs out. task_free_idle() gives it back when c could not be started. */
struct task *task_create_idle(struct cpu *c);
void task_free_idle(struct task *t);
/* Ends the calling task with an exit code. */
__noreturn void task_exit(int code);
/* Waits for t to exit, frees it (struct, stack) and returns its exit code. Each task is joined
 * exactly once, by one other task. */
int task_join(struct task *t);

/* Tasks that exist (created and not yet joined), init_task included. */
unsigned int task_count(void);
/* Calls fn for every task, with the task list's lock held (interrupts off): fn must not block
 * nor create or free a task. */
void task_for_each(void (*fn)(struct task *t, void *arg), void *arg);
/* Prints a line per task: id, name, state, runtime, switches, stack. */
void task_print_all(void);

/* Bytes of memory one kernel thread costs: its struct (rounded to its heap class) and its stack.
 * (The guard below the stack costs address space only.) */
size_t task_footprint(void);

#endif
