// SPDX-License-Identifier: MIT
/*
 * User processes: spawn, the way into and back out of user mode, exit, wait, kill, and what
 * happens to a program that faults. See include/process.h and include/syscall.h.
 */
#include <arch.h>
#include <cpu.h>
#include <fpu.h>
#include <elf.h>
#include <extable.h>
#include <initramfs.h>
#include <kmalloc.h>
#include <list.h>
#include <mm.h>
#include <panic.h>
#include <pgtable.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <smp.h>
#include <stack.h>
#include <string.h>
#include <syscall.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>
#include <uvm.h>
#include <asm/elf.h>
#include <wait.h>

/* Where user stacks go: their top is at most USER_STACK_TOP_MAX, lowered by a random number of
 * pages (up to USER_STACK_RANDOM_PAGES) per process, as Linux's randomize_stack_top() does; below
 * each stack an unmapped gap of USER_STACK_GUARD catches an overflow (Linux does the same). */
#define USER_STACK_TOP_MAX	(USER_END - 16 * 1024 * 1024)
#define USER_STACK_RANDOM_PAGES 4096

bool randomize_stack = true;

/* Every exit of a task wakes this queue (exit_notify()); wait() and the reaper recheck their
 * children. */
static struct wait_queue child_exited = WAIT_QUEUE_INIT(child_exited);

/* Orphans the reaper has freed (the tests watch it). */
unsigned long reaped_orphans;

/* ------------------------------------------------------------------ randomness -------- */

static u64 rng_state;

/* xorshift64*, seeded from the cycle counter: enough to move stacks around, not for secrets. */
static u64 xorshift(u64 x)
{
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	return x;
}

/* xorshift64*, one atomic step at a time: two CPUs spawning at once get different values. */
static u64 random_u64(void)
{
	u64 old = __atomic_load_n(&rng_state, __ATOMIC_RELAXED), next;
	do {
		next = xorshift(old ? old : arch_counter() | 1);
	} while (!__atomic_compare_exchange_n(&rng_state, &old, next, false, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return next * 2685821657736338717ULL;
}

/* ---------------------------------------------------------------- the user stack ------- */

/* Builds argc, argv[] and the strings at the top of the new stack, the System V layout crt0
 * expects: sp -> argc, argv[0..argc-1], NULL, envp NULL, auxv AT_NULL (0, 0). Returns sp. */
static int build_stack(struct mm *mm, int argc, char *const argv[], uintptr_t *sp_out,
		       uintptr_t *argv_out)
{
	uintptr_t top = mm->stack_top, p = top;
	uintptr_t ptrs[SPAWN_ARGC_MAX];
	for (int i = argc - 1; i >= 0; i--) {
		size_t n = strlen(argv[i]) + 1;
		p -= n;
		if (mm_write(mm, p, argv[i], n))
			return -EFAULT;
		ptrs[i] = p;
	}
	/* argc, argc pointers, NULL, NULL, 0, 0: 16-byte aligned at argc. */
	size_t words = 1 + (size_t)argc + 1 + 1 + 2;
	p = ALIGN_DOWN(p - words * sizeof(u64), 16);
	u64 v = (u64)argc;
	uintptr_t w = p;
	if (mm_write(mm, w, &v, 8))
		return -EFAULT;
	w += 8;
	*argv_out = w;
	for (int i = 0; i < argc; i++, w += 8)
		if (mm_write(mm, w, &ptrs[i], 8))
			return -EFAULT;
	v = 0;
	for (int i = 0; i < 4; i++, w += 8)
		if (mm_write(mm, w, &v, 8))
			return -EFAULT;
	*sp_out = p;
	return 0;
}

/* ------------------------------------------------------------------- spawning --------- */

struct start_info {
	struct mm *mm;
	uintptr_t entry, sp, argv;
	int argc;
};

/* The first thing a new process runs, still in the kernel: take the address space, then leave
 * for user mode through the arch's return path. */
static int process_start(void *arg)
{
	struct start_info *si = arg;
	struct task *self = current_task();
	struct pt_regs *regs = task_pt_regs(self);

	arch_irq_disable();
	arch_mm_activate(self->mm->root); /* the switch to us did it already; say it here too */
	arch_user_regs_init(regs, si->entry, si->sp, (uintptr_t)si->argc, si->argv);
	kfree(si);
	self->user_entry_reason = SWITCH_START; /* the tracer names this first return so */
	arch_ret_to_user(regs);
}

/*
 * Loads the program at path from the initramfs into mm: checks the ELF (for this arch, W^X,
 * inside user space: kernel/lib/elf.c), maps each PT_LOAD segment with its own rights and copies
 * its file bytes (the rest, the bss, stays zero). Returns 0 with the entry point and the end of
 * the highest segment, or -ENOENT / -ENOEXEC / -ENOMEM.
 */
static int process_load(struct mm *mm, const char *path, uintptr_t *entry, uintptr_t *end)
{
	const void *data;
	size_t size;
	if (initramfs_find(path, &data, &size) != 0)
		return -ENOENT;
	struct elf_image img;
	int err = elf_check(&img, data, size, ELF_MACHINE, USER_STACK_TOP_MAX);
	if (err) {
		printk("spawn %s: not a program for this machine: %s\n", path, elf_strerror(err));
		return -ENOEXEC;
	}
	struct elf_segment seg;
	for (unsigned int cur = 0; elf_next_load(&img, &cur, &seg);) {
		unsigned int prot = PROT_R;
		if (seg.flags & PF_W)
			prot |= PROT_W;
		if (seg.flags & PF_X)
			prot |= PROT_X;
		uintptr_t lo = ALIGN_DOWN(seg.vaddr, PAGE_SIZE);
		uintptr_t hi = ALIGN_UP(seg.vaddr + seg.memsz, PAGE_SIZE);
		err = mm_map_anon(mm, lo, hi - lo, prot);
		if (!err)
			err = mm_write(mm, seg.vaddr, img.data + seg.offset, seg.filesz);
		if (err)
			return err == -EEXIST || err == -EINVAL ? -ENOEXEC : err;
	}
	*entry = img.entry;
	*end = img.highest;
	return 0;
}

int process_spawn(struct task *parent, const char *path, int argc, char *const argv[])
{
	if (argc < 1 || argc > SPAWN_ARGC_MAX)
		return -E2BIG;
	size_t bytes = 0;
	for (int i = 0; i < argc; i++)
		bytes += strlen(argv[i]) + 1;
	if (bytes > SPAWN_ARGV_MAX)
		return -E2BIG;

	struct mm *mm = mm_create();
	struct start_info *si = kmalloc(sizeof(*si));
	if (!mm || !si) {
		if (mm)
			mm_destroy(mm);
		kfree(si);
		return -ENOMEM;
	}
	uintptr_t entry, end;
	int err = process_load(mm, path, &entry, &end);
	if (!err) {
		mm->brk_start = mm->brk = ALIGN_UP(end, PAGE_SIZE);
		uintptr_t top = USER_STACK_TOP_MAX;
		if (randomize_stack)
			top -= (random_u64() % USER_STACK_RANDOM_PAGES) * PAGE_SIZE;
		mm->stack_top = top;
		mm->stack_low = top - USER_STACK_SIZE;
		err = mm_map_anon(mm, mm->stack_low, USER_STACK_SIZE, PROT_R | PROT_W);
	}
	if (!err)
		err = build_stack(mm, argc, argv, &si->sp, &si->argv);
	if (err) {
		mm_destroy(mm);
		kfree(si);
		return err;
	}
	/* Everything the child needs is in place before it can run. */
	si->mm = mm;
	si->entry = entry;
	si->argc = argc;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	/* Made, given its parent and address space, then started: it may run on another CPU at
	 * once. */
	struct task *t = task_new(name, process_start, si);
	if (!t || fpu_alloc(t)) {
		if (t)
			task_discard(t);
		mm_destroy(mm);
		kfree(si);
		return -ENOMEM;
	}
	t->parent = parent;
	/* From its first switch on, the scheduler gives it this address space. */
	t->mm = mm;
	/* Its user stack, in the registry until the task is reaped (task_join()); not painted:
	 * it is user memory, the program's to fill. */
	stack_register(STACK_USER, -1, t, mm->stack_low, USER_STACK_SIZE, USER_STACK_GUARD_GAP);
	int id = t->id;
	task_start(t);
	return id;
}

/* ----------------------------------------------------------- wait, kill, exit --------- */

struct child_search {
	struct task *parent;
	int pid;
	struct task *zombie; /* a matching child that has exited */
	bool any;	     /* a matching child exists */
};

static void find_child(struct task *t, void *arg)
{
	struct child_search *s = arg;
	if (t->parent != s->parent || (s->pid != -1 && t->id != s->pid))
		return;
	s->any = true;
	/* A zombie on another CPU may still be on its way off it: task_join() waits for that. */
	if (t->state == TASK_ZOMBIE && !s->zombie)
		s->zombie = t;
}

static bool child_ready(void *arg)
{
	struct child_search *s = arg;
	s->zombie = NULL;
	s->any = false;
	task_for_each(find_child, s);
	return s->zombie || !s->any || current_task()->killed;
}

/* Frees a zombie child: its task (stack, struct) and its address space. Returns its code. */
static int reap(struct task *zombie)
{
	struct mm *mm = zombie->mm;
	int st = task_join(zombie);
	if (mm)
		mm_destroy(mm);
	return st;
}

int process_wait(struct task *parent, int pid, int *status, bool nohang)
{
	struct child_search s = { parent, pid, NULL, false };
	if (nohang) {
		child_ready(&s);
		if (!s.zombie)
			return s.any ? 0 : -ECHILD;
	} else {
		wait_event(&child_exited, child_ready, &s);
	}
	if (!s.zombie)
		return s.any ? -EINTR : -ECHILD;
	int id = s.zombie->id;
	int st = reap(s.zombie);
	if (status)
		*status = st;
	return id;
}

/* ------------------------------------------------------------------- orphans ----------- */

struct task *reaper_task;

static void adopt(struct task *t, void *arg)
{
	if (t->parent == arg)
		t->parent = reaper_task;
}

void exit_notify(struct task *t)
{
	/* The reaper itself never exits; if it did, its orphans would have nobody. */
	if (reaper_task && t != reaper_task)
		task_for_each(adopt, t);
	wake_all(&child_exited);
}

static bool orphan_exited(void *arg)
{
	struct child_search *s = arg;
	s->zombie = NULL;
	s->any = false;
	task_for_each(find_child, s);
	return s->zombie != NULL;
}

/* The reaper: sleeps until one of its adopted children has exited, frees it, and again. An
 * orphan costs its memory only until it exits. Linux's init does this in user space (and
 * kthreadd for kernel threads); a kernel thread does it here, so that it works the same with
 * or without /bin/init (the test suite runs without it). */
static __noreturn void reap_orphans(void)
{
	for (;;) {
		struct child_search s = { current_task(), -1, NULL, false };
		wait_event(&child_exited, orphan_exited, &s);
		reap(s.zombie);
		reaped_orphans++;
	}
}

static int reaper(void *arg)
{
	(void)arg;
	reap_orphans();
}

void proc_init(void)
{
	reaper_task = task_create("reaper", reaper, NULL);
	if (!reaper_task)
		panic("no memory for the reaper thread");
}

struct kill_search {
	int pid;
	int cause;
	bool found;
};

/* Under the task list's lock: the task cannot be reaped and freed meanwhile. */
static void kill_pid(struct task *t, void *arg)
{
	struct kill_search *k = arg;
	if (t->id != k->pid || !t->mm || t->state == TASK_ZOMBIE)
		return;
	k->found = true;
	t->kill_cause = k->cause;
	t->killed = true;
	/* A sleeping process wakes up to die on its way back to user mode (wake_up() reads its
	 * state after a full barrier: wait_event()). One running on another CPU is made to
	 * enter the kernel now, rather than at its next tick (Linux: kick_process()). */
	if (!wake_up(t) && t->on_cpu && t->cpu != arch_this_cpu())
		smp_send_reschedule(t->cpu->id);
}

int process_kill(int pid)
{
	return process_kill_cause(pid, KILL_BY_KILL);
}

int process_kill_cause(int pid, int cause)
{
	struct kill_search k = { pid, cause, false };
	task_for_each(kill_pid, &k);
	return k.found ? 0 : -ESRCH;
}

void process_exit(int status)
{
	task_exit(status); /* exit_notify() wakes the parent */
}

void exit_to_user_mode(struct pt_regs *regs)
{
	(void)regs;
	struct task *self = current_task();
	for (;;) {
		if (self->killed)
			process_exit(self->kill_cause);
		/* This CPU's flag, read again after each switch: the task may come back on
		 * another CPU. */
		if (!arch_this_cpu()->need_resched)
			return;
		schedule();
	}
}

static int kill_cause_of(enum oops_kind kind)
{
	switch (kind) {
	case OOPS_ILLEGAL:
		return KILL_ILLEGAL;
	case OOPS_BREAKPOINT:
		return KILL_TRAP;
	case OOPS_ALIGNMENT:
		return KILL_BUS;
	case OOPS_DIVIDE:
		return KILL_ARITH;
	default:
		return KILL_MEMORY;
	}
}

void user_fault(struct pt_regs *regs, enum oops_kind kind, uintptr_t addr, const char *fmt, ...)
{
	/* A heap page touched for the first time (demand paging) is no fault of the program: it
	 * gets its memory, and the program goes back to the instruction that faulted, which now
	 * works. regs is the frame at the top of the task stack, so the return to user mode can
	 * start from it directly: nothing on the kernel stack below it is needed anymore. */
	if (kind == OOPS_PAGE_FAULT && mm_fault_in(current_task()->mm, addr))
		arch_ret_to_user(regs);
	char msg[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct task *self = current_task();
	printk("pid %d (%s): killed: %s at pc %#lx, address %#lx\n", self->id, self->name, msg,
	       instruction_pointer(regs), addr);
	const struct stack_info *us = stack_guard_of(addr);
	if (us && us->kind == STACK_USER)
		printk("pid %d (%s): the address is in the guard gap below its user stack "
		       "%#lx-%#lx: the user stack overflowed\n",
		       self->id, self->name, us->base, us->base + us->size);
	process_exit(kill_cause_of(kind));
}
