// SPDX-License-Identifier: MIT
/*
 * arm64 traps, the C side of entry.S: decode ESR_EL1 and act. For now every exception taken in
 * the kernel is fatal and prints what happened; interrupts are not enabled yet.
 */
#include <arch.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <asm/sysreg.h>

extern volatile bool semihosting_missing;

static const char *const class_names[ESR_EC_MASK + 1] = {
	[ESR_EC_UNKNOWN] = "undefined instruction",
	[ESR_EC_WFX] = "trapped WFI/WFE",
	[ESR_EC_FP_ASIMD] = "FP/SIMD access trapped (CPACR_EL1.FPEN: no FP in the kernel)",
	[ESR_EC_BTI] = "branch target identification fault",
	[ESR_EC_ILL] = "illegal execution state",
	[ESR_EC_SVC64] = "SVC (system call)",
	[ESR_EC_HVC64] = "HVC",
	[ESR_EC_SMC64] = "SMC",
	[ESR_EC_SYS64] = "trapped MSR/MRS/system instruction",
	[ESR_EC_SVE] = "SVE access trapped",
	[ESR_EC_FPAC] = "pointer authentication failure",
	[ESR_EC_IABT_LOW] = "instruction abort from EL0",
	[ESR_EC_IABT_CUR] = "instruction abort",
	[ESR_EC_PC_ALIGN] = "PC alignment fault",
	[ESR_EC_DABT_LOW] = "data abort from EL0",
	[ESR_EC_DABT_CUR] = "data abort",
	[ESR_EC_SP_ALIGN] = "SP alignment fault",
	[ESR_EC_FP_EXC64] = "floating-point exception",
	[ESR_EC_SERROR] = "SError",
	[ESR_EC_BREAKPT_LOW] = "hardware breakpoint from EL0",
	[ESR_EC_BREAKPT_CUR] = "hardware breakpoint",
	[ESR_EC_SOFTSTP_LOW] = "software step from EL0",
	[ESR_EC_SOFTSTP_CUR] = "software step",
	[ESR_EC_WATCHPT_LOW] = "watchpoint from EL0",
	[ESR_EC_WATCHPT_CUR] = "watchpoint",
	[ESR_EC_BRK64] = "BRK instruction",
};

static const char *const vector_names[NR_VECTORS] = {
	[VEC_EL1T_SYNC] = "EL1t sync",
	[VEC_EL1T_IRQ] = "EL1t IRQ",
	[VEC_EL1T_FIQ] = "EL1t FIQ",
	[VEC_EL1T_SERROR] = "EL1t SError",
	[VEC_EL1H_SYNC] = "EL1h sync",
	[VEC_EL1H_IRQ] = "EL1h IRQ",
	[VEC_EL1H_FIQ] = "EL1h FIQ",
	[VEC_EL1H_SERROR] = "EL1h SError",
	[VEC_EL0_64_SYNC] = "EL0 sync",
	[VEC_EL0_64_IRQ] = "EL0 IRQ",
	[VEC_EL0_64_FIQ] = "EL0 FIQ",
	[VEC_EL0_64_SERROR] = "EL0 SError",
	[VEC_EL0_32_SYNC] = "EL0 (AArch32) sync",
	[VEC_EL0_32_IRQ] = "EL0 (AArch32) IRQ",
	[VEC_EL0_32_FIQ] = "EL0 (AArch32) FIQ",
	[VEC_EL0_32_SERROR] = "EL0 (AArch32) SError",
};

static const char *class_name(unsigned long esr)
{
	const char *s = class_names[esr_class(esr)];
	return s ? s : "unknown exception class";
}

/* The fault status code of an abort, in words: "translation fault at level 2", ... */
static const char *fault_status(unsigned long esr, char *buf, size_t size)
{
	unsigned int fsc = esr & ESR_ISS_FSC_MASK;
	unsigned int level = fsc & ESR_FSC_LEVEL_MASK;
	const char *what = NULL;

	switch (fsc & ESR_FSC_TYPE_MASK) {
	case ESR_FSC_ADDR_SIZE:
		what = "address size fault";
		break;
	case ESR_FSC_TRANSLATE:
		what = "translation fault (not mapped)";
		break;
	case ESR_FSC_ACCESS:
		what = "access flag fault";
		break;
	case ESR_FSC_PERM:
		what = "permission fault";
		break;
	}
	/* Arm numbers lookup levels from the root: level 0 is the 512 GiB table, 3 the page. */
	if (what)
		snprintf(buf, size, "%s at lookup level %u", what, level);
	else if (fsc == ESR_FSC_EXTABT)
		snprintf(buf, size, "synchronous external abort");
	else if (fsc == ESR_FSC_ALIGN)
		snprintf(buf, size, "alignment fault");
	else if (fsc == ESR_FSC_TLB_CONFL)
		snprintf(buf, size, "TLB conflict abort");
	else
		snprintf(buf, size, "fault status %#x", fsc);
	return buf;
}

static bool is_semihosting_hlt(const struct pt_regs *regs)
{
	if (regs->pc < (uintptr_t)_text_start || regs->pc + 4 > (uintptr_t)_text_end)
		return false;
	return *(const u32 *)regs->pc == SEMIHOST_HLT_INSN;
}

void do_trap(struct pt_regs *regs, unsigned long vector);
void do_trap(struct pt_regs *regs, unsigned long vector)
{
	unsigned long esr = regs->esr;
	const char *where = vector < NR_VECTORS ? vector_names[vector] : "?";

	switch (vector) {
	case VEC_EL1T_IRQ:
	case VEC_EL1H_IRQ:
	case VEC_EL0_64_IRQ:
	case VEC_EL0_32_IRQ:
	case VEC_EL1T_FIQ:
	case VEC_EL1H_FIQ:
	case VEC_EL0_64_FIQ:
	case VEC_EL0_32_FIQ:
		panic_regs(regs, "unexpected interrupt (%s; interrupts are not enabled yet)",
			   where);
	case VEC_EL1T_SERROR:
	case VEC_EL1H_SERROR:
	case VEC_EL0_64_SERROR:
	case VEC_EL0_32_SERROR:
		panic_regs(regs, "SError (%s): asynchronous abort, ESR %#lx", where, esr);
	}

	unsigned int ec = esr_class(esr);
	/* arch_exit()'s semihosting call traps as an undefined instruction when QEMU runs without
	 * -semihosting: step over it and let arch_exit() say so, instead of panicking, whose exit
	 * would trap again. */
	if (ec == ESR_EC_UNKNOWN && is_semihosting_hlt(regs)) {
		semihosting_missing = true;
		regs->pc += 4;
		return;
	}

	char fsc[48];
	switch (ec) {
	case ESR_EC_DABT_CUR:
	case ESR_EC_DABT_LOW:
		panic_regs(regs, "%s (%s, %s) in kernel mode at pc %#lx, address %#lx",
			   class_name(esr), (esr & ESR_ISS_WNR) ? "write" : "read",
			   fault_status(esr, fsc, sizeof(fsc)), regs->pc, regs->far);
	case ESR_EC_IABT_CUR:
	case ESR_EC_IABT_LOW:
		panic_regs(regs, "%s (%s) in kernel mode at pc %#lx, address %#lx", class_name(esr),
			   fault_status(esr, fsc, sizeof(fsc)), regs->pc, regs->far);
	case ESR_EC_PC_ALIGN:
	case ESR_EC_SP_ALIGN:
		panic_regs(regs, "%s in kernel mode at pc %#lx (address %#lx, sp %#lx)",
			   class_name(esr), regs->pc, regs->far, regs->sp);
	case ESR_EC_BRK64:
		/* The BRK immediate is in ISS[15:0] (GCC's __builtin_trap() is brk #1000). */
		panic_regs(regs, "%s #%#lx in kernel mode at pc %#lx", class_name(esr),
			   esr & 0xffff, regs->pc);
	default:
		panic_regs(regs, "%s in kernel mode at pc %#lx (%s, ESR %#lx)", class_name(esr),
			   regs->pc, where, esr);
	}
}

void arch_dump_regs(const struct pt_regs *r)
{
	for (int i = 0; i < 30; i += 3)
		printk("x%-2d: %016lx x%-2d: %016lx x%-2d: %016lx\n", i, r->regs[i], i + 1,
		       r->regs[i + 1], i + 2, r->regs[i + 2]);
	printk("lr : %016lx sp : %016lx pc : %016lx\n", r->regs[30], r->sp, r->pc);
	printk("pstate: %016lx (EL%lu%c, DAIF %c%c%c%c)\n", r->pstate, (r->pstate >> 2) & 3,
	       (r->pstate & 1) ? 'h' : 't', (r->pstate & PSR_D_BIT) ? 'D' : '-',
	       (r->pstate & PSR_A_BIT) ? 'A' : '-', (r->pstate & PSR_I_BIT) ? 'I' : '-',
	       (r->pstate & PSR_F_BIT) ? 'F' : '-');
	printk("esr: %016lx (%s) far: %016lx\n", r->esr, r->esr ? class_name(r->esr) : "no trap",
	       r->far);
}
