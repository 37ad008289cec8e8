// SPDX-License-Identifier: MIT
/* Ticket spinlocks: include/spinlock.h says how they work and why. */
#include <arch.h>
#include <cpu.h>
#include <panic.h>
#include <spinlock.h>
#include <spinlock_inline.h>
#include <compiler.h>

/* The rare paths, out of line: the fast path of taking a free lock then needs no registers
 * saved around a call. */
__noinline __noreturn void spin_taken_twice(const spinlock_t *lock, const struct cpu *c)
{
	panic("spinlock '%s' taken again on cpu%u, which holds it: it would wait for itself for "
	      "ever",
	      lock->name, c->id);
}

__noinline __noreturn void spin_not_held(const spinlock_t *lock, const struct cpu *c,
					 const struct cpu *holder)
{
	panic("spinlock '%s' released on cpu%u, which does not hold it (%s%u)", lock->name, c->id,
	      holder ? "held by cpu" : "free", holder ? holder->id : 0);
}

/* Our turn has not come yet: wait for it, then take the lock. Returns flags, so that the
 * fast path can end in a tail call and need no stack frame of its own. */
__noinline unsigned long spin_lock_contended(spinlock_t *lock, struct cpu *c, u32 ticket,
					     unsigned long flags)
{
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		arch_cpu_relax();
	__atomic_store_n(&lock->holder, c, __ATOMIC_RELAXED);
	c->locks_held++;
	return flags;
}

void spin_lock(spinlock_t *l)
{
	spin_lock_on(l, arch_this_cpu(), 0);
}

void spin_unlock(spinlock_t *l)
{
	spin_unlock_on(l, arch_this_cpu());
}

unsigned long spin_lock_irqsave(spinlock_t *l)
{
	/* Interrupts off first, then which CPU we are on: the other way round (as one call's
	 * two arguments, whose order C leaves open, GCC read TPIDR_EL1 first on arm64), a tick
	 * between the two can move the task to another CPU, and the lock would be taken in the
	 * name of the CPU it left. */
	unsigned long flags = arch_irq_save();
	return spin_lock_on(l, arch_this_cpu(), flags);
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock_on(l, arch_this_cpu());
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
