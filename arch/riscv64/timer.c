// SPDX-License-Identifier: MIT
/*
 * riscv64 timer. Every hart has a free-running `time` counter (read with rdtime; on QEMU virt it
 * is the CLINT's mtime, 10 MHz) and one compare value: when time >= compare, the supervisor
 * timer interrupt (STIP, IRQ 5) is pending until a later compare value is written. Two ways to
 * write it:
 *   - Sstc: S-mode writes the stimecmp CSR itself (QEMU 7.2 has Sstc unless -cpu ...,sstc=false);
 *   - SBI TIME extension: sbi_set_timer() asks the M-mode firmware, which programs the CLINT's
 *     mtimecmp and forwards the machine timer interrupt to us as STIP.
 * The tick is periodic: each interrupt writes the next deadline, one period after the previous
 * deadline (not after "now"), so the tick does not drift by the interrupt's latency.
 * Linux: drivers/clocksource/timer-riscv.c (riscv_clock_next_event, Sstc since Linux 6.0).
 */
#include <arch.h>
#include <boot.h>
#include <cpu.h>
#include <extable.h>
#include <fdt.h>
#include <irq.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/sbi.h>

#define SBI_EXT_TIME		 0x54494D45 /* "TIME" */
#define SBI_TIME_SET_TIMER	 0
#define SBI_BASE_PROBE_EXTENSION 3

static struct {
	u64 freq;    /* timebase-frequency, Hz */
	u64 ns_mult; /* nanoseconds per time unit, as a 32.32 fixed-point number */
	u64 period;  /* time units per tick */
	bool sstc;
} timer;

static inline u64 rdtime(void)
{
	u64 t;
	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static void set_deadline(u64 when)
{
	if (timer.sstc)
		__asm__ volatile("csrw %0, %1" : : "i"(CSR_STIMECMP), "r"(when) : "memory");
	else
		sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, (long)when, 0);
}

static void timer_irq(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	/*
	 * Re-arm first: writing a future deadline is what clears STIP, and a tick handler that
	 * enabled interrupts must not be interrupted by its own tick again. If ticks were missed
	 * (the host did not run the guest for a while), count each of them, as Linux's
	 * tick_handle_periodic() does, so that jiffies keeps up with the clock.
	 */
	unsigned int ticks = 0;
	u64 *next = &arch_this_cpu()->arch.timer_next; /* each hart has its own timer */
	do {
		*next += timer.period;
		ticks++;
	} while ((s64)(rdtime() - *next) >= 0);
	set_deadline(*next);
	while (ticks--)
		timer_tick();
}

u64 arch_clock_ns(void)
{
	/* time * (1e9 / freq), with a 128-bit product (GCC: mul + mulhu, no libgcc): no overflow
	 * for as long as the nanoseconds fit in 64 bits (584 years), however fast the timebase.
	 * Before arch_timer_init() has read the timebase the multiplier is 0: the clock reads 0. */
	return (u64)(((unsigned __int128)rdtime() * timer.ns_mult) >> 32);
}

/* Does the ISA string name the extension ext ("sstc")? Multi-letter extensions follow the
 * single letters, each after an underscore: "rv64imafdch_zicsr_..._sstc". */
static bool isa_has(const char *isa, int len, const char *ext)
{
	size_t n = strlen(ext);
	for (int i = 0; i + 1 + (int)n <= len; i++) {
		if (isa[i] == '_' && strncmp(isa + i + 1, ext, n) == 0 &&
		    (i + 1 + (int)n == len || isa[i + 1 + n] == '_' || isa[i + 1 + n] == '\0'))
			return true;
	}
	return false;
}

/*
 * The ISA string says the CPU has Sstc, but S-mode may still not use it: M-mode must also set
 * menvcfg.STCE, which only a firmware that knows Sstc does (OpenSBI >= 1.1); without it stimecmp
 * is an illegal instruction. Read it once under a silent exception-table entry to find out.
 */
static bool stimecmp_usable(void)
{
	unsigned long ok = 0, v;
	__asm__ volatile("1:	csrr	%0, %2\n"
			 "	li	%1, 1\n"
			 "2:\n" EXTABLE_ENTRY("1b", "2b", 0) /* 0: EXTABLE_SILENT */
			 : "=&r"(v), "+r"(ok)
			 : "i"(CSR_STIMECMP)
			 : "memory");
	(void)v;
	return ok;
}

static u64 dtb_timebase(void)
{
	int cpus = fdt_path_offset(boot_info.fdt, "/cpus");
	int len = 0;
	const u8 *p =
		cpus >= 0 ? fdt_getprop(boot_info.fdt, cpus, "timebase-frequency", &len) : NULL;
	if (p && len == 4)
		return fdt32_ld(p);
	if (p && len == 8) /* the binding allows a 64-bit value */
		return (u64)fdt32_ld(p) << 32 | fdt32_ld(p + 4);
	return 0;
}

void timer_init_cpu(void)
{
	/* The first deadline before the interrupt is unmasked: a reset value of stimecmp (or
	 * mtimecmp) in the past would otherwise fire at once. STIE is per hart: irq_request()
	 * set the boot hart's, each other hart sets its own. */
	struct cpu *c = arch_this_cpu();
	c->arch.timer_next = rdtime() + timer.period;
	set_deadline(c->arch.timer_next);
	if (c->id != 0)
		irqchip()->unmask(TIMER_IRQ);
}

void arch_timer_init(unsigned int hz)
{
	timer.freq = dtb_timebase();
	if (timer.freq == 0)
		panic("timer: no /cpus timebase-frequency in the device tree");
	timer.ns_mult = (NSEC_PER_SEC << 32) / timer.freq;
	timer.period = timer.freq / hz;

	int cpu = riscv_cpu_node(boot_info.fdt, arch_this_cpu()->arch.hartid);
	int len = 0;
	const char *isa = cpu >= 0 ? fdt_getprop(boot_info.fdt, cpu, "riscv,isa", &len) : NULL;
	bool listed = isa && isa_has(isa, len, "sstc");
	timer.sstc = listed && stimecmp_usable();
	if (!timer.sstc &&
	    sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, SBI_EXT_TIME, 0).value == 0)
		panic("timer: no Sstc and the SBI firmware has no TIME extension");

	timer_init_cpu();
	if (irq_request(TIMER_IRQ, timer_irq, NULL, "timer") != 0)
		panic("timer: IRQ %d is taken", TIMER_IRQ);

	char f[24];
	if (timer.freq % 1000000 == 0)
		snprintf(f, sizeof(f), "%llu MHz", (unsigned long long)(timer.freq / 1000000));
	else
		snprintf(f, sizeof(f), "%llu Hz", (unsigned long long)timer.freq);
	const char *how = "Sstc stimecmp";
	if (!timer.sstc)
		how = listed ? "SBI set_timer (Sstc listed, stimecmp off: no menvcfg.STCE)"
			     : "SBI set_timer (no Sstc)";
	printk("  timer:   %s, %s timebase, %u Hz tick\n", how, f, hz);
}
