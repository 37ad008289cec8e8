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
 *     alignment fault, an FP instruction (FP is off), a semihosting call (no stopping QEMU
 *     from user mode), and WFI is stepped over;
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

#define STR_(x) #x
#define STR(x)	STR_(x)
/* The system-call numbers as text, for the programs below. */
#define SYS_YIELD_NR	     STR(SYS_yield)
#define SYS_EXIT_NR	     STR(SYS_exit)
#define SEMIHOST_SYS_EXIT_NR STR(SEMIHOST_SYS_EXIT)
#define SEMIHOST_HLT_IMM_NR  STR(SEMIHOST_HLT_IMM)
#define ADP_EXIT_NR	     STR(ADP_STOPPED_APPLICATION_EXIT)

/* Where the test address spaces put things. */
#define CODE_VA	  _AC(0x400000, UL)
#define STACK_VA  _AC(0x800000, UL) /* one page: [STACK_VA, STACK_VA + PAGE_SIZE) */
#define DATA_VA	  _AC(0x600000, UL) /* copy tests: one RW page, then a hole */
#define RODATA_VA _AC(0x700000, UL) /* copy tests: one read-only page */
#define STACK_TOP (STACK_VA + PAGE_SIZE)
/* Switches to each spinning program before the preemption test lets it go: its start and
 * three preemptions. */
#define SPIN_SWITCHES 4

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

extern const char uprog_start[], uprog_end[], uprog_regs[], uprog_brk[], uprog_pc_align[],
	uprog_fp[], uprog_semihost[], uprog_wfi[];

/* ------------------------------------------------------------- running a hand-made program -- */

struct raw_proc {
	struct mm *mm;
	struct task *task; /* set by start() */
	uintptr_t pc, arg0, arg1;
	bool raise_soft_irq; /* make IRQ_SOFT pending just before the first entry to user mode */
};

/* The new task's first code, in the kernel: enter user mode in its address space, as
 * kernel/proc.c's process_start() does for a program from the initramfs. */
static int raw_start(void *arg)
{
	struct raw_proc *rp = arg;
	struct task *self = current_task();
	struct pt_regs *regs = (struct pt_regs *)(self->stack_base + self->stack_size) - 1;

	arch_irq_disable();
	arch_mm_activate(self->mm->root); /* the switch to us did it already (self->mm is set) */
	arch_user_regs_init(regs, rp->pc, STACK_TOP, rp->arg0, rp->arg1);
	/* Interrupts are masked until eret unmasks them in user mode: the interrupt is taken
	 * there, from EL0, as soon as the program runs. */
	if (rp->raise_soft_irq)
		arch_raise_soft_irq();
	arch_ret_to_user(regs);
}

/* An address space with the programs at CODE_VA (read + execute) and a stack page. */
static struct mm *make_mm(void)
{
	struct mm *mm = mm_create();
	if (!mm)
		return NULL;
	size_t len = (size_t)(uprog_end - uprog_start);
	if (mm_map_anon(mm, CODE_VA, ALIGN_UP(len, PAGE_SIZE), PROT_R | PROT_X) ||
	    mm_map_anon(mm, STACK_VA, PAGE_SIZE, PROT_R | PROT_W) ||
	    mm_write(mm, CODE_VA, uprog_start, len)) {
		mm_destroy(mm);
		return NULL;
	}
	return mm;
}

/* Starts prog in a new address space as a child of the current task; returns its pid, or -1.
 * *rp must live until the child has been waited for. */
static int start_irq(struct raw_proc *rp, const char *prog, uintptr_t arg0, uintptr_t arg1,
		     bool raise_soft_irq)
{
	rp->mm = make_mm();
	if (!rp->mm)
		return -1;
	rp->pc = CODE_VA + (uintptr_t)(prog - uprog_start);
	rp->arg0 = arg0;
	rp->arg1 = arg1;
	rp->raise_soft_irq = raise_soft_irq;
	/* As process_spawn() does: parent and address space set before the child can run. */
	unsigned long flags = arch_irq_save();
	struct task *t = task_create("uprog", raw_start, rp);
	if (t) {
		t->parent = current_task();
		t->mm = rp->mm;
	}
	arch_irq_restore(flags);
	if (!t) {
		mm_destroy(rp->mm);
		return -1;
	}
	rp->task = t;
	return t->id;
}

static int start(struct raw_proc *rp, const char *prog, uintptr_t arg0, uintptr_t arg1)
{
	return start_irq(rp, prog, arg0, arg1, false);
}

/* Runs prog to its end and returns its wait status (process_wait() frees its address space). */
static int run(const char *prog, uintptr_t arg0, uintptr_t arg1)
{
	struct raw_proc rp;
	int pid = start(&rp, prog, arg0, arg1);
	if (pid < 0)
		return -1;
	int status = -1;
	if (process_wait(current_task(), pid, &status) != pid)
		return -1;
	return status;
}

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

KTEST(arm64_user, tls_and_registers_survive_preemption_and_syscalls)
{
	/* Two programs spinning in user mode at once, each with its own TPIDR_EL0: the timer
	 * switches between them (and the kernel borrows TPIDR_EL0 in between).
	 * They spin until both have been preempted a few times (the spin makes no system call, so
	 * every switch to them after the first is a return from a preemption), then the test ends
	 * the spin by setting the loop counter (x21) in their saved registers to 1. */
	struct raw_proc a, b;
	u64 ticks = arch_this_cpu()->ticks;
	int pa = start(&a, uprog_regs, 0x1111000000, ~0UL);
	int pb = start(&b, uprog_regs, 0x2222000000, ~0UL);
	KT_ASSERT(t, pa > 0 && pb > 0);
	struct task *const both[2] = { a.task, b.task };
	bool preempted = ktest_wait_switches(both, 2, SPIN_SWITCHES, 10000);
	unsigned long flags = arch_irq_save(); /* neither runs while we write their registers */
	task_pt_regs(a.task)->regs[21] = 1;
	task_pt_regs(b.task)->regs[21] = 1;
	arch_irq_restore(flags);
	KT_EXPECT(t, preempted);
	int sa = -1, sb = -1;
	KT_EXPECT_EQ(t, process_wait(current_task(), pa, &sa), pa);
	KT_EXPECT_EQ(t, process_wait(current_task(), pb, &sb), pb);
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
	/* DESIGN.md section 3, "IRQ from user: user -> task -> irq -> task -> user": the frame
	 * is on the task stack (where the CPU put SP_EL1), at its top; the handler runs on the IRQ
	 * stack; and the program then goes on in user mode and ends normally. */
	user_irq = (typeof(user_irq)){ 0 };
	KT_ASSERT(t, irq_request(IRQ_SOFT, user_irq_handler, NULL, "ktest-user-irq") == 0);
	struct raw_proc rp;
	int pid = start_irq(&rp, uprog_regs, 0x3333000000, 100000, true);
	int st = -1;
	if (pid > 0)
		process_wait(current_task(), pid, &st);
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
	int st = run(uprog_brk, 0, 0);
	KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_TRAP);
	st = run(uprog_pc_align, 0, 0);
	KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_BUS);
	st = run(uprog_fp, 0, 0);
	KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_ILLEGAL);
	st = run(uprog_semihost, 0, 0);
	KT_EXPECT(t, WIFKILLED(st) && WKILLCAUSE(st) == KILL_ILLEGAL);
	st = run(uprog_wfi, 0, 0);
	KT_EXPECT(t, WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

/* Runs fn with mm as the current task's address space (so that a context switch meanwhile
 * keeps it), then goes back to none. */
static void with_mm(struct mm *mm, void (*fn)(struct ktest *t), struct ktest *t)
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

static void copy_checks(struct ktest *t)
{
	int bad = 0;
	for (unsigned int i = 0; i < sizeof(kbuf); i++)
		kbuf[i] = (u8)(i + 1);
	/* Every length 0..40 ending k bytes before the hole above the page: exactly the bytes
	 * that fit are copied, whatever the alignment, word loop and byte loop alike. */
	for (size_t k = 0; k <= 20; k++) {
		for (size_t n = 0; n <= 40; n++) {
			uintptr_t u = DATA_VA + PAGE_SIZE - k;
			size_t expect = n > k ? n - k : 0;
			memset(kbuf2, 0, sizeof(kbuf2));
			size_t left_to = arch_copy_to_user((void *)u, kbuf, n);
			size_t left_from = arch_copy_from_user(kbuf2, (const void *)u, n);
			if (left_to != expect || left_from != expect ||
			    memcmp(kbuf, kbuf2, n - expect) != 0) {
				if (bad++ < 4)
					ktest_log(t,
						  "k %zu n %zu: not copied %zu and %zu, want %zu",
						  k, n, left_to, left_from, expect);
			}
		}
	}
	KT_EXPECT_EQ(t, bad, 0);
	/* A read-only user page can be read, not written. */
	KT_EXPECT_EQ(t, arch_copy_from_user(kbuf2, (const void *)RODATA_VA, 24), 0);
	KT_EXPECT_EQ(t, arch_copy_to_user((void *)RODATA_VA, kbuf, 24), 24);
	KT_EXPECT_EQ(t, arch_copy_to_user((void *)(RODATA_VA + 3), kbuf, 5), 5);
	/* Kernel memory is not user memory, even where no range check stops the call. */
	memset(kbuf2, 0x5a, sizeof(kbuf2));
	KT_EXPECT_EQ(t, arch_copy_from_user(kbuf2, kbuf, 24), 24);
	KT_EXPECT_EQ(t, arch_copy_to_user(kbuf2, kbuf, 24), 24);
	KT_EXPECT_EQ(t, kbuf2[0], 0x5a);
}

KTEST(arm64_user, user_copies_stop_at_the_exact_faulting_byte)
{
	struct mm *mm = mm_create();
	KT_ASSERT(t, mm);
	if (mm_map_anon(mm, DATA_VA, PAGE_SIZE, PROT_R | PROT_W) ||
	    mm_map_anon(mm, RODATA_VA, PAGE_SIZE, PROT_R)) {
		mm_destroy(mm);
		KT_ASSERT(t, false);
	}
	with_mm(mm, copy_checks, t);
	mm_destroy(mm);
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
			 : "r"(DATA_VA)
			 : "memory");
	KT_EXPECT_EQ(t, last_oops.count, before + 1);
	KT_EXPECT_EQ(t, last_oops.kind, OOPS_PAGE_FAULT);
	KT_EXPECT_EQ(t, last_oops.addr, DATA_VA);
	KT_EXPECT(t, strstr(last_oops.msg, "PAN") != NULL);
	/* LDTR, with EL0's rights, reads it. */
	KT_EXPECT_EQ(t, arch_copy_from_user(&v, (const void *)DATA_VA, sizeof(v)), 0);
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
	struct mm *mm = mm_create();
	KT_ASSERT(t, mm);
	if (mm_map_anon(mm, DATA_VA, PAGE_SIZE, PROT_R | PROT_W)) {
		mm_destroy(mm);
		KT_ASSERT(t, false);
	}
	with_mm(mm, pan_checks, t);
	mm_destroy(mm);
}
