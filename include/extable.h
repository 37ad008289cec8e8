/* SPDX-License-Identifier: MIT */
/*
 * Exception fixups and oopses (kernel/extable.c). An exception-table entry says: if the
 * instruction at `insn` faults, continue at `fixup` instead of dying. The user-copy routines will
 * rely on it (a bad user pointer becomes -EFAULT), and the trap tests use it to take a real fault
 * in the kernel, print its oops and carry on. Linux: arch/x86/mm/extable.c, _ASM_EXTABLE.
 */
#ifndef TRISTACK_EXTABLE_H
#define TRISTACK_EXTABLE_H

#define EXTABLE_SILENT 0 /* resume at fixup without a word (user copies) */
#define EXTABLE_REPORT 1 /* print the oops and record it in last_oops, then resume at fixup */

#ifdef __ASSEMBLER__
/* In assembly (the user-copy routines of every arch's entry.S): an entry for the user access at
 * \insn, resuming silently at \fixup (struct extable_entry below: three 8-byte words). Linux:
 * _asm_extable. */
/* clang-format off */
.macro uaccess_extable insn, fixup
	.pushsection __ex_table, "a"
	.balign	8
	.8byte	\insn, \fixup, EXTABLE_SILENT
	.popsection
.endm
/* clang-format on */
#else

#include <types.h>
#include <compiler.h>

struct pt_regs;

struct extable_entry {
	uintptr_t insn;
	uintptr_t fixup;
	unsigned long flags;
};

/* Inline-asm text that adds an entry; insn and fixup are asm labels or symbols, as strings, and
 * flags is EXTABLE_SILENT or EXTABLE_REPORT (expanded before it is turned into text). */
#define EXTABLE_STR_(x) #x
#define EXTABLE_STR(x)	EXTABLE_STR_(x)
#define EXTABLE_ENTRY(insn, fixup, flags)                                                          \
	".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.8byte " insn ", " fixup                   \
	", " EXTABLE_STR(flags) "\n\t.popsection\n\t"

/* What kind of exception an oops was, in portable terms (each arch maps its causes). */
enum oops_kind {
	OOPS_OTHER,
	OOPS_ILLEGAL,	 /* invalid opcode / undefined instruction / illegal instruction */
	OOPS_PAGE_FAULT, /* a load, store or fetch the page tables refused */
	OOPS_ALIGNMENT,	 /* a misaligned access the CPU would not do */
	OOPS_DIVIDE,	 /* x86 divide error */
	OOPS_BREAKPOINT, /* int3 / brk / ebreak */
	NR_OOPS_KINDS
};

/* The last oops the kernel survived, for tests. */
struct oops_record {
	unsigned long count;
	enum oops_kind kind;
	uintptr_t pc;	/* where the exception happened */
	uintptr_t addr; /* the faulting data address, when there is one */
	int stack_kind; /* enum stack_kind of the stack it happened on, -1 if unknown */
	char msg[128];
};
extern struct oops_record last_oops;

const char *oops_kind_name(enum oops_kind kind);

/*
 * The one way an arch's trap code reports a kernel-mode exception it does not handle itself
 * (Linux's die()). A silent exception-table entry for the PC: resume at its fixup. Otherwise print
 * the oops: the cause in words (fmt), the faulting address, the registers, the stack it happened
 * on and a backtrace. Then resume at resume_pc if it is not 0 (breakpoints: the arch passes the
 * address after the instruction), or at the fixup of a reporting entry; else panic.
 */
void die(struct pt_regs *regs, enum oops_kind kind, uintptr_t addr, uintptr_t resume_pc,
	 const char *fmt, ...) __printf(5, 6);

/* Exit code of a task killed by an oops (a fault, a stack overflow). */
#define TASK_EXIT_OOPS (-139)

/* Prints the oops and kills the current task if it is an ordinary kernel thread (the rest of the
 * system goes on, as Linux's make_task_dead()); panics if it is the idle task, an interrupt
 * handler, or the scheduler is not running yet. */
__noreturn void oops_kill(struct pt_regs *regs, const char *msg);

/*
 * For an arch that found, at exception entry, that SP ran past the bottom of its stack into the
 * guard page, and moved to a stack that still works (x86_64 the #DF IST stack, arm64 and riscv64
 * the per-CPU overflow stack): reports which task and stack, SP and the guard, then kills the
 * task (oops_kill) if the stack was its own kernel stack, else panics. Linux:
 * handle_bad_stack(), handle_stack_overflow().
 */
__noreturn void handle_stack_overflow(struct pt_regs *regs, uintptr_t sp);

/* The exception-table entry for pc, or NULL. */
const struct extable_entry *search_extable(uintptr_t pc);

#endif /* __ASSEMBLER__ */
#endif
