// SPDX-License-Identifier: MIT
/*
 * arm64 setup: what QEMU handed over (nothing in registers; the DTB at the start of RAM), the
 * per-CPU area through TPIDR_EL1, current through SP_EL0, semihosting exit, the virtual counter.
 */
#include <arch.h>
#include <boot.h>
#include <cpu.h>
#include <fdt.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <task.h>
#include <uapi/errno.h>
#include <asm/board.h>
#include <asm/fpu.h>
#include <asm/sysreg.h>

const char arch_name[] = "arm64";

/* The exception level the CPU started in (1 or 2), recorded by boot.S before it drops to EL1. */
extern unsigned long boot_entry_el;

/* Set by do_trap() when the semihosting `hlt` in arch_exit() traps as an undefined instruction:
 * QEMU was started without -semihosting. */
volatile bool semihosting_missing;

void arch_early_init(unsigned long x0, unsigned long ram_base, struct boot_info *bi)
{
	cpus[0].arch.mpidr = read_sysreg(mpidr_el1);
	cpus[0].hwid = cpus[0].arch.mpidr & MPIDR_HWID_MASK;

	/* QEMU starts an ELF kernel with x0 = 0 and the DTB at the start of RAM (boot.S passes
	 * that address). A loader that follows Linux's arm64 boot protocol passes it in x0. */
	unsigned long dtb_phys = x0 ? x0 : ram_base;
	/* The DTB must lie in RAM that boot.S mapped, or we cannot even read its header. */
	if (dtb_phys < EARLY_DIRECT_MAP_BASE || dtb_phys >= EARLY_DIRECT_MAP_END - 64)
		panic("boot: DTB pointer %#lx (%s) is not in RAM", dtb_phys,
		      x0 ? "x0 from the loader" : "start of RAM");
	const char *why;
	int err = fdt_boot_parse(phys_to_virt(dtb_phys), dtb_phys, bi, &why);
	if (err)
		panic("boot: bad device tree at %#lx: %s: %s (QEMU puts it at the start of RAM "
		      "only if 1 MiB is free below the kernel)",
		      dtb_phys, why, fdt_strerror(err));

	if (bi->uart_phys && strcmp(bi->uart_compat, "arm,pl011") == 0 &&
	    bi->uart_phys < SZ_1G) /* boot.S identity-maps GiB 0 only */
		console_init(bi->uart_phys);
	else
		panic("boot: no arm,pl011 UART in GiB 0 in the device tree (found '%s' at %#llx)",
		      bi->uart_compat, (unsigned long long)bi->uart_phys);

	snprintf(bi->loader, sizeof(bi->loader), "QEMU -kernel (entered at EL%lu%s)", boot_entry_el,
		 boot_entry_el == 2 ? ", dropped to EL1" : "");
}

/* Part numbers of the Arm Ltd (implementer 0x41) cores QEMU models, and a few more. */
static const struct {
	unsigned int part;
	const char *name;
} arm_parts[] = {
	{ 0xd03, "Cortex-A53" },  { 0xd04, "Cortex-A35" }, { 0xd05, "Cortex-A55" },
	{ 0xd07, "Cortex-A57" },  { 0xd08, "Cortex-A72" }, { 0xd09, "Cortex-A73" },
	{ 0xd0a, "Cortex-A75" },  { 0xd0b, "Cortex-A76" }, { 0xd0c, "Neoverse-N1" },
	{ 0xd40, "Neoverse-V1" }, { 0xd41, "Cortex-A78" }, { 0xd49, "Neoverse-N2" },
};

static const char *implementer_name(unsigned int impl)
{
	switch (impl) {
	case 0x00:
		return "software"; /* 0 is reserved for software models such as QEMU's 'max' */
	case 0x41:
		return "Arm";
	case 0x42:
		return "Broadcom";
	case 0x43:
		return "Cavium";
	case 0x46:
		return "Fujitsu";
	case 0x48:
		return "HiSilicon";
	case 0x4e:
		return "NVIDIA";
	case 0x51:
		return "Qualcomm";
	case 0x61:
		return "Apple";
	case 0xc0:
		return "Ampere";
	default:
		return "unknown";
	}
}

void arch_cpu_model(char *buf, size_t size)
{
	unsigned long midr = read_sysreg(midr_el1);
	unsigned int impl = MIDR_IMPLEMENTER(midr), part = MIDR_PARTNUM(midr);
	const char *name = "unknown core";

	if (impl == 0x41) {
		for (size_t i = 0; i < ARRAY_SIZE(arm_parts); i++)
			if (arm_parts[i].part == part)
				name = arm_parts[i].name;
	}
	/* QEMU's -cpu max is no real core: implementer 0 and part number 'Q'. */
	if (impl == 0 && part == 'Q')
		name = "QEMU 'max'";
	/* Arm's revision names: r<variant>p<revision>. */
	snprintf(buf, size, "%s (implementer %#x %s, part %#x, r%lup%lu), MPIDR %#lx", name, impl,
		 implementer_name(impl), part, MIDR_VARIANT(midr), MIDR_REVISION(midr),
		 cpus[0].arch.mpidr);
}

void arch_irq_enable(void)
{
	/* DAIFClr #2 clears PSTATE.I alone. The "memory" clobber keeps the compiler from moving
	 * memory accesses across the point where handlers may start to run. */
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

bool arch_irqs_enabled(void)
{
	return !(read_sysreg(daif) & PSR_I_BIT);
}

void arch_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* ----------------------------------------------------------- user FP state (fpu.S) -- */

void arch_fpu_init_state(void *state)
{
	memset(state, 0, FPU_STATE_SIZE); /* q0-q31 0; FPCR 0: round to nearest, no traps */
}

/* No hardware account of what was written: every switch away from a process saves. */
bool arch_fpu_needs_save(struct task *t)
{
	(void)t;
	return true;
}

void arch_fpu_loaded(struct task *t)
{
	(void)t;
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("wfi");
}

void arch_idle(void)
{
	/* [IDLE] wfi with IRQs masked wakes on a pending one; the isb lets it be taken. */
	__asm__ volatile("wfi; msr daifclr, #2; isb; msr daifset, #2" ::: "memory");
}

void arch_exit(int code)
{
	/* SYS_EXIT's parameter block: {reason, exit status}. QEMU exits with the status when the
	 * reason is "application exit". x1 holds the block's (virtual) address: QEMU reads it
	 * through the guest's page tables. */
	u64 block[2] = { ADP_STOPPED_APPLICATION_EXIT, (u64)code };
	/* Interrupts off first: a register variable holds its value only up to the next call, so
	 * nothing may come between these assignments and the hlt (at -Og arch_irq_save() is a
	 * call, and overwrote x0). */
	arch_irq_save();
	register unsigned long x0 __asm__("x0") = SEMIHOST_SYS_EXIT;
	register u64 *x1 __asm__("x1") = block;
	__asm__ volatile("hlt %2" : "+r"(x0) : "r"(x1), "i"(SEMIHOST_HLT_IMM) : "memory");

	/* Still here: semihosting is off (do_trap() stepped over the hlt). There is no other exit
	 * device that keeps the status (PSCI SYSTEM_OFF always exits 0, which would hide a
	 * failure), so say so and stop. */
	if (semihosting_missing)
		printk("arch_exit(%d): semihosting is off; start QEMU with -semihosting to exit\n",
		       code);
	for (;;)
		__asm__ volatile("wfi");
}

u64 arch_counter(void)
{
	/* The virtual counter (CNTVCT_EL0) at CNTFRQ_EL0 Hz, in nanoseconds. The ISB keeps the
	 * read from being done early, out of order. cnt * 1e9 would overflow 64 bits after about
	 * five minutes at 62.5 MHz, so whole seconds and the remainder are scaled apart. */
	isb();
	u64 cnt = read_sysreg(cntvct_el0);
	u64 freq = read_sysreg(cntfrq_el0);
	if (!freq)
		return cnt;
	return (cnt / freq) * 1000000000ULL + (cnt % freq) * 1000000000ULL / freq;
}

void ret_from_kernel_thread(void);

void arch_thread_init(struct task *t)
{
	/* The first switch to t "returns" to ret_from_kernel_thread on t's empty stack, with a zero
	 * frame pointer so that a backtrace stops there. Its SP starts below a struct pt_regs at
	 * the very top, which stays free for the user registers (task_pt_regs()): a thread that
	 * becomes a process fills that frame in (arch_user_regs_init()) while it still runs on
	 * this stack, then enters user mode from it (arch_ret_to_user()), and every later entry
	 * from EL0 puts its frame there again. Linux: copy_thread() sets cpu_context.sp =
	 * task_pt_regs(p) for kernel threads too. */
	memset(&t->thread, 0, sizeof(t->thread));
	t->thread.cpu_context.pc = (unsigned long)ret_from_kernel_thread;
	t->thread.cpu_context.sp = t->stack_base + t->stack_size - sizeof(struct pt_regs);
}

uintptr_t arch_thread_saved_sp(const struct task *t)
{
	return t->thread.cpu_context.sp;
}

void arch_user_regs_init(struct pt_regs *regs, uintptr_t pc, uintptr_t sp, uintptr_t arg0,
			 uintptr_t arg1)
{
	/* Every register 0 (no kernel value may reach user mode), TPIDR_EL0 0 too (the frame holds
	 * it: entry.S loads it on the way out). pstate = EL0t with DAIF all clear: AArch64 EL0,
	 * interrupts taken, NZCV 0. eret loads it from SPSR_EL1 and jumps to pc; SP_EL0 = sp. */
	memset(regs, 0, sizeof(*regs));
	regs->pc = pc;
	regs->sp = sp;
	regs->regs[0] = arg0;
	regs->regs[1] = arg1;
	regs->orig_x0 = arg0;
	regs->pstate = PSR_MODE_EL0t;
}

/* ------------------------------------------------------------------------ the other CPUs -- */

/* PSCI (Arm DEN 0022, the Power State Coordination Interface): the firmware call that starts a
 * CPU. QEMU implements it itself, reached by hvc (no EL2 of ours) or smc, as the device tree's
 * /psci node says. SMC Calling Convention: function id in x0, arguments in x1-x3, result in x0. */
#define PSCI_CPU_ON_64 0xc4000003u

static const char *psci_method(void)
{
	int node = fdt_path_offset(boot_info.fdt, "/psci");
	int len = 0;
	const char *m = node >= 0 ? fdt_getprop(boot_info.fdt, node, "method", &len) : NULL;
	return m && len > 0 ? m : NULL;
}

static long psci_call(bool smc, unsigned long fn, unsigned long a1, unsigned long a2,
		      unsigned long a3)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = a1;
	register unsigned long x2 __asm__("x2") = a2;
	register unsigned long x3 __asm__("x3") = a3;
	if (smc)
		__asm__ volatile("smc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	else
		__asm__ volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	return (long)x0;
}

static const char *psci_error(long err)
{
	switch (err) {
	case -1:
		return "NOT_SUPPORTED";
	case -2:
		return "INVALID_PARAMETERS";
	case -3:
		return "DENIED";
	case -4:
		return "ALREADY_ON";
	case -5:
		return "ON_PENDING";
	case -6:
		return "INTERNAL_FAILURE";
	case -9:
		return "INVALID_ADDRESS";
	default:
		return "unknown";
	}
}

void secondary_entry(void);

int arch_cpu_start(struct cpu *c)
{
	const char *method = psci_method();
	if (!method || (strcmp(method, "hvc") != 0 && strcmp(method, "smc") != 0)) {
		printk("  cpu%u:    cannot start MPIDR %#lx: the device tree's /psci node %s\n",
		       c->id, c->hwid, method ? "names neither hvc nor smc" : "is missing");
		return -ENODEV;
	}
	/* CPU_ON(target MPIDR, entry point (physical, MMU off), context id). */
	long err = psci_call(strcmp(method, "smc") == 0, PSCI_CPU_ON_64, c->hwid,
			     kimage_to_phys(secondary_entry), 0);
	if (err) {
		printk("  cpu%u:    PSCI CPU_ON (%s) for MPIDR %#lx failed: %ld (%s)\n", c->id,
		       method, c->hwid, err, psci_error(err));
		return -EIO;
	}
	return 0;
}

void arch_secondary_init(struct cpu *c)
{
	c->arch.mpidr = read_sysreg(mpidr_el1);
	if ((c->arch.mpidr & MPIDR_HWID_MASK) != c->hwid)
		panic("cpu%u: started for MPIDR %#lx, runs as %#lx", c->id, c->hwid,
		      c->arch.mpidr & MPIDR_HWID_MASK);
	user_init_cpu();
	irqchip_init_cpu();
	timer_init_cpu();
}
