/* SPDX-License-Identifier: MIT */
/* panic, backtraces and symbol lookup (kernel/panic.c, kernel/ksyms.c). */
#ifndef TRISTACK_PANIC_H
#define TRISTACK_PANIC_H

#include <types.h>
#include <compiler.h>

struct pt_regs;

/*
 * Stops the kernel: prints "Kernel panic - not syncing: <message>", the registers of the caller,
 * a frame-pointer backtrace with symbol names, then leaves QEMU with EXIT_PANIC.
 */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);
/* What a lab handout's stub calls in place of the code the lab asks for (tools/mklab,
 * docs/instructors.md): a panic that names it. */
__noreturn void lab_missing(const char *what);

/* Like panic(), with the registers of an exception frame instead of the caller's. */
__noreturn void panic_regs(const struct pt_regs *regs, const char *fmt, ...) __printf(2, 3);

/* Prints an oops report: "Oops: <msg>", the CPU, task and stack, the registers and a backtrace.
 * The kernel goes on (see die() in include/extable.h). */
void oops_print(const struct pt_regs *regs, const char *msg);

/* One frame of a backtrace: the code address, and the stack its frame is on. */
struct bt_frame {
	uintptr_t pc;
	bool is_return_address; /* pc is after a call (all but the first frame) */
	int stack_kind;		/* enum stack_kind, -1 if on no registered stack */
	struct task *task;	/* the owner of that stack, if a task */
};

#define BACKTRACE_MAX 32

/*
 * Walks the frame pointers from fp across stack boundaries (an interrupt entry leaves a record
 * that leads from the IRQ stack back to the interrupted stack): out[0] is pc itself, then each
 * return address, innermost first, each with the stack it runs on. Returns the frame count.
 */
int backtrace_walk(uintptr_t pc, uintptr_t fp, struct bt_frame *out, int max);

/* Prints a backtrace starting at the frame fp whose code address is pc. */
void backtrace_print(uintptr_t pc, uintptr_t fp);
/* Prints the backtrace of the caller. */
void dump_stack(void);

/*
 * Collects up to max return addresses walking frame pointers from fp; returns how many.
 * Stops at the first frame pointer that is not inside a registered stack (kernel/stack.c),
 * so a corrupt chain ends the walk instead of faulting.
 */
int backtrace_collect(uintptr_t fp, uintptr_t *pcs, int max);

/* Name of the function containing addr and addr's offset in it; NULL if unknown. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);
/* Address of a function by name, 0 if unknown. */
uintptr_t ksym_address(const char *name);

#define BUG_ON(cond)                                                                               \
	do {                                                                                       \
		if (unlikely(cond))                                                                \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__);                   \
	} while (0)

#endif
