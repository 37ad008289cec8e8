/* SPDX-License-Identifier: MIT */
/*
 * The portable IRQ core (kernel/irq.c). IRQ numbers are the architecture's own (asm/irq.h):
 * x86_64 IDT vectors, arm64 GIC interrupt ids, riscv64 local interrupt causes and PLIC sources
 * (offset by 32). Each arch's interrupt entry finds out which IRQ fired, then calls
 * irq_dispatch(), which counts it, runs its handler and signals the end of the interrupt through
 * the registered irqchip. Linux's equivalent is kernel/irq/ (handle_irq, /proc/interrupts).
 */
#ifndef TRISTACK_IRQ_H
#define TRISTACK_IRQ_H

#include <types.h>
#include <asm/irq.h>

struct cpu;
struct pt_regs;

typedef void (*irq_handler_t)(unsigned int irq, void *arg, struct pt_regs *regs);

/* What an interrupt controller driver provides (arch/<arch>/irqchip.c). */
struct irqchip {
	const char *name;
	void (*mask)(unsigned int irq);	  /* stop delivering this IRQ */
	void (*unmask)(unsigned int irq); /* deliver it again */
	void (*eoi)(unsigned int irq);	  /* end of interrupt, after the handler ran */
};

/* Installs the controller driver; called by arch_irq_init(). */
void irqchip_register(const struct irqchip *chip);
/* The registered controller (NULL before arch_irq_init()). */
const struct irqchip *irqchip(void);

/*
 * Runs handler(irq, arg, regs) for every interrupt on irq, in interrupt context (interrupts off),
 * and unmasks the line. name shows in the IRQ table. Returns 0, -EINVAL for a number out of
 * range or -EBUSY if the IRQ already has a handler.
 */
int irq_request(unsigned int irq, irq_handler_t handler, void *arg, const char *name);
/* Masks the line and removes its handler. */
void irq_free(unsigned int irq);

/*
 * Called by the arch's interrupt entry with interrupts off, between irq_enter() and irq_exit().
 * An IRQ without a handler is counted as unhandled, masked (so that a level-triggered line cannot
 * storm) and acknowledged: never a hang.
 */
void irq_dispatch(unsigned int irq, struct pt_regs *regs);
/* The controller had nothing to deliver (GIC 1023, PLIC claim 0, the LAPIC's spurious vector). */
void irq_spurious(void);

/* Interrupt nesting, the same counter on every arch (struct cpu.irq_depth): 0 outside any
 * interrupt handler, 1 in one, 2 in an interrupt that interrupted a handler, ... */
void irq_enter(void);
void irq_exit(void);
unsigned int irq_depth(void);

/* Counts, for tests and the table. */
u64 irq_count(unsigned int irq);		      /* all CPUs */
u64 irq_count_on(unsigned int cpu, unsigned int irq); /* one CPU */
u64 irq_unhandled_count(void);
u64 irq_spurious_count(void);

/* Prints the table of IRQs with handlers or counts, like Linux's /proc/interrupts. */
void irq_print_table(void);

/* Sets up interrupts on the boot CPU: the per-CPU IRQ stack (where the arch uses one), the arch's
 * controller (arch_irq_init), the timer tick at HZ and the console's receive interrupt. Leaves
 * interrupts disabled; start_kernel() enables them. */
void irq_init(void);
/* The IRQ stack (where ARCH_HAS_IRQ_STACK) and the overflow stack (ARCH_HAS_OVERFLOW_STACK) of
 * CPU c, allocated with their guards and registered; irq_init() calls it for the boot CPU,
 * smp_init() for each other CPU before starting it. A panic when memory runs out, as at boot.
 * irq_free_cpu_stacks() gives them back (a CPU that could not be started). */
void irq_init_cpu_stacks(struct cpu *c);
void irq_free_cpu_stacks(struct cpu *c);

#endif
