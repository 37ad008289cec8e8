/* SPDX-License-Identifier: MIT */
/*
 * x86_64 IRQ numbers are IDT vectors. 0-31 are the CPU's exceptions; the rest are ours:
 *   0x20-0x2f  ISA IRQs 0-15 through the IOAPIC (COM1 = ISA IRQ 4 = vector 0x24)
 *   0x40       IRQ_SOFT: the self-IPI tests and benchmarks raise
 *   0xec       the LAPIC timer (Linux's LOCAL_TIMER_VECTOR). The LAPIC delivers an interrupt only
 *              if its priority class (vector >> 4) is above that of the one in service, so the
 *              timer, in class 14, can interrupt a handler of IRQ_SOFT, in class 4.
 *   0xfc       IRQ_IPI: the inter-processor interrupt (kernel/smp.c; Linux's
 *              CALL_FUNCTION_VECTOR), above the timer
 *   0xff       the LAPIC's spurious vector
 */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#define NR_IRQS		  256
#define FIRST_IRQ	  0x20
#define ISA_IRQ_VECTOR(n) (0x20 + (n))
#define IRQ_SOFT	  0x40
#define TIMER_IRQ	  0xec
#define IRQ_IPI		  0xfc
#define SPURIOUS_VECTOR	  0xff

/* Interrupts taken in the kernel run on the per-CPU IRQ stack (irq_count scheme, entry.S). */
#define ARCH_HAS_IRQ_STACK 1

/* No overflow stack: a task stack overflow faults into #DF, which the CPU delivers on its own IST
 * stack (trap.c). */
#define ARCH_HAS_OVERFLOW_STACK 0

#endif
