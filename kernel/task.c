// SPDX-License-Identifier: MIT
/*
 * Kernel threads: creation, the first instructions of a new task, exit and join. See
 * include/task.h. Every task stack comes from the VMAP area (kernel/mm/vmap.c): THREAD_SIZE
 * bytes aligned to THREAD_ALIGN, with an unmapped guard page below, as Linux's VMAP_STACK.
 */
#include <arch.h>
#include <cpu.h>
#include <fpu.h>
#include <kmalloc.h>
#include <list.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <stack.h>
#include <string.h>
#include <task.h>
#include <time.h>
#include <vmap.h>
#include <wait.h>

/* The guard below each task stack: at least a page, and all of the address space that the
 * THREAD_ALIGN alignment leaves free below it anyway (an arch whose entry checks bit
 * THREAD_SHIFT of SP for an overflow aligns stacks to twice their size, so that an SP anywhere
 * in the guard has that bit set). */
#define STACK_GUARD MAX((size_t)PAGE_SIZE, (size_t)(THREAD_ALIGN - THREAD_SIZE))

/* All tasks, init_task first; the lock guards the list, ntasks and next_id. */
static struct list_node all_tasks = { &all_tasks, &all_tasks };
static spinlock_t tasks_lock = SPINLOCK_INIT("tasks");
static unsigned int ntasks;
static int next_id = 1;

struct task *current_task(void)
{
	return arch_current();
}

void task_register_init(void)
{
	list_add_tail(&all_tasks, &init_task.all_node);
	ntasks = 1;
}

/*
 * Where every new task starts, called by the arch's ret_from_kernel_thread (switch.S) on the new
 * stack, interrupts still off from the switch: finish the switch, turn interrupts on, run.
 */
__noreturn void task_entry(struct task *prev);
__noreturn void task_entry(struct task *prev)
{
	finish_task_switch(prev);
	arch_irq_enable();
	struct task *self = current_task();
	task_exit(self->entry(self->arg));
}

struct task *task_new(const char *name, int (*entry)(void *arg), void *arg)
{
	struct task *t = kmalloc(sizeof(*t));
	struct wait_queue *wq = kmalloc(sizeof(*wq));
	void *stack = vmap_alloc(THREAD_SIZE, STACK_GUARD, THREAD_ALIGN);
	if (!t || !wq || !stack) {
		kfree(t);
		kfree(wq);
		if (stack)
			vmap_free(stack, THREAD_SIZE, STACK_GUARD);
		return NULL;
	}
	strlcpy(t->name, name, sizeof(t->name));
	t->entry = entry;
	t->arg = arg;
	t->stack_base = (uintptr_t)stack;
	t->stack_size = THREAD_SIZE;
	t->stack_warn_bytes = stack_warn_line(THREAD_SIZE);
	t->stack_kind = STACK_TASK;
	t->exit_wq = wq;
	wait_queue_init(wq);
	list_init(&t->run_node);
	list_init(&t->wait_node);
	list_init(&t->sleep_node);
	/* The creator's pin, as Linux's fork copies the CPU mask; an idle task (creating the
	 * first threads at boot) pins nobody. */
	struct task *creator = current_task();
	t->pinned_cpu = creator && creator != creator->cpu->idle ? creator->pinned_cpu : -1;
	/* Painted for the high-water meter before anything is written on it. */
	stack_register_fresh(STACK_TASK, -1, t, t->stack_base, THREAD_SIZE, STACK_GUARD);
	arch_thread_init(t);

	unsigned long flags = spin_lock_irqsave(&tasks_lock);
	t->id = next_id++;
	list_add_tail(&all_tasks, &t->all_node);
	ntasks++;
	spin_unlock_irqrestore(&tasks_lock, flags);
	return t;
}

/* Takes t off the task list and gives back its stack and memory. */
static void task_free(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&tasks_lock);
	list_del(&t->all_node);
	ntasks--;
	spin_unlock_irqrestore(&tasks_lock, flags);
	stack_unregister_task(t); /* its kernel stack, and its user stack if it had one */
	vmap_free((void *)t->stack_base, t->stack_size, STACK_GUARD);
	kfree(t->exit_wq);
	fpu_free(t);
	kfree(t);
}

void task_start(struct task *t)
{
	sched_enqueue(t);
}

struct task *task_create(const char *name, int (*entry)(void *arg), void *arg)
{
	struct task *t = task_new(name, entry, arg);
	if (t)
		task_start(t);
	return t;
}

struct task *task_create_idle(struct cpu *c)
{
	char name[16];
	snprintf(name, sizeof(name), "idle%u", c->id);
	struct task *t = task_new(name, NULL, NULL);
	if (!t)
		return NULL;
	/* Running from the CPU's first instruction of C on, and never on a run queue. */
	t->cpu = c;
	t->pinned_cpu = (int)c->id;
	t->state = TASK_READY;
	t->on_cpu = true;
	t->tickets = SCHED_DEFAULT_TICKETS;
	return t;
}

void task_free_idle(struct task *t)
{
	task_free(t);
}

void task_discard(struct task *t)
{
	task_free(t);
}

void task_exit(int code)
{
	struct task *self = current_task();
	if (self == self->cpu->idle || self == &init_task)
		panic("the idle task of cpu%u (%s) cannot exit", self->cpu->id, self->name);
	/* Interrupts off from here to the switch away: a task woken below must not run (and
	 * find us not yet a zombie, and sleep again for good) before we have become one. */
	arch_irq_save();
	self->exit_code = code;
	self->state = TASK_ZOMBIE;
	exit_notify(self); /* wake a waiting parent, give our children to the reaper */
	wake_all(self->exit_wq);
	schedule(); /* never comes back: a zombie is not queued again */
	panic("zombie task %d ran again", self->id);
}

static bool exited(void *arg)
{
	struct task *t = arg;
	return t->state == TASK_ZOMBIE;
}

int task_join(struct task *t)
{
	if (t == current_task() || t == &init_task || t == t->cpu->idle)
		panic("task_join(%s): a task cannot join itself or the idle task", t->name);
	wait_event(t->exit_wq, exited, t);
	/* A zombie on another CPU may still be on its way off it (its switch away, on its own
	 * stack): wait for that before its stack goes. Short, and never on one CPU, where the
	 * zombie is off the CPU by the time anyone else runs. Linux: the task_struct's reference
	 * dropped in finish_task_switch(), and smp_cond_load_acquire(&p->on_cpu, !VAL) in
	 * try_to_wake_up(). */
	while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		arch_cpu_relax();

	int code = t->exit_code;
	task_free(t);
	return code;
}

unsigned int task_count(void)
{
	return ntasks;
}

void task_for_each(void (*fn)(struct task *t, void *arg), void *arg)
{
	unsigned long flags = spin_lock_irqsave(&tasks_lock);
	struct list_node *n;
	list_for_each (n, &all_tasks)
		fn(list_entry(n, struct task, all_node), arg);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

static void print_task(struct task *t, void *arg)
{
	(void)arg;
	static const char *const states[] = { "ready", "blocked", "zombie" };
	/* Running: on some CPU now (this one's current, another's current or idle task). */
	bool running = t == current_task() || (t->on_cpu && t->state == TASK_READY);
	printk("  %4d %-15s %-8s %3u %10llu %9llu  %#lx-%#lx\n", t->id, t->name,
	       running ? "running" : states[t->state], t->cpu ? t->cpu->id : 0,
	       (unsigned long long)(t->runtime_ns / 1000), (unsigned long long)t->switches_in,
	       t->stack_base, t->stack_base + t->stack_size);
}

void task_print_all(void)
{
	printk("  %4s %-15s %-8s %3s %10s %9s  %s\n", "id", "name", "state", "cpu", "run (us)",
	       "switches", "kernel stack");
	task_for_each(print_task, NULL);
}

size_t task_footprint(void)
{
	size_t obj = 32;
	while (obj < sizeof(struct task))
		obj *= 2;
	return obj + THREAD_SIZE;
}
