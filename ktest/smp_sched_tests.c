// SPDX-License-Identifier: MIT
/*
 * ktest=smp_sched: the scheduler on every CPU (docs/smp.md, "The scheduler on every CPU"). The
 * tests run pinned to one CPU (ktest.cpu=), and a new task inherits the pin; each test here
 * unpins or pins the tasks it makes, so that they spread over the CPUs, move between them and
 * wake each other across them. Each checks exact results (counts, sums, orders, exit statuses,
 * free pages) and, with more than one CPU online, that the work really crossed CPUs. Run at
 * -smp 4 (smp_sched_smp4 in tests/meson.build) and, in ktest=all, at -smp 1, where everything
 * stays on one CPU and the exact results must hold all the same.
 */
#include <arch.h>
#include <cpu.h>
#include <ktest.h>
#include <irq.h>
#include <mm.h>
#include <pgtable.h>
#include <pmm.h>
#include <process.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <syscall.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>
#include <uvm.h>
#include <vmap.h>
#include <wait.h>

#define MAX_WORKERS (2 * MAX_CPUS)

static unsigned int popcount32(u32 x)
{
	unsigned int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static u32 all_online_mask(void)
{
	u32 m = 0;
	for (unsigned int i = 0; i < MAX_CPUS; i++)
		if (cpus[i].online)
			m |= 1u << i;
	return m;
}

/* Notes the CPU the caller runs on now in *mask. Atomically: tasks on other CPUs note theirs
 * in the same mask at the same time, and a plain |= (a load, an or, a store) loses the bit of
 * whichever stored first. */
static void note_cpu(volatile u32 *mask)
{
	unsigned long flags = arch_irq_save();
	__atomic_fetch_or(mask, 1u << arch_this_cpu()->id, __ATOMIC_RELAXED);
	arch_irq_restore(flags);
}

/* ------------------------------------------------ spreading, and moving while preempted -- */

struct spinner {
	volatile bool stop;
	volatile u32 cpus_seen;
};

static int spin_and_note(void *arg)
{
	struct spinner *s = arg;
	while (!READ_ONCE(s->stop))
		note_cpu(&s->cpus_seen);
	return 0;
}

static u64 pulled_total(void)
{
	u64 n = 0;
	for (unsigned int i = 0; i < MAX_CPUS; i++)
		n += READ_ONCE(cpus[i].pulled);
	return n;
}

/* Two spinners per CPU, all made on this CPU (pinned here, as the test is) and preempted
 * there a few times; then unpinned. The idle CPUs must take them from this CPU's queue
 * (pull_task()): each moved task was preempted on one CPU and resumed on another. */
KTEST(smp_sched, queued_tasks_move_to_idle_cpus)
{
	unsigned int online = smp_cpus_online(), n = 2 * online;
	static struct spinner sp[MAX_WORKERS];
	struct task *tk[MAX_WORKERS];
	for (unsigned int i = 0; i < n; i++) {
		sp[i] = (struct spinner){ 0 };
		tk[i] = task_create("spinner", spin_and_note, &sp[i]);
		KT_ASSERT(t, tk[i]);
	}
	KT_EXPECT(t, ktest_wait_switches(tk, (int)n, 2, 5000));
	u64 pulled = pulled_total();
	for (unsigned int i = 0; i < n; i++)
		KT_EXPECT_EQ(t, sched_set_cpu(tk[i], -1), 0);
	sleep_ns(300 * NSEC_PER_MSEC);
	for (unsigned int i = 0; i < n; i++)
		sp[i].stop = true;
	u32 seen = 0;
	unsigned int moved = 0;
	u64 migrations = 0;
	for (unsigned int i = 0; i < n; i++) {
		migrations += tk[i]->migrations;
		KT_EXPECT_EQ(t, task_join(tk[i]), 0);
		seen |= sp[i].cpus_seen;
		moved += popcount32(sp[i].cpus_seen) >= 2;
	}
	pulled = pulled_total() - pulled;
	ktest_log(t,
		  "%u spinners on %u CPUs: ran on CPUs %#x, %u ran on two or more, %llu moves, "
		  "%llu pulled by a less busy CPU",
		  n, online, seen, moved, (unsigned long long)migrations,
		  (unsigned long long)pulled);
	KT_EXPECT_EQ(t, seen, all_online_mask());
	if (online > 1) {
		/* At least one for each other CPU, which started with nothing to run. */
		KT_EXPECT(t, moved >= online - 1);
		KT_EXPECT(t, pulled >= online - 1);
		KT_EXPECT(t, migrations >= online - 1);
	}
}

/* ----------------------------------------- shared counters: a spinlock and a mutex -------- */

/* Enough for every task to meet the others at the lock many times, and few enough that a
 * loaded host, descheduling the vCPU whose ticket is next, cannot stretch the run into
 * minutes (docs/smp.md, "Spinlocks": ticket locks under vCPU overcommit). */
#define LOCK_ROUNDS  2000
#define MUTEX_ROUNDS 400

static struct {
	spinlock_t lock;
	struct mutex mutex;
	volatile u64 under_lock, under_mutex;
	volatile u32 cpus_seen;
	unsigned int yields;
	unsigned int started, go;
} shared = { .lock = SPINLOCK_INIT("ktest.shared") };

static int count_worker(void *arg)
{
	(void)arg;
	/* Where it was placed, before any CPU may take it: that every CPU ran one does not
	 * depend on how fast each vCPU's host thread is (a CPU whose thread the host keeps
	 * waiting could see both its tasks pulled away before it ran either: cpus_seen 0xd). */
	note_cpu(&shared.cpus_seen);
	__atomic_fetch_add(&shared.started, 1, __ATOMIC_RELEASE);
	/* All start together, so that they overlap, wherever each was placed. */
	while (!__atomic_load_n(&shared.go, __ATOMIC_ACQUIRE))
		yield();
	for (int i = 0; i < LOCK_ROUNDS; i++) {
		unsigned long flags = spin_lock_irqsave(&shared.lock);
		shared.under_lock = shared.under_lock + 1; /* a read and a write: lost unlocked */
		spin_unlock_irqrestore(&shared.lock, flags);
		if (i % 128 == 0)
			note_cpu(&shared.cpus_seen);
	}
	for (int i = 0; i < MUTEX_ROUNDS; i++) {
		mutex_lock(&shared.mutex);
		u64 v = shared.under_mutex;
		/* Now and then give up the CPU holding the mutex: the others block on it, and
		 * the unlock must wake one, wherever it sleeps. */
		if (i % 16 == 0) {
			__atomic_fetch_add(&shared.yields, 1, __ATOMIC_RELAXED);
			yield();
		}
		shared.under_mutex = v + 1;
		mutex_unlock(&shared.mutex);
	}
	note_cpu(&shared.cpus_seen);
	return 0;
}

KTEST(smp_sched, counters_exact_under_a_spinlock_and_a_mutex)
{
	unsigned int online = smp_cpus_online(), n = 2 * online;
	struct task *tk[MAX_WORKERS];
	mutex_init(&shared.mutex);
	shared.under_lock = shared.under_mutex = 0;
	shared.cpus_seen = 0;
	shared.yields = 0;
	shared.started = shared.go = 0;
	/* One on each CPU in turn (a pin, lifted once each has run where it was put): placement
	 * by load alone could put them all on one CPU if each was over before the next was
	 * made. */
	for (unsigned int i = 0; i < n; i++) {
		tk[i] = task_new("counter", count_worker, NULL);
		KT_ASSERT(t, tk[i]);
		sched_set_cpu(tk[i], (int)(i % online));
		task_start(tk[i]);
	}
	while (__atomic_load_n(&shared.started, __ATOMIC_ACQUIRE) < n)
		yield();
	for (unsigned int i = 0; i < n; i++)
		sched_set_cpu(tk[i], -1);
	__atomic_store_n(&shared.go, 1, __ATOMIC_RELEASE);
	for (unsigned int i = 0; i < n; i++)
		KT_EXPECT_EQ(t, task_join(tk[i]), 0);
	ktest_log(t,
		  "%u tasks on CPUs %#x: %llu under the spinlock, %llu under the mutex (%u yields "
		  "holding it)",
		  n, shared.cpus_seen, (unsigned long long)shared.under_lock,
		  (unsigned long long)shared.under_mutex, shared.yields);
	KT_EXPECT_EQ(t, shared.under_lock, (u64)n * LOCK_ROUNDS);
	KT_EXPECT_EQ(t, shared.under_mutex, (u64)n * MUTEX_ROUNDS);
	KT_EXPECT(t, shared.mutex.owner == NULL);
	KT_EXPECT(t, !spin_is_locked(&shared.lock));
	KT_EXPECT_EQ(t, shared.cpus_seen, all_online_mask());
}

/* ------------------------------------------- producer and consumer on two CPUs ------------ */

#define PC_ITEMS 3000
#define PC_SLOTS 4

static struct {
	struct semaphore empty, full;
	spinlock_t lock;
	u64 slot[PC_SLOTS];
	unsigned int head, tail;
	u64 sum;
	unsigned int out_of_order;
	volatile u32 producer_cpus, consumer_cpus;
} pc = { .lock = SPINLOCK_INIT("ktest.pc") };

static int producer(void *arg)
{
	(void)arg;
	for (u64 i = 1; i <= PC_ITEMS; i++) {
		down(&pc.empty);
		unsigned long flags = spin_lock_irqsave(&pc.lock);
		pc.slot[pc.head++ % PC_SLOTS] = i;
		spin_unlock_irqrestore(&pc.lock, flags);
		up(&pc.full);
	}
	note_cpu(&pc.producer_cpus);
	return 0;
}

static int consumer(void *arg)
{
	(void)arg;
	for (u64 want = 1; want <= PC_ITEMS; want++) {
		down(&pc.full);
		unsigned long flags = spin_lock_irqsave(&pc.lock);
		u64 v = pc.slot[pc.tail++ % PC_SLOTS];
		spin_unlock_irqrestore(&pc.lock, flags);
		up(&pc.empty);
		pc.sum += v;
		pc.out_of_order += v != want;
	}
	note_cpu(&pc.consumer_cpus);
	return 0;
}

/* A bounded buffer of 4 slots between a producer pinned to one CPU and a consumer pinned to
 * another: each blocks on its semaphore whenever it is ahead, and is woken by the other from
 * the other CPU. 3000 items must arrive all, once each, in order. */
KTEST(smp_sched, producer_and_consumer_on_two_cpus)
{
	unsigned int online = smp_cpus_online(), me = arch_this_cpu()->id;
	unsigned int other = online > 1 ? (me + 1) % online : me;
	sema_init(&pc.empty, PC_SLOTS);
	sema_init(&pc.full, 0);
	pc.head = pc.tail = 0;
	pc.sum = 0;
	pc.out_of_order = 0;
	pc.producer_cpus = pc.consumer_cpus = 0;
	struct task *p = task_new("producer", producer, NULL);
	struct task *c = task_new("consumer", consumer, NULL);
	KT_ASSERT(t, p && c);
	KT_EXPECT_EQ(t, sched_set_cpu(p, (int)me), 0);
	KT_EXPECT_EQ(t, sched_set_cpu(c, (int)other), 0);
	u64 start = clock_ns();
	task_start(c);
	task_start(p);
	KT_EXPECT_EQ(t, task_join(p), 0);
	KT_EXPECT_EQ(t, task_join(c), 0);
	u64 us = (clock_ns() - start) / 1000;
	ktest_log(t,
		  "%d items from cpu%u to cpu%u in %llu us; producer switched in %llu times, "
		  "consumer %llu",
		  PC_ITEMS, me, other, (unsigned long long)us, (unsigned long long)p->switches_in,
		  (unsigned long long)c->switches_in);
	KT_EXPECT_EQ(t, pc.sum, (u64)PC_ITEMS * (PC_ITEMS + 1) / 2);
	KT_EXPECT_EQ(t, pc.out_of_order, 0u);
	KT_EXPECT_EQ(t, pc.producer_cpus, 1u << me);
	KT_EXPECT_EQ(t, pc.consumer_cpus, 1u << other);
	KT_EXPECT_EQ(t, pc.full.count, 0);
	KT_EXPECT_EQ(t, pc.empty.count, PC_SLOTS);
}

/* ------------------------------------------------------------- sleeping on every CPU ------ */

#define SLEEPS 5

struct sleeper {
	unsigned int woke_early;
	u64 slept_ns;
	volatile u32 cpus_seen;
};

static int sleep_a_while(void *arg)
{
	struct sleeper *s = arg;
	for (int i = 0; i < SLEEPS; i++) {
		u64 want = (u64)(5 + 7 * i) * NSEC_PER_MSEC, start = clock_ns();
		note_cpu(&s->cpus_seen);
		sleep_ns(want);
		u64 took = clock_ns() - start;
		s->slept_ns += took;
		s->woke_early += took < want;
	}
	return 0;
}

/* Two tasks pinned to each CPU sleep on that CPU's sleep list and are woken by its tick: none
 * wakes early, none is lost (each join returns). */
KTEST(smp_sched, sleepers_wake_on_every_cpu)
{
	unsigned int online = smp_cpus_online(), n = 2 * online;
	static struct sleeper sl[MAX_WORKERS];
	struct task *tk[MAX_WORKERS];
	for (unsigned int i = 0; i < n; i++) {
		sl[i] = (struct sleeper){ 0 };
		tk[i] = task_new("sleeper", sleep_a_while, &sl[i]);
		KT_ASSERT(t, tk[i]);
		sched_set_cpu(tk[i], (int)(i % online)); /* two on each CPU's sleep list */
		task_start(tk[i]);
	}
	u32 seen = 0;
	unsigned int early = 0;
	for (unsigned int i = 0; i < n; i++) {
		KT_EXPECT_EQ(t, task_join(tk[i]), 0);
		seen |= sl[i].cpus_seen;
		early += sl[i].woke_early;
	}
	ktest_log(t, "%u sleepers, %d sleeps each, on CPUs %#x; %u woke early", n, SLEEPS, seen,
		  early);
	KT_EXPECT_EQ(t, early, 0u);
	KT_EXPECT_EQ(t, seen, all_online_mask());
}

/* ------------------------------------------------- user processes on every CPU ------------ */

struct zombie_cpus {
	struct task *parent;
	u32 mask;
	unsigned int zombies;
};

static void note_zombie(struct task *task, void *arg)
{
	struct zombie_cpus *z = arg;
	if (task->parent == z->parent && task->state == TASK_ZOMBIE) {
		z->mask |= 1u << task->cpu->id;
		z->zombies++;
	}
}

/* 4 programs per CPU, started from every CPU in turn, all waited for: every exit status 0, and the
 * free pages and the task count back exactly. Which CPU each exited on is read from the zombies
 * before they are reaped. */
/* One round: n programs started at once, all waited for. Returns how many exited with 0;
 * *mask gets the CPUs they exited on, *zombies how many were seen as zombies. */
static unsigned int spawn_round(unsigned int n, u32 *mask, unsigned int *zombies)
{
	int me = current_task()->pinned_cpu;
	int pids[4 * MAX_CPUS];
	/* Each started from the next CPU in turn, pinned there as its parent is meanwhile: a
	 * program this short would otherwise be over before the next one starts, and every one
	 * would go to the same idle CPU. */
	for (unsigned int i = 0; i < n; i++) {
		sched_set_cpu(current_task(), (int)(i % smp_cpus_online()));
		pids[i] = ktest_spawn("/bin/hello", "quiet", NULL);
	}
	sched_set_cpu(current_task(), me);
	struct zombie_cpus z = { current_task(), 0, 0 };
	u64 end = clock_ns() + 10 * NSEC_PER_SEC;
	while (z.zombies < n && clock_ns() < end) {
		z.mask = 0;
		z.zombies = 0;
		task_for_each(note_zombie, &z);
		sleep_ns(NSEC_PER_MSEC);
	}
	unsigned int ok = 0;
	for (unsigned int i = 0; i < n; i++) {
		int status = -1;
		ok += pids[i] > 0 &&
		      process_wait(current_task(), pids[i], &status, false) == pids[i] &&
		      status == 0;
	}
	*mask = z.mask;
	*zombies = z.zombies;
	return ok;
}

/* 4 programs per CPU, started from every CPU in turn, all waited for: every exit status 0, and the
 * free pages and the task count back exactly. Which CPU each exited on is read from the zombies
 * before they are reaped. A first round warms the kernel heap up to that many processes at once (it
 * keeps the pages it grew by); the second must then give back every page. */
KTEST(smp_sched, processes_spawn_and_exit_on_every_cpu)
{
	unsigned int online = smp_cpus_online(), n = 4 * online, zombies;
	u32 mask;
	KT_EXPECT_EQ(t, spawn_round(n, &mask, &zombies), n);
	u64 pages = pmm_free_count();
	unsigned int tasks = task_count();
	unsigned int ok = spawn_round(n, &mask, &zombies);
	ktest_log(t,
		  "%u processes: %u exited with 0, on CPUs %#x; free pages %llu -> %llu, tasks "
		  "%u -> %u",
		  n, ok, mask, (unsigned long long)pages, (unsigned long long)pmm_free_count(),
		  tasks, task_count());
	KT_EXPECT_EQ(t, ok, n);
	KT_EXPECT_EQ(t, zombies, n);
	KT_EXPECT_EQ(t, pmm_free_count(), pages);
	KT_EXPECT_EQ(t, task_count(), tasks);
	KT_EXPECT_EQ(t, mask, all_online_mask());
}

/* A program spinning in user mode on another CPU, killed from this one: the kill makes that CPU
 * enter the kernel (a reschedule IPI), where the program dies; the wait here returns its
 * cause. */
KTEST(smp_sched, kill_reaches_a_program_on_another_cpu)
{
	unsigned int online = smp_cpus_online(), me = arch_this_cpu()->id;
	unsigned int other = online > 1 ? (me + 1) % online : me;
	u64 pages = pmm_free_count();
	sched_set_cpu(current_task(), (int)other);
	int pid = ktest_spawn("/bin/utest", "spin", NULL);
	sched_set_cpu(current_task(), (int)me);
	KT_ASSERT(t, pid > 0);
	/* Let it reach its loop on the other CPU. */
	sleep_ns(50 * NSEC_PER_MSEC);
	u64 ipis = online > 1 ? irq_count_on(other, IRQ_IPI) : 0;
	KT_EXPECT_EQ(t, process_kill(pid), 0);
	int status = 0;
	KT_EXPECT_EQ(t, process_wait(current_task(), pid, &status, false), pid);
	ktest_log(t, "killed pid %d on cpu%u from cpu%u: status %#x; IPIs to cpu%u %llu -> %llu",
		  pid, other, me, status, other, (unsigned long long)ipis,
		  (unsigned long long)(online > 1 ? irq_count_on(other, IRQ_IPI) : 0));
	KT_EXPECT(t, !WIFEXITED(status) && WKILLCAUSE(status) == KILL_BY_KILL);
	if (online > 1)
		KT_EXPECT(t, irq_count_on(other, IRQ_IPI) > ipis);
	KT_EXPECT_EQ(t, pmm_free_count(), pages);
}

/* ------------------------------------------------------------------------- the TLB -------- */

#define TLB_VA 0x40000000ul

/*
 * An address space touched on CPU A, given back on CPU B, used again on CPU A: the page must
 * be gone. The test thread works in a user address space of its own (as uprog_with_mm()),
 * through the user copies, which turn a fault into -EFAULT. On A it writes the page (A's TLB
 * now holds the translation), moves to B, unmaps the page as an sbrk shrink does (mm_unmap(),
 * which frees it), moves back to A and reads: a translation left in A's TLB would read the
 * freed page. No IPI is needed for that, because A dropped every user entry when it switched
 * away from this address space (docs/smp.md, "TLB shootdown"); this test fails if that
 * stops being true.
 */
KTEST(smp_sched, stale_tlb_entry_cannot_read_a_freed_page)
{
	unsigned int online = smp_cpus_online(), a = arch_this_cpu()->id;
	unsigned int b = online > 1 ? (a + 1) % online : a;
	struct mm *mm = mm_create();
	KT_ASSERT(t, mm);
	KT_ASSERT(t, mm_map_anon(mm, TLB_VA, PAGE_SIZE, PROT_R | PROT_W) == 0);
	u64 pages = pmm_free_count();
	struct task *self = current_task();
	unsigned long flags = arch_irq_save();
	self->mm = mm;
	arch_mm_activate(mm->root);
	arch_irq_restore(flags);

	u64 magic = 0x5157a1e7154b0001ull, got = 0;
	KT_EXPECT_EQ(t, copy_to_user((void *)TLB_VA, &magic, sizeof(magic)), 0);
	KT_EXPECT_EQ(t, copy_from_user(&got, (void *)TLB_VA, sizeof(got)), 0);
	KT_EXPECT_EQ(t, got, magic);
	unsigned int on_a = arch_this_cpu()->id;
	sched_set_cpu(self, (int)b);
	unsigned int on_b = arch_this_cpu()->id;
	mm_unmap(mm, TLB_VA, PAGE_SIZE);
	u64 freed = pmm_free_count() - pages;
	sched_set_cpu(self, (int)a);
	unsigned int back = arch_this_cpu()->id;
	got = 0;
	int err = copy_from_user(&got, (void *)TLB_VA, sizeof(got));

	flags = arch_irq_save();
	self->mm = NULL;
	arch_mm_activate(0);
	arch_irq_restore(flags);
	mm_destroy(mm);
	ktest_log(t,
		  "wrote on cpu%u, unmapped on cpu%u (%llu page freed), read on cpu%u: %d, got "
		  "%#llx",
		  on_a, on_b, (unsigned long long)freed, back, err, (unsigned long long)got);
	KT_EXPECT_EQ(t, on_a, a);
	KT_EXPECT_EQ(t, on_b, b);
	KT_EXPECT_EQ(t, back, a);
	KT_EXPECT_EQ(t, freed, 1ull);
	KT_EXPECT_EQ(t, err, -EFAULT);
	KT_EXPECT(t, got != magic);
}

/*
 * Kernel translations are global and survive every switch, so changing one needs a shootdown
 * (smp_flush_tlb_kernel_range()). A VMAP page is read on another CPU (which caches the
 * translation), then remapped here to a new page; the other CPU must read the new page's
 * contents. Without the shootdown it reads the old page: the test first shows that, by
 * remapping with only this CPU's flush (logged; QEMU may refill on its own, so it is not
 * asserted), then does the real one and asserts.
 */
static void read_word(void *arg)
{
	u64 **p = arg;
	p[1] = (u64 *)READ_ONCE(*p[0]);
}

KTEST(smp_sched, kernel_mapping_change_reaches_every_cpu)
{
	unsigned int online = smp_cpus_online(), me = arch_this_cpu()->id;
	if (online < 2) {
		ktest_skip(t, "one CPU: nobody to shoot down");
		return;
	}
	unsigned int other = (me + 1) % online;
	u64 *v = vmap_alloc(PAGE_SIZE, PAGE_SIZE, PAGE_SIZE);
	KT_ASSERT(t, v);
	*v = 0xa;
	u64 *rd[2] = { v, NULL };
	KT_ASSERT(t, smp_call_on_cpu(other, read_word, rd) == 0);
	KT_EXPECT_EQ(t, (u64)(uintptr_t)rd[1], 0xaull);

	phys_addr_t old_pa, pa[2];
	KT_ASSERT(t, pt_lookup(kernel_root, (vaddr_t)v, &old_pa, NULL, NULL));
	u64 words[2] = { 0xb, 0xc }, seen[2];
	u64 shootdowns = smp_tlb_shootdowns(other);
	for (int round = 0; round < 2; round++) {
		pa[round] = pmm_alloc_page();
		KT_ASSERT(t, pa[round]);
		*(u64 *)phys_to_virt(pa[round]) = words[round];
		phys_addr_t prev;
		KT_ASSERT(t, pt_lookup(kernel_root, (vaddr_t)v, &prev, NULL, NULL));
		pt_unmap(kernel_root, (vaddr_t)v, PAGE_SIZE);
		KT_ASSERT(t, pt_map(kernel_root, (vaddr_t)v, pa[round], PAGE_SIZE, PROT_R | PROT_W,
				    false) == 0);
		if (round == 0)
			arch_tlb_flush_page((vaddr_t)v); /* this CPU's only */
		else
			smp_flush_tlb_kernel_range((vaddr_t)v, PAGE_SIZE);
		KT_ASSERT(t, smp_call_on_cpu(other, read_word, rd) == 0);
		seen[round] = (u64)(uintptr_t)rd[1];
		if (round == 1)
			pmm_free_page(prev);
	}
	/* Back to the page vmap_alloc() gave, which vmap_free() frees. */
	phys_addr_t last;
	KT_ASSERT(t, pt_lookup(kernel_root, (vaddr_t)v, &last, NULL, NULL));
	pt_unmap(kernel_root, (vaddr_t)v, PAGE_SIZE);
	KT_ASSERT(t,
		  pt_map(kernel_root, (vaddr_t)v, old_pa, PAGE_SIZE, PROT_R | PROT_W, false) == 0);
	smp_flush_tlb_kernel_range((vaddr_t)v, PAGE_SIZE);
	pmm_free_page(last);
	vmap_free(v, PAGE_SIZE, PAGE_SIZE);
	u64 ipis = smp_tlb_shootdowns(other) - shootdowns;
	ktest_log(t,
		  "cpu%u read %#llx after a local flush only (stale if %#x), %#llx after the "
		  "shootdown (want %#llx); %llu shootdown IPIs taken there",
		  other, (unsigned long long)seen[0], 0xa, (unsigned long long)seen[1],
		  (unsigned long long)words[1], (unsigned long long)ipis);
	KT_EXPECT_EQ(t, seen[1], words[1]);
}
