/* SPDX-License-Identifier: MIT */
/* The arm64 part of the per-CPU area. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <types.h>

/* How deep interrupts may nest on one CPU: one level per GIC priority group in use, plus room. */
#define GIC_MAX_NESTING 8

struct arch_cpu {
	unsigned long mpidr; /* MPIDR_EL1 as read on this CPU: its affinity (cluster, core) */
	/* What the GIC's IAR returned for the interrupt being handled at each nesting depth: EOI
	 * must write exactly that back (on GICv2 an SGI's IAR also names the sending CPU). */
	u32 gic_iar[GIC_MAX_NESTING];
	void *gicr_base;    /* GICv3: this CPU's redistributor (RD_base frame), ioremapped */
	u64 gic_sgi_self;   /* GICv3: ICC_SGI1R_EL1 value (without INTID) that targets this CPU */
	u64 timer_deadline; /* the counter value at which this CPU's next tick is due (timer.c) */
	u8 gic_cpu_mask;    /* GICv2: this CPU's bit in GICD_SGIR's target list and ITARGETSR */
};

/* A CPU's own part of the set-up, run by the boot CPU in arch_irq_init(), arch_timer_init()
 * and arch_user_init() and by every other CPU in arch_secondary_init(): its GIC CPU interface
 * (GICv3: its redistributor too), its virtual timer, PAN. */
void irqchip_init_cpu(void);
void timer_init_cpu(void);
void user_init_cpu(void);

#endif
