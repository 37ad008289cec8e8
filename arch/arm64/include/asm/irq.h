/* SPDX-License-Identifier: MIT */
/*
 * arm64 IRQ numbers are the GIC's interrupt ids (INTIDs), the same numbers on GICv2 and GICv3:
 *   0-15       SGI, software-generated: a CPU writes a GIC register to interrupt itself or others
 *   16-31      PPI, private peripheral: one per CPU, e.g. that CPU's generic timer
 *   32-1019    SPI, shared peripheral: devices such as the UART, routed to one CPU
 *   1020-1023  special: 1023 means "nothing pending"; never dispatched
 * A device tree's "interrupts" property names an SPI as <0 n flags> (INTID 32 + n) and a PPI as
 * <1 n flags> (INTID 16 + n). Linux: include/linux/irqchip/arm-gic.h, arm-gic-v3.h.
 */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

/* INTIDs the kernel handles: the SGIs, the PPIs and the first 224 SPIs. QEMU virt's GIC has
 * 32 + 256 lines, its devices use the first few dozen SPIs; lines above stay disabled. */
#define NR_IRQS	     256

#define GIC_SGI_BASE 0
#define GIC_PPI_BASE 16
#define GIC_SPI_BASE 32

/* The IRQ software raises on this CPU: SGI 1 (Linux uses SGIs 0-7 for its IPIs). */
#define IRQ_SOFT 1
/* The inter-processor interrupt (kernel/smp.c): SGI 2. */
#define IRQ_IPI 2

/* The EL1 virtual timer (CNTV): PPI 11 in the "arm,armv8-timer" device-tree node, INTID 27. */
#define TIMER_IRQ 27

/* Interrupts taken in the kernel move to the per-CPU IRQ stack (entry.S, ENTER_IRQ_STACK). */
#define ARCH_HAS_IRQ_STACK 1

#ifndef __ASSEMBLER__
struct pt_regs;
/* Installs the interrupt controller driver's top-level handler, which do_irq() (trap.c) calls on
 * the IRQ stack for every IRQ taken in the kernel. It acknowledges the interrupt and calls
 * irq_dispatch(). Linux: set_handle_irq(), handle_arch_irq. */
void set_handle_irq(void (*handler)(struct pt_regs *regs));
#endif

/* Exception entry checks SP for an overflow and moves to a per-CPU overflow stack (entry.S). */
#define ARCH_HAS_OVERFLOW_STACK 1

#endif
