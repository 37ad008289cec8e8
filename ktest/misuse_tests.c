// SPDX-License-Identifier: MIT
/*
 * ktest=misuse: the kernel bugs that an ordinary (buggy) user program could trigger, one test
 * each, so that they stay fixed (docs/testing.md lists them). Each runs /bin/misuse
 * (user/bin/misuse.c) or a kernel thread in the role of a child, and checks the exact outcome:
 * the exit status or the kill and its cause, that the parent's wait() returns, and that the free
 * page count comes back to where it was. A wait that would hang on a regression is guarded: a
 * watchdog interrupts it after a few seconds, and the test fails instead of hanging the run.
 */
#include <arch.h>
#include <cpu.h>
#include <extable.h>
#include <ktest.h>
#include <pmm.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <stack.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>
#include <uvm.h>
#include <wait.h>

#define MS 1000000ULL

/* ------------------------------------------------------------------ helpers ---------- */

struct find {
	int pid;
	struct task *parent; /* with pid -1: the first task with this parent */
	struct task *t;
};

static void find_one(struct task *tk, void *arg)
{
	struct find *f = arg;
	if (!f->t && ((f->pid >= 0 && tk->id == f->pid) || (f->pid < 0 && tk->parent == f->parent)))
		f->t = tk;
}

static struct task *task_by_pid(int pid)
{
	struct find f = { pid, NULL, NULL };
	task_for_each(find_one, &f);
	return f.t;
}

static struct task *child_of(struct task *parent)
{
	struct find f = { -1, parent, NULL };
	task_for_each(find_one, &f);
	return f.t;
}

/* Waits until pid is blocked (in read(), wait(), ...) and has a child if want_child: true, or
 * false after 5 s. */
static bool until_blocked(int pid, bool want_child)
{
	for (int i = 0; i < 1000; i++) {
		unsigned long flags = arch_irq_save();
		struct task *tk = task_by_pid(pid);
		bool ok = tk && tk->state == TASK_BLOCKED && (!want_child || child_of(tk));
		arch_irq_restore(flags);
		if (ok)
			return true;
		sleep_ns(5 * MS);
	}
	return false;
}

/* The watchdog of a wait that must return: after `ms`, unless told to stop, it marks the waiter
 * killed and wakes it, and the waiter's process_wait() returns -EINTR. */
struct watchdog {
	struct task *waiter;
	u64 ms;
	volatile bool stop, fired;
};

static int watchdog_run(void *arg)
{
	struct watchdog *w = arg;
	for (u64 waited = 0; !w->stop && waited < w->ms; waited += 10)
		sleep_ns(10 * MS);
	if (!w->stop) {
		w->fired = true;
		unsigned long flags = arch_irq_save();
		w->waiter->killed = true;
		wake_up(w->waiter);
		arch_irq_restore(flags);
	}
	return 0;
}

/* process_wait(pid) that cannot hang the test run: returns what it returned (-EINTR if the
 * watchdog had to end it, which the test reports). */
static int guarded_wait(struct ktest *t, int pid, int *status)
{
	struct task *self = current_task();
	struct watchdog w = { self, 5000, false, false };
	struct task *dog = task_create("watchdog", watchdog_run, &w);
	KT_EXPECT(t, dog != NULL);
	if (!dog)
		return -ENOMEM;
	int r = process_wait(self, pid, status, false);
	w.stop = true;
	task_join(dog);
	self->killed = false; /* a kernel thread is not killed by a watchdog's mark */
	if (w.fired)
		ktest_log(t, "wait(%d) was still blocked after %llu ms", pid,
			  (unsigned long long)w.ms);
	KT_EXPECT(t, !w.fired);
	return r;
}

/* Runs /bin/misuse how [arg] once to warm up (the heap's size classes get their pages), then
 * again: returns the second run's wait status and checks that it gave every page back. */
static int misuse(struct ktest *t, const char *how, const char *arg)
{
	ktest_run_program("/bin/misuse", how, arg);
	u64 before = pmm_free_count();
	int pid = ktest_spawn("/bin/misuse", how, arg);
	KT_EXPECT(t, pid > 0);
	if (pid <= 0)
		return pid;
	int status = -1;
	KT_EXPECT_EQ(t, guarded_wait(t, pid, &status), pid);
	ktest_log(t, "misuse %s: wait status %#x, free pages %llu -> %llu", how, status,
		  (unsigned long long)before, (unsigned long long)pmm_free_count());
	KT_EXPECT_EQ(t, pmm_free_count(), before);
	return status;
}

static void expect_killed(struct ktest *t, int status, int cause)
{
	KT_EXPECT(t, WIFKILLED(status));
	KT_EXPECT_EQ(t, WKILLCAUSE(status), cause);
}

/* ------------------------------------------------------------------- A, B: sbrk ------ */

KTEST(misuse, sbrk_cannot_wrap_the_break)
{
	/* Bug A: sbrk(-1 GiB), (int)0x80000000, LONG_MIN, or an increment landing on a kernel
	 * address moved the break below its start (into the kernel half); then every unmapped
	 * user page counted as heap. Now each is -ENOMEM, and a touch 1 GiB past the unchanged
	 * break kills the program. */
	expect_killed(t, misuse(t, "sbrk", NULL), KILL_MEMORY);
}

KTEST(misuse, heap_shrink_costs_what_is_mapped)
{
	/* Bug B: a shrink looked up every page of the range, mapped or not: 2^35 of them after a
	 * grow to the limit on x86_64 (16 minutes). Now it walks the tables that exist. */
	int st = misuse(t, "bigheap", NULL);
	KT_EXPECT(t, WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* --------------------------------------------------- C: a kill while blocked -------- */

static void kill_while_blocked(struct ktest *t, const char *path, const char *arg)
{
	ktest_run_program("/bin/misuse", "orphans", "0"); /* warm-up */
	u64 before = pmm_free_count();
	int pid = ktest_spawn(path, arg, NULL);
	KT_ASSERT(t, pid > 0);
	KT_ASSERT(t, until_blocked(pid, false));
	KT_EXPECT_EQ(t, process_kill(pid), 0);
	int status = -1;
	KT_EXPECT_EQ(t, guarded_wait(t, pid, &status), pid);
	expect_killed(t, status, KILL_BY_KILL);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
	printk("\n"); /* the shell's prompt ends without one: the KTAP line must start a line */
}

KTEST(misuse, kill_while_blocked_in_read)
{
	/* Bug C: the killed task became ready but was queued nowhere (its run-queue link was
	 * still on the console's wait queue): it never ran again and its parent waited forever. */
	kill_while_blocked(t, "/bin/misuse", "read");
}

KTEST(misuse, kill_the_shell_while_it_reads)
{
	kill_while_blocked(t, "/bin/sh", NULL);
}

KTEST(misuse, kill_while_blocked_in_wait_and_reap_the_orphan)
{
	/* Bug C in wait(), and bug E: the spinner it waited for becomes an orphan, which the
	 * reaper frees once it has been killed too. */
	u64 before = pmm_free_count();
	unsigned long reaped = reaped_orphans;
	int pid = ktest_spawn("/bin/misuse", "wait", NULL);
	KT_ASSERT(t, pid > 0);
	KT_ASSERT(t, until_blocked(pid, true));
	struct task *spinner = child_of(task_by_pid(pid));
	KT_ASSERT(t, spinner != NULL);
	int spinner_pid = spinner->id;
	KT_EXPECT_EQ(t, process_kill(pid), 0);
	int status = -1;
	KT_EXPECT_EQ(t, guarded_wait(t, pid, &status), pid);
	expect_killed(t, status, KILL_BY_KILL);
	/* The spinner lives on, adopted by the reaper. */
	spinner = task_by_pid(spinner_pid);
	KT_ASSERT(t, spinner != NULL);
	KT_EXPECT(t, spinner->parent == reaper_task);
	KT_EXPECT_EQ(t, process_kill(spinner_pid), 0);
	for (int i = 0; i < 500 && reaped_orphans == reaped; i++)
		sleep_ns(10 * MS);
	KT_EXPECT_EQ(t, reaped_orphans, reaped + 1);
	KT_EXPECT(t, task_by_pid(spinner_pid) == NULL);
	ktest_log(t, "free pages %llu -> %llu", (unsigned long long)before,
		  (unsigned long long)pmm_free_count());
	KT_EXPECT_EQ(t, pmm_free_count(), before);
}

/* ------------------------------------------------------ D: an oops wakes the parent -- */

/* An unmapped address, hidden from the compiler, which would warn at a constant one. */
static volatile uintptr_t bad_address = 16;

static int oops_later(void *arg)
{
	(void)arg;
	sleep_ns(20 * MS); /* so that the parent is asleep in wait() when we die */
	return *(volatile int *)bad_address;
}

/* A child that oopses in the kernel while its parent waits: a process (with an address space)
 * or a kernel thread. Returns the parent's wait status. */
static int oops_child(struct ktest *t, bool process)
{
	struct mm *mm = process ? mm_create() : NULL;
	unsigned long flags = arch_irq_save();
	struct task *c = task_create("oopser", oops_later, NULL);
	if (c) {
		c->parent = current_task();
		c->mm = mm;
	}
	arch_irq_restore(flags);
	KT_EXPECT(t, c != NULL && (!process || mm));
	if (!c)
		return -ENOMEM;
	int status = -1;
	KT_EXPECT_EQ(t, guarded_wait(t, c->id, &status), c->id);
	return status;
}

KTEST(misuse, oops_wakes_the_waiting_parent)
{
	/* Bug D: the oops path ended the task without the wake-up a normal exit does, and the
	 * parent slept in wait() for good. Now there is one exit path (task_exit -> exit_notify).
	 */
	u64 before = pmm_free_count();
	expect_killed(t, oops_child(t, true), KILL_OOPS);
	KT_EXPECT_EQ(t, oops_child(t, false), TASK_EXIT_OOPS);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
}

/* -------------------------------------------------------------- E: orphans ---------- */

KTEST(misuse, orphans_are_reaped)
{
	/* Bug E: orphaned zombies were never freed; 8 of them kept 500-550 pages. */
	/* A warm-up orphan, waited for until the reaper has counted it: the count goes up once
	 * the orphan's memory is back (reap() frees, then the reaper counts). */
	unsigned long warm = reaped_orphans;
	ktest_run_program("/bin/misuse", "orphans", "1");
	for (int i = 0; i < 500 && reaped_orphans == warm; i++)
		sleep_ns(10 * MS);
	u64 before = pmm_free_count();
	unsigned int tasks = task_count();
	unsigned long reaped = reaped_orphans;
	int st = ktest_run_program("/bin/misuse", "orphans", "8");
	KT_EXPECT_EQ(t, st, 0);
	for (int i = 0; i < 500 && reaped_orphans < reaped + 8; i++)
		sleep_ns(10 * MS);
	ktest_log(t, "reaped %lu orphans; free pages %llu -> %llu, tasks %u -> %u",
		  reaped_orphans - reaped, (unsigned long long)before,
		  (unsigned long long)pmm_free_count(), tasks, task_count());
	KT_EXPECT_EQ(t, reaped_orphans, reaped + 8);
	KT_EXPECT_EQ(t, task_count(), tasks);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
}

/* ------------------------------------------------------------------ FP, NT ---------- */

KTEST(misuse, fp_state_does_not_leak_between_programs)
{
	/* Bug H on x86_64: x87 worked in user mode, its state neither saved nor reset, so one
	 * program read another's st(0)-st(7). Now every process has its own FP/SIMD state,
	 * initial when it starts: /bin/fpu dirty fills every register and exits, and the
	 * program after it, /bin/entryregs, finds every one 0 and the control registers at
	 * their reset values (its exit status says which register if not). */
	u64 before = pmm_free_count();
	KT_EXPECT_EQ(t, ktest_run_program("/bin/fpu", "dirty", NULL), 0);
	int st = ktest_run_program("/bin/entryregs", NULL, NULL);
	ktest_log(t,
		  "entryregs after fpu dirty: wait status %#x (exit status 40 and up: an FP "
		  "register)",
		  st);
	KT_EXPECT(t, st >= 0 && WIFEXITED(st));
	KT_EXPECT_EQ(t, WEXITSTATUS(st), 0);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
}

KTEST(misuse, syscalls_with_nt_set)
{
	/* Bug F (x86_64; exits 0 elsewhere without trying): SYSCALL kept RFLAGS.NT, and the next
	 * IRETQ in ring 0 took #GP; the machine livelocked. */
	int st = misuse(t, "nt", NULL);
	KT_EXPECT(t, WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* ------------------------------------------------------- the stack registry ---------- */

static struct semaphore bomb_gate;

static int bomb_thread(void *arg)
{
	(void)arg;
	down(&bomb_gate);
	return 0;
}

struct own_count {
	int first_pid, last_pid;
	unsigned int task, user;
};

static void count_own(const struct stack_info *s, void *arg)
{
	struct own_count *c = arg;
	if (!s->task || s->task->id < c->first_pid || s->task->id > c->last_pid)
		return;
	c->task += s->kind == STACK_TASK;
	c->user += s->kind == STACK_USER;
}

#define BOMB_PROCESSES 100
#define BOMB_THREADS   200

KTEST(misuse, spawn_bomb_registers_every_stack)
{
	/* The registry had 128 slots: in a spawn bomb, later tasks' stacks went unregistered
	 * ("stack registry full", 814 times), and their overflows unexplained. Now each task
	 * carries its records: 100 processes blocked in read() and 200 kernel threads are 400
	 * stacks, every one registered, and all gone again afterwards. */
	unsigned int before = stack_count();
	static int pids[BOMB_PROCESSES];
	static struct task *threads[BOMB_THREADS];
	sema_init(&bomb_gate, 0);
	int procs = 0, nthreads = 0;
	for (; procs < BOMB_PROCESSES; procs++) {
		pids[procs] = ktest_spawn("/bin/misuse", "read", NULL);
		if (pids[procs] < 0)
			break;
	}
	for (; nthreads < BOMB_THREADS; nthreads++) {
		threads[nthreads] = task_create("bomb", bomb_thread, NULL);
		if (!threads[nthreads])
			break;
	}
	KT_EXPECT_EQ(t, procs, BOMB_PROCESSES);
	KT_EXPECT_EQ(t, nthreads, BOMB_THREADS);
	struct own_count c = { procs ? pids[0] : 0, nthreads ? threads[nthreads - 1]->id : -1, 0,
			       0 };
	stack_for_each(count_own, &c);
	int found = 0;
	for (int i = 0; i < nthreads; i++)
		found += stack_of(threads[i]->stack_base) == &threads[i]->kstack_info;
	ktest_log(t, "%d processes, %d threads: %u stacks registered (%u task, %u user), %u before",
		  procs, nthreads, stack_count(), c.task, c.user, before);
	KT_EXPECT_EQ(t, c.task, (unsigned int)(procs + nthreads));
	KT_EXPECT_EQ(t, c.user, (unsigned int)procs);
	KT_EXPECT_EQ(t, found, nthreads);
	KT_EXPECT_EQ(t, stack_count(), before + 2 * (unsigned int)procs + (unsigned int)nthreads);
	for (int i = 0; i < nthreads; i++)
		up(&bomb_gate);
	for (int i = 0; i < nthreads; i++)
		KT_EXPECT_EQ(t, task_join(threads[i]), 0);
	for (int i = 0; i < procs; i++)
		KT_EXPECT_EQ(t, process_kill(pids[i]), 0);
	for (int i = 0; i < procs; i++) {
		int st = -1;
		KT_EXPECT_EQ(t, process_wait(current_task(), pids[i], &st, false), pids[i]);
		KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_BY_KILL);
	}
	KT_EXPECT_EQ(t, stack_count(), before);
}
