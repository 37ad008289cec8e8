// SPDX-License-Identifier: MIT
/*
 * riscv64 setup: what OpenSBI handed over (hart id, DTB), the per-CPU area through tp, the exit
 * device, the instruction counter.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <fdt.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <task.h>
#include <uapi/errno.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/fpu.h>
#include <asm/sbi.h>

const char arch_name[] = "riscv64";

/* sifive_test: a 32-bit store of 0x5555 ends QEMU with status 0, (code << 16) | 0x3333 with
 * status `code`. Identity-mapped until arch_mmu_switch_kernel() moves it. */
phys_addr_t exit_dev_phys = VIRT_TEST_PHYS;
static volatile u32 *exit_dev = (volatile u32 *)VIRT_TEST_PHYS;

void exit_dev_set_base(void *va)
{
	exit_dev = va;
}

static const char *sbi_impl_name(long id)
{
	static const char *const names[] = { "Berkeley BBL", "OpenSBI", "Xvisor",
					     "KVM",	     "RustSBI", "Diosix" };
	return id >= 0 && id < (long)ARRAY_SIZE(names) ? names[id] : "unknown SBI firmware";
}

void arch_early_init(unsigned long hartid, unsigned long dtb_phys, struct boot_info *bi)
{
	cpus[0].hwid = hartid;
	cpus[0].arch.hartid = hartid;

	/* The DTB must lie in RAM that boot.S mapped, or we cannot even read its header. */
	if (dtb_phys < EARLY_DIRECT_MAP_BASE || dtb_phys >= EARLY_DIRECT_MAP_END - 64)
		panic("boot: DTB pointer %#lx from the firmware (a1) is not in RAM", dtb_phys);
	const char *why;
	int err = fdt_boot_parse(phys_to_virt(dtb_phys), dtb_phys, bi, &why);
	if (err)
		panic("boot: bad device tree at %#lx: %s: %s", dtb_phys, why, fdt_strerror(err));

	if (bi->uart_phys && strcmp(bi->uart_compat, "ns16550a") == 0 &&
	    bi->uart_phys < SZ_1G) /* boot.S identity-maps GiB 0 only */
		console_init(bi->uart_phys);
	else
		panic("boot: no ns16550a UART in GiB 0 in the device tree (found '%s' at %#llx)",
		      bi->uart_compat, (unsigned long long)bi->uart_phys);

	int test = fdt_node_offset_by_compatible(bi->fdt, -1, "sifive,test0");
	u64 base, size;
	if (test >= 0 && fdt_reg(bi->fdt, test, 0, &base, &size) == 0 && base < SZ_1G) {
		exit_dev_phys = base;
		exit_dev = (volatile u32 *)base;
	}

	struct sbiret id = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMP_ID, 0, 0);
	struct sbiret ver = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMP_VERSION, 0, 0);
	struct sbiret spec = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0);
	/* OpenSBI encodes its version as major << 16 | minor; the spec version is
	 * major << 24 | minor. */
	snprintf(bi->loader, sizeof(bi->loader), "%s v%ld.%ld (SBI spec %ld.%ld), hart %lu",
		 sbi_impl_name(id.value), ver.value >> 16, ver.value & 0xffff,
		 (spec.value >> 24) & 0x7f, spec.value & 0xffffff, hartid);
}

int riscv_cpu_node(const void *fdt, unsigned long hartid)
{
	/* The CPU nodes are /cpus/cpu@<hart id>, but the unit address is only a convention: "reg"
	 * is what the binding (Documentation/devicetree/bindings/riscv/cpus.yaml) fixes. */
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		int len = 0;
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		if (!type || len < 4 || strncmp(type, "cpu", (size_t)len) != 0)
			continue;
		const void *reg = fdt_getprop(fdt, node, "reg", &len);
		if (reg && len >= 4 && fdt32_ld((const char *)reg + len - 4) == hartid)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

void arch_cpu_model(char *buf, size_t size)
{
	char path[32];
	snprintf(path, sizeof(path), "/cpus/cpu@%lu", cpus[0].arch.hartid);
	int node = fdt_path_offset(boot_info.fdt, path);
	int len = 0;
	const char *isa = node >= 0 ? fdt_getprop(boot_info.fdt, node, "riscv,isa", &len) : NULL;
	long vendor = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID, 0, 0).value;
	long archid = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MARCHID, 0, 0).value;
	snprintf(buf, size, "%.*s (mvendorid %#lx, marchid %#lx)",
		 isa ? (int)strnlen(isa, (size_t)len) : 7, isa ? isa : "unknown", vendor, archid);
}

void arch_cpu_relax(void)
{
	__asm__ volatile(".4byte 0x0100000f /* pause */" ::: "memory");
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("wfi");
}

void arch_idle(void)
{
	/* [IDLE] wfi with sstatus.SIE clear wakes on a pending interrupt sie enables. */
	__asm__ volatile("wfi; csrsi sstatus, 2; csrci sstatus, 2" ::: "memory");
}

void arch_exit(int code)
{
	arch_irq_save();
	*exit_dev = code == EXIT_PASS ? 0x5555 : ((u32)code << 16) | 0x3333;
	for (;;)
		__asm__ volatile("wfi");
}

u64 arch_counter(void)
{
	u64 v;
	/* instret: instructions retired since reset (OpenSBI lets S-mode read it via mcounteren).
	 */
	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

void ret_from_kernel_thread(void);

void arch_thread_init(struct task *t)
{
	/*
	 * The first switch to t "returns" to ret_from_kernel_thread on t's empty stack, with a zero
	 * frame pointer so that a backtrace stops there. Its frames start below the top
	 * struct pt_regs, as Linux's copy_thread() sets thread.sp = task_pt_regs(): that slot is
	 * where a trap from user mode builds its frame (entry.S), and where a new process's first
	 * registers are written (arch_user_regs_init() on task_pt_regs()) while the task still runs
	 * kernel code on this stack. Were its frames in the slot, that write would overwrite the
	 * saved ra and s0 of the very functions doing it.
	 */
	memset(&t->thread, 0, sizeof(t->thread));
	t->thread.ra = (unsigned long)ret_from_kernel_thread;
	t->thread.sp = t->stack_base + t->stack_size - sizeof(struct pt_regs);
}

uintptr_t arch_thread_saved_sp(const struct task *t)
{
	return t->thread.sp;
}

/*
 * The frame a new process leaves the kernel with (entry.S, ret_to_user): every register 0 but
 * pc, sp and a0/a1, and the sstatus that sret turns into user mode. Linux: start_thread() in
 * arch/riscv/kernel/process.c.
 */
void arch_user_regs_init(struct pt_regs *regs, uintptr_t pc, uintptr_t sp, uintptr_t arg0,
			 uintptr_t arg1)
{
	memset(regs, 0, sizeof(*regs));
	regs->epc = pc;
	regs->sp = sp;
	regs->a0 = arg0;
	regs->a1 = arg1;
	/*
	 * SPP = 0: sret goes to U-mode. SPIE = 1: interrupts are on once there (sret copies SPIE
	 * into SIE). FS = Clean: the FP registers hold the process's state, the initial one the
	 * switch to it loaded (kernel/fpu.c); the first write makes them Dirty. SUM = 0: user
	 * memory is closed to the kernel. UXL = 64-bit: what the CPU has anyway (QEMU fixes it; 0
	 * would be reserved). Linux: regs->status = SR_PIE (plus SR_UXL_64 for compat kernels).
	 */
	regs->status = SR_SPIE | SR_FS_CLEAN | SR_UXL_64;
}

/* ----------------------------------------------------------- user FP state (fpu.S) -- */

void arch_fpu_init_state(void *state)
{
	memset(state, 0, FPU_STATE_SIZE); /* f0-f31 0, fcsr 0: round to nearest, no flags */
}

/* The hardware keeps the account: sstatus.FS becomes Dirty at the first write of an FP
 * register, and the entry saved the user's sstatus in its pt_regs. A process that has not
 * written one since its registers were last saved or loaded needs no save. Linux:
 * __switch_to_fpu() and fstate_save() in arch/riscv/include/asm/switch_to.h. */
bool arch_fpu_needs_save(struct task *t)
{
	struct pt_regs *regs = task_pt_regs(t);
	if ((regs->status & SR_FS) != SR_FS_DIRTY)
		return false;
	regs->status = (regs->status & ~SR_FS) | SR_FS_CLEAN;
	return true;
}

void arch_fpu_loaded(struct task *t)
{
	struct pt_regs *regs = task_pt_regs(t);
	regs->status = (regs->status & ~SR_FS) | SR_FS_CLEAN;
}

/* ------------------------------------------------------------------------ the other CPUs -- */

static const char *sbi_error(long err)
{
	switch (err) {
	case -1:
		return "SBI_ERR_FAILED";
	case -2:
		return "SBI_ERR_NOT_SUPPORTED";
	case -3:
		return "SBI_ERR_INVALID_PARAM";
	case -4:
		return "SBI_ERR_DENIED";
	case -5:
		return "SBI_ERR_INVALID_ADDRESS";
	case -6:
		return "SBI_ERR_ALREADY_AVAILABLE";
	case -7:
		return "SBI_ERR_ALREADY_STARTED";
	case -8:
		return "SBI_ERR_ALREADY_STOPPED";
	default:
		return "unknown";
	}
}

void secondary_entry(void);
void _start(void);

int arch_cpu_start(struct cpu *c)
{
	if (sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_HSM, 0).value == 0) {
		printk("  cpu%u:    cannot start hart %lu: the SBI firmware has no HSM extension\n",
		       c->id, c->hwid);
		return -ENODEV;
	}
	c->arch.hartid = c->hwid;
	/* Ask once the firmware has parked the hart (STOPPED), or sent it into the kernel
	 * (STARTED: it waits at the boot entry, boot.S), not while it is between the two. */
	u64 start = arch_clock_ns();
	struct sbiret st;
	while ((st = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, (long)c->hwid, 0)).error == 0 &&
	       st.value != SBI_HSM_STATE_STOPPED && st.value != SBI_HSM_STATE_STARTED &&
	       arch_clock_ns() - start < 1000000000ull)
		arch_cpu_relax();
	if (st.error || (st.value != SBI_HSM_STATE_STOPPED && st.value != SBI_HSM_STATE_STARTED)) {
		printk("  cpu%u:    hart %lu is neither stopped nor started in the firmware "
		       "(HSM status %ld, error %ld)\n",
		       c->id, c->hwid, st.value, st.error);
		return -EIO;
	}
	/* hart_start(hart id, start address (physical, MMU off), opaque = a1 at the start). The
	 * hart begins in S-mode at secondary_entry with a0 = its hart id. The kernel argument
	 * riscv_hart_start_at_entry sends it to the kernel's boot entry instead, as firmware
	 * that ignores the address does: the test smp_hart_at_the_boot_entry. */
	void (*entry)(void) = cmdline_has(boot_info.cmdline, "riscv_hart_start_at_entry")
				      ? _start
				      : secondary_entry;
	struct sbiret r = sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, (long)c->hwid,
				    (long)kimage_to_phys(entry), 0);
	/* ALREADY_AVAILABLE: the firmware runs the hart already, sent to the kernel's boot
	 * entry; it waits there for smp_boot_args.hwid, set before this call (boot.S). */
	if (r.error && r.error != SBI_ERR_ALREADY_AVAILABLE) {
		printk("  cpu%u:    SBI HSM hart_start for hart %lu failed: %ld (%s)\n", c->id,
		       c->hwid, r.error, sbi_error(r.error));
		return -EIO;
	}
	return 0;
}

void arch_secondary_init(struct cpu *c)
{
	/* S-mode cannot read its hart id (mhartid is M-mode's): the one hart_start was given is
	 * the one running here, as SBI promises, and what the per-hart code uses. */
	(void)c;
	irqchip_init_cpu();
	timer_init_cpu();
}
