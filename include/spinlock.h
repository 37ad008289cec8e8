/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks (kernel/spinlock.c). Taking one disables interrupts on this CPU first, so an
 * interrupt handler can never spin on a lock its own CPU holds. Written for SMP (an atomic
 * exchange), though only one CPU runs for now.
 */
#ifndef TRISTACK_SPINLOCK_H
#define TRISTACK_SPINLOCK_H

#include <types.h>

typedef struct spinlock {
	volatile int locked;
	const char *name;
} spinlock_t;

#define SPINLOCK_INIT(n)                                                                           \
	{                                                                                          \
		.locked = 0, .name = (n)                                                           \
	}

/* Disables interrupts, takes the lock, returns the previous interrupt state. */
unsigned long spin_lock_irqsave(spinlock_t *lock);
/* Releases the lock, then restores the interrupt state. */
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);

#endif
