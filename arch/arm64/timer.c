// SPDX-License-Identifier: MIT
/*
 * arm64 timer: the Arm generic timer (Arm ARM, chapter D11). Every core has a 64-bit system
 * counter ticking at a fixed frequency (CNTFRQ_EL0, set by firmware; 62.5 MHz on QEMU virt) and
 * a few comparators on it. We use the EL1 virtual timer, CNTV: it counts CNTVCT_EL0 (the physical
 * count minus CNTVOFF_EL2, which boot.S zeroes when it starts at EL2) and raises PPI 27 while
 * CNTVCT_EL0 >= CNTV_CVAL_EL0. Linux uses the same one for its clockevents and clocksource:
 * drivers/clocksource/arm_arch_timer.c.
 *
 * The periodic tick is a one-shot comparator re-armed by each interrupt for the next deadline.
 * The deadline is kept as an absolute count and advanced by exactly one period, so the time
 * spent taking the interrupt never adds up: the tick rate is the counter's, with no drift. (Linux
 * programs CNTV_TVAL_EL0, relative to "now", because its clockevents layer hands it deltas; for
 * a fixed period CNTV_CVAL_EL0 says "at this count" directly.)
 */
#include <arch.h>
#include <boot.h>
#include <cpu.h>
#include <fdt.h>
#include <irq.h>
#include <panic.h>
#include <printk.h>
#include <time.h>
#include <asm/sysreg.h>

/* clock_ns = count * ns_mult >> NS_SHIFT: a multiply and a shift instead of a division, with a
 * 128-bit product so that no uptime overflows it (Linux: clocksource mult/shift, cyc2ns). */
#define NS_SHIFT 32

static u64 freq;	     /* CNTFRQ_EL0: counts per second */
static unsigned int tick_hz; /* ticks per second */
static u64 period;	     /* counts per tick */
static u64 ns_mult;	     /* nanoseconds per count, times 2^NS_SHIFT */

static u64 read_counter(void)
{
	/* The ISB keeps the counter from being read early, ahead of the code before it. */
	isb();
	return read_sysreg(cntvct_el0);
}

/* A tick may be missed when interrupts stay off for longer than a period: count the missed ones
 * up to a second of them, as Linux's tick_handle_periodic does, and beyond that give up on them
 * and start again from now (after a debugger stop, say). */
static void timer_interrupt(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	u64 now = read_counter();
	unsigned int n = 1;
	/* Each CPU has its own virtual timer, and its own deadline. */
	u64 deadline = arch_this_cpu()->arch.timer_deadline + period;

	while (deadline <= now && n < tick_hz) {
		deadline += period;
		n++;
	}
	if (deadline <= now)
		deadline = now + period;
	arch_this_cpu()->arch.timer_deadline = deadline;
	/* The new comparison value takes the interrupt condition (and so the level-triggered
	 * PPI) down before irq_dispatch() sends the EOI; the ISB makes sure the write is done. */
	write_sysreg(cntv_cval_el0, deadline);
	isb();
	while (n--)
		timer_tick();
}

/* The virtual timer's PPI as the device tree gives it: "interrupts" of the "arm,armv8-timer"
 * node lists the secure physical, non-secure physical, virtual and hypervisor timers, each as
 * <1 (PPI) number flags>. Returns the INTID, or -1 if the node says nothing usable. */
static int dt_virt_timer_irq(void)
{
	int node = fdt_node_offset_by_compatible(boot_info.fdt, -1, "arm,armv8-timer");
	int len = 0;
	const u8 *p = node >= 0 ? fdt_getprop(boot_info.fdt, node, "interrupts", &len) : NULL;
	if (!p || len < 3 * 3 * 4 || fdt32_ld(p + 2 * 12) != 1)
		return -1;
	return (int)(GIC_PPI_BASE + fdt32_ld(p + 2 * 12 + 4));
}

void arch_timer_init(unsigned int hz)
{
	freq = read_sysreg(cntfrq_el0);
	if (!freq)
		panic("timer: CNTFRQ_EL0 is 0: the firmware did not set the counter frequency");
	tick_hz = hz;
	period = (freq + hz / 2) / hz;
	ns_mult = (NSEC_PER_SEC << NS_SHIFT) / freq;

	int dt_irq = dt_virt_timer_irq();
	if (dt_irq >= 0 && dt_irq != TIMER_IRQ)
		panic("timer: the device tree puts the virtual timer on INTID %d, asm/irq.h on %d",
		      dt_irq, TIMER_IRQ);
	if (irq_request(TIMER_IRQ, timer_interrupt, NULL, "timer") != 0)
		panic("timer: cannot request IRQ %d", TIMER_IRQ);

	timer_init_cpu();

	printk("  timer:   generic timer, EL1 virtual (CNTV, INTID %d), %llu Hz from CNTFRQ_EL0; "
	       "tick %u Hz = every %llu counts\n",
	       TIMER_IRQ, (unsigned long long)freq, hz, (unsigned long long)period);
}

void timer_init_cpu(void)
{
	/* First deadline one period from now; ENABLE without IMASK lets the interrupt out. The
	 * PPI is banked per CPU: irq_request() enabled the boot CPU's, each other CPU enables its
	 * own. */
	struct cpu *c = arch_this_cpu();
	c->arch.timer_deadline = read_counter() + period;
	write_sysreg(cntv_cval_el0, c->arch.timer_deadline);
	write_sysreg(cntv_ctl_el0, CNT_CTL_ENABLE);
	isb();
	if (c->id != 0)
		irqchip()->unmask(TIMER_IRQ);
}

u64 arch_clock_ns(void)
{
	u64 cnt = read_counter();
	if (unlikely(!ns_mult)) {
		/* Before arch_timer_init(): scale by division, seconds and remainder apart. */
		u64 f = read_sysreg(cntfrq_el0);
		return f ? (cnt / f) * NSEC_PER_SEC + (cnt % f) * NSEC_PER_SEC / f : cnt;
	}
	return (u64)(((unsigned __int128)cnt * ns_mult) >> NS_SHIFT);
}
