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
	while (!cond(arg)) {
		/* Queue ourselves and mark us blocked before dropping the lock: a wake that comes
		 * after this point finds us on the queue. Interrupts stay off until the switch. */
		self->state = TASK_BLOCKED;
		list_add_tail(&wq->waiters, &self->run_node);
		self->waiting_on = wq; /* so that wake_up() can take us off it (kill) */
		spin_unlock(&wq->lock);
		schedule();
		spin_lock(&wq->lock);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}

static int wake(struct wait_queue *wq, int max)
{
	int n = 0;
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	while (n < max && !list_empty(&wq->waiters)) {
		struct task *t = list_entry(wq->waiters.next, struct task, run_node);
		list_del(&t->run_node);
		t->waiting_on = NULL;
		wake_up(t);
		n++;
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
