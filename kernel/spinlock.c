// SPDX-License-Identifier: MIT
/* Ticket spinlocks: include/spinlock.h says how they work and why. */
#include <arch.h>
#include <cpu.h>
#include <panic.h>
#include <spinlock.h>
#include <compiler.h>

/* The rare paths, out of line: the fast path of taking a free lock then needs no registers
 * saved around a call. */
static __noinline __noreturn void taken_twice(const spinlock_t *lock, const struct cpu *c)
{
	panic("spinlock '%s' taken again on cpu%u, which holds it: it would wait for itself for "
	      "ever",
	      lock->name, c->id);
}

static __noinline __noreturn void not_held(const spinlock_t *lock, const struct cpu *c,
					   const struct cpu *holder)
{
	panic("spinlock '%s' released on cpu%u, which does not hold it (%s%u)", lock->name, c->id,
	      holder ? "held by cpu" : "free", holder ? holder->id : 0);
}

/* Our turn has not come yet: wait for it, then take the lock. Returns flags, so that the
 * fast path below can end in a tail call and need no stack frame of its own. */
static __noinline unsigned long lock_contended(spinlock_t *lock, struct cpu *c, u32 ticket,
					       unsigned long flags)
{
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		arch_cpu_relax();
	__atomic_store_n(&lock->holder, c, __ATOMIC_RELAXED);
	c->locks_held++;
	return flags;
}

static inline unsigned long lock(spinlock_t *lock, struct cpu *c, unsigned long flags)
{
	/* Only this CPU ever writes itself into lock->holder, so reading it without the lock
	 * cannot show this CPU unless it holds the lock. */
	if (unlikely(__atomic_load_n(&lock->holder, __ATOMIC_RELAXED) == c))
		taken_twice(lock, c);
	/* Our ticket. Relaxed: the acquire is the load that sees our turn come. */
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	if (unlikely(__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket))
		return lock_contended(lock, c, ticket, flags);
	__atomic_store_n(&lock->holder, c, __ATOMIC_RELAXED);
	c->locks_held++;
	return flags;
}

static inline void unlock(spinlock_t *lock, struct cpu *c)
{
	struct cpu *holder = __atomic_load_n(&lock->holder, __ATOMIC_RELAXED);
	if (unlikely(holder != c))
		not_held(lock, c, holder);
	c->locks_held--;
	__atomic_store_n(&lock->holder, NULL, __ATOMIC_RELAXED);
	/* Serve the next ticket. Only the holder writes owner, so a plain read of it is exact;
	 * the release orders the critical section before it. */
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}

void spin_lock(spinlock_t *l)
{
	lock(l, arch_this_cpu(), 0);
}

void spin_unlock(spinlock_t *l)
{
	unlock(l, arch_this_cpu());
}

unsigned long spin_lock_irqsave(spinlock_t *l)
{
	return lock(l, arch_this_cpu(), arch_irq_save());
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	unlock(l, arch_this_cpu());
	arch_irq_restore(flags);
}

bool spin_is_locked(const spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&lock->next, __ATOMIC_RELAXED);
}

unsigned int spin_locks_held(void)
{
	return arch_this_cpu()->locks_held;
}
