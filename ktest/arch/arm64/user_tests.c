// SPDX-License-Identifier: MIT
/*
 * ktest=arm64_user: the arm64 side of user mode, tested without the programs of user/, with
 * address spaces and tiny programs made right here.
 *
 *   - the first entry: arch_user_regs_init() leaves no kernel value, EL0t, interrupts on;
 *   - an interrupt from user mode: frame on the task stack, handler on the IRQ stack;
 *   - TPIDR_EL0 and every general register survive interrupts (the timer preempts two programs
 *     that spin in user mode) and system calls: the stack-overflow check borrows TPIDR_EL0 in the
 *     kernel, so entry.S keeps the user's in the frame; TPIDRRO_EL0 reads 0 in user mode;
 *   - arm64-specific faults from EL0 kill only the program, with the right cause: BRK, a PC
 *     alignment fault, a semihosting call (no stopping QEMU from user mode); an FP
 *     instruction runs (FP is on for user programs), and WFI is stepped over;
 *   - the user-copy routines (entry.S) copy up to the exact byte that faults, at every
 *     alignment, and refuse kernel addresses (LDTR/STTR check EL0's rights);
 *   - with PAN (-cpu max), an ordinary kernel load from user memory faults.
 *
 * The programs are assembled with the kernel (position independent: PC-relative branches only),
 * kept in .rodata, and copied into the user code page of each address space.
 */
#include <arch.h>
#include <cpu.h>
#include <extable.h>
#include <irq.h>
#include <ktest.h>
#include <mm.h>
#include <process.h>
#include <stack.h>
#include <string.h>
#include <syscall.h>
#include <task.h>
#include <uvm.h>
#include <uapi/syscall.h>
#include <asm/sysreg.h>

#include "uprog.h"

#define STR_(x) #x
#define STR(x)	STR_(x)
/* The system-call numbers as text, for the programs below. */
#define SYS_YIELD_NR	     STR(SYS_yield)
#define SYS_EXIT_NR	     STR(SYS_exit)
#define SEMIHOST_SYS_EXIT_NR STR(SEMIHOST_SYS_EXIT)
#define SEMIHOST_HLT_IMM_NR  STR(SEMIHOST_HLT_IMM)
#define ADP_EXIT_NR	     STR(ADP_STOPPED_APPLICATION_EXIT)

/*
 * The programs. Entered with x0 = arg0 and x1 = arg1 (arch_user_regs_init()).
 *
 * uprog_regs(magic, loops): sets TPIDR_EL0 = magic and every free register xN = magic + N, spins
 * `loops` times in user mode (only the timer interrupts it), checks them all and TPIDR_EL0, and
 * that TPIDRRO_EL0 reads 0; then makes three yield() calls and checks again. Exits 0, or with
 * the number of the first check that failed. x0 is scratch, x8 the system call number, x20 the
 * magic value and x21 the loop counter; every other register carries a pattern.
 */
__asm__(".pushsection .rodata\n"
	".balign 4\n"
	".globl uprog_start, uprog_end\n"
	"uprog_start:\n"
	".macro uprog_fill\n"
	"	.irp n, 1,2,3,4,5,6,7,9,10,11,12,13,14,15,16,17,18,19,22,23,24,25,26,27,28,29,30\n"
	"	add	x\\n, x20, #\\n\n"
	"	.endr\n"
	".endm\n"
	".macro uprog_check code\n"
	"	.irp n, 1,2,3,4,5,6,7,9,10,11,12,13,14,15,16,17,18,19,22,23,24,25,26,27,28,29,30\n"
	"	add	x0, x20, #\\n\n"
	"	cmp	x\\n, x0\n"
	"	b.ne	9f\n"
	"	.endr\n"
	"	mov	x0, #(\\code + 1)\n"
	"	mrs	x9, tpidr_el0\n"
	"	cmp	x9, x20\n"
	"	b.ne	8f\n"
	"	mov	x0, #(\\code + 2)\n"
	"	mrs	x9, tpidrro_el0\n"
	"	cbnz	x9, 8f\n"
	"	add	x9, x20, #9\n"
	"	b	7f\n"
	"9:	mov	x0, #\\code\n"
	"8:	b	uprog_exit\n"
	"7:\n"
	".endm\n"
	"uprog_regs:\n"
	"	mov	x20, x0\n"
	"	mov	x21, x1\n"
	"	msr	tpidr_el0, x20\n"
	"	uprog_fill\n"
	"1:	subs	x21, x21, #1\n"
	"	b.ne	1b\n"
	"	uprog_check 10\n"
	"	mov	x21, #3\n"
	"2:	mov	x8, #" SYS_YIELD_NR "\n"
	"	svc	#0\n"
	"	subs	x21, x21, #1\n"
	"	b.ne	2b\n"
	"	uprog_check 20\n"
	"	mov	x0, #0\n"
	"uprog_exit:\n"
	"	mov	x8, #" SYS_EXIT_NR "\n"
	"	svc	#0\n"
	"	b	.\n"
	/* Faults: each is killed before it gets to exit(1). */
	"uprog_brk:\n"
	"	brk	#0x42\n"
	"	mov	x0, #1\n"
	"	b	uprog_exit\n"
	"uprog_pc_align:\n"
	"	adr	x0, 1f\n"
	"	add	x0, x0, #2\n"
	"	br	x0\n"
	"1:	mov	x0, #1\n"
	"	b	uprog_exit\n"
	"uprog_fp:\n"
	"	.inst	0x9e6703e0\n" /* fmov d0, xzr */
	"	mov	x0, #1\n"
	"	b	uprog_exit\n"
	/* A semihosting call (what arch_exit() uses to stop QEMU) from EL0: QEMU only serves
	 * it from EL1, so at EL0 `hlt` is an undefined instruction, and the program dies. */
	"uprog_semihost:\n"
	"	mov	x0, #" SEMIHOST_SYS_EXIT_NR "\n"
	"	adr	x1, 1f\n"
	"	hlt	#" SEMIHOST_HLT_IMM_NR "\n"
	"	mov	x0, #1\n"
	"	b	uprog_exit\n"
	"	.balign	8\n"
	"1:	.8byte	" ADP_EXIT_NR ", 0\n"
	/* WFI traps to EL1, which steps over it: exit(7). */
	"uprog_wfi:\n"
	"	wfi\n"
	"	mov	x0, #7\n"
	"	b	uprog_exit\n"
	"uprog_end:\n"
	".popsection");

extern const char uprog_regs[], uprog_brk[], uprog_pc_align[], uprog_fp[], uprog_semihost[],
	uprog_wfi[];

/* -------------------------------------------------------------------------------- tests -- */

KTEST(arm64_user, regs_init_leaves_no_kernel_value)
{
	struct pt_regs regs;
	memset(&regs, 0xa5, sizeof(regs));
	arch_user_regs_init(&regs, 0x1000, 0x2000, 11, 22);
	KT_EXPECT(t, user_mode(&regs));
	KT_EXPECT_EQ(t, regs.pstate, PSR_MODE_EL0t); /* EL0t, DAIF clear: interrupts on */
	KT_EXPECT_EQ(t, instruction_pointer(&regs), 0x1000);
	KT_EXPECT_EQ(t, stack_pointer(&regs), 0x2000);
	KT_EXPECT_EQ(t, syscall_arg(&regs, 0), 11);
	KT_EXPECT_EQ(t, syscall_arg(&regs, 1), 22);
	KT_EXPECT_EQ(t, frame_pointer(&regs), 0); /* never walk a user frame pointer */
	KT_EXPECT_EQ(t, regs.tpidr_el0, 0);
	for (int i = 2; i < 31; i++)
		KT_EXPECT_EQ(t, regs.regs[i], 0);
	KT_EXPECT_EQ(t, regs.esr | regs.far, 0);
}

/* Ends uprog_regs's spin: its loop counter is x21. */
static void end_spin(struct pt_regs *regs)
{
	regs->regs[21] = 1;
}

KTEST(arm64_user, tls_and_registers_survive_preemption_and_syscalls)
{
	/* Two programs spinning in user mode at once, each with its own TPIDR_EL0: the timer
	 * switches between them (and the kernel borrows TPIDR_EL0 in between).
	 * They spin until both have been preempted a few times (the spin makes no system call, so
	 * every switch to them after the first is a return from a preemption), then the test ends
	 * the spin by setting the loop counter (x21) in their saved registers to 1. */
	struct raw_proc a = { 0 }, b = { 0 };
	u64 ticks = arch_this_cpu()->ticks;
	int pa = uprog_spawn(&a, uprog_regs, 0x1111000000, ~0UL);
	int pb = uprog_spawn(&b, uprog_regs, 0x2222000000, ~0UL);
	KT_ASSERT(t, pa > 0 && pb > 0);
	KT_EXPECT(t, uprog_preempt_both(&a, &b, end_spin));
	int sa = -1, sb = -1;
	KT_EXPECT_EQ(t, process_wait(current_task(), pa, &sa, false), pa);
	KT_EXPECT_EQ(t, process_wait(current_task(), pb, &sb, false), pb);
	ticks = arch_this_cpu()->ticks - ticks;
	ktest_log(t, "wait status %#x and %#x after %llu timer ticks", sa, sb,
		  (unsigned long long)ticks);
	KT_EXPECT_EQ(t, sa, 0);
	KT_EXPECT_EQ(t, sb, 0);
}

/* What the handler of an interrupt that came from user mode saw. */
static struct {
	int calls;
	bool from_user;	   /* user_mode(regs) */
	int frame_stack;   /* the stack the frame (regs) is on */
	bool frame_top;	   /* ...at the very top of the task's stack */
	int handler_stack; /* the stack the handler runs on */
} user_irq;

static void user_irq_handler(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq;
	(void)arg;
	if (user_irq.calls++)
		return;
	int here;
	const struct stack_info *h = stack_of((uintptr_t)&here), *f = stack_of((uintptr_t)regs);
	struct task *cur = current_task();
	user_irq.from_user = user_mode(regs);
	user_irq.frame_stack = f ? (int)f->kind : -1;
	user_irq.frame_top = (uintptr_t)(regs + 1) == cur->stack_base + cur->stack_size;
	user_irq.handler_stack = h ? (int)h->kind : -1;
}

KTEST(arm64_user, irq_from_user_goes_task_then_irq_stack)
{
	/* docs/stacks.md, "IRQ from user: user -> task -> irq -> task -> user": the frame
	 * is on the task stack (where the CPU put SP_EL1), at its top; the handler runs on the IRQ
	 * stack; and the program then goes on in user mode and ends normally. */
	user_irq = (typeof(user_irq)){ 0 };
	KT_ASSERT(t, irq_request(IRQ_SOFT, user_irq_handler, NULL, "ktest-user-irq") == 0);
	/* IRQ_SOFT pending right before the first entry: interrupts are masked until eret
	 * unmasks them in user mode, so the interrupt is taken there, from EL0. */
	struct raw_proc rp = { .before_entry = arch_raise_soft_irq };
	int pid = uprog_spawn(&rp, uprog_regs, 0x3333000000, 100000);
	int st = -1;
	if (pid > 0)
		process_wait(current_task(), pid, &st, false);
	irq_free(IRQ_SOFT);
	KT_ASSERT(t, pid > 0);
	ktest_log(t, "handler calls %d, from user %d, frame on %s (top %d), handler on %s",
		  user_irq.calls, user_irq.from_user,
		  user_irq.frame_stack >= 0 ? stack_kind_name(user_irq.frame_stack) : "?",
		  user_irq.frame_top,
		  user_irq.handler_stack >= 0 ? stack_kind_name(user_irq.handler_stack) : "?");
	KT_EXPECT_EQ(t, user_irq.calls, 1);
	KT_EXPECT(t, user_irq.from_user);
	KT_EXPECT_EQ(t, user_irq.frame_stack, STACK_TASK);
	KT_EXPECT(t, user_irq.frame_top);
	KT_EXPECT_EQ(t, user_irq.handler_stack, STACK_IRQ);
	KT_EXPECT_EQ(t, st, 0);
}

KTEST(arm64_user, el0_faults_kill_with_their_cause)
{
	int st = uprog_run(uprog_brk, 0, 0);
	KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_TRAP);
	st = uprog_run(uprog_pc_align, 0, 0);
	KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_BUS);
	/* FP is on for user programs (CPACR_EL1.FPEN): the instruction runs, the program goes
	 * on to exit 1. */
	st = uprog_run(uprog_fp, 0, 0);
	KT_EXPECT(t, WIFEXITED(st) && WEXITSTATUS(st) == 1);
	st = uprog_run(uprog_semihost, 0, 0);
	KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_ILLEGAL);
	st = uprog_run(uprog_wfi, 0, 0);
	KT_EXPECT(t, WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

/* After the shared checks (ktest/uprog.c): kernel memory is not user memory to these routines,
 * even where no range check stops the call (LDTR/STTR check EL0's rights). */
static u8 kbuf[24], kbuf2[24];

static void kernel_is_not_user(struct ktest *t)
{
	memset(kbuf, 0xa5, sizeof(kbuf));
	memset(kbuf2, 0x5a, sizeof(kbuf2));
	KT_EXPECT_EQ(t, arch_copy_from_user(kbuf2, kbuf, 24), 24);
	KT_EXPECT_EQ(t, arch_copy_to_user(kbuf2, kbuf, 24), 24);
	KT_EXPECT_EQ(t, kbuf2[0], 0x5a);
}

KTEST(arm64_user, user_copies_stop_at_the_exact_faulting_byte)
{
	uprog_copy_checks(t, NULL, kernel_is_not_user);
}

static void pan_checks(struct ktest *t)
{
	u64 v = 0;
	unsigned long before = last_oops.count;
	/* An ordinary load from a mapped user page, with a reporting exception-table entry: PAN
	 * makes it a permission fault, which is reported, and the load is skipped. */
	__asm__ volatile("1:	ldr	%0, [%1]\n"
			 "2:\n" EXTABLE_ENTRY("1b", "2b", 1)
			 : "+r"(v)
			 : "r"(UPROG_DATA_VA)
			 : "memory");
	KT_EXPECT_EQ(t, last_oops.count, before + 1);
	KT_EXPECT_EQ(t, last_oops.kind, OOPS_PAGE_FAULT);
	KT_EXPECT_EQ(t, last_oops.addr, UPROG_DATA_VA);
	KT_EXPECT(t, strstr(last_oops.msg, "PAN") != NULL);
	/* LDTR, with EL0's rights, reads it. */
	KT_EXPECT_EQ(t, arch_copy_from_user(&v, (const void *)UPROG_DATA_VA, sizeof(v)), 0);
}

KTEST(arm64_user, pan_stops_kernel_access_to_user_memory)
{
	_Static_assert(EXTABLE_REPORT == 1, "the entry above is a reporting one");
	if (!((read_sysreg(id_aa64mmfr1_el1) >> ID_AA64MMFR1_PAN_SHIFT) & ID_AA64MMFR1_PAN_MASK)) {
		ktest_skip(t, "this CPU has no PAN (Armv8.0); try -cpu max");
		return;
	}
	/* Every kernel thread runs with PSTATE.PAN set (arch_user_init()). */
	KT_EXPECT(t, read_sysreg_s(SYS_PAN) & PSR_PAN_BIT);
	uprog_with_data_pages(t, false, pan_checks);
}
