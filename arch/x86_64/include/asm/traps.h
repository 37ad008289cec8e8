/* SPDX-License-Identifier: MIT */
/* x86_64 trap internals shared by trap.c, irqchip.c and the x86 tests. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <types.h>
#include <asm/cpu.h>

struct pt_regs;

/* What the last handler on each IST stack of CPU cpu saw (struct ist_record, asm/cpu.h). */
#define ist_seen_on(cpu) (cpus[cpu].arch.ists)
/* ...and of this CPU. */
#define ist_seen (arch_this_cpu()->arch.ists)

/* If set, called by the #DB handler for a single-step or int1 trap, on the ist-db stack: the
 * place an in-kernel debugger hooks into (Linux: notify_die(DIE_DEBUG), which kgdb and kprobes
 * use). The IST tests use it to single-step and to nest a #BP inside a #DB. */
extern void (*debug_hook)(struct pt_regs *regs);

/* Per-CPU GDT, TSS and IST stacks, and the IST gates of the IDT (trap.c). */
void x86_trap_init(void);

#endif
