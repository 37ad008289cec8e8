/* SPDX-License-Identifier: MIT */
/*
 * The harness of the raw user-mode tests (ktest/uprog.c): tiny programs written in each arch's
 * assembly (ktest/arch/<arch>/user_tests.c, between the symbols uprog_start and uprog_end in
 * .rodata, position independent), run without the programs of user/: each gets an address
 * space of its own with the programs at UPROG_CODE_VA and one stack page. One copy for every
 * arch; the arch files hold only the programs and what the instructions differ in.
 */
#ifndef TRISTACK_KTEST_UPROG_H
#define TRISTACK_KTEST_UPROG_H

#include <ktest.h>
#include <types.h>

struct mm;
struct pt_regs;
struct task;

/* Where the test address spaces put things. */
#define UPROG_CODE_VA	_AC(0x400000, UL)
#define UPROG_DATA_VA	_AC(0x600000, UL) /* copy tests: one RW page, then a hole */
#define UPROG_RODATA_VA _AC(0x700000, UL) /* copy tests: one read-only page */
#define UPROG_STACK_VA	_AC(0x800000, UL) /* one page: [UPROG_STACK_VA, + PAGE_SIZE) */
#define UPROG_STACK_TOP (UPROG_STACK_VA + PAGE_SIZE)

/* The programs, assembled by the arch's test file. */
extern const char uprog_start[], uprog_end[];

struct raw_proc {
	struct mm *mm;
	struct task *task; /* the child, set by uprog_spawn() */
	uintptr_t pc, arg0, arg1;
	/* Called with interrupts off right before the first entry to user mode (or NULL). */
	void (*before_entry)(void);
};

/* Starts prog (a label between uprog_start and uprog_end) in a new address space as a child
 * of the current task, entered with arg0 and arg1 (arch_user_regs_init()); parent and address
 * space are set before the child can run, as process_spawn() does. Returns its pid, or -1.
 * *rp must live until the child has been waited for. */
int uprog_spawn(struct raw_proc *rp, const char *prog, uintptr_t arg0, uintptr_t arg1);
/* Runs prog to its end: its wait status, or -1 (process_wait() frees its address space). */
int uprog_run(const char *prog, uintptr_t arg0, uintptr_t arg1);

/*
 * The preemption test: two programs spin in user mode until the timer has preempted each a
 * few times (the spin makes no system call, so every switch to them after the first is a
 * return from a preemption; ktest_wait_switches(), at most 10 s), then end_spin(regs) changes
 * each one's saved registers so that it leaves its loop. Returns whether both were preempted.
 */
bool uprog_preempt_both(struct raw_proc *a, struct raw_proc *b,
			void (*end_spin)(struct pt_regs *regs));

/* Runs fn with mm as the current task's address space (so that a context switch meanwhile
 * keeps it), then goes back to none. */
void uprog_with_mm(struct mm *mm, void (*fn)(struct ktest *t), struct ktest *t);

/* Runs fn with a fresh address space as the current one: a RW page at UPROG_DATA_VA (a hole
 * above it), and with rodata a read-only page at UPROG_RODATA_VA. */
void uprog_with_data_pages(struct ktest *t, bool rodata, void (*fn)(struct ktest *t));

/*
 * The user-copy routines (arch_copy_from_user/arch_copy_to_user) on a fresh address space with
 * a RW page at UPROG_DATA_VA (a hole above it) and a read-only one at UPROG_RODATA_VA: every
 * length 0..40 ending 0..20 bytes before the hole copies exactly the bytes that fit, whatever
 * the alignment; the read-only page reads but does not write. window_open(), if given, tells
 * whether the arch's user-access window (riscv64: sstatus.SUM) is still open after a copy: it
 * must never be. Then arch_checks(t), if given, with the same address space.
 */
void uprog_copy_checks(struct ktest *t, bool (*window_open)(void),
		       void (*arch_checks)(struct ktest *t));

#endif
