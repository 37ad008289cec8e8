/* SPDX-License-Identifier: MIT */
/* x86_64 trap internals shared by trap.c, irqchip.c and the x86 tests. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <types.h>
#include <asm/cpu.h>

struct pt_regs;

/* What the last handler on each IST stack saw (index IST_DF..IST_MC). The NMI and #MC handlers
 * may not print (they can interrupt printk itself), so this record is how they report: the #DF
 * report names the stack it ran on from it, and the IST tests read it. */
struct ist_record {
	unsigned long count;
	int stack_kind;	    /* enum stack_kind the handler's own SP was on */
	unsigned long rip;  /* where the event interrupted */
	unsigned int depth; /* #DB/#BP nesting level it ran at (1 = not nested) */
	u64 status;	    /* #MC: MCG_STATUS */
};
extern struct ist_record ist_seen[NR_IST + 1];

/* If set, called by the #DB handler for a single-step or int1 trap, on the ist-db stack: the
 * place an in-kernel debugger hooks into (Linux: notify_die(DIE_DEBUG), which kgdb and kprobes
 * use). The IST tests use it to single-step and to nest a #BP inside a #DB. */
extern void (*debug_hook)(struct pt_regs *regs);

/* Per-CPU GDT, TSS and IST stacks, and the IST gates of the IDT (trap.c). */
void x86_trap_init(void);

#endif
