// SPDX-License-Identifier: MIT
/*
 * riscv64 interrupt controllers: the hart's own local interrupts, controlled through the sie and
 * sip CSRs, and the PLIC (Platform-Level Interrupt Controller) that funnels every device line
 * into one local interrupt, the supervisor external interrupt (SEI).
 *
 *   device --> PLIC source s --(enabled for context c, priority > threshold)--> SEIP of hart
 *   timer  --> STIP (Sstc compare, or the SBI firmware)                         \
 *   csrs sip, SSIP --> SSIP                                                      +-> trap, scause
 *
 * IRQ numbers (asm/irq.h): a local interrupt is its scause code, PLIC source s is 32 + s.
 * Linux: drivers/irqchip/irq-riscv-intc.c (local) and drivers/irqchip/irq-sifive-plic.c.
 */
#include <arch.h>
#include <boot.h>
#include <cpu.h>
#include <fdt.h>
#include <irq.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/sbi.h>

/*
 * PLIC register map (RISC-V PLIC specification 1.0.0, chapter "Memory Map"). A "context" is one
 * privilege level of one hart: on QEMU virt, context 2h is hart h's M-mode and 2h+1 its S-mode,
 * but the device tree says so (see plic_find_context), so nothing here assumes it.
 */
#define PLIC_PRIORITY(src)    (4UL * (src))		  /* one word per source, 0 = never */
#define PLIC_ENABLE(ctx)      (0x2000UL + 0x80UL * (ctx)) /* one bit per source, per context */
#define PLIC_CONTEXT(ctx)     (0x200000UL + 0x1000UL * (ctx))
#define PLIC_THRESHOLD	      0 /* in a context's page: only priorities above it interrupt */
#define PLIC_CLAIM	      4 /* read: claim, write: complete */
#define PLIC_MAX_CONTEXTS     15872
#define PLIC_DEFAULT_PRIORITY 1

static struct {
	volatile u8 *base; /* ioremap'd registers below the contexts: priorities, enables */
	phys_addr_t phys;
	u64 size;		 /* of its reg window */
	int node;		 /* in the device tree */
	unsigned int nr_sources; /* sources 1..nr_sources are usable */
} plic;

/*
 * MMIO with the ordering Linux's readl()/writel() give on RISC-V (arch/riscv/include/asm/mmio.h):
 * "fence w,o" before a write, so a handler's earlier stores reach its device before the PLIC
 * hears "complete"; "fence i,r" after a read, so later loads do not pass the claim.
 */
static u32 plic_read(unsigned long off)
{
	u32 v = *(volatile u32 *)(plic.base + off);
	__asm__ volatile("fence i,r" ::: "memory");
	return v;
}

static void plic_write(unsigned long off, u32 v)
{
	__asm__ volatile("fence w,o" ::: "memory");
	*(volatile u32 *)(plic.base + off) = v;
}

/* The registers of this hart's own context (threshold, claim), each hart its own page. */
static u32 plic_ctx_read(unsigned long off)
{
	u32 v = *(volatile u32 *)(arch_this_cpu()->arch.plic_ctx_regs + off);
	__asm__ volatile("fence i,r" ::: "memory");
	return v;
}

static void plic_ctx_write(unsigned long off, u32 v)
{
	__asm__ volatile("fence w,o" ::: "memory");
	*(volatile u32 *)(arch_this_cpu()->arch.plic_ctx_regs + off) = v;
}

static unsigned int plic_context(void)
{
	return arch_this_cpu()->arch.plic_context;
}

/* Is irq a PLIC source we drive? Then *src is its source id. */
static bool plic_source(unsigned int irq, u32 *src)
{
	if (irq < PLIC_IRQ_BASE || irq - PLIC_IRQ_BASE == 0 ||
	    irq - PLIC_IRQ_BASE > plic.nr_sources)
		return false;
	*src = irq - PLIC_IRQ_BASE;
	return true;
}

static void plic_toggle(u32 src, bool on)
{
	unsigned long reg = PLIC_ENABLE(plic_context()) + 4 * (src / 32);
	u32 bit = 1U << (src % 32);
	/* Read-modify-write of a word shared by 32 sources: the IRQ core calls mask and unmask
	 * with interrupts off, and only this hart uses its context, so nothing can interleave. */
	u32 v = plic_read(reg);
	plic_write(reg, on ? v | bit : v & ~bit);
}

static bool plic_enabled(u32 src)
{
	return plic_read(PLIC_ENABLE(plic_context()) + 4 * (src / 32)) & (1U << (src % 32));
}

/*
 * The local interrupts are masked in sie, as Linux's riscv-intc does, with one exception: the
 * software interrupt stays enabled. Nothing but our own `csrs sip` can make it pending, and the
 * entry acknowledges it before running the handler, so an unhandled one is counted and
 * cleared, and cannot storm; masking it instead would leave a raised SSIP pending and unseen,
 * which is not what an IPI may do (Linux 5.7 sets every sie bit at boot, csr_write(CSR_IE, -1),
 * and never masks its IPI).
 */
static void intc_mask(unsigned int irq)
{
	u32 src;
	if (plic_source(irq, &src)) {
		plic_toggle(src, false);
	} else if (irq < PLIC_IRQ_BASE && irq != IRQ_S_SOFT && irq != IRQ_IPI) {
		csr_clear(sie, 1UL << irq);
	}
}

static void intc_unmask(unsigned int irq)
{
	u32 src;
	if (plic_source(irq, &src)) {
		plic_toggle(src, true);
	} else if (irq < PLIC_IRQ_BASE && irq != IRQ_IPI) {
		csr_set(sie, 1UL << irq);
	}
}

static void intc_eoi(unsigned int irq)
{
	u32 src;
	/* Local: SSIP was cleared before the handler ran, STIP clears when the timer re-arms. */
	if (!plic_source(irq, &src))
		return;
	/*
	 * "complete" tells the PLIC's gateway it may forward this source again. The spec lets a
	 * PLIC ignore a completion for a source that is not enabled for the context, which is the
	 * case when the IRQ core has just masked an unhandled line; the source would then stay
	 * claimed for ever. Linux's plic_irq_eoi() enables it around the write for that reason
	 * (commit 69ea463021be, "irqchip/sifive-plic: Fixup EOI failed when masked").
	 */
	if (plic_enabled(src)) {
		plic_ctx_write(PLIC_CLAIM, src);
	} else {
		plic_toggle(src, true);
		plic_ctx_write(PLIC_CLAIM, src);
		plic_toggle(src, false);
	}
}

static const struct irqchip intc_plic_chip = {
	.name = "INTC+PLIC",
	.mask = intc_mask,
	.unmask = intc_unmask,
	.eoi = intc_eoi,
};

/*
 * SEI: the PLIC has one or more sources for us. Claiming returns the highest-priority pending
 * source and hides it until its completion (irq_dispatch -> eoi), so a device handler may even
 * enable interrupts without this source coming back. Keep claiming until nothing is left, as
 * Linux's plic_handle_irq() does, to save a trap per extra source.
 */
static void plic_handle_irq(struct pt_regs *regs)
{
	u32 src = plic_ctx_read(PLIC_CLAIM);
	if (!src) {
		irq_spurious(); /* another context claimed it first, or the line dropped */
		return;
	}
	do {
		if (src <= plic.nr_sources) {
			irq_dispatch(PLIC_IRQ_BASE + src, regs);
		} else {
			/* Beyond our tables: nobody can handle it. Complete it so that it does
			 * not stay claimed, and keep it from coming back. */
			irq_spurious();
			plic_ctx_write(PLIC_CLAIM, src);
			plic_write(PLIC_PRIORITY(src), 0);
		}
	} while ((src = plic_ctx_read(PLIC_CLAIM)) != 0);
}

void riscv_intc_handle_irq(struct pt_regs *regs)
{
	unsigned long code = regs->cause & ~CAUSE_IRQ_FLAG;

	irq_enter();
	if (code == IRQ_S_EXT) {
		plic_handle_irq(regs);
	} else if (code < PLIC_IRQ_BASE) {
		/* SSIP stays pending until software clears it: clear it before the handler runs,
		 * so that a handler which enables interrupts is not interrupted by the same IRQ
		 * again, and so that a new one raised meanwhile is not lost (Linux 5.7's
		 * handle_IPI() clears it first too). */
		if (code == IRQ_S_SOFT) {
			csr_clear(sip, SIP_SSIP);
			/* One pending bit, two users: another hart's IPI (through the SBI), and
			 * this hart's own soft IRQ. Each says so in a flag first. An SSIP that
			 * neither flag explains is dispatched as IRQ_SOFT, to be counted. */
			struct cpu *c = arch_this_cpu();
			bool ipi = __atomic_exchange_n(&c->arch.ipi_raised, 0, __ATOMIC_ACQUIRE);
			bool soft = __atomic_exchange_n(&c->arch.soft_raised, 0, __ATOMIC_ACQUIRE);
			if (ipi)
				irq_dispatch(IRQ_IPI, regs);
			if (soft || !ipi)
				irq_dispatch(IRQ_SOFT, regs);
		} else {
			irq_dispatch((unsigned int)code, regs);
		}
	} else {
		irq_spurious(); /* a local cause we have no number for */
	}
	irq_exit();
}

/*
 * Which PLIC context is this hart's S-mode? The PLIC node's "interrupts-extended" lists, for
 * each context in order, <phandle of a hart's riscv,cpu-intc, local interrupt it drives>: 11
 * (MEI) for an M-mode context, 9 (SEI) for an S-mode one. The cpu-intc binding has
 * #interrupt-cells = <1>, so every entry is two cells. Linux: plic_init() / of_irq_parse_one().
 */
static int plic_find_context(const void *fdt, int plic_node, unsigned long hartid)
{
	int cpu = riscv_cpu_node(fdt, hartid);
	if (cpu < 0)
		return -1;
	/* This hart's local controller: the cpu node's riscv,cpu-intc child. */
	int intc = -1;
	for (int n = fdt_node_offset_by_compatible(fdt, -1, "riscv,cpu-intc"); n >= 0;
	     n = fdt_node_offset_by_compatible(fdt, n, "riscv,cpu-intc")) {
		if (fdt_parent_offset(fdt, n) == cpu) {
			intc = n;
			break;
		}
	}
	int len = 0;
	const void *ph = intc >= 0 ? fdt_getprop(fdt, intc, "phandle", &len) : NULL;
	if (!ph || len != 4)
		return -1;
	u32 phandle = fdt32_ld(ph);

	const char *ie = fdt_getprop(fdt, plic_node, "interrupts-extended", &len);
	if (!ie)
		return -1;
	for (int ctx = 0; ctx < len / 8 && ctx < PLIC_MAX_CONTEXTS; ctx++) {
		/* A phandle of 0xffffffff marks a context that no hart uses (Linux skips it). */
		if (fdt32_ld(ie + 8 * ctx) == phandle && fdt32_ld(ie + 8 * ctx + 4) == IRQ_S_EXT)
			return ctx;
	}
	return -1;
}

/* This hart's S-mode context: found in the device tree, its page of registers mapped, every
 * source masked for it, threshold 0, anything left claimed completed; then the local
 * interrupts the kernel always takes (SEI, the PLIC's cascade; SSI, the software interrupt). */
void irqchip_init_cpu(void)
{
	struct cpu *c = arch_this_cpu();
	unsigned long hartid = c->arch.hartid;

	/* Nothing may interrupt while the tables are half set; the core enables what it wants
	 * through irq_request(). Clear a stale software interrupt too. */
	csr_write(sie, 0);
	csr_clear(sip, SIP_SSIP);
	int ctx = plic_find_context(boot_info.fdt, plic.node, hartid);
	if (ctx < 0)
		panic("irqchip: the PLIC's interrupts-extended names no S-mode context of hart %lu",
		      hartid);
	if (PLIC_CONTEXT(ctx) + 0x1000 > plic.size)
		panic("irqchip: PLIC context %d lies outside its reg (%#llx bytes)", ctx,
		      (unsigned long long)plic.size);
	c->arch.plic_context = (unsigned int)ctx;
	c->arch.plic_ctx_regs = ioremap(plic.phys + PLIC_CONTEXT(ctx), 0x1000);
	for (u32 src = 1; src <= plic.nr_sources; src++)
		plic_toggle(src, false);
	plic_ctx_write(PLIC_THRESHOLD, 0);
	/* Drain anything claimed before us (a firmware that left a source in flight). */
	for (u32 src; (src = plic_ctx_read(PLIC_CLAIM)) != 0;)
		plic_ctx_write(PLIC_CLAIM, src);
	/* SEI is the PLIC's cascade and the software interrupt is never masked (see intc_mask);
	 * the timer's STIE waits for the timer's set-up. */
	csr_set(sie, SIE_SEIE | SIE_SSIE);
}

void arch_irq_init(void)
{
	const void *fdt = boot_info.fdt;

	if (!boot_info.intc_phys || (strcmp(boot_info.intc_compat, "sifive,plic-1.0.0") != 0 &&
				     strcmp(boot_info.intc_compat, "riscv,plic0") != 0))
		panic("irqchip: no PLIC in the device tree (found '%s')", boot_info.intc_compat);
	int node = fdt_node_offset_by_compatible(fdt, -1, boot_info.intc_compat);
	u64 base, size;
	if (node < 0 || fdt_reg(fdt, node, 0, &base, &size) != 0)
		panic("irqchip: cannot read the PLIC node's reg");
	int len = 0;
	const void *ndev = fdt_getprop(fdt, node, "riscv,ndev", &len);
	if (!ndev || len != 4)
		panic("irqchip: the PLIC node has no riscv,ndev");
	if (size < PLIC_CONTEXT(0))
		panic("irqchip: the PLIC's reg (%#llx bytes) ends before its contexts",
		      (unsigned long long)size);

	plic.phys = base;
	plic.size = size;
	plic.node = node;
	plic.nr_sources = MIN(fdt32_ld(ndev), (u32)(PLIC_MAX_SOURCES - 1));
	/* Map the registers every hart shares (priorities, pending, the enables of every
	 * context); each hart maps the page of its own context (irqchip_init_cpu()). */
	plic.base = ioremap(base, PLIC_CONTEXT(0));
	/* Every source priority 1 (0 would mean "never"); masking is done with each context's
	 * enable bits alone, as Linux does. */
	for (u32 src = 1; src <= plic.nr_sources; src++)
		plic_write(PLIC_PRIORITY(src), PLIC_DEFAULT_PRIORITY);
	irqchip_init_cpu();
	irqchip_register(&intc_plic_chip);

	printk("  irqchip: PLIC at %#llx (context %u, %u sources); SSI, STI, SEI through sie\n",
	       (unsigned long long)base, plic_context(), plic.nr_sources);
}

void arch_irq_enable(void)
{
	csr_set(sstatus, SR_SIE);
}

void arch_irq_disable(void)
{
	csr_clear(sstatus, SR_SIE);
}

bool arch_irqs_enabled(void)
{
	return csr_read(sstatus) & SR_SIE;
}

void arch_raise_soft_irq(void)
{
	/* S-mode may set its own SSIP (privileged spec: "SSIP is writable in sip"); with SIE and
	 * SSIE set the trap is taken right after this instruction. */
	arch_this_cpu()->arch.soft_raised = 1;
	csr_set(sip, SIP_SSIP);
}

/* SBI IPI extension (SBI spec 0.2 and later): send_ipi(hart_mask, hart_mask_base) sets SSIP on
 * each hart whose bit is set, counted from hart_mask_base. */
#define SBI_EXT_IPI	 0x735049 /* "sPI" */
#define SBI_IPI_SEND_IPI 0

void arch_send_ipi(struct cpu *target, bool nmi)
{
	(void)nmi; /* no NMI for S-mode: the ordinary IPI */
	__atomic_store_n(&target->arch.ipi_raised, 1, __ATOMIC_RELEASE);
	/* Our stores (the flag, the call slot, the pending bits) before the firmware's write to
	 * the target's MSIP. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	struct sbiret r = sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, (long)target->arch.hartid);
	if (r.error)
		panic("smp: SBI send_ipi to hart %lu failed: %ld", target->arch.hartid, r.error);
}
