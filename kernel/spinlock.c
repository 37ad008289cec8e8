// SPDX-License-Identifier: MIT
#include <arch.h>
#include <spinlock.h>

unsigned long spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = arch_irq_save();
	/* Acquire: nothing inside the critical section may be moved before the exchange. */
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (READ_ONCE(lock->locked))
			;
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	arch_irq_restore(flags);
}
