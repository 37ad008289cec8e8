// SPDX-License-Identifier: MIT
/*
 * arm64 interrupt controller: the Arm Generic Interrupt Controller (GIC), version 2 (QEMU virt's
 * default) or version 3 (-M virt,gic-version=3). Linux: drivers/irqchip/irq-gic.c and
 * irq-gic-v3.c. References: GICv2 architecture specification (IHI 0048B) and GICv3/v4 (IHI 0069).
 *
 * A GIC has two halves:
 *   - the distributor (GICD), one per machine: per interrupt line an enable bit, a priority, a
 *     trigger mode (level or edge) and which CPU gets it; it forwards the most urgent pending one
 *     to each CPU;
 *   - one CPU interface per CPU, which signals IRQ to the core and through which the kernel
 *     acknowledges an interrupt (reading IAR returns its INTID and makes it "active") and ends
 *     it (writing the same value to EOIR). GICv2's CPU interface is memory-mapped (GICC);
 *     GICv3's is a set of system registers (ICC_*_EL1), and the per-CPU interrupts (SGIs and
 *     PPIs) are configured in a third part, each CPU's redistributor (GICR), memory-mapped.
 *
 * Priorities: 0 is the most urgent. An interrupt reaches the CPU only if its priority is below
 * the priority mask (PMR) and its group priority is below that of the interrupt the CPU is
 * handling now (the running priority). The timer gets a higher priority than everything else,
 * so that it can interrupt a handler that re-enabled interrupts (the nested-IRQ test does).
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
#include <asm/io.h>
#include <asm/sysreg.h>

/* Distributor registers; the same layout on GICv2 and GICv3 up to 0xc00. Per-interrupt arrays:
 * one bit per INTID (ENABLER, ACTIVER, GROUPR), two bits (ICFGR), one byte (IPRIORITYR,
 * ITARGETSR). On GICv2 the entries for INTIDs 0-31 are banked: each CPU sees its own. */
#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ICPENDR	0x0280
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR	0x0800 /* GICv2: target CPU mask per SPI */
#define GICD_ICFGR	0x0c00
#define GICD_SGIR	0x0f00 /* GICv2: send an SGI */
#define GICD_IROUTER	0x6000 /* GICv3: target affinity per SPI, 8 bytes per INTID */

/* GICD_TYPER.ITLinesNumber: the distributor has 32 * (N + 1) lines (INTIDs 1020+ are special). */
#define GICD_TYPER_LINES(typer) MIN((((typer)&0x1f) + 1) * 32, 1020u)

/* GICD_CTLR. GICv2: bit 0 forwards interrupts to the CPU interfaces. GICv3 without security
 * (QEMU virt unless secure=on, GICD_CTLR.DS = 1): bit 0 EnableGrp0, bit 1 EnableGrp1, bit 4
 * ARE (affinity routing); seen from the non-secure side of a GIC with security, bit 0 is
 * EnableGrp1NS and bit 1 EnableGrp1A. Setting bits 0, 1 and 4, as Linux does, enables our
 * Group 1 interrupts under either view. RWP: a write is still propagating. */
#define GICD_CTLR_ENABLE    BIT(0)
#define GICD_CTLR_ENABLE_G1 BIT(1)
#define GICD_CTLR_ARE	    BIT(4)
#define GICD_CTLR_RWP	    BIT(31)
/* GICD_SGIR (GICv2): TargetListFilter 0b10 = "this CPU only", whatever CPUTargetList says. */
#define GICD_SGIR_TARGET_SELF (2u << 24)

/* GICv2 CPU interface (GICC) registers. */
#define GICC_CTLR	 0x00
#define GICC_PMR	 0x04 /* priority mask: only priorities below it are signalled */
#define GICC_BPR	 0x08 /* binary point: which priority bits form the group priority */
#define GICC_IAR	 0x0c /* acknowledge: INTID (9:0) and, for SGIs, the sender (12:10) */
#define GICC_EOIR	 0x10 /* end of interrupt: write back what IAR returned */
#define GICC_CTLR_ENABLE BIT(0)
#define GICC_IAR_INTID	 0x3ffu

/* GICv3 redistributor: per CPU an RD_base frame (control, wake-up) and an SGI_base frame (the
 * SGI/PPI registers, at the distributor's offsets), 64 KiB each; GICv4 adds two frames for
 * virtual LPIs (GICR_TYPER.VLPIS). */
#define GICR_FRAME_SIZE		   0x10000
#define GICR_CTLR		   0x0000
#define GICR_TYPER		   0x0008 /* 64-bit: affinity of its CPU in 63:32, Last, VLPIS */
#define GICR_WAKER		   0x0014
#define GICR_SGI_BASE		   GICR_FRAME_SIZE
#define GICR_CTLR_RWP		   BIT(3)
#define GICR_TYPER_VLPIS	   BIT(1)
#define GICR_TYPER_LAST		   BIT(4)
#define GICR_WAKER_PROCESSOR_SLEEP BIT(1)
#define GICR_WAKER_CHILDREN_ASLEEP BIT(2)
/* GICv3's ICC_IAR1_EL1 returns a 24-bit INTID (LPIs go up to 2^24). */
#define ICC_IAR1_INTID 0xffffffu

/* INTIDs 1020-1023 are no interrupt: 1023 "nothing pending" (another CPU took it, or it was
 * withdrawn), 1020-1022 only appear in secure or legacy configurations. */
#define GIC_INTID_SPECIAL 1020

/*
 * Priorities (0 = most urgent). A GIC implements at least the top 4 bits of the byte (16
 * levels); these two differ in bit 5, inside them. The mask lets everything below 0xf0 through,
 * as Linux's DEFAULT_PMR_VALUE. The binary point is set to its minimum (writing 0 clamps), which
 * makes the group priority (the part that decides preemption) as many bits as the GIC has: the
 * timer's 0x80 is then a higher group than 0xa0 and preempts a running SGI or device handler.
 */
#define GIC_PRIO_DEFAULT 0xa0 /* Linux's GICD_INT_DEF_PRI */
#define GIC_PRIO_TIMER	 0x80
#define GIC_PMR_ALLOW	 0xf0

/* How much of a GICv3 redistributor region is mapped: enough frames for MAX_CPUS CPUs even with
 * GICv4's four frames each (QEMU's region covers 123 CPUs, 15 MiB, of which we need one). */
#define GICR_MAP_MAX (MAX_CPUS * 4 * GICR_FRAME_SIZE)

static struct {
	int version;	      /* 2 or 3 */
	void *dist;	      /* GICD, ioremapped */
	void *cpuif;	      /* GICv2: GICC */
	void *redist;	      /* GICv3: start of the (mapped part of the) GICR region */
	size_t redist_size;   /* ... and its size */
	phys_addr_t cpu_phys; /* GICC (v2) or GICR region (v3) */
	unsigned int lines;   /* lines the distributor has */
	u32 iar_intid;	      /* the INTID bits of IAR: GICv2 9:0, GICv3 23:0 */
} gic;

/* ---------------------------------------------------------------- shared distributor set-up -- */

/* Bit n of a one-bit-per-INTID register array at base: register base + 4 * (n / 32). */
static void *bit_reg(void *base, unsigned int reg, unsigned int intid)
{
	return (char *)base + reg + (intid / 32) * 4;
}

static u32 bit_mask(unsigned int intid)
{
	return 1u << (intid % 32);
}

static void gicd_wait_rwp(void)
{
	/* GICv3 only: changes to GICD_CTLR and to the enable bits take effect asynchronously. */
	while (readl((char *)gic.dist + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

static void gicr_wait_rwp(void *rd)
{
	while (readl((char *)rd + GICR_CTLR) & GICR_CTLR_RWP)
		;
}

/* Every SPI: disabled, not active, not pending, level-triggered (what QEMU's devices and the
 * device tree's flags say), default priority, and Group 1 on GICv3 (Group 1 arrives as IRQ at
 * non-secure EL1; Group 0 would be FIQ). Linux: gic_dist_config(). */
static void gic_dist_config(void)
{
	char *d = gic.dist;
	for (unsigned int i = GIC_SPI_BASE; i < gic.lines; i += 32) {
		writel(~0u, bit_reg(d, GICD_ICENABLER, i));
		writel(~0u, bit_reg(d, GICD_ICACTIVER, i));
		writel(~0u, bit_reg(d, GICD_ICPENDR, i));
		if (gic.version == 3)
			writel(~0u, bit_reg(d, GICD_IGROUPR, i));
	}
	for (unsigned int i = GIC_SPI_BASE; i < gic.lines; i += 16)
		writel(0, d + GICD_ICFGR + i / 4); /* 2 bits per INTID; 0b00 = level */
	for (unsigned int i = GIC_SPI_BASE; i < gic.lines; i += 4)
		writel(GIC_PRIO_DEFAULT * 0x01010101u, d + GICD_IPRIORITYR + i);
}

/* The priority of each SGI and PPI of this CPU, in the register array at base (GICv2: the
 * distributor's banked copy; GICv3: the redistributor's SGI frame). */
static void gic_sgi_ppi_priorities(char *base)
{
	for (unsigned int i = 0; i < GIC_SPI_BASE; i++)
		writeb(i == TIMER_IRQ ? GIC_PRIO_TIMER : GIC_PRIO_DEFAULT,
		       base + GICD_IPRIORITYR + i);
}

/* The EOI value for the interrupt being handled at this depth: exactly what IAR returned. */
static u32 gic_active_iar(unsigned int irq)
{
	struct cpu *c = arch_this_cpu();
	unsigned int depth = c->irq_depth; /* irq_dispatch() runs between irq_enter and irq_exit */
	if (depth >= 1 && depth <= GIC_MAX_NESTING) {
		u32 iar = c->arch.gic_iar[depth - 1];
		if ((iar & gic.iar_intid) == irq)
			return iar;
	}
	return irq; /* not from our handler (cannot happen): end what we were told */
}

/*
 * What both versions do with an acknowledged interrupt (Linux: gic_handle_irq's loop body,
 * generic_handle_domain_irq). The IAR value is kept per nesting depth, in the per-CPU area, for
 * the eoi() that irq_dispatch() calls after the handler.
 */
static void gic_dispatch(u32 iar, unsigned int intid, struct pt_regs *regs,
			 void (*eoi_raw)(u32 iar))
{
	struct cpu *c = arch_this_cpu();
	if (unlikely(intid >= NR_IRQS || c->irq_depth >= GIC_MAX_NESTING)) {
		/* A line we never enabled (or nesting deeper than any priority scheme here allows):
		 * end it so that its priority level is not blocked forever, and count it. */
		eoi_raw(iar);
		irq_spurious();
		return;
	}
	c->arch.gic_iar[c->irq_depth] = iar;
	irq_enter();
	irq_dispatch(intid, regs);
	irq_exit();
}

/* ------------------------------------------------------------------------------- GICv2 ----- */

static void gicv2_mask(unsigned int irq)
{
	/* SGIs cannot storm (software sends each one), and the GICv2 architecture lets them be
	 * permanently enabled (ISENABLER0[15:0] RAO/WI; QEMU's are): they are left enabled, on
	 * GICv3 too, so that an SGI nobody handles is still taken and counted. */
	if (irq < GIC_PPI_BASE || irq >= gic.lines)
		return;
	writel(bit_mask(irq), bit_reg(gic.dist, GICD_ICENABLER, irq));
}

static void gicv2_unmask(unsigned int irq)
{
	if (irq < GIC_PPI_BASE || irq >= gic.lines)
		return;
	writel(bit_mask(irq), bit_reg(gic.dist, GICD_ISENABLER, irq));
}

static void gicv2_eoi_raw(u32 iar)
{
	writel(iar, (char *)gic.cpuif + GICC_EOIR);
}

static void gicv2_eoi(unsigned int irq)
{
	gicv2_eoi_raw(gic_active_iar(irq));
}

static const struct irqchip gicv2_chip = {
	.name = "GICv2",
	.mask = gicv2_mask,
	.unmask = gicv2_unmask,
	.eoi = gicv2_eoi,
};

/* The top-level handler: do_irq() (trap.c) calls it on the IRQ stack, interrupts masked. */
static void gicv2_handle_irq(struct pt_regs *regs)
{
	/* Reading IAR acknowledges the most urgent pending interrupt: it becomes active, and the
	 * CPU's running priority rises to its priority until the EOI. */
	u32 iar = readl((char *)gic.cpuif + GICC_IAR);
	unsigned int intid = iar & GICC_IAR_INTID;
	if (intid >= GIC_INTID_SPECIAL) {
		irq_spurious(); /* nothing was acknowledged, so nothing to end */
		return;
	}
	gic_dispatch(iar, intid, regs, gicv2_eoi_raw);
}

/* This CPU's bit in ITARGETSR: the registers of INTIDs 0-31 read as the reading CPU's own mask
 * (Linux: gic_get_cpumask). A uniprocessor GIC makes them RAZ/WI; SPIs then go to the one CPU. */
static u8 gicv2_cpu_mask(void)
{
	for (unsigned int i = 0; i < GIC_SPI_BASE; i += 4) {
		u32 m = readl((char *)gic.dist + GICD_ITARGETSR + i);
		m |= m >> 16;
		m |= m >> 8;
		if (m & 0xff)
			return (u8)m;
	}
	return 1;
}

static void gicv2_dist_init(void)
{
	char *d = gic.dist;

	/* Distributor (Linux: gic_dist_init): off while it is configured, every SPI routed to this
	 * CPU, then on. */
	writel(0, d + GICD_CTLR);
	gic_dist_config();
	u32 target = gicv2_cpu_mask() * 0x01010101u;
	for (unsigned int i = GIC_SPI_BASE; i < gic.lines; i += 4)
		writel(target, d + GICD_ITARGETSR + i);
	writel(GICD_CTLR_ENABLE, d + GICD_CTLR);
}

/* What each CPU sets up for itself, the boot CPU after the distributor. */
static void gicv2_cpu_init(void)
{
	char *d = gic.dist, *cc = gic.cpuif;

	/* This CPU's SGIs and PPIs, in the distributor's banked registers (Linux: gic_cpu_init):
	 * PPIs disabled until requested, nothing active, priorities. */
	writel(0xffff0000u, d + GICD_ICENABLER);
	writel(0x0000ffffu, d + GICD_ISENABLER);
	writel(~0u, d + GICD_ICACTIVER);
	gic_sgi_ppi_priorities(d);
	arch_this_cpu()->arch.gic_cpu_mask = gicv2_cpu_mask();

	/* CPU interface (Linux: gic_cpu_if_up): priority mask, binary point, on. Without the
	 * security extensions (QEMU virt) every interrupt is Group 0 and is signalled as IRQ, since
	 * GICC_CTLR.FIQEn stays 0. */
	writel(GIC_PMR_ALLOW, cc + GICC_PMR);
	writel(0, cc + GICC_BPR);
	writel(GICC_CTLR_ENABLE, cc + GICC_CTLR);
}

/* ------------------------------------------------------------------------------- GICv3 ----- */

/* The redistributor's SGI frame, where this CPU's SGI and PPI registers are. */
static char *gicr_sgi(void)
{
	return (char *)arch_this_cpu()->arch.gicr_base + GICR_SGI_BASE;
}

static void gicv3_poke(unsigned int irq, unsigned int reg)
{
	if (irq < GIC_PPI_BASE || irq >= gic.lines)
		return; /* SGIs: see gicv2_mask(); treated alike on both versions */
	if (irq < GIC_SPI_BASE) {
		writel(bit_mask(irq), bit_reg(gicr_sgi(), reg, irq));
		gicr_wait_rwp(arch_this_cpu()->arch.gicr_base);
	} else {
		writel(bit_mask(irq), bit_reg(gic.dist, reg, irq));
		gicd_wait_rwp();
	}
}

static void gicv3_mask(unsigned int irq)
{
	gicv3_poke(irq, GICD_ICENABLER);
}

static void gicv3_unmask(unsigned int irq)
{
	gicv3_poke(irq, GICD_ISENABLER);
}

static void gicv3_eoi_raw(u32 iar)
{
	/* EOImode 0: this one write drops the running priority and deactivates the interrupt. The
	 * ISB makes it take effect before whatever comes next (Linux: gic_write_eoir). */
	write_sysreg(icc_eoir1_el1, iar);
	isb();
}

static void gicv3_eoi(unsigned int irq)
{
	gicv3_eoi_raw(gic_active_iar(irq));
}

static const struct irqchip gicv3_chip = {
	.name = "GICv3",
	.mask = gicv3_mask,
	.unmask = gicv3_unmask,
	.eoi = gicv3_eoi,
};

static void gicv3_handle_irq(struct pt_regs *regs)
{
	u32 iar = (u32)read_sysreg(icc_iar1_el1);
	/* A system-register read is not ordered with memory accesses: the DSB makes the handler's
	 * reads of device registers come after the acknowledge (Linux: gic_read_iar_common). */
	dsb(sy);
	unsigned int intid = iar & ICC_IAR1_INTID;
	if (intid >= GIC_INTID_SPECIAL && intid < GIC_INTID_SPECIAL + 4) {
		irq_spurious();
		return;
	}
	gic_dispatch(iar, intid, regs, gicv3_eoi_raw);
}

/* MPIDR's affinity in the layout of GICR_TYPER[63:32]: Aff3.Aff2.Aff1.Aff0. */
static u32 mpidr_to_gicr_affinity(unsigned long mpidr)
{
	return (u32)(MPIDR_AFF(mpidr, 3) << 24 | MPIDR_AFF(mpidr, 2) << 16 |
		     MPIDR_AFF(mpidr, 1) << 8 | MPIDR_AFF(mpidr, 0));
}

/* This CPU's redistributor: walk the frames until GICR_TYPER names our affinity (Linux:
 * gic_populate_rdist). */
static void *gicv3_find_redist(unsigned long mpidr)
{
	u32 aff = mpidr_to_gicr_affinity(mpidr);
	char *rd = gic.redist, *end = rd + gic.redist_size;
	while (rd + 2 * GICR_FRAME_SIZE <= end) {
		u64 typer = readq(rd + GICR_TYPER);
		if ((u32)(typer >> 32) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
		rd += (typer & GICR_TYPER_VLPIS ? 4 : 2) * GICR_FRAME_SIZE;
	}
	return NULL;
}

static void gicv3_dist_init(void)
{
	unsigned long mpidr = arch_this_cpu()->arch.mpidr;
	char *d = gic.dist;

	/* Distributor (Linux: gic_dist_init): off, wait, configure every SPI, on with affinity
	 * routing, then route every SPI to this CPU by its affinity (IROUTER, Interrupt Routing
	 * Mode 0: exactly that CPU). */
	writel(0, d + GICD_CTLR);
	gicd_wait_rwp();
	gic_dist_config();
	gicd_wait_rwp();
	writel(GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE, d + GICD_CTLR);
	gicd_wait_rwp();
	u64 route = (MPIDR_AFF(mpidr, 3) << 32) | (mpidr & 0xffffff);
	for (unsigned int i = GIC_SPI_BASE; i < gic.lines; i++)
		writeq(route, d + GICD_IROUTER + i * 8);
}

/* What each CPU sets up for itself, the boot CPU after the distributor: its system-register
 * interface, its redistributor, its CPU interface. */
static void gicv3_cpu_init(void)
{
	struct cpu *c = arch_this_cpu();
	unsigned long mpidr = c->arch.mpidr;

	/* The system-register CPU interface must exist (ID_AA64PFR0_EL1.GIC) and be switched on:
	 * ICC_SRE_EL1.SRE. Under a hypervisor that forbids it (ICC_SRE_EL2.Enable = 0) the bit
	 * stays 0; say so now rather than fault on the first ICC_ access. */
	if (((read_sysreg(id_aa64pfr0_el1) >> ID_AA64PFR0_GIC_SHIFT) & 0xf) == 0)
		panic("irqchip: the device tree has a GICv3, this CPU no GIC system registers "
		      "(ID_AA64PFR0_EL1.GIC = 0)");
	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | ICC_SRE_EL1_SRE);
	isb();
	if (!(read_sysreg(icc_sre_el1) & ICC_SRE_EL1_SRE))
		panic("irqchip: cannot set ICC_SRE_EL1.SRE (disabled by EL2?)");

	/* This CPU's redistributor (Linux: gic_cpu_init): wake it up (it powers up asleep, and an
	 * asleep redistributor forwards nothing), then configure the SGIs and PPIs in its SGI frame
	 * as the distributor's SPIs: Group 1, PPIs off until requested, SGIs on, priorities. */
	char *rd = gicv3_find_redist(mpidr);
	if (!rd)
		panic("irqchip: no GICv3 redistributor for MPIDR %#lx in %#zx bytes at %#llx",
		      mpidr, gic.redist_size, (unsigned long long)gic.cpu_phys);
	c->arch.gicr_base = rd;
	writel(readl(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP, rd + GICR_WAKER);
	while (readl(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	char *sgi = rd + GICR_SGI_BASE;
	writel(~0u, sgi + GICD_IGROUPR);
	writel(0xffff0000u, sgi + GICD_ICENABLER);
	writel(~0u, sgi + GICD_ICACTIVER);
	writel(0x0000ffffu, sgi + GICD_ISENABLER);
	gic_sgi_ppi_priorities(sgi);
	gicr_wait_rwp(rd);

	/* CPU interface (Linux: gic_cpu_sys_reg_init): priority mask, binary point (its minimum:
	 * the most preemption levels), EOImode 0 (EOI also deactivates), Group 1 on. */
	write_sysreg(icc_pmr_el1, GIC_PMR_ALLOW);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, 0);
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN1_EN);
	isb();

	/* The SGI1R value that targets this CPU alone: its cluster (Aff3.Aff2.Aff1), and its Aff0
	 * as a bit in the 16-CPU target list selected by RS (Linux: gic_send_sgi). */
	unsigned long aff0 = MPIDR_AFF(mpidr, 0);
	c->arch.gic_sgi_self = MPIDR_AFF(mpidr, 3) << ICC_SGI1R_AFF3_SHIFT |
			       MPIDR_AFF(mpidr, 2) << ICC_SGI1R_AFF2_SHIFT |
			       MPIDR_AFF(mpidr, 1) << ICC_SGI1R_AFF1_SHIFT |
			       (aff0 / 16) << ICC_SGI1R_RS_SHIFT | BIT(aff0 % 16);
}

/* ------------------------------------------------------------------------------ contract ---- */

void arch_irq_init(void)
{
	const void *fdt = boot_info.fdt;
	u64 base[2], size[2];

	if (strcmp(boot_info.intc_compat, "arm,cortex-a15-gic") == 0)
		gic.version = 2;
	else if (strcmp(boot_info.intc_compat, "arm,gic-v3") == 0)
		gic.version = 3;
	else
		panic("irqchip: no GICv2 or GICv3 in the device tree (interrupt controller: '%s')",
		      boot_info.intc_compat);

	/* fdt_boot.c kept only the first "reg" region (the distributor); read the node again for
	 * the second: the GICv2 CPU interface or the (first) GICv3 redistributor region. */
	int node = fdt_node_offset_by_compatible(fdt, -1, boot_info.intc_compat);
	for (int i = 0; i < 2; i++) {
		int err = node < 0 ? node : fdt_reg(fdt, node, i, &base[i], &size[i]);
		if (err)
			panic("irqchip: %s: reg region %d: %s", boot_info.intc_compat, i,
			      fdt_strerror(err));
	}
	gic.cpu_phys = base[1];
	gic.dist = ioremap(base[0], size[0]);
	gic.lines = GICD_TYPER_LINES(readl((char *)gic.dist + GICD_TYPER));

	if (gic.version == 2) {
		gic.iar_intid = GICC_IAR_INTID;
		gic.cpuif = ioremap(base[1], size[1]);
		gicv2_dist_init();
		gicv2_cpu_init();
		irqchip_register(&gicv2_chip);
		set_handle_irq(gicv2_handle_irq);
		printk("  irqchip: GICv2 at %#llx, CPU interface at %#llx (%u lines, %u handled)\n",
		       (unsigned long long)base[0], (unsigned long long)base[1], gic.lines,
		       MIN(gic.lines, (unsigned int)NR_IRQS));
	} else {
		gic.iar_intid = ICC_IAR1_INTID;
		gic.redist_size = MIN(size[1], (u64)GICR_MAP_MAX);
		gic.redist = ioremap(base[1], gic.redist_size);
		gicv3_dist_init();
		gicv3_cpu_init();
		irqchip_register(&gicv3_chip);
		set_handle_irq(gicv3_handle_irq);
		phys_addr_t rd_phys =
			base[1] +
			(phys_addr_t)((char *)arch_this_cpu()->arch.gicr_base - (char *)gic.redist);
		printk("  irqchip: GICv3 at %#llx, redistributor at %#llx (%u lines, %u handled)\n",
		       (unsigned long long)base[0], (unsigned long long)rd_phys, gic.lines,
		       MIN(gic.lines, (unsigned int)NR_IRQS));
	}
}

void irqchip_init_cpu(void)
{
	if (gic.version == 3)
		gicv3_cpu_init();
	else
		gicv2_cpu_init();
}

void arch_send_ipi(struct cpu *target, bool nmi)
{
	(void)nmi; /* no NMI here (GICv3 pseudo-NMIs would need priority masking): an SGI */
	/* Our stores to normal memory (the call slot, the pending bits) visible to the target
	 * before the SGI can reach it (Linux: gic_ipi_send_mask()). */
	dsb(ishst);
	if (gic.version == 3) {
		write_sysreg(icc_sgi1r_el1,
			     target->arch.gic_sgi_self | (u64)IRQ_IPI << ICC_SGI1R_INTID_SHIFT);
		isb();
	} else {
		/* TargetListFilter 0: the CPUs in CPUTargetList, bits 23:16. */
		writel((u32)target->arch.gic_cpu_mask << 16 | IRQ_IPI,
		       (char *)gic.dist + GICD_SGIR);
	}
}

void arch_raise_soft_irq(void)
{
	if (gic.version == 3) {
		u64 sgi = arch_this_cpu()->arch.gic_sgi_self;
		write_sysreg(icc_sgi1r_el1, sgi | (u64)IRQ_SOFT << ICC_SGI1R_INTID_SHIFT);
		isb();
	} else {
		writel(GICD_SGIR_TARGET_SELF | IRQ_SOFT, (char *)gic.dist + GICD_SGIR);
	}
}
