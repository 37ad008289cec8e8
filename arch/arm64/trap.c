// SPDX-License-Identifier: MIT
/*
 * arm64 traps, the C side of entry.S: decode ESR_EL1 and act. IRQs taken in the kernel go through
 * do_irq() to the interrupt controller's handler (on the IRQ stack: entry.S); a synchronous
 * exception in the kernel is reported through die() (include/extable.h) with its portable kind,
 * which resumes at an exception-table fixup or after a breakpoint, or panics. From user mode
 * (EL0), do_el0_sync() runs system calls and turns a fault into user_fault(), which kills the
 * program. Linux: arch/arm64/kernel/traps.c, entry-common.c (el0_sync_handler), arch/arm64/mm/
 * fault.c (do_mem_abort and its fault_info table), arch/arm64/kernel/irq.c.
 * A kernel stack overflow, caught by entry.S before the exception touches the stack, comes to
 * do_stack_overflow() on the overflow stack (Linux: handle_bad_stack() in traps.c).
 */
#include <arch.h>
#include <cpu.h>
#include <extable.h>
#include <irq.h>
#include <mm.h>
#include <panic.h>
#include <pgtable.h>
#include <printk.h>
#include <stack.h>
#include <syscall.h>
#include <task.h>
#include <uvm.h>
#include <asm/sysreg.h>
#include <asm/thread.h>

extern volatile bool semihosting_missing;

static const char *const class_names[ESR_EC_MASK + 1] = {
	[ESR_EC_UNKNOWN] = "undefined instruction",
	[ESR_EC_WFX] = "trapped WFI/WFE",
	[ESR_EC_FP_ASIMD] = "FP/SIMD access trapped (CPACR_EL1.FPEN)",
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

static bool far_valid(unsigned long esr);

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

/* ------------------------------------------------------------------------------ IRQs ----- */

static void no_irq_handler(struct pt_regs *regs)
{
	panic_regs(regs, "IRQ before arch_irq_init() installed an interrupt controller handler");
}

/* The interrupt controller driver's top-level handler, set by arch_irq_init() (Linux keeps the
 * same pointer in arch/arm64/kernel/irq.c; its GIC drivers set it with set_handle_irq()). */
static void (*handle_arch_irq)(struct pt_regs *regs) = no_irq_handler;

void set_handle_irq(void (*handler)(struct pt_regs *regs))
{
	handle_arch_irq = handler;
}

/* IRQs taken in the kernel, called by entry.S on the IRQ stack with interrupts masked. The GIC
 * says which interrupt it is (its IAR), so this is just a jump to the driver. */
void do_irq(struct pt_regs *regs);
void do_irq(struct pt_regs *regs)
{
	handle_arch_irq(regs);
}

/* ----------------------------------------------------------------------- stack overflow -- */

/*
 * entry.S finds an overflow by one bit of SP ([CHECK_STACK_OVERFLOW]): bit THREAD_SHIFT must be
 * 0 on every stack the kernel runs on and 1 in the guard below a task stack. That holds for
 * stacks of THREAD_SIZE = 1 << THREAD_SHIFT bytes aligned to THREAD_ALIGN = 2 * THREAD_SIZE
 * (task and boot stacks), and for the IRQ stack, aligned to THREAD_ALIGN too (kernel/irq.c), only
 * if it is no bigger than THREAD_SIZE: above that, SP on its upper part would have the bit set
 * and every interrupt nested there would be taken for an overflow. (Linux: IRQ_STACK_SIZE is
 * THREAD_SIZE.)
 */
_Static_assert((1UL << THREAD_SHIFT) == THREAD_SIZE, "THREAD_SHIFT is log2(THREAD_SIZE)");
_Static_assert(THREAD_ALIGN == 2 * THREAD_SIZE,
	       "task stacks aligned to twice their size: bit THREAD_SHIFT is set just below them");
_Static_assert(IRQ_STACK_SIZE <= THREAD_SIZE,
	       "arm64 needs irq_stack_size <= thread_size (meson options): the overflow check at "
	       "exception entry takes an SP with bit THREAD_SHIFT set for an overflow");

/* Is sp on this CPU's overflow stack? */
static bool on_overflow_stack(uintptr_t sp)
{
	struct cpu *c = arch_this_cpu();
	return c->overflow_stack_base && sp >= c->overflow_stack_base &&
	       sp <= c->overflow_stack_top;
}

/*
 * Called by entry.S (__bad_stack) on this CPU's overflow stack when an exception found SP off
 * its stack: regs holds the interrupted registers, regs->sp the SP that overflowed. Linux's
 * handle_bad_stack(). The portable handle_stack_overflow() says which task and which stack, and
 * kills the task if it was its own stack (it never comes back here), else panics.
 */
__noreturn void do_stack_overflow(struct pt_regs *regs, unsigned long vector);
void do_stack_overflow(struct pt_regs *regs, unsigned long vector)
{
	const char *where = vector < NR_VECTORS ? vector_names[vector] : "?";
	/* ESR describes this exception only if it is a synchronous one. */
	const char *what = vector == VEC_EL1H_SYNC ? class_name(regs->esr) : "asynchronous";
	uintptr_t sp = regs->sp, frame = sp - sizeof(*regs);

	printk("%s (%s) with SP %#lx: its %zu-byte frame at %#lx is off the stack; reporting on "
	       "the overflow stack\n",
	       where, what, sp, sizeof(*regs), frame);
	/* Usually SP itself is in the guard. It can also still be on its stack with no room left
	 * for the frame (a store below SP faulted, or an interrupt came): then the frame's SP,
	 * which is what entry.S tested, is the one in the guard. */
	if (!stack_guard_of(sp) && stack_guard_of(frame))
		sp = frame;
	handle_stack_overflow(regs, sp);
}

/* ------------------------------------------------------------------- synchronous exceptions -- */

/* The oops kind of an abort's fault status code (Linux: the fault_info table in fault.c). */
static enum oops_kind abort_kind(unsigned long esr)
{
	unsigned int fsc = esr & ESR_ISS_FSC_MASK;
	switch (fsc & ESR_FSC_TYPE_MASK) {
	case ESR_FSC_TRANSLATE:
	case ESR_FSC_ACCESS:
	case ESR_FSC_PERM:
		return OOPS_PAGE_FAULT; /* the page tables said no */
	}
	return fsc == ESR_FSC_ALIGN ? OOPS_ALIGNMENT : OOPS_OTHER;
}

/* The BRK immediate GCC emits for __builtin_trap(): code that must never be reached, so not a
 * breakpoint to resume from. */
#define BRK_IMM_BUILTIN_TRAP 0x3e8

/* Is PSTATE.PAN set now, that is, may the kernel not touch user pages with ordinary accesses?
 * Always false on a CPU without PAN (the register does not exist there: not read). */
static bool pan_enabled;
static bool pan_active(void)
{
	return pan_enabled && (read_sysreg_s(SYS_PAN) & PSR_PAN_BIT);
}

/* For a kernel data abort outside the user-copy routines: a user address (with PAN set, a
 * permission fault there is PAN's doing). Short: oops messages are 128 bytes. */
static const char *user_address_hint(const struct pt_regs *regs, unsigned long esr)
{
	if (!user_range_ok(regs->far, 1))
		return "";
	if ((esr & ESR_FSC_TYPE_MASK) == ESR_FSC_PERM && (regs->pstate & PSR_PAN_BIT))
		return " [user address, PAN]";
	return " [user address]";
}

/* The vectors that never lead to a handler: each is a kernel bug, or (SError from EL0) the
 * program's asynchronous abort. Returns only for the synchronous exceptions from EL1h. */
static void unexpected_vector(struct pt_regs *regs, unsigned long vector)
{
	unsigned long esr = regs->esr;
	const char *where = vector < NR_VECTORS ? vector_names[vector] : "?";

	switch (vector) {
	case VEC_EL1T_IRQ:
	case VEC_EL1H_IRQ: /* entry.S sends these to do_irq(), never here */
	case VEC_EL0_64_IRQ:
	case VEC_EL1T_FIQ:
	case VEC_EL1H_FIQ:
	case VEC_EL0_64_FIQ:
		/* The GIC is set up to signal everything as IRQ, never FIQ; EL1t means the kernel
		 * ran on SP_EL0, which it never does (SP_EL0 holds `current`). */
		panic_regs(regs, "unexpected interrupt (%s)", where);
	case VEC_EL1T_SERROR:
	case VEC_EL1H_SERROR:
		panic_regs(regs, "SError (%s): asynchronous abort, ESR %#lx", where, esr);
	case VEC_EL0_64_SERROR:
		/* An asynchronous external abort while the program ran: most likely its own access
		 * (QEMU raises none for RAM). Linux's do_serror() kills it when the error can be
		 * contained to it, as here. */
		arch_irq_enable();
		user_fault(regs, OOPS_OTHER, 0, "SError (asynchronous external abort, ESR %#lx)",
			   esr);
	case VEC_EL0_64_SYNC: /* entry.S sends it to do_el0_sync(), never here */
	case VEC_EL0_32_SYNC:
	case VEC_EL0_32_IRQ:
	case VEC_EL0_32_FIQ:
	case VEC_EL0_32_SERROR:
		/* Every return to user mode checks that it goes to AArch64 EL0 (entry.S,
		 * ret_to_user): no code ever runs in AArch32, so this is a kernel bug. */
		panic_regs(regs, "%s: exception from AArch32 EL0, which nothing enters (ESR %#lx)",
			   where, esr);
	case VEC_EL1T_SYNC:
		panic_regs(regs, "%s: kernel running on SP_EL0 (ESR %#lx: %s)", where, esr,
			   class_name(esr));
	}
}

/* The kernel's synchronous exceptions, one function per exception class as Linux's
 * el1h_64_sync_handler() calls el1_abort(), el1_pc(), el1_undef(), el1_dbg(). */

static void el1_undef(struct pt_regs *regs, unsigned long esr)
{
	/* arch_exit()'s semihosting call traps as an undefined instruction when QEMU runs
	 * without -semihosting: step over it and let arch_exit() say so, instead of panicking,
	 * whose exit would trap again. */
	if (is_semihosting_hlt(regs)) {
		semihosting_missing = true;
		regs->pc += 4;
		return;
	}
	die(regs, OOPS_ILLEGAL, 0, 0, "%s at pc %#lx", class_name(esr), regs->pc);
}

static void el1_abort(struct pt_regs *regs, unsigned long esr)
{
	char fsc[64];
	if (esr_class(esr) == ESR_EC_IABT_CUR) {
		die(regs, abort_kind(esr), regs->far, 0, "%s (%s) at pc %#lx, address %#lx",
		    class_name(esr), fault_status(esr, fsc, sizeof(fsc)), regs->pc, regs->far);
		return;
	}
	/* die() looks for an exception-table entry first: a user copy (entry.S) that hit a bad
	 * user address resumes at its fixup without a word. Anything else touching user memory
	 * is a kernel bug, and the message says what stopped it. */
	die(regs, abort_kind(esr), regs->far, 0, "%s (%s, %s) at pc %#lx, address %#lx%s",
	    class_name(esr), (esr & ESR_ISS_WNR) ? "write" : "read",
	    fault_status(esr, fsc, sizeof(fsc)), regs->pc, regs->far, user_address_hint(regs, esr));
}

static void el1_align(struct pt_regs *regs, unsigned long esr)
{
	die(regs, OOPS_ALIGNMENT, regs->far, 0, "%s at pc %#lx (address %#lx, sp %#lx)",
	    class_name(esr), regs->pc, regs->far, regs->sp);
}

static void el1_brk(struct pt_regs *regs, unsigned long esr)
{
	/* The BRK immediate is in ISS[15:0]. A breakpoint with no debugger attached is reported,
	 * then execution goes on after it (ELR points at the brk itself). */
	unsigned long imm = esr & 0xffff;
	bool trap = imm == BRK_IMM_BUILTIN_TRAP;
	die(regs, OOPS_BREAKPOINT, 0, trap ? 0 : regs->pc + 4, "%s #%#lx at pc %#lx%s",
	    class_name(esr), imm, regs->pc,
	    trap ? " (__builtin_trap: unreachable code reached)" : "");
}

void do_trap(struct pt_regs *regs, unsigned long vector);
void do_trap(struct pt_regs *regs, unsigned long vector)
{
	unsigned long esr = regs->esr;
	const char *where = vector < NR_VECTORS ? vector_names[vector] : "?";
	unexpected_vector(regs, vector); /* returns for VEC_EL1H_SYNC only */

	/* entry.S sends an exception taken on the overflow stack to the normal handler, here: it
	 * comes from the overflow report itself, which cannot be trusted to report it. */
	if (on_overflow_stack(regs->sp) &&
	    !(esr_class(esr) == ESR_EC_UNKNOWN && is_semihosting_hlt(regs)))
		panic_regs(regs, "%s (%s) on the overflow stack, while reporting a stack overflow",
			   where, class_name(esr));

	switch (esr_class(esr)) {
	case ESR_EC_UNKNOWN:
		el1_undef(regs, esr);
		return;
	case ESR_EC_DABT_CUR:
	case ESR_EC_IABT_CUR:
		el1_abort(regs, esr);
		return;
	case ESR_EC_PC_ALIGN:
	case ESR_EC_SP_ALIGN:
		el1_align(regs, esr);
		return;
	case ESR_EC_BRK64:
		el1_brk(regs, esr);
		return;
	default:
		die(regs, OOPS_OTHER, 0, 0, "%s at pc %#lx (%s, ESR %#lx)", class_name(esr),
		    regs->pc, where, esr);
		return;
	}
}

/* ------------------------------------------------------------------------ from user mode -- */

/*
 * A system call (Linux 5.7: el0_svc, el0_svc_common). x0 becomes the return value, so keep the
 * first argument as it came in (orig_x0). Interrupts were masked by the exception; a system call
 * runs with them on, like the program it serves, and may sleep.
 */
static void el0_svc(struct pt_regs *regs)
{
	regs->orig_x0 = regs->regs[0];
	arch_irq_enable();
	do_syscall(regs);
}

/*
 * A synchronous exception from EL0, called by entry.S (el0t_64_sync) on the task's kernel stack
 * with interrupts masked; returning goes back to user mode through ret_to_user. Linux 5.7:
 * el0_sync_handler. Everything but a system call is the program's fault and kills it through
 * user_fault(), which names the cause here and the pid, program, pc and address itself; the
 * kernel goes on. Interrupts are turned on first, as Linux does (local_daif_restore): the
 * program's own state is all that is at stake, and ending it may sleep.
 */
void do_el0_sync(struct pt_regs *regs);
void do_el0_sync(struct pt_regs *regs)
{
	unsigned long esr = regs->esr;
	unsigned int ec = esr_class(esr);
	char fsc[64];

	if (ec == ESR_EC_SVC64) {
		el0_svc(regs);
		return;
	}
	arch_irq_enable();
	switch (ec) {
	case ESR_EC_DABT_LOW:
		user_fault(regs, abort_kind(esr), regs->far, "data abort (%s, %s)",
			   (esr & ESR_ISS_WNR) ? "write" : "read",
			   fault_status(esr, fsc, sizeof(fsc)));
	case ESR_EC_IABT_LOW:
		user_fault(regs, abort_kind(esr), regs->far, "instruction abort (%s)",
			   fault_status(esr, fsc, sizeof(fsc)));
	case ESR_EC_PC_ALIGN:
		user_fault(regs, OOPS_ALIGNMENT, regs->far, "PC alignment fault");
	case ESR_EC_SP_ALIGN:
		user_fault(regs, OOPS_ALIGNMENT, regs->sp, "SP alignment fault (sp %#lx)",
			   regs->sp);
	case ESR_EC_UNKNOWN:
		user_fault(regs, OOPS_ILLEGAL, 0, "undefined instruction");
	case ESR_EC_FP_ASIMD:
	case ESR_EC_SVE:
		/* FPEN lets FP/SIMD through; SVE (ZEN) traps, and the kernel keeps no SVE state. */
		user_fault(regs, OOPS_ILLEGAL, 0, "%s (ESR %#lx)", class_name(esr), esr);
	case ESR_EC_SYS64:
	case ESR_EC_ILL:
		user_fault(regs, OOPS_ILLEGAL, 0, "%s (ESR %#lx)", class_name(esr), esr);
	case ESR_EC_WFX:
		/* WFI/WFE at EL0 trap (SCTLR_EL1.nTWI/nTWE are 0): they are hints, whose effect
		 * (wait for an event) a program may not rely on. Step over, as a no-op. */
		regs->pc += 4;
		return;
	case ESR_EC_BRK64:
		user_fault(regs, OOPS_BREAKPOINT, 0, "BRK #%#lx (breakpoint)", esr & 0xffff);
	case ESR_EC_BREAKPT_LOW:
	case ESR_EC_SOFTSTP_LOW:
	case ESR_EC_WATCHPT_LOW:
		user_fault(regs, OOPS_BREAKPOINT, far_valid(esr) ? regs->far : 0, "%s",
			   class_name(esr));
	default:
		user_fault(regs, OOPS_OTHER, 0, "%s (ESR %#lx)", class_name(esr), esr);
	}
}

/* entry.S (ret_to_user) found a frame that would not return to AArch64 EL0: panic, since eret
 * would otherwise run user code at EL1 (or in AArch32, which nothing supports). */
__noreturn void bad_user_return(struct pt_regs *regs);
void bad_user_return(struct pt_regs *regs)
{
	panic_regs(regs, "return to user mode with pstate %#lx: not AArch64 EL0t", regs->pstate);
}

/* arch_ret_to_user() (entry.S) was given a frame that is not at the top of the current task's
 * kernel stack (task_pt_regs()): the next entry from user mode would build its frame there. */
__noreturn void bad_ret_to_user(struct pt_regs *regs);
void bad_ret_to_user(struct pt_regs *regs)
{
	struct task *t = current_task();
	panic("arch_ret_to_user(%p): the frame must be the top of %s's kernel stack, %#lx",
	      (void *)regs, t->name, t->stack_base + t->stack_size - sizeof(*regs));
}

/*
 * PAN (Armv8.1 Privileged Access Never), where the CPU has it: the kernel then faults on any
 * ordinary access to a page EL0 can access, and only the user-copy routines, whose LDTR/STTR
 * access with EL0's rights, reach user memory. Two switches: SCTLR_EL1.SPAN = 0 makes every
 * exception taken to EL1 set PSTATE.PAN (so the kernel starts each entry from user mode with
 * it), and `msr pan, #1` sets it for the code running now, from which every later task inherits
 * it through the context switch. Linux: cpu_enable_pan() (arm64 cpufeature "Privileged Access
 * Never"). x86_64 has the same idea as SMAP.
 */
void user_init_cpu(void)
{
	unsigned int pan =
		(read_sysreg(id_aa64mmfr1_el1) >> ID_AA64MMFR1_PAN_SHIFT) & ID_AA64MMFR1_PAN_MASK;
	if (pan) {
		write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~SCTLR_SPAN);
		isb();
		__asm__ volatile(".inst %0 /* msr pan, #1 */" : : "i"(MSR_PAN_IMM(1)) : "memory");
		pan_enabled = true;
	} else if (pan_enabled) {
		panic("cpu%u has no PAN, the boot CPU has", arch_this_cpu()->id);
	}
}

void arch_user_init(void)
{
	user_init_cpu();
	printk("  user:    EL0 on SP_EL0, entry to SP_EL1 (task stack); PAN %s; user copies "
	       "through LDTR/STTR\n",
	       pan_active() ? "on" : "off (the CPU has none: Armv8.0)");
}

/* ---------------------------------------------------------------------------- test support -- */

/*
 * EXTABLE_ENTRY() turns its flags argument into text with #, which does not expand macros:
 * EXTABLE_ENTRY("1b", "2b", EXTABLE_REPORT) would hand the assembler the word EXTABLE_REPORT.
 * One more macro level expands it to its value first.
 */
#define EXTABLE_ENTRY_X(insn, fixup, flags) EXTABLE_ENTRY(insn, fixup, flags)
#define REPORT_ENTRY(insn, fixup)	    EXTABLE_ENTRY_X(insn, fixup, EXTABLE_REPORT)

/* A word the kernel can never write: .rodata is mapped read-only (kernel/mm/vm.c). */
static const u64 test_rodata_word __used = 0x0123456789abcdefULL;
/* Room for an access one byte off alignment. */
static u64 test_align_buf[2];

/* __noipa keeps the function whole and under its own name (no clone, no split part), so the
 * oops PC is inside arch_test_fault itself. */
__noipa bool arch_test_fault(enum test_fault kind)
{
	/* Each case is one faulting instruction at local label 1, and the exception-table entry
	 * {1b, 2b} sends the trap handler on to label 2, the instruction right after it. */
	switch (kind) {
	case TEST_FAULT_ILLEGAL:
		/* UDF: permanently undefined, ESR class 0 ("unknown reason"). */
		__asm__ volatile("1:	udf	#0\n"
				 "2:\n" REPORT_ENTRY("1b", "2b")
				 :
				 :
				 : "memory");
		return true;

	case TEST_FAULT_READ_UNMAPPED: {
		/* The last page below VMAP_END: far above the part of the VMAP area in use (the
		 * stacks), with no page table there. Checked rather than trusted. */
		uintptr_t va = VMAP_END - PAGE_SIZE;
		if (pt_lookup(arch_mmu_kernel_root(), va, NULL, NULL, NULL))
			return false;
		unsigned long v;
		__asm__ volatile("1:	ldr	%0, [%1]\n"
				 "2:\n" REPORT_ENTRY("1b", "2b")
				 : "=&r"(v)
				 : "r"(va)
				 : "memory");
		(void)v;
		return true;
	}

	case TEST_FAULT_WRITE_RODATA: {
		const u64 *p = &test_rodata_word;
		if ((const char *)p < _rodata_start || (const char *)p >= _rodata_end)
			return false; /* the compiler put it elsewhere: nothing to show */
		__asm__ volatile("1:	str	xzr, [%0]\n"
				 "2:\n" REPORT_ENTRY("1b", "2b")
				 :
				 : "r"(p)
				 : "memory");
		return true;
	}

	case TEST_FAULT_ALIGNMENT: {
		/* Ordinary loads may be unaligned on Normal memory (SCTLR_EL1.A is 0), but the
		 * exclusive ones never: LDXR on an odd address is an alignment fault (DFSC
		 * 0b100001) whatever SCTLR says. CLREX drops the exclusive monitor afterwards. */
		uintptr_t odd = (uintptr_t)test_align_buf + 1;
		unsigned long v;
		__asm__ volatile("1:	ldxr	%0, [%1]\n"
				 "2:	clrex\n" REPORT_ENTRY("1b", "2b")
				 : "=&r"(v)
				 : "r"(odd)
				 : "memory");
		(void)v;
		return true;
	}

	case TEST_FAULT_DIVIDE:
		/* SDIV/UDIV by zero return 0 on AArch64: there is no exception to raise. */
		return false;

	case TEST_FAULT_BREAKPOINT:
		/* BRK resumes by itself: do_trap() passes die() the next instruction. Every
		 * immediate but __builtin_trap's is a breakpoint here (Linux gives #0x800 to BUG(),
		 * which it does not resume from). */
		__asm__ volatile("brk	#0x800" ::: "memory");
		return true;
	}
	return false;
}

/* FAR_EL1 holds an address only for aborts, PC alignment faults and watchpoints; otherwise it
 * still holds whatever the last of those left there. */
static bool far_valid(unsigned long esr)
{
	switch (esr_class(esr)) {
	case ESR_EC_IABT_LOW:
	case ESR_EC_IABT_CUR:
	case ESR_EC_PC_ALIGN:
	case ESR_EC_DABT_LOW:
	case ESR_EC_DABT_CUR:
	case ESR_EC_WATCHPT_LOW:
	case ESR_EC_WATCHPT_CUR:
		return true;
	}
	return false;
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
	printk("esr: %016lx (%s) far: %016lx%s\n", r->esr, r->esr ? class_name(r->esr) : "no trap",
	       r->far, far_valid(r->esr) ? "" : " (stale: not set by this exception)");
}

void arch_breakpoint(void)
{
	/* ELR_EL1 points at the brk itself: the entry is keyed there, and resumes after it. */
	__asm__ volatile("1:\tbrk\t#0x800\n2:\n\t" EXTABLE_ENTRY_X("1b", "2b", EXTABLE_SILENT)::
				 : "memory");
}
