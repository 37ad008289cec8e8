/* SPDX-License-Identifier: MIT */
/*
 * The stack registry (kernel/stack.c): every stack the system has, with its kind, its owner (a
 * CPU or a task), where it lies and the unmapped guard below it. stack_of(addr) answers "which
 * stack is this address on?", which the backtrace uses to stay on real stacks and which the
 * tests use to check which stack code ran on. See docs/stacks.md and docs/design.md.
 */
#ifndef TRISTACK_STACK_H
#define TRISTACK_STACK_H

#include <types.h>

enum stack_kind {
	STACK_BOOT,	/* the stack the CPU starts on (boot.S) */
	STACK_TASK,	/* a task's kernel stack */
	STACK_IRQ,	/* per-CPU interrupt stack */
	STACK_ENTRY,	/* x86_64: per-CPU trampoline stack, TSS.sp0 */
	STACK_IST_DF,	/* x86_64: IST stack for #DF */
	STACK_IST_NMI,	/* x86_64: IST stack for NMI */
	STACK_IST_DB,	/* x86_64: IST stack for #DB and #BP */
	STACK_IST_MC,	/* x86_64: IST stack for #MC */
	STACK_OVERFLOW, /* arm64/riscv64: per-CPU stack to report an overflow on */
	STACK_USER,	/* a task's user stack */
	NR_STACK_KINDS
};

struct task;

/* Records for the stacks that are not a task's: boot, IRQ, ENTRY, four IST, overflow. */
#define STACK_PER_CPU_MAX 8

struct stack_info {
	struct list_node node; /* in the registry's list */
	enum stack_kind kind;
	int cpu;	   /* owning CPU, or -1 for a task's stack */
	struct task *task; /* owning task, or NULL */
	uintptr_t base;	   /* lowest usable address */
	size_t size;	   /* usable bytes: the stack is [base, base + size) */
	size_t guard;	   /* bytes right below base that no stack uses, ending in an unmapped
			    * page (0: none): an SP there means this stack overflowed */
	bool painted;	   /* filled with STACK_PAINT when registered: the high-water mark works */
	bool warned;	   /* the stack checker has warned about it (it warns once) */
};

/*
 * The high-water meter (LWN's "Splitting the kernel stack": Ben LaHaise's stack checker): a fresh
 * stack is filled with this pattern, and the deepest word that no longer holds it shows how much of
 * the stack was ever used. Linux does the same with STACK_END_MAGIC and its stack-usage debug
 * option.
 */
#define STACK_PAINT 0x5354414b5041494eULL /* "STAKPAIN" */

/*
 * Records a stack and returns its record. The registry is a list, with no limit on its length:
 * a task's kernel and user stacks are recorded in the task itself (struct task), so spawning
 * never fails to register them; the per-CPU stacks (boot, IRQ, ENTRY, IST, overflow; at most
 * STACK_PER_CPU_MAX per CPU) take records from a pool sized for MAX_CPUS. Returns NULL (with a
 * warning) only when that pool is empty, which no boot does.
 */
const struct stack_info *stack_register(enum stack_kind kind, int cpu, struct task *task,
					uintptr_t base, size_t size, size_t guard);
/* Fills [base, base+size) with STACK_PAINT and registers it as painted: for a stack not in use
 * yet (a new task's, an IRQ or IST stack). */
const struct stack_info *stack_register_fresh(enum stack_kind kind, int cpu, struct task *task,
					      uintptr_t base, size_t size, size_t guard);
/* Paints the part of a stack in use now that lies below sp (less a margin for the frames being
 * built), and marks it painted: for the boot stack, registered while running on it. */
void stack_paint_below(const struct stack_info *s, uintptr_t sp);
/* Bytes of s ever used, from the paint (0 if it was never painted). */
size_t stack_max_used(const struct stack_info *s);

/*
 * The stack checker: warns, once per stack, when the free space left below sp on the stack it
 * belongs to drops under stack_warn_percent of the stack (the build option stack_warn_percent,
 * STACK_WARN_PERCENT, default 25, unless the kernel argument stack_warn=N says otherwise). Called
 * on interrupt entry with the interrupted SP, and at each context switch with the SP of the task
 * being switched away from.
 * Cheap: the current task's stack and this CPU's IRQ stack are compared directly; the registry
 * is searched only when a warning is due.
 */
void stack_check(uintptr_t sp);

/* The stack checker's warning level, in percent of a stack left free (1..99). */
extern unsigned int stack_warn_percent;

/* The checker's line on a stack of size bytes: with fewer than this many bytes left below sp,
 * less than stack_warn_percent of it is free (rounded up: (sp - base) * 100 < size * percent
 * exactly when sp - base is below it). */
static inline size_t stack_warn_line(size_t size)
{
	return (size * stack_warn_percent + 99) / 100;
}

/* Whether sp is on the stack at base with fewer than line bytes left below it (a task's
 * stack_warn_bytes): below base, sp - base wraps to a huge value, over any line. */
static inline bool stack_below_line(uintptr_t sp, uintptr_t base, size_t line)
{
	return sp - base < line;
}

/* Reads the kernel argument stack_warn=N (1..99) from cmdline into stack_warn_percent; a value
 * outside that range, or no number, is refused with a message and the build's level kept.
 * Prints the level in force. Linux has such arguments by the hundred (early_param()). */
void stack_warn_init(const char *cmdline);
/* Warnings the checker has printed. */
unsigned long stack_warnings(void);

/* The worst case of a kind: the largest share of its stack that any painted stack of that kind
 * has used, live or already unregistered (a stack's mark is kept when it is unregistered). Sets
 * *used and *size (bytes) and returns true, or returns false if no such stack was seen. */
bool stack_worst(enum stack_kind kind, size_t *used, size_t *size);

/* Forgets every stack task t owns (its kernel stack, its user stack), when it is reaped. */
void stack_unregister_task(const struct task *t);
/* Forgets the per-CPU stacks of CPU cpu (a CPU that could not be started, kernel/smp.c). */
void stack_unregister_cpu(int cpu);
/* The stack that addr lies on, or NULL. User stacks count only for the task running now: the
 * user stacks of different processes lie at the same addresses, in different address spaces. */
const struct stack_info *stack_of(uintptr_t addr);
/* The stack whose guard area (the unmapped bytes right below it) holds addr, or NULL: an SP there
 * means that stack overflowed. (User stacks: as stack_of.) */
const struct stack_info *stack_guard_of(uintptr_t addr);
/* Name of a kind as printed everywhere: "boot", "task", "irq", "entry", "ist-df", ... */
const char *stack_kind_name(enum stack_kind kind);
/* Prints the registry as a table. */
void stack_print_all(void);
/* Calls fn for each registered stack, in the order they were registered. fn must not register
 * or unregister stacks. */
void stack_for_each(void (*fn)(const struct stack_info *s, void *arg), void *arg);
/* How many stacks are registered. */
unsigned int stack_count(void);

#endif
