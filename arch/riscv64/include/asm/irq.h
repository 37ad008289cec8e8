/* SPDX-License-Identifier: MIT */
/*
 * riscv64 IRQ numbers (see include/irq.h). Two kinds of interrupt reach S-mode:
 *
 *   - local interrupts of the hart, numbered by their scause code (the same bit in sie/sip):
 *     1 supervisor software (SSI), 5 supervisor timer (STI), 9 supervisor external (SEI);
 *   - device interrupts, which all arrive as SEI and which the PLIC names by a source id
 *     (1..1023; 0 means "none"). They get IRQ number PLIC_IRQ_BASE + source.
 *
 * Linux does the same with two irq domains: drivers/irqchip/irq-riscv-intc.c for the local
 * causes and drivers/irqchip/irq-sifive-plic.c chained below it for the PLIC's sources.
 */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

/* Local interrupt causes (scause code with the interrupt bit cleared). */
#define IRQ_S_SOFT  1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT   9

/* PLIC source s is IRQ PLIC_IRQ_BASE + s. QEMU 7.2's virt board has sources 1..96 ("riscv,ndev"
 * = 96); room for 0..127 keeps the IRQ tables small. A PLIC with more is used up to 127. */
#define PLIC_IRQ_BASE	 32
#define PLIC_MAX_SOURCES 128
#define NR_IRQS		 (PLIC_IRQ_BASE + PLIC_MAX_SOURCES)

/* The IRQ software raises on its own hart: sip.SSIP (Linux uses it for IPIs). */
#define IRQ_SOFT  IRQ_S_SOFT
#define TIMER_IRQ IRQ_S_TIMER
/* The inter-processor interrupt (kernel/smp.c) arrives as SSIP too, set by the SBI firmware
 * for the sender; irqchip.c tells the two apart by a per-hart flag and dispatches it under
 * this number of its own (scause code 0, user software interrupt, never reaches S-mode). */
#define IRQ_IPI 0

/* Linux 5.7 riscv runs interrupt handlers on the interrupted stack; Linux 6.5 added a per-CPU IRQ
 * stack (CONFIG_IRQ_STACKS). The build option riscv_irq_stack chooses (meson_options.txt). */
#define ARCH_HAS_IRQ_STACK CONFIG_RISCV_IRQ_STACK

/* Exception entry checks SP for an overflow and moves to a per-CPU overflow stack (entry.S). */
#define ARCH_HAS_OVERFLOW_STACK 1

#endif
