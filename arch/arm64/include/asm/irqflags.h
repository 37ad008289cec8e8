/* SPDX-License-Identifier: MIT */
/*
 * Turning this CPU's interrupts off and back on: inline, as they are on every path that takes a
 * spinlock (include/arch.h; Linux: arch/arm64/include/asm/irqflags.h). PSTATE.I masks IRQs; the
 * saved state is the whole DAIF, so that restoring puts back exactly what was.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("mrs %0, daif\n\tmsr daifset, #2" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	__asm__ volatile("msr daif, %0" : : "r"(flags) : "memory");
}

#endif
