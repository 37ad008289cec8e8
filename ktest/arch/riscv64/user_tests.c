// SPDX-License-Identifier: MIT
/*
 * ktest=riscv64_user: the riscv64 side of user mode, tested without the programs of user/, with
 * address spaces and tiny programs made right here (the same shape as
 * ktest/arch/arm64/user_tests.c).
 *
 *   - the first entry: arch_user_regs_init() leaves no kernel value, sstatus says U-mode with
 *     interrupts on there, the FP registers Clean (their initial state loaded), SUM off;
 *   - the sscratch convention (entry.S): the user's tp and every other register survive timer
 *     interrupts (two programs spinning in user mode preempt each other) and system calls, even
 *     with a user sp that is misaligned, unmapped and has bit THREAD_SHIFT set (the kernel never
 *     uses the user's sp, and the stack-overflow check is for traps from the kernel only); and
 *     in the kernel, sscratch is 0 again;
 *   - riscv64 faults from U-mode kill only the program, with the right cause: ebreak, an S-mode
 *     CSR, sret, a misaligned AMO (OpenSBI emulates misaligned loads and stores but cannot
 *     emulate an AMO), a fetch from a page without X, a load from a kernel address; and an FP
 *     instruction runs;
 *   - the user-copy routines (entry.S) copy up to the exact byte that faults, at every alignment,
 *     and leave sstatus.SUM clear; outside them an ordinary kernel load from user memory faults.
 *
 * The programs are assembled with the kernel (position independent: PC-relative branches only),
 * kept in .rodata, and copied into the user code page of each address space.
 */
#include <arch.h>
#include <cpu.h>
#include <extable.h>
#include <ktest.h>
#include <mm.h>
#include <process.h>
#include <string.h>
#include <syscall.h>
#include <task.h>
#include <uvm.h>
#include <uapi/syscall.h>
#include <asm/csr.h>

#include "uprog.h"

#define STR_(x) #x
#define STR(x)	STR_(x)

/*
 * The magic values of the register test: bit THREAD_SHIFT is set in every xN = magic + N (N <
 * 32), sp = x2 among them, so that the sp a trap from user mode finds looks, to the kernel-mode
 * overflow check, like an sp in a guard page; and it is misaligned and unmapped.
 */
#define MAGIC_A (_AC(0x1111000000, UL) | (1UL << THREAD_SHIFT))
#define MAGIC_B (_AC(0x2222000000, UL) | (1UL << THREAD_SHIFT))

/*
 * The programs. Entered with a0 = arg0 and a1 = arg1 (arch_user_regs_init()).
 *
 * uprog_regs(magic, loops): sets every register xN but a0, a7, s4 and s5 to magic + N (tp and
 * sp included), spins `loops` times in user mode (only the timer interrupts it), checks them
 * all; then makes three yield() calls and checks again. Exits 0, or with the number of the
 * first check that failed. a0 is scratch, a7 the system call number, s4 (x20) the magic value
 * and s5 (x21) the loop counter.
 */
/* clang-format would split the STR() pieces of these strings over many lines. */
// clang-format off
__asm__(".pushsection .rodata\n"
	".balign 4\n"
	".globl uprog_start, uprog_end\n"
	"uprog_start:\n"
	".macro uprog_fill\n"
	"	.irp n, 1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,18,19,22,23,24,25,26,27,28,29,30,31\n"
	"	addi	x\\n, x20, \\n\n"
	"	.endr\n"
	".endm\n"
	".macro uprog_check code\n"
	"	.irp n, 1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,18,19,22,23,24,25,26,27,28,29,30,31\n"
	"	addi	a0, x20, \\n\n"
	"	bne	x\\n, a0, 9f\n"
	"	.endr\n"
	"	j	7f\n"
	"9:	li	a0, \\code\n"
	"	j	uprog_exit\n"
	"7:\n"
	".endm\n"
	"uprog_regs:\n"
	"	mv	x20, a0\n"
	"	mv	x21, a1\n"
	"	uprog_fill\n"
	"1:	addi	x21, x21, -1\n"
	"	bnez	x21, 1b\n"
	"	uprog_check 10\n"
	"	li	x21, 3\n"
	"2:	li	a7, " STR(SYS_yield) "\n"
	"	ecall\n"
	"	addi	x21, x21, -1\n"
	"	bnez	x21, 2b\n"
	"	uprog_check 20\n"
	"	li	a0, 0\n"
	"uprog_exit:\n"
	"	li	a7, " STR(SYS_exit) "\n"
	"	ecall\n"
	"	j	.\n"
	/* Faults: each is killed before it gets to exit(1). */
	"uprog_ebreak:\n"
	"	ebreak\n"
	"	li	a0, 1\n"
	"	j	uprog_exit\n"
	"uprog_csr:\n"				/* an S-mode CSR */
	"	csrr	a0, sstatus\n"
	"	li	a0, 1\n"
	"	j	uprog_exit\n"
	"uprog_sret:\n"
	"	sret\n"
	"	li	a0, 1\n"
	"	j	uprog_exit\n"
	"uprog_fp:\n"
	"	.4byte	0xf0000053\n"		/* fmv.w.x ft0, zero (the kernel builds without F) */
	"	li	a0, 1\n"
	"	j	uprog_exit\n"
	"uprog_amo:\n"
	"	addi	a0, sp, -15\n"
	"	amoadd.w zero, zero, (a0)\n"
	"	li	a0, 1\n"
	"	j	uprog_exit\n"
	"uprog_fetch_nx:\n"			/* the stack page is RW, not X */
	"	li	a0, " STR(UPROG_STACK_VA) "\n"
	"	jr	a0\n"
	"uprog_kernel_load:\n"
	"	li	a0, " STR(KERNEL_VBASE) "\n"
	"	ld	a0, 0(a0)\n"
	"	li	a0, 1\n"
	"	j	uprog_exit\n"
	"uprog_end:\n"
	".purgem uprog_fill\n"
	".purgem uprog_check\n"
	".popsection");
// clang-format on

extern const char uprog_regs[], uprog_ebreak[], uprog_csr[], uprog_sret[], uprog_fp[], uprog_amo[],
	uprog_fetch_nx[], uprog_kernel_load[];

/* The kernel-side invariants of the sscratch convention and of SUM, checked between tests. */
static void expect_kernel_state(struct ktest *t)
{
	KT_EXPECT_EQ(t, csr_read(sscratch), 0);
	KT_EXPECT_EQ(t, csr_read(sstatus) & SR_SUM, 0);
}

/* -------------------------------------------------------------------------------- tests -- */

KTEST(riscv64_user, regs_init_leaves_no_kernel_value)
{
	struct pt_regs regs;
	memset(&regs, 0xa5, sizeof(regs));
	arch_user_regs_init(&regs, 0x1000, 0x2000, 11, 22);
	KT_EXPECT(t, user_mode(&regs));
	/* SPP = 0 (sret to U-mode), SPIE = 1 (interrupts on there), SIE, SUM = 0, FS = Clean (the
	 * switch to the process loaded its initial FP state). */
	KT_EXPECT_EQ(t, regs.status & (SR_SPP | SR_SPIE | SR_SIE | SR_FS | SR_SUM),
		     SR_SPIE | SR_FS_CLEAN);
	KT_EXPECT_EQ(t, instruction_pointer(&regs), 0x1000);
	KT_EXPECT_EQ(t, stack_pointer(&regs), 0x2000);
	KT_EXPECT_EQ(t, syscall_arg(&regs, 0), 11);
	KT_EXPECT_EQ(t, syscall_arg(&regs, 1), 22);
	KT_EXPECT_EQ(t, frame_pointer(&regs), 0); /* never walk a user frame pointer */
	/* x1..x31 follow epc in the frame (asm/ptrace.h): all 0 but sp (x2), a0 (x10), a1. */
	_Static_assert(offsetof(struct pt_regs, t6) == 31 * sizeof(unsigned long),
		       "xN at offset 8 * N");
	unsigned long x[32];
	memcpy(x, &regs, sizeof(x));
	for (int i = 1; i < 32; i++) {
		if (i != 2 && i != 10 && i != 11)
			KT_EXPECT_EQ(t, x[i], 0);
	}
	KT_EXPECT_EQ(t, regs.badaddr | regs.cause | regs.orig_a0, 0);
}

/* Ends uprog_regs's spin: its loop counter is s5 (x21). */
static void end_spin(struct pt_regs *regs)
{
	regs->s5 = 1;
}

KTEST(riscv64_user, tp_and_registers_survive_preemption_and_syscalls)
{
	/* Two programs spinning in user mode at once, each with its own tp and sp: the timer
	 * switches between them, and every trap swaps tp with sscratch.
	 * They spin until both have been preempted a few times (the spin makes no system call, so
	 * every switch to them after the first is a return from a preemption), then the test ends
	 * the spin by setting the loop counter (x21) in their saved registers to 1. */
	struct raw_proc a = { 0 }, b = { 0 };
	u64 ticks = arch_this_cpu()->ticks;
	int pa = uprog_spawn(&a, uprog_regs, MAGIC_A, ~0UL);
	int pb = uprog_spawn(&b, uprog_regs, MAGIC_B, ~0UL);
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
	expect_kernel_state(t);
}

KTEST(riscv64_user, u_mode_faults_kill_with_their_cause)
{
	static const struct {
		const char *prog;
		int cause;
	} cases[] = {
		{ uprog_ebreak, KILL_TRAP },	 { uprog_csr, KILL_ILLEGAL },
		{ uprog_sret, KILL_ILLEGAL },	 { uprog_amo, KILL_BUS },
		{ uprog_fetch_nx, KILL_MEMORY }, { uprog_kernel_load, KILL_MEMORY },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int st = uprog_run(cases[i].prog, 0, 0);
		if (!KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == cases[i].cause))
			ktest_log(t, "case %zu: wait status %#x, want cause %d", i, st,
				  cases[i].cause);
	}
	/* An FP instruction runs (sstatus.FS is Clean from the first entry): the program goes on
	 * to exit 1. */
	int st = uprog_run(uprog_fp, 0, 0);
	KT_EXPECT(t, WIFEXITED(st) && WEXITSTATUS(st) == 1);
	expect_kernel_state(t);
}

/* The user-access window of the copy routines: sstatus.SUM, set only inside them. */
static bool sum_open(void)
{
	return csr_read(sstatus) & SR_SUM;
}

static void after_copies(struct ktest *t)
{
	/* Unlike arm64's LDTR/STTR, SUM adds user pages to what S-mode may touch and takes
	 * nothing away: these routines would copy kernel memory too. The range check in
	 * copy_from_user()/copy_to_user() (user_range_ok()) is what keeps a system call from
	 * passing a kernel address, as access_ok() does in Linux. */
	static u8 kbuf[24];
	KT_EXPECT(t, !user_range_ok((uintptr_t)kbuf, sizeof(kbuf)));
	expect_kernel_state(t);
}

KTEST(riscv64_user, user_copies_stop_at_the_exact_faulting_byte)
{
	uprog_copy_checks(t, sum_open, after_copies);
}

static void sum_checks(struct ktest *t)
{
	u64 v = 0;
	unsigned long before = last_oops.count;
	/* An ordinary load from a mapped user page, with a reporting exception-table entry:
	 * with SUM clear it is a load page fault, which is reported, and the load is skipped. */
	__asm__ volatile("1:	ld	%0, 0(%1)\n"
			 "2:\n" EXTABLE_ENTRY("1b", "2b", EXTABLE_REPORT)
			 : "+r"(v)
			 : "r"(UPROG_DATA_VA)
			 : "memory");
	KT_EXPECT_EQ(t, last_oops.count, before + 1);
	KT_EXPECT_EQ(t, last_oops.kind, OOPS_PAGE_FAULT);
	KT_EXPECT_EQ(t, last_oops.addr, UPROG_DATA_VA);
	/* The copy routine, with SUM set for its length, reads it. */
	KT_EXPECT_EQ(t, arch_copy_from_user(&v, (const void *)UPROG_DATA_VA, sizeof(v)), 0);
	expect_kernel_state(t);
}

KTEST(riscv64_user, sum_stops_kernel_access_to_user_memory)
{
	uprog_with_data_pages(t, false, sum_checks);
}
