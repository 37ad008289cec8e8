/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks (kernel/spinlock.c): ticket locks, correct with many CPUs on all three memory
 * models. Taking one disables interrupts on this CPU first, so an interrupt handler can never
 * spin on a lock its own CPU holds.
 *
 * A ticket lock is a bakery queue: a CPU that wants the lock takes the next ticket (one atomic
 * fetch-and-add on `next`) and waits until `owner`, the ticket being served, is its own; the
 * unlock serves the next ticket. CPUs get the lock in the order they asked for it, so none can
 * starve (a plain test-and-set lock lets a fast CPU win over and over). Linux had them on x86
 * from 2.6.25 to 4.2 (arch_spinlock_t), before queued spinlocks, which are fairer still under
 * heavy contention but much longer to read.
 *
 * The ordering (include/arch.h, "memory ordering"): taking the lock is an acquire (nothing of
 * the critical section can be done before the lock is seen taken), releasing it a release
 * (everything of the critical section is done before the next CPU can see the lock free).
 *
 * Debug checks, always on: taking a lock this CPU already holds is a panic that names the lock
 * (it would spin for ever: a deadlock with itself); so is schedule() with a spinlock held
 * (the next task could spin for ever on it, on this CPU, with interrupts off). Each CPU counts
 * the spinlocks it holds.
 */
#ifndef TRISTACK_SPINLOCK_H
#define TRISTACK_SPINLOCK_H

#include <types.h>

struct cpu;

typedef struct spinlock {
	u32 next;	    /* the next ticket to hand out */
	u32 owner;	    /* the ticket that holds the lock, or may take it now */
	struct cpu *holder; /* the CPU holding it, NULL when free (debug: recursion, reports);
			     * NULL, so that a zeroed lock is a free one */
	const char *name;   /* for the messages */
} spinlock_t;

#define SPINLOCK_INIT(n)                                                                           \
	{                                                                                          \
		.next = 0, .owner = 0, .holder = NULL, .name = (n)                                 \
	}

/* Takes and releases the lock with interrupts already off (the caller turned them off, and
 * keeps them off while it holds the lock). */
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
/* Disables interrupts, takes the lock, returns the previous interrupt state. */
unsigned long spin_lock_irqsave(spinlock_t *lock);
/* Releases the lock, then restores the interrupt state. */
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
/* Is the lock held (by any CPU)? For assertions and reports only: the answer may be old. */
bool spin_is_locked(const spinlock_t *lock);
/* Spinlocks this CPU holds now. */
unsigned int spin_locks_held(void);

#endif
