/* SPDX-License-Identifier: MIT */
/* The riscv64 part of the per-CPU area. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <types.h>

struct arch_cpu {
	unsigned long hartid;	    /* the hart's id, as OpenSBI passed it in a0 */
	unsigned int plic_context;  /* this hart's S-mode context of the PLIC (irqchip.c) */
	volatile u8 *plic_ctx_regs; /* ...its threshold and claim registers, ioremapped */
	u64 timer_next;		    /* the deadline this hart's timer has now (timer.c) */
	/* Which of the two users of sip.SSIP raised it (irqchip.c): an IPI from another hart,
	 * this hart's own arch_raise_soft_irq(), or both. */
	u32 ipi_raised; /* u32: riscv64 has no atomic swap of a byte */
	u32 soft_raised;
};

/* A CPU's own part of the set-up, run by the boot CPU in arch_irq_init() and arch_timer_init()
 * and by every other CPU in arch_secondary_init(): its PLIC context and local interrupt
 * enables, its timer. */
void irqchip_init_cpu(void);
void timer_init_cpu(void);

#endif
