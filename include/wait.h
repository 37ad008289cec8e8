/* SPDX-License-Identifier: MIT */
/*
 * Blocking (kernel/wait.c): wait queues, and a mutex and a counting semaphore built on them.
 * None of these may be used from an interrupt handler, except wake_one()/wake_all().
 */
#ifndef TRISTACK_WAIT_H
#define TRISTACK_WAIT_H

#include <types.h>
#include <spinlock.h>
#include <task.h>

struct wait_queue {
	spinlock_t lock;
	struct list_node waiters; /* tasks, in the order they started to wait */
};

#define WAIT_QUEUE_INIT(wq)                                                                        \
	{                                                                                          \
		SPINLOCK_INIT("wait queue"),                                                       \
		{                                                                                  \
			&(wq).waiters, &(wq).waiters                                               \
		}                                                                                  \
	}

void wait_queue_init(struct wait_queue *wq);

/*
 * Blocks until cond(arg) is true. cond is evaluated with the queue's lock held, and the task is
 * on the queue before the lock is dropped, so a wake between the test and the sleep is never
 * lost. Linux: wait_event().
 */
void wait_event(struct wait_queue *wq, bool (*cond)(void *arg), void *arg);
/* Wakes the first waiter / every waiter. Returns how many were woken. Safe in interrupts. */
int wake_one(struct wait_queue *wq);
int wake_all(struct wait_queue *wq);

/* A sleeping lock with an owner: at most one task holds it; others wait in FIFO order. */
struct mutex {
	struct wait_queue wq;
	struct task *owner;
};
void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
/* Only the owner may unlock; anything else is a bug and panics. */
void mutex_unlock(struct mutex *m);

/* A counting semaphore: down() waits while the count is 0, then takes one; up() gives one. */
struct semaphore {
	struct wait_queue wq;
	long count;
};
void sema_init(struct semaphore *s, long count);
void down(struct semaphore *s);
void up(struct semaphore *s);

#endif
