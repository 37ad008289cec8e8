/* SPDX-License-Identifier: MIT */
/*
 * The fast paths of the ticket spinlock (include/spinlock.h), inline, for callers that already
 * know their CPU: kernel/spinlock.c builds spin_lock() and the others on them, and the
 * scheduler takes its run-queue lock with them on every switch, saving two calls there. The
 * rare paths (a wait for our turn, a misuse) are out of line in kernel/spinlock.c. Linux
 * splits its locks the same way (include/linux/spinlock_api_smp.h inlines __raw_spin_lock()).
 */
#ifndef TRISTACK_SPINLOCK_INLINE_H
#define TRISTACK_SPINLOCK_INLINE_H

#include <compiler.h>
#include <cpu.h>
#include <spinlock.h>

__noreturn void spin_taken_twice(const spinlock_t *lock, const struct cpu *c);
__noreturn void spin_not_held(const spinlock_t *lock, const struct cpu *c,
			      const struct cpu *holder);
unsigned long spin_lock_contended(spinlock_t *lock, struct cpu *c, u32 ticket, unsigned long flags);

/* LAB 8: BEGIN */
/* The lock below is correct with many CPUs: smp_init() starts the other CPUs only then. */
#define SPINLOCK_SMP_SAFE 1

/* Takes lock on CPU c (this CPU, interrupts off); returns flags, passed through. */
static inline unsigned long spin_lock_on(spinlock_t *lock, struct cpu *c, unsigned long flags)
{
	/* Only this CPU ever writes itself into lock->holder, so reading it without the lock
	 * cannot show this CPU unless it holds the lock. */
	if (unlikely(__atomic_load_n(&lock->holder, __ATOMIC_RELAXED) == c))
		spin_taken_twice(lock, c);
	/* Our ticket. Relaxed: the acquire is the load that sees our turn come. */
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	if (unlikely(__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket))
		return spin_lock_contended(lock, c, ticket, flags);
	__atomic_store_n(&lock->holder, c, __ATOMIC_RELAXED);
	c->locks_held++;
	return flags;
}

/* Releases lock, held by CPU c (this CPU). */
static inline void spin_unlock_on(spinlock_t *lock, struct cpu *c)
{
	struct cpu *holder = __atomic_load_n(&lock->holder, __ATOMIC_RELAXED);
	if (unlikely(holder != c))
		spin_not_held(lock, c, holder);
	c->locks_held--;
	__atomic_store_n(&lock->holder, NULL, __ATOMIC_RELAXED);
	/* Serve the next ticket. Only the holder writes owner, so a plain read of it is exact;
	 * the release orders the critical section before it. */
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}
/* LAB 8: ELSE
// Not written yet: a lock that only turns interrupts off and counts, which is enough with one
// CPU and nothing with two. smp_init() leaves the other CPUs off while this is 0.
#define SPINLOCK_SMP_SAFE 0

static inline unsigned long spin_lock_on(spinlock_t *lock, struct cpu *c, unsigned long flags)
{
	lock->holder = c;
	c->locks_held++;
	return flags;
}

static inline void spin_unlock_on(spinlock_t *lock, struct cpu *c)
{
	lock->holder = NULL;
	c->locks_held--;
}
LAB 8: END */

#endif
