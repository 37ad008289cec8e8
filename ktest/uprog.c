// SPDX-License-Identifier: MIT
/* The harness of the raw user-mode tests: see uprog.h. */
#include <fpu.h>
#include <arch.h>
#include <cpu.h>
#include <ktest.h>
#include <mm.h>
#include <process.h>
#include <sched.h>
#include <string.h>
#include <task.h>
#include <uvm.h>

#include "uprog.h"

/* Switches to each spinning program before the preemption test lets it go: its start and three
 * preemptions. */
#define SPIN_SWITCHES 4

/* The new task's first code, in the kernel: enter user mode in its address space, as
 * kernel/proc.c's process_start() does for a program from the initramfs. */
static int raw_start(void *arg)
{
	struct raw_proc *rp = arg;
	struct task *self = current_task();
	struct pt_regs *regs = task_pt_regs(self);

	arch_irq_disable();
	arch_mm_activate(self->mm->root); /* the switch to us did it already (self->mm is set) */
	arch_user_regs_init(regs, rp->pc, UPROG_STACK_TOP, rp->arg0, rp->arg1);
	if (rp->before_entry)
		rp->before_entry();
	arch_ret_to_user(regs);
}

/* An address space with the programs at UPROG_CODE_VA (read + execute) and a stack page. */
static struct mm *make_mm(void)
{
	struct mm *mm = mm_create();
	if (!mm)
		return NULL;
	size_t len = (size_t)(uprog_end - uprog_start);
	if (mm_map_anon(mm, UPROG_CODE_VA, ALIGN_UP(len, PAGE_SIZE), PROT_R | PROT_X) ||
	    mm_map_anon(mm, UPROG_STACK_VA, PAGE_SIZE, PROT_R | PROT_W) ||
	    mm_write(mm, UPROG_CODE_VA, uprog_start, len)) {
		mm_destroy(mm);
		return NULL;
	}
	return mm;
}

int uprog_spawn(struct raw_proc *rp, const char *prog, uintptr_t arg0, uintptr_t arg1)
{
	rp->mm = make_mm();
	if (!rp->mm)
		return -1;
	rp->pc = UPROG_CODE_VA + (uintptr_t)(prog - uprog_start);
	rp->arg0 = arg0;
	rp->arg1 = arg1;
	/* As process_spawn() does: parent and address space set before the child can run. */
	struct task *t = task_new("uprog", raw_start, rp);
	if (!t || fpu_alloc(t)) {
		if (t)
			task_discard(t);
		mm_destroy(rp->mm);
		return -1;
	}
	t->parent = current_task();
	t->mm = rp->mm;
	rp->task = t;
	int id = t->id;
	task_start(t);
	return id;
}

int uprog_run(const char *prog, uintptr_t arg0, uintptr_t arg1)
{
	struct raw_proc rp = { 0 };
	int pid = uprog_spawn(&rp, prog, arg0, arg1);
	if (pid < 0)
		return -1;
	int status = -1;
	if (process_wait(current_task(), pid, &status, false) != pid)
		return -1;
	return status;
}

bool uprog_preempt_both(struct raw_proc *a, struct raw_proc *b,
			void (*end_spin)(struct pt_regs *regs))
{
	struct task *const both[2] = { a->task, b->task };
	bool preempted = ktest_wait_switches(both, 2, SPIN_SWITCHES, 10000);
	unsigned long flags = arch_irq_save(); /* neither runs while we write their registers */
	end_spin(task_pt_regs(a->task));
	end_spin(task_pt_regs(b->task));
	arch_irq_restore(flags);
	return preempted;
}

void uprog_with_mm(struct mm *mm, void (*fn)(struct ktest *t), struct ktest *t)
{
	struct task *self = current_task();
	unsigned long flags = arch_irq_save();
	self->mm = mm;
	arch_mm_activate(mm->root);
	arch_irq_restore(flags);
	fn(t);
	flags = arch_irq_save();
	self->mm = NULL;
	arch_mm_activate(0);
	arch_irq_restore(flags);
}

static u8 kbuf[64], kbuf2[64];
static bool (*copy_window_open)(void);
static void (*copy_arch_checks)(struct ktest *t);

static void copy_checks(struct ktest *t)
{
	int bad = 0;
	for (unsigned int i = 0; i < sizeof(kbuf); i++)
		kbuf[i] = (u8)(i + 1);
	for (size_t k = 0; k <= 20; k++) {
		for (size_t n = 0; n <= 40; n++) {
			uintptr_t u = UPROG_DATA_VA + PAGE_SIZE - k;
			size_t expect = n > k ? n - k : 0;
			memset(kbuf2, 0, sizeof(kbuf2));
			size_t left_to = arch_copy_to_user((void *)u, kbuf, n);
			bool open = copy_window_open && copy_window_open();
			size_t left_from = arch_copy_from_user(kbuf2, (const void *)u, n);
			open |= copy_window_open && copy_window_open();
			if (left_to != expect || left_from != expect || open ||
			    memcmp(kbuf, kbuf2, n - expect) != 0) {
				if (bad++ < 4)
					ktest_log(t,
						  "k %zu n %zu: not copied %zu and %zu, want %zu; "
						  "window %s",
						  k, n, left_to, left_from, expect,
						  open ? "left open" : "closed");
			}
		}
	}
	KT_EXPECT_EQ(t, bad, 0);
	/* A read-only user page can be read, not written. */
	KT_EXPECT_EQ(t, arch_copy_from_user(kbuf2, (const void *)UPROG_RODATA_VA, 24), 0);
	KT_EXPECT_EQ(t, arch_copy_to_user((void *)UPROG_RODATA_VA, kbuf, 24), 24);
	KT_EXPECT_EQ(t, arch_copy_to_user((void *)(UPROG_RODATA_VA + 3), kbuf, 5), 5);
	if (copy_arch_checks)
		copy_arch_checks(t);
}

void uprog_with_data_pages(struct ktest *t, bool rodata, void (*fn)(struct ktest *t))
{
	struct mm *mm = mm_create();
	KT_ASSERT(t, mm);
	if (mm_map_anon(mm, UPROG_DATA_VA, PAGE_SIZE, PROT_R | PROT_W) ||
	    (rodata && mm_map_anon(mm, UPROG_RODATA_VA, PAGE_SIZE, PROT_R))) {
		mm_destroy(mm);
		KT_ASSERT(t, false);
	}
	uprog_with_mm(mm, fn, t);
	mm_destroy(mm);
}

void uprog_copy_checks(struct ktest *t, bool (*window_open)(void),
		       void (*arch_checks)(struct ktest *t))
{
	copy_window_open = window_open;
	copy_arch_checks = arch_checks;
	uprog_with_data_pages(t, true, copy_checks);
}
