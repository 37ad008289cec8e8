// SPDX-License-Identifier: MIT
/*
 * riscv64 traps, the C side of entry.S: decode scause and act. Interrupts go to the interrupt
 * controller code (irqchip.c) through do_irq(); an exception taken in the kernel is reported with
 * die() (include/extable.h), which resumes at an exception-table fixup or panics; from user mode,
 * ecall is a system call (do_syscall()) and any other exception ends the process (user_fault()).
 * Linux: arch/riscv/kernel/traps.c, arch/riscv/mm/fault.c. A kernel stack overflow, caught by
 * entry.S before the trap touches the stack, comes to do_stack_overflow() on the overflow stack
 * (Linux: handle_bad_stack() in traps.c). The user-copy routines live here too, next to the
 * exception-table use they depend on (Linux: arch/riscv/lib/uaccess.S).
 */
#include <arch.h>
#include <cpu.h>
#include <extable.h>
#include <mm.h>
#include <panic.h>
#include <pgtable.h>
#include <printk.h>
#include <stack.h>
#include <syscall.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/irq.h>
#include <asm/thread.h>

static const char *const exc_names[] = {
	[EXC_INST_MISALIGNED] = "instruction address misaligned",
	[EXC_INST_ACCESS] = "instruction access fault",
	[EXC_ILLEGAL_INST] = "illegal instruction",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load address misaligned",
	[EXC_LOAD_ACCESS] = "load access fault",
	[EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
	[EXC_STORE_ACCESS] = "store/AMO access fault",
	[EXC_ECALL_U] = "environment call from U-mode",
	[EXC_ECALL_S] = "environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "load page fault",
	[EXC_STORE_PAGE_FAULT] = "store/AMO page fault",
};

static const char *cause_name(unsigned long cause)
{
	if (cause & CAUSE_IRQ_FLAG)
		return "interrupt";
	if (cause < ARRAY_SIZE(exc_names) && exc_names[cause])
		return exc_names[cause];
	return "unknown exception";
}

/* What each exception is, in portable terms. */
static enum oops_kind oops_kind_of(unsigned long cause)
{
	switch (cause) {
	case EXC_ILLEGAL_INST:
		return OOPS_ILLEGAL;
	case EXC_INST_ACCESS:
	case EXC_LOAD_ACCESS:
	case EXC_STORE_ACCESS:
	case EXC_INST_PAGE_FAULT:
	case EXC_LOAD_PAGE_FAULT:
	case EXC_STORE_PAGE_FAULT:
		/* An access fault is the PMP or the bus refusing a physical address; for the
		 * kernel it means the same as a page fault: a bad address. */
		return OOPS_PAGE_FAULT;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		return OOPS_ALIGNMENT;
	case EXC_BREAKPOINT:
		return OOPS_BREAKPOINT;
	default:
		return OOPS_OTHER;
	}
}

/* Length of the instruction at pc: 16-bit (compressed, C extension) unless its low two bits are
 * 11 (RISC-V unprivileged spec, "Expanded Instruction-Length Encoding"). Instructions are only
 * 2-byte aligned, so read one 16-bit parcel, never 32 bits that might cross into a hole. */
static unsigned long insn_length(unsigned long pc)
{
	return (*(const volatile u16 *)pc & 3) == 3 ? 4 : 2;
}

/*
 * entry.S finds an overflow by one bit of sp ([CHECK_STACK_OVERFLOW]): bit THREAD_SHIFT must be
 * 0 on every stack the kernel runs on and 1 in the guard below a task stack. That holds for
 * stacks of THREAD_SIZE = 1 << THREAD_SHIFT bytes aligned to THREAD_ALIGN = 2 * THREAD_SIZE
 * (task and boot stacks), and for the IRQ stack (option riscv_irq_stack), aligned to THREAD_ALIGN
 * too (kernel/irq.c), only if it is no bigger than THREAD_SIZE: above that, sp on its upper part
 * would have the bit set and every interrupt nested there would be taken for an overflow.
 * (Linux: IRQ_STACK_SIZE is THREAD_SIZE.)
 */
_Static_assert((1UL << THREAD_SHIFT) == THREAD_SIZE, "THREAD_SHIFT is log2(THREAD_SIZE)");
_Static_assert(THREAD_ALIGN == 2 * THREAD_SIZE,
	       "task stacks aligned to twice their size: bit THREAD_SHIFT is set just below them");
_Static_assert(
	!ARCH_HAS_IRQ_STACK || IRQ_STACK_SIZE <= THREAD_SIZE,
	"riscv_irq_stack=true needs irq_stack_size <= thread_size (meson options): the "
	"overflow check at trap entry takes an sp with bit THREAD_SHIFT set for an overflow");

/* Is sp on this CPU's overflow stack? */
static bool on_overflow_stack(uintptr_t sp)
{
	struct cpu *c = arch_this_cpu();
	return c->overflow_stack_base && sp >= c->overflow_stack_base &&
	       sp <= c->overflow_stack_top;
}

/*
 * Called by entry.S (handle_kernel_stack_overflow) on this CPU's overflow stack when a trap found
 * sp off its stack: regs holds the interrupted registers, regs->sp the sp that overflowed.
 * Linux's handle_bad_stack(). The portable handle_stack_overflow() says which task and which
 * stack, and kills the task if it was its own stack (it never comes back here), else panics.
 */
__noreturn void do_stack_overflow(struct pt_regs *regs);
void do_stack_overflow(struct pt_regs *regs)
{
	uintptr_t sp = regs->sp, frame = sp - sizeof(*regs);

	printk("%s (scause %#lx) with sp %#lx: its %zu-byte frame at %#lx is off the stack; "
	       "reporting on the overflow stack\n",
	       cause_name(regs->cause), regs->cause, sp, sizeof(*regs), frame);
	/* Usually sp itself is in the guard. It can also still be on its stack with no room left
	 * for the frame (a store below sp faulted, or an interrupt came): then the frame's sp,
	 * which is what entry.S tested, is the one in the guard. */
	if (!stack_guard_of(sp) && stack_guard_of(frame))
		sp = frame;
	handle_stack_overflow(regs, sp);
}

/*
 * An exception from user mode. ecall is a system call: resume after it (ecall is always 4 bytes,
 * it has no compressed form), keep the first argument as it came (a0 is about to become the
 * result), and run the call with interrupts on, as process context (Linux: do_trap_ecall_u()).
 * Anything else is the program's fault, and ends it: the cause in words, with the faulting
 * address where the CPU gives one (Linux: do_page_fault() / do_trap_*() -> force_sig_fault()).
 */
static void do_trap_user(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;
	enum oops_kind kind = oops_kind_of(cause);

	arch_irq_enable();
	switch (kind) {
	case OOPS_PAGE_FAULT:
	case OOPS_ALIGNMENT:
		/* stval holds the faulting address (the target, for an instruction fault). */
		user_fault(regs, kind, regs->badaddr, "%s", cause_name(cause));
	case OOPS_ILLEGAL:
		/* stval holds the instruction's bits (QEMU fills it; the spec allows 0). With
		 * sstatus.FS = 0 this is also where any floating-point instruction ends up. */
		user_fault(regs, kind, 0, "%s %#lx", cause_name(cause), regs->badaddr);
	case OOPS_BREAKPOINT:
		user_fault(regs, kind, 0, "%s", cause_name(cause));
	default: /* a cause the kernel does not expect from U-mode */
		user_fault(regs, kind, regs->badaddr, "%s (scause %lu, stval %#lx)",
			   cause_name(cause), cause, regs->badaddr);
	}
}

/* Exceptions (scause bit 63 clear). */
void do_trap(struct pt_regs *regs);
void do_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;

	/* The hot path first: a system call from user mode, with interrupts on, resuming after the
	 * 4-byte ecall (Linux: handle_syscall in entry.S). */
	if (likely(cause == EXC_ECALL_U)) {
		arch_irq_enable();
		regs->epc += 4;
		regs->orig_a0 = regs->a0;
		do_syscall(regs);
		return;
	}

	enum oops_kind kind = oops_kind_of(cause);

	if (cause & CAUSE_IRQ_FLAG) /* entry.S sends these to do_irq(); never here */
		panic_regs(regs, "interrupt %lu reached do_trap", cause & ~CAUSE_IRQ_FLAG);

	if (user_mode(regs)) {
		do_trap_user(regs);
		return;
	}

	/* entry.S sends a trap taken on the overflow stack to the normal handler, here: it comes
	 * from the overflow report itself, which cannot be trusted to report it. */
	if (on_overflow_stack(regs->sp))
		panic_regs(regs,
			   "%s at pc %#lx on the overflow stack, while reporting a stack overflow",
			   cause_name(cause), regs->epc);

	switch (kind) {
	case OOPS_BREAKPOINT:
		/* ebreak (4 bytes) or c.ebreak (2): resume after it, as a debugger would. */
		die(regs, kind, 0, regs->epc + insn_length(regs->epc), "%s at pc %#lx",
		    cause_name(cause), regs->epc);
		break;
	case OOPS_PAGE_FAULT:
	case OOPS_ALIGNMENT:
		/* stval holds the faulting address. A page fault on a user address lands here
		 * too: from a user-copy routine it has a silent exception-table entry, and die()
		 * resumes at its fixup; anywhere else it is a kernel bug (sstatus.SUM is clear
		 * outside the copy routines, so any other access to user memory faults). */
		die(regs, kind, regs->badaddr, 0, "%s at address %#lx, pc %#lx", cause_name(cause),
		    regs->badaddr, regs->epc);
		break;
	case OOPS_ILLEGAL:
		/* stval holds the instruction's bits (QEMU fills it; the spec allows 0). */
		die(regs, kind, 0, 0, "%s %#lx at pc %#lx", cause_name(cause), regs->badaddr,
		    regs->epc);
		break;
	default:
		die(regs, kind, regs->badaddr, 0, "%s in kernel mode at pc %#lx (stval %#lx)",
		    cause_name(cause), regs->epc, regs->badaddr);
		break;
	}
}

/* Interrupts (scause bit 63 set), called by entry.S, on the IRQ stack when this build has one. */
void do_irq(struct pt_regs *regs);
void do_irq(struct pt_regs *regs)
{
	riscv_intc_handle_irq(regs);
}

/*
 * Test support (include/arch.h). Each faulting instruction is placed by hand between labels 1
 * and 2, with ".option norvc" so that the assembler cannot compress it and its length is the
 * one written here; the exception-table entry sends the trap handler from 1 (the instruction)
 * to 2 (the next one) after it printed the oops. __noipa keeps the function whole and named, so
 * the oops PC is inside arch_test_fault itself.
 */
#define FAULT_INSN(insn)                                                                           \
	".option push\n\t.option norvc\n"                                                          \
	"1:\t" insn "\n"                                                                           \
	"2:\n\t.option pop\n\t" EXTABLE_ENTRY("1b", "2b", EXTABLE_REPORT)

/* A 4-byte ebreak, with no exception-table entry: a breakpoint resumes by itself. */
#define EBREAK_NORVC ".option push\n\t.option norvc\n\tebreak\n\t.option pop"

/* Kernel read-only data: 16 bytes, so GCC puts it in .rodata rather than .srodata (both are in
 * the read-only segment anyway, kernel/kernel.ld.S). */
static const unsigned long rodata_target[2] = { 0x7e57, 0x7e57 };
/* A writable word to misalign an atomic on. */
static unsigned long align_target[2];

__noipa bool arch_test_fault(enum test_fault kind)
{
	unsigned long tmp = 0;

	switch (kind) {
	case TEST_FAULT_ILLEGAL:
		/* unimp: with RVC off it is csrrw x0, cycle, x0, a write to a read-only CSR. */
		__asm__ volatile(FAULT_INSN("unimp") : : : "memory");
		return true;
	case TEST_FAULT_READ_UNMAPPED: {
		/* The last page of the ioremap area: mappings are handed out from its bottom. */
		uintptr_t addr = IOREMAP_END - PAGE_SIZE;
		if (pt_lookup(arch_mmu_kernel_root(), addr, NULL, NULL, NULL))
			return false;
		__asm__ volatile(FAULT_INSN("ld %0, 0(%1)") : "+r"(tmp) : "r"(addr) : "memory");
		return true;
	}
	case TEST_FAULT_WRITE_RODATA:
		__asm__ volatile(FAULT_INSN("sd zero, 0(%0)") : : "r"(rodata_target) : "memory");
		return true;
	case TEST_FAULT_ALIGNMENT:
		/*
		 * Plain loads and stores never fault on alignment here: QEMU performs them, and
		 * the RISC-V privileged spec lets M-mode emulate them invisibly (OpenSBI does,
		 * sbi_misaligned_ldst.c). Atomics (LR/SC, AMOs) must be naturally aligned and
		 * cannot be emulated, so OpenSBI 1.1 redirects the misaligned-address exception
		 * to S-mode with stval = the address. (The spec says "store/AMO address
		 * misaligned"; QEMU 7.2 raises "load address misaligned" for an AMO.) Should a
		 * firmware emulate even those, nothing reaches the kernel: then say that it
		 * cannot happen here.
		 */
		tmp = last_oops.count;
		__asm__ volatile(FAULT_INSN("amoadd.w zero, zero, (%0)")
				 :
				 : "r"((uintptr_t)align_target + 1)
				 : "memory");
		return last_oops.count != tmp;
	case TEST_FAULT_DIVIDE:
		/* RISC-V division by zero does not trap: it returns all ones (quotient) and the
		 * dividend (remainder), by design (unprivileged spec, "Division Operations"). */
		return false;
	case TEST_FAULT_BREAKPOINT:
		/* No table entry: do_trap() resumes after the ebreak (4 bytes with RVC off). */
		__asm__ volatile(EBREAK_NORVC : : : "memory");
		return true;
	}
	return false;
}

/* Nothing to set up for user mode on riscv64: the trap vector is the same for both modes, and
 * sscratch (0 since boot.S) is the only per-CPU state the entry needs. SUM must be clear: the
 * copy routines are the only place that sets it. */
void arch_user_init(void)
{
	csr_clear(sstatus, SR_SUM);
}

void arch_dump_regs(const struct pt_regs *r)
{
	printk("epc : %016lx ra : %016lx sp : %016lx\n", r->epc, r->ra, r->sp);
	printk(" gp : %016lx tp : %016lx t0 : %016lx\n", r->gp, r->tp, r->t0);
	printk(" t1 : %016lx t2 : %016lx s0 : %016lx\n", r->t1, r->t2, r->s0);
	printk(" s1 : %016lx a0 : %016lx a1 : %016lx\n", r->s1, r->a0, r->a1);
	printk(" a2 : %016lx a3 : %016lx a4 : %016lx\n", r->a2, r->a3, r->a4);
	printk(" a5 : %016lx a6 : %016lx a7 : %016lx\n", r->a5, r->a6, r->a7);
	printk(" s2 : %016lx s3 : %016lx s4 : %016lx\n", r->s2, r->s3, r->s4);
	printk(" s5 : %016lx s6 : %016lx s7 : %016lx\n", r->s5, r->s6, r->s7);
	printk(" s8 : %016lx s9 : %016lx s10: %016lx\n", r->s8, r->s9, r->s10);
	printk(" s11: %016lx t3 : %016lx t4 : %016lx\n", r->s11, r->t3, r->t4);
	printk(" t5 : %016lx t6 : %016lx\n", r->t5, r->t6);
	printk("status: %016lx badaddr: %016lx cause: %016lx (%s)\n", r->status, r->badaddr,
	       r->cause, r->cause || r->badaddr ? cause_name(r->cause) : "no trap");
}

void arch_breakpoint(void)
{
	/* sepc points at the ebreak itself: the entry is keyed there, and resumes after it. */
	__asm__ volatile(
		".option push\n\t.option norvc\n1:\tebreak\n2:\n\t.option pop\n\t" EXTABLE_ENTRY(
			"1b", "2b", EXTABLE_SILENT)::
			: "memory");
}
