// SPDX-License-Identifier: MIT
/*
 * riscv64 traps, the C side of entry.S: decode scause and act. For now every exception taken in
 * the kernel is fatal and prints what happened; interrupts are not enabled yet.
 */
#include <arch.h>
#include <panic.h>
#include <printk.h>
#include <asm/csr.h>

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

void do_trap(struct pt_regs *regs);
void do_trap(struct pt_regs *regs)
{
	if (regs->cause & CAUSE_IRQ_FLAG)
		panic_regs(regs, "unexpected interrupt %lu (interrupts are not enabled yet)",
			   regs->cause & ~CAUSE_IRQ_FLAG);
	panic_regs(regs, "%s in kernel mode at pc %#lx (stval %#lx)", cause_name(regs->cause),
		   regs->epc, regs->badaddr);
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
