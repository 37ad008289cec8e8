// SPDX-License-Identifier: MIT
/* Wait queues, mutexes and semaphores: see include/wait.h. */
#include <arch.h>
#include <cpu.h>
#include <list.h>
#include <panic.h>
#include <sched.h>
#include <wait.h>

void wait_queue_init(struct wait_queue *wq)
{
	wq->lock = (spinlock_t)SPINLOCK_INIT("wait queue");
	list_init(&wq->waiters);
}

void wait_event(struct wait_queue *wq, bool (*cond)(void *arg), void *arg)
{
	struct task *self = current_task();
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	for (;;) {
		/* Blocked and queued first, the condition tested after, with a full barrier in
		 * between: a waker that makes the condition true without this lock (kill() sets
		 * killed, then wake_up() reads the state after a barrier of its own) either is
		 * seen here, or sees us BLOCKED and wakes us. A wake_one() under the lock finds
		 * us queued. Linux: prepare_to_wait() (set_current_state() is the barrier). */
		self->state = TASK_BLOCKED;
		if (!list_linked(&self->wait_node))
			list_add_tail(&wq->waiters, &self->wait_node);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (cond(arg))
			break;
		spin_unlock(&wq->lock);
		schedule(); /* interrupts stay off from the unlock to the switch */
		spin_lock(&wq->lock);
	}
	/* Ready again (a waker may have said so already), and off the queue: a wake_one()
	 * took us off, or we take ourselves off (woken by kill, or never slept). Linux:
	 * finish_wait(). */
	self->state = TASK_READY;
	if (list_linked(&self->wait_node))
		list_del(&self->wait_node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

static int wake(struct wait_queue *wq, int max)
{
	int n = 0;
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	while (n < max && !list_empty(&wq->waiters)) {
		struct task *t = list_entry(wq->waiters.next, struct task, wait_node);
		list_del(&t->wait_node);
		/* Only a task that was asleep counts: one already woken (by kill) is on its way to
		 * test its condition anyway, and the next waiter gets this wake. */
		n += wake_up(t);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return n;
}

int wake_one(struct wait_queue *wq)
{
	return wake(wq, 1);
}

int wake_all(struct wait_queue *wq)
{
	return wake(wq, 1 << 30);
}

void mutex_init(struct mutex *m)
{
	wait_queue_init(&m->wq);
	m->owner = NULL;
}

static bool mutex_free(void *arg)
{
	struct mutex *m = arg;
	if (m->owner)
		return false;
	m->owner = current_task(); /* taken under the queue's lock: no one else can take it */
	return true;
}

void mutex_lock(struct mutex *m)
{
	if (m->owner == current_task())
		panic("mutex_lock: %s already holds this mutex", current_task()->name);
	wait_event(&m->wq, mutex_free, m);
}

void mutex_unlock(struct mutex *m)
{
	unsigned long flags = spin_lock_irqsave(&m->wq.lock);
	if (m->owner != current_task())
		panic("mutex_unlock by %s, but the owner is %s", current_task()->name,
		      m->owner ? m->owner->name : "nobody");
	m->owner = NULL;
	spin_unlock_irqrestore(&m->wq.lock, flags);
	wake_one(&m->wq);
}

void sema_init(struct semaphore *s, long count)
{
	wait_queue_init(&s->wq);
	s->count = count;
}

static bool sema_take(void *arg)
{
	struct semaphore *s = arg;
	if (s->count <= 0)
		return false;
	s->count--;
	return true;
}

void down(struct semaphore *s)
{
	wait_event(&s->wq, sema_take, s);
}

void up(struct semaphore *s)
{
	unsigned long flags = spin_lock_irqsave(&s->wq.lock);
	s->count++;
	spin_unlock_irqrestore(&s->wq.lock, flags);
	wake_one(&s->wq);
}
