/* SPDX-License-Identifier: MIT */
/*
 * Turning this hart's interrupts off and back on: inline, as they are on every path that takes
 * a spinlock (include/arch.h; Linux: arch/riscv/include/asm/irqflags.h). sstatus.SIE (bit 1) is
 * the flag; the saved state is that bit alone.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("csrrc %0, sstatus, %1" : "=r"(flags) : "r"(1UL << 1) : "memory");
	return flags & (1UL << 1);
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & (1UL << 1))
		__asm__ volatile("csrs sstatus, %0" : : "r"(1UL << 1) : "memory");
}

#endif
