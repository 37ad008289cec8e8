// SPDX-License-Identifier: MIT
/*
 * ktest=x86_entry: the x86_64 user-entry scheme (docs/design.md), seen from the kernel side.
 *   - A return to user mode goes through the ENTRY (trampoline) stack, TSS.sp0.
 *   - An interrupt from user mode runs its handler on the IRQ stack (x86_irq_stack=always,
 *     Linux 5.7), or on the task stack (x86_irq_stack=kernel-only, Linux >= 5.8).
 *   - The entry holes a program could use (issue 11): SYSCALL from 32-bit mode, a faulting
 *     iretq to user mode, RFLAGS leaking from one task into the next.
 */
#include <arch.h>
#include <cpu.h>
#include <ktest.h>
#include <pmm.h>
#include <process.h>
#include <sched.h>
#include <stack.h>
#include <sstrace.h>
#include <task.h>
#include <time.h>
#include <uapi/syscall.h>
#include <uvm.h>
#include <asm/x86.h>

/* The tracer's events of this CPU from number `from` on (at most the ring's worth), in order. */
static unsigned int events_since(u64 from, struct stack_switch *ev, unsigned int max)
{
	unsigned int cpu = arch_this_cpu()->id;
	u64 head = stack_switch_head(cpu);
	if (head - from > max)
		from = head - max;
	unsigned int n = 0;
	for (u64 i = from; i < head; i++)
		if (stack_switch_get(cpu, i, &ev[n]))
			n++;
	return n;
}

static struct stack_switch ev[STACK_SWITCH_RING];

KTEST(x86_entry, return_to_user_through_entry_stack)
{
	/* Every return to user mode goes task -> entry -> user, the last kernel stack being the
	 * ENTRY stack (TSS.sp0), as the tracer records it: no return skips it. */
	if (!STACK_SWITCH_TRACING) {
		ktest_skip(t, "built with stack_switch_trace=false: nothing is recorded");
		return;
	}
	u64 before = stack_switch_head(arch_this_cpu()->id);
	char *argv[2] = { "/bin/hello", "entry" };
	int pid = process_spawn(current_task(), "/bin/hello", 2, argv);
	KT_ASSERT(t, pid > 0);
	int status;
	KT_EXPECT_EQ(t, process_wait(current_task(), pid, &status, false), pid);
	KT_EXPECT_EQ(t, status, 0);
	unsigned int n = events_since(before, ev, STACK_SWITCH_RING);
	int returns = 0, bypass = 0;
	for (unsigned int i = 0; i < n; i++) {
		if (ev[i].to != STACK_USER)
			continue;
		const struct stack_info *s = stack_of(ev[i - (i > 0)].sp);
		if (i > 0 && ev[i - 1].from == STACK_TASK && ev[i - 1].to == STACK_ENTRY &&
		    ev[i].from == STACK_ENTRY && s && s->kind == STACK_ENTRY)
			returns++;
		else
			bypass++;
	}
	ktest_log(t, "%d returns to user mode through the ENTRY stack, %d not", returns, bypass);
	/* The first entry, and one return per system call but the last (exit): hello writes
	 * three lines. */
	KT_EXPECT(t, returns >= 4);
	KT_EXPECT_EQ(t, bypass, 0);
}

KTEST(x86_entry, irq_from_user_mode_stack)
{
	/* An IRQ from user mode: user -> entry -> task, then on to the IRQ stack
	 * (x86_irq_stack=always, Linux 5.7) or not (kernel-only, Linux >= 5.8). */
	if (!STACK_SWITCH_TRACING) {
		ktest_skip(t, "built with stack_switch_trace=false: nothing is recorded");
		return;
	}
	u64 before = stack_switch_head(arch_this_cpu()->id);
	char *argv[2] = { "/bin/utest", "spin" };
	int pid = process_spawn(current_task(), "/bin/utest", 2, argv);
	KT_ASSERT(t, pid > 0);
	/* The spinner runs in user mode; the timer interrupts it there. */
	sleep_ns(50 * NSEC_PER_MSEC);
	process_kill(pid);
	process_wait(current_task(), pid, NULL, false);
	unsigned int n = events_since(before, ev, STACK_SWITCH_RING);
	int on_irq = 0, on_task = 0;
	for (unsigned int i = 1; i + 1 < n; i++) {
		if (ev[i - 1].from != STACK_USER || ev[i - 1].reason != SWITCH_IRQ ||
		    ev[i].to != STACK_TASK)
			continue;
		if (ev[i + 1].from == STACK_TASK && ev[i + 1].to == STACK_IRQ)
			on_irq++;
		else
			on_task++;
	}
	ktest_log(t,
		  "IRQs from user mode: %d handled on the irq stack, %d on the task stack "
		  "(x86_irq_stack=%s)",
		  on_irq, on_task, CONFIG_X86_IRQ_STACK_KERNEL_ONLY ? "kernel-only" : "always");
	KT_EXPECT(t, on_irq + on_task > 0);
	KT_EXPECT_EQ(t, CONFIG_X86_IRQ_STACK_KERNEL_ONLY ? on_irq : on_task, 0);
}

/* ------------------------------------------------- issue 11: F, G (docs/testing.md) -- */

KTEST(x86_entry, compat_syscall_kills_the_program)
{
	/* Bug G: MSR_CSTAR was never written, so a SYSCALL from 32-bit compatibility mode (a far
	 * return to USER32_CS, then SYSCALL) ran ring 0 at RIP 0 on the user's stack. */
	u64 before = pmm_free_count();
	int st = ktest_run_program("/bin/misuse", "compat", NULL);
	ktest_log(t, "misuse compat: wait status %#x", st);
	KT_EXPECT(t, st >= 0 && WIFKILLED(st));
	KT_EXPECT_EQ(t, WKILLCAUSE(st), KILL_ILLEGAL);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
}

/* A process whose first return to user mode cannot work. How: */
enum bad_iret {
	IRET_WITH_NT,	   /* RFLAGS.NT set in the kernel: iretq takes #GP(0) in ring 0 */
	IRET_BAD_SS,	   /* a code segment as SS: #GP(selector) in ring 0 */
	IRET_NONCANONICAL, /* rip 0x800000000000: #GP, in ring 0 on hardware, in ring 3 on QEMU */
};

struct bad_iret_arg {
	struct mm *mm;
	enum bad_iret how;
};

static int bad_iret_start(void *arg)
{
	struct bad_iret_arg *b = arg;
	struct task *self = current_task();
	struct pt_regs *regs = task_pt_regs(self);
	arch_irq_disable();
	arch_mm_activate(b->mm->root);
	arch_user_regs_init(regs, 0x400000, 0x800000, 0, 0);
	if (b->how == IRET_BAD_SS)
		regs->ss = USER32_CS;
	if (b->how == IRET_NONCANONICAL)
		regs->rip = 0x0000800000000000UL;
	if (b->how == IRET_WITH_NT)
		__asm__ volatile("pushfq\n\torq %0, (%%rsp)\n\tpopfq"
				 :
				 : "i"(X86_RFLAGS_NT)
				 : "cc");
	arch_ret_to_user(regs);
}

static int bad_iret(struct ktest *t, enum bad_iret how)
{
	struct bad_iret_arg b = { mm_create(), how };
	KT_EXPECT(t, b.mm != NULL);
	if (!b.mm)
		return -1;
	unsigned long flags = arch_irq_save();
	struct task *c = task_create("badiret", bad_iret_start, &b);
	if (c) {
		c->parent = current_task();
		c->mm = b.mm;
	}
	arch_irq_restore(flags);
	KT_EXPECT(t, c != NULL);
	int status = -1;
	if (c)
		KT_EXPECT_EQ(t, process_wait(current_task(), c->id, &status, false), c->id);
	return status;
}

KTEST(x86_entry, faulting_iretq_kills_the_program)
{
	/* Bug F: with NT set (SYSCALL did not clear it, and a switch passed it on), the iretq to
	 * user mode took #GP in ring 0 after the swapgs; the exception entry chose swapgs by the
	 * saved CS alone, ran on the user's GS base, faulted again and again and livelocked
	 * through #DF. Now it reads the GS base ([PARANOID_GS]) and kills the program whose
	 * return faulted ([BAD_IRET]); whatever the reason the iretq faults. */
	ktest_run_program("/bin/hello", "quiet", NULL); /* warm-up */
	u64 before = pmm_free_count();
	static const char *const names[] = { "NT set", "bad SS", "non-canonical rip" };
	for (int how = IRET_WITH_NT; how <= IRET_NONCANONICAL; how++) {
		int status = bad_iret(t, (enum bad_iret)how);
		ktest_log(t, "iretq with %s: wait status %#x", names[how], status);
		KT_EXPECT(t, status > 0 && WIFKILLED(status));
		KT_EXPECT_EQ(t, WKILLCAUSE(status), KILL_MEMORY);
	}
	KT_EXPECT_EQ(t, pmm_free_count(), before);
	/* And this CPU is fine: GS is the per-CPU area, the next program runs. */
	KT_EXPECT(t, arch_this_cpu()->self == arch_this_cpu());
	KT_EXPECT_EQ(t, ktest_run_program("/bin/hello", "quiet", NULL), 0);
}

static unsigned long rflags(void)
{
	unsigned long f;
	__asm__ volatile("pushfq\n\tpop %0" : "=r"(f));
	return f;
}

static void set_ac(bool on)
{
	unsigned long f = rflags();
	f = on ? f | X86_RFLAGS_AC : f & ~(unsigned long)X86_RFLAGS_AC;
	__asm__ volatile("push %0\n\tpopfq" : : "r"(f) : "cc", "memory");
}

static volatile unsigned long reader_start, reader_later, setter_later;

static int flags_reader(void *arg)
{
	(void)arg;
	reader_start = rflags();
	sleep_ns(TICK_NSEC); /* away and back */
	reader_later = rflags();
	return 0;
}

static int flags_setter(void *arg)
{
	(void)arg;
	set_ac(true);
	struct task *r = task_create("flagsreader", flags_reader, NULL);
	if (r)
		task_join(r); /* it runs while we wait, AC still set in our RFLAGS */
	setter_later = rflags();
	set_ac(false);
	return r ? 0 : -1;
}

KTEST(x86_entry, rflags_are_per_task)
{
	/* Bug F: RFLAGS was not part of a task's saved context, so a flag one task set leaked
	 * into the next: NT made its IRETQ fault, AC would open SMAP for it. */
	struct task *s = task_create("flagssetter", flags_setter, NULL);
	KT_ASSERT(t, s != NULL);
	KT_EXPECT_EQ(t, task_join(s), 0);
	ktest_log(t, "RFLAGS: reader %#lx then %#lx, setter after %#lx", reader_start, reader_later,
		  setter_later);
	KT_EXPECT_EQ(t, reader_start & X86_RFLAGS_AC, 0);
	KT_EXPECT_EQ(t, reader_later & X86_RFLAGS_AC, 0);
	KT_EXPECT_EQ(t, setter_later & X86_RFLAGS_AC, X86_RFLAGS_AC);
	KT_EXPECT_EQ(t, rflags() & X86_RFLAGS_AC, 0);
}
