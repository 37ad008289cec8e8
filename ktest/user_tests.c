// SPDX-License-Identifier: MIT
/*
 * ktest=user: user mode, driven from the kernel side. Each test starts programs from the
 * initramfs (user/bin/) as children of the test thread and checks how they end: the exit
 * status, or the cause they were killed for. The programs report details on the console.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <ktest.h>
#include <pmm.h>
#include <process.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <string.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>
#include <stack.h>
#include <uvm.h>

int ktest_spawn(const char *path, const char *arg1, const char *arg2)
{
	char *argv[3] = { (char *)path, (char *)arg1, (char *)arg2 };
	return process_spawn(current_task(), path, arg1 ? (arg2 ? 3 : 2) : 1, argv);
}

int ktest_run_program(const char *path, const char *arg1, const char *arg2)
{
	int pid = ktest_spawn(path, arg1, arg2);
	if (pid < 0)
		return pid;
	int status;
	int got = process_wait(current_task(), pid, &status, false);
	return got == pid ? status : got;
}

bool ktest_wait_switches(struct task *const *tasks, int n, u64 switches, u64 timeout_ms)
{
	u64 deadline = clock_ns() + timeout_ms * 1000000;
	for (;;) {
		int done = 0;
		for (int i = 0; i < n; i++)
			done += READ_ONCE(tasks[i]->switches_in) >= switches;
		if (done == n)
			return true;
		if (clock_ns() >= deadline)
			return false;
		sleep_ns(5 * 1000000);
	}
}

/* Runs /bin/utest <check>, which prints what it finds and exits 0 when everything held. */
static void expect_utest(struct ktest *t, const char *check)
{
	int st = ktest_run_program("/bin/utest", check, NULL);
	KT_EXPECT(t, st >= 0 && WIFEXITED(st));
	KT_EXPECT_EQ(t, WEXITSTATUS(st), 0);
}

KTEST(user, hello_exits_zero)
{
	int st = ktest_run_program("/bin/hello", "one", "two words");
	KT_EXPECT(t, st >= 0 && WIFEXITED(st));
	KT_EXPECT_EQ(t, WEXITSTATUS(st), 0);
}

KTEST(user, spawn_passes_arguments_and_status)
{
	/* /bin/utest args checks its argv and exits with argc: the parent sees that status. */
	int st = ktest_run_program("/bin/utest", "args", "a b c");
	KT_EXPECT(t, st >= 0 && WIFEXITED(st));
	KT_EXPECT_EQ(t, WEXITSTATUS(st), 0);
}

KTEST(user, spawn_errors)
{
	char *argv[1] = { "/bin/nonexistent" };
	KT_EXPECT_EQ(t, process_spawn(current_task(), "/bin/nonexistent", 1, argv), -ENOENT);
	KT_EXPECT_EQ(t, process_wait(current_task(), -1, NULL, false), -ECHILD);
}

KTEST(user, bad_pointers_get_efault)
{
	/* /bin/utest badptr hands NULL, a kernel address, an unmapped page, a buffer straddling
	 * the end of user space and ~0 to write/read/spawn/wait; exits 0 if every one got -EFAULT.
	 */
	expect_utest(t, "badptr");
}

KTEST(user, unknown_syscall_enosys)
{
	expect_utest(t, "enosys");
}

KTEST(user, registers_preserved_across_syscall)
{
	expect_utest(t, "regs");
}

KTEST(user, no_kernel_values_at_first_entry)
{
	/* /bin/entryregs checks, in its first instructions, that every register but the stack
	 * pointer and the two argument registers is 0. */
	int st = ktest_run_program("/bin/entryregs", NULL, NULL);
	KT_EXPECT(t, st >= 0 && WIFEXITED(st));
	KT_EXPECT_EQ(t, WEXITSTATUS(st), 0);
}

/* ------------------------------------------------------------- FP/SIMD state ------ */

struct task_search {
	int pid;
	struct task *task;
};

static void find_task(struct task *tk, void *arg)
{
	struct task_search *s = arg;
	if (tk->id == s->pid && tk->mm)
		s->task = tk;
}

/* Starts n /bin/fpu hold programs with seeds seed0, seed0 + 1, ...: each fills every FP/SIMD
 * register with its own values and checks them again and again until killed. */
static int start_holders(struct ktest *t, int *pids, struct task **tasks, int n, unsigned seed0)
{
	char seed[24];
	for (int i = 0; i < n; i++) {
		snprintf(seed, sizeof(seed), "%#x", seed0 + (unsigned)i);
		pids[i] = ktest_spawn("/bin/fpu", "hold", seed);
		if (pids[i] <= 0) {
			KT_EXPECT_MSG(t, false, "spawn /bin/fpu hold %s: %d", seed, pids[i]);
			return i;
		}
		struct task_search s = { pids[i], NULL };
		task_for_each(find_task, &s);
		tasks[i] = s.task;
		if (!tasks[i]) {
			KT_EXPECT_MSG(t, false, "no task for pid %d", pids[i]);
			return i + 1;
		}
	}
	return n;
}

/* Kills them: each must still be running (a holder that saw a register change exits 1). */
static void stop_holders(struct ktest *t, const int *pids, int n)
{
	for (int i = 0; i < n; i++) {
		int status = -1;
		int got = process_wait(current_task(), pids[i], &status, true);
		if (got == 0) {
			process_kill(pids[i]);
			got = process_wait(current_task(), pids[i], &status, false);
		}
		KT_EXPECT_EQ(t, got, pids[i]);
		if (!(WIFKILLED(status) && WKILLCAUSE(status) == KILL_BY_KILL))
			KT_EXPECT_MSG(t, false,
				      "fpu hold %d: wait status %#x (exit 1: a register "
				      "changed)",
				      i, status);
	}
}

enum { MAX_HOLDERS = 2 * MAX_CPUS, HOLDER_SWITCHES = 10 };

KTEST(user, fp_registers_survive_syscalls)
{
	/* /bin/fpu syscall fills every FP/SIMD register, calls yield() (which switches to the
	 * holders, each with its own values in the registers) and getpid(), and checks them. */
	int pids[MAX_HOLDERS];
	struct task *tasks[MAX_HOLDERS];
	int n = start_holders(t, pids, tasks, 2 * (int)smp_cpus_online(), 0x100);
	int st = ktest_run_program("/bin/fpu", "syscall", "0x4242");
	KT_EXPECT_EQ(t, st, 0);
	stop_holders(t, pids, n);
}

KTEST(user, fp_processes_keep_their_registers_under_preemption)
{
	/* Two holders a CPU, each preempted HOLDER_SWITCHES times with its registers live (the
	 * timer takes them anywhere in their check loop), and an exact FP sum beside them:
	 * every holder must still see its own values, the sum must be exact, and every page
	 * must come back. ktest.fp_switches=N asks for N (the long run of docs/fpu.md: 1000). */
	u64 switches = HOLDER_SWITCHES;
	cmdline_get_u64(boot_info.cmdline, "ktest.fp_switches", &switches);
	u64 before = pmm_free_count();
	int pids[MAX_HOLDERS];
	struct task *tasks[MAX_HOLDERS];
	int n = start_holders(t, pids, tasks, 2 * (int)smp_cpus_online(), 0x200);
	KT_EXPECT_EQ(t, ktest_run_program("/bin/fpu", "sum", "300000"), 0);
	u64 t0 = clock_ns();
	bool all = ktest_wait_switches(tasks, n, switches, 60000 + switches * 100);
	u64 least = ~0ull;
	for (int i = 0; i < n; i++)
		least = MIN(least, READ_ONCE(tasks[i]->switches_in));
	ktest_log(t, "%d holders, switched in %llu times or more each (asked %llu) in %llu ms", n,
		  (unsigned long long)least, (unsigned long long)switches,
		  (unsigned long long)((clock_ns() - t0) / 1000000));
	KT_EXPECT(t, all);
	stop_holders(t, pids, n);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
}

static void expect_killed(struct ktest *t, const char *how, int cause)
{
	int st = ktest_run_program("/bin/crash", how, NULL);
	ktest_log(t, "crash %s: wait status %#x", how, st);
	if (cause < 0) {
		KT_EXPECT(t, st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 2);
		return;
	}
	KT_EXPECT(t, st >= 0 && WIFKILLED(st));
	KT_EXPECT_EQ(t, WKILLCAUSE(st), cause);
}

KTEST(user, faults_kill_only_the_program)
{
	expect_killed(t, "kread", KILL_MEMORY);	    /* read kernel memory */
	expect_killed(t, "textwrite", KILL_MEMORY); /* write its own text */
	expect_killed(t, "stackexec", KILL_MEMORY); /* execute its stack */
	expect_killed(t, "illegal", KILL_ILLEGAL);  /* an undefined instruction */
	expect_killed(t, "overflow", KILL_MEMORY);  /* recurse into the guard gap */
	expect_killed(t, "breakpoint", KILL_TRAP);  /* int3 / brk / ebreak */
	expect_killed(t, "heapend", KILL_MEMORY);   /* touch the page past the heap's end */
	/* Integer division by zero faults on x86_64 only; /bin/crash explains and exits 0
	 * elsewhere. */
	int st = ktest_run_program("/bin/crash", "div0", NULL);
	KT_EXPECT(t, st >= 0 && ((WIFKILLED(st) && WKILLCAUSE(st) == KILL_ARITH) ||
				 (WIFEXITED(st) && WEXITSTATUS(st) == 0)));
	/* And the next program runs fine. */
	st = ktest_run_program("/bin/hello", NULL, NULL);
	KT_EXPECT(t, st == 0);
}

static void any_user_stack(const struct stack_info *s, void *arg)
{
	if (s->kind == STACK_USER)
		*(bool *)arg = true;
}

KTEST(user, heap_pages_come_on_first_touch)
{
	/* /bin/utest heap: sbrk() maps nothing; the first touch, by a system call's copy or by
	 * the program, maps a zeroed page and goes on (kernel/mm/uvm.c, mm_fault_in). */
	expect_utest(t, "heap");
}

KTEST(user, user_stack_registered)
{
	/* /bin/utest ustack finds its own user stack in the registry (stackinfo), SP on it. */
	expect_utest(t, "ustack");
	/* And it is gone once the process is reaped: no user stack is left behind. */
	bool left = false;
	stack_for_each(any_user_stack, &left);
	KT_EXPECT(t, !left);
}

KTEST(user, spinner_is_preempted_and_killed)
{
	char *spin[2] = { "/bin/utest", "spin" };
	int spinner = process_spawn(current_task(), "/bin/utest", 2, spin);
	KT_ASSERT(t, spinner > 0);
	/* While it spins in user mode and never calls the kernel, another program runs to its
	 * end: the timer preempts user mode. */
	int st = ktest_run_program("/bin/hello", NULL, NULL);
	KT_EXPECT_EQ(t, st, 0);
	KT_EXPECT_EQ(t, process_kill(spinner), 0);
	int status;
	KT_EXPECT_EQ(t, process_wait(current_task(), spinner, &status, false), spinner);
	KT_EXPECT(t, WIFKILLED(status) && WKILLCAUSE(status) == KILL_BY_KILL);
	KT_EXPECT_EQ(t, process_kill(spinner), -ESRCH);
}

KTEST(user, spawn_exit_wait_1000_returns_every_page)
{
	/* One warm-up run, so that anything allocated once (heap pages of the size classes) is in
	 * place, then 1000 cycles: the free page count must come back exactly. */
	KT_ASSERT(t, ktest_run_program("/bin/hello", "quiet", NULL) == 0);
	u64 before = pmm_free_count();
	int bad = 0;
	for (int i = 0; i < 1000; i++)
		bad += ktest_run_program("/bin/hello", "quiet", NULL) != 0;
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
}

KTEST(user, syscalls_run_on_the_task_stack)
{
	arch_this_cpu()->syscall_stack_kind = -1;
	arch_this_cpu()->watch_syscall_stack = true;
	int st = ktest_run_program("/bin/hello", "quiet", NULL);
	arch_this_cpu()->watch_syscall_stack = false;
	KT_ASSERT(t, st == 0);
	/* The last call the program made (exit) ran on its kernel stack. */
	KT_EXPECT_EQ(t, arch_this_cpu()->syscall_stack_kind, STACK_TASK);
}

struct top_search {
	int pid;
	uintptr_t top;
};

static void find_top(struct task *tk, void *arg)
{
	struct top_search *s = arg;
	if (tk->id == s->pid && tk->mm)
		s->top = tk->mm->stack_top;
}

static uintptr_t stack_top_of(int pid)
{
	struct top_search s = { pid, 0 };
	task_for_each(find_top, &s);
	return s.top;
}

KTEST(user, stack_top_randomized)
{
	/* Processes of the same program get different stack tops (Linux's randomize_stack_top),
	 * unless norandmaps turns it off: then the same. One of USER_STACK_RANDOM_PAGES (4096)
	 * tops each, so two can meet by chance (1 in 4096, which a CI run of many boots would
	 * hit); three all on one top happen 1 in 4096^2: that is what the random pass refuses. */
	char *spin[2] = { "/bin/utest", "spin" };
	bool saved = randomize_stack;
	for (int pass = 0; pass < 2; pass++) {
		randomize_stack = pass == 0;
		int pid[3];
		uintptr_t top[3];
		for (int i = 0; i < 3; i++) {
			pid[i] = process_spawn(current_task(), "/bin/utest", 2, spin);
			KT_ASSERT(t, pid[i] > 0);
			top[i] = stack_top_of(pid[i]);
		}
		ktest_log(t, "%s: stack tops %#lx, %#lx and %#lx", pass ? "norandmaps" : "random",
			  top[0], top[1], top[2]);
		KT_EXPECT(t, top[0] && top[1] && top[2]);
		if (pass == 0) {
			KT_EXPECT(t, top[0] != top[1] || top[1] != top[2]);
		} else {
			KT_EXPECT_EQ(t, top[0], top[1]);
			KT_EXPECT_EQ(t, top[1], top[2]);
		}
		for (int i = 0; i < 3; i++)
			process_kill(pid[i]);
		for (int i = 0; i < 3; i++)
			process_wait(current_task(), pid[i], NULL, false);
	}
	randomize_stack = saved;
}
