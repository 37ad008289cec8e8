/* SPDX-License-Identifier: MIT */
/*
 * The stack registry (kernel/stack.c): every stack the system has, with its kind, its owner (a
 * CPU or a task), where it lies and the unmapped guard below it. stack_of(addr) answers "which
 * stack is this address on?", which the backtrace uses to stay on real stacks and which the
 * tests use to check which stack code ran on. See docs/stacks.md and DESIGN.md section 3.
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

struct stack_info {
	enum stack_kind kind;
	int cpu;	   /* owning CPU, or -1 for a task's stack */
	struct task *task; /* owning task, or NULL */
	uintptr_t base;	   /* lowest usable address */
	size_t size;	   /* usable bytes: the stack is [base, base + size) */
	size_t guard;	   /* bytes of unmapped guard right below base (0: none) */
};

#define STACK_REGISTRY_MAX 64

/* Records a stack; returns it, or NULL (with a warning) when the registry is full. */
const struct stack_info *stack_register(enum stack_kind kind, int cpu, struct task *task,
					uintptr_t base, size_t size, size_t guard);
/* Forgets the stack starting at base. */
void stack_unregister(uintptr_t base);
/* The stack that addr lies on, or NULL. */
const struct stack_info *stack_of(uintptr_t addr);
/* The stack whose guard area (the unmapped bytes right below it) holds addr, or NULL: an SP there
 * means that stack overflowed. */
const struct stack_info *stack_guard_of(uintptr_t addr);
/* Name of a kind as printed everywhere: "boot", "task", "irq", "entry", "ist-df", ... */
const char *stack_kind_name(enum stack_kind kind);
/* Prints the registry as a table. */
void stack_print_all(void);
/* Calls fn for each registered stack. */
void stack_for_each(void (*fn)(const struct stack_info *s, void *arg), void *arg);

#endif
