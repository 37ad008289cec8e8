/* SPDX-License-Identifier: MIT */
/*
 * Turning this CPU's interrupts off and back on: inline, as they are on every path that takes a
 * spinlock (include/arch.h; Linux: arch/x86/include/asm/irqflags.h). RFLAGS.IF (bit 9) is the
 * flag; the saved state is that bit alone.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("pushfq; pop %0; cli" : "=r"(flags) : : "memory");
	return flags & (1UL << 9);
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & (1UL << 9))
		__asm__ volatile("sti" : : : "memory");
}

#endif
