// SPDX-License-Identifier: MIT
/*
 * x86_64 time: the local APIC timer gives the tick, the TSC gives the clock. Neither says how
 * fast it runs, so both are measured against the one timer whose rate is fixed by the PC
 * architecture: the 8254 PIT, 1.193182 MHz. Linux does the same (calibrate_APIC_clock(),
 * pit_calibrate_tsc()).
 */
#include <arch.h>
#include <cpu.h>
#include <irq.h>
#include <math64.h>
#include <panic.h>
#include <printk.h>
#include <time.h>
#include <asm/irqchip.h>
#include <asm/x86.h>

#define PIT_HZ	     1193182
#define CALIBRATE_MS 10
#define LVT_PERIODIC (1u << 17)
#define LVT_MASKED   (1u << 16)
#define TIMER_DIV_16 0x3

static u64 tsc_hz, lapic_hz;
static u32 initial; /* LAPIC timer count per tick */
static u32 tsc_mul;
static unsigned int tsc_shift;

/*
 * Runs PIT channel 2 for CALIBRATE_MS in mode 0 (one shot) and counts how far the TSC and the
 * LAPIC timer (counting down from ~0, divided by 16) move meanwhile. Channel 2 is the one whose
 * gate and output software can reach, through port 0x61 (it used to drive the speaker).
 */
static void calibrate(void)
{
	u32 count = PIT_HZ / (1000 / CALIBRATE_MS);

	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	outb(0x61, (inb(0x61) & ~0x02) | 0x01); /* gate channel 2 on, speaker off */
	outb(0x43, 0xb0);			/* channel 2, lobyte/hibyte, mode 0, binary */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	/* Writing the count restarts the channel: its output goes low until the count runs out. */
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	u64 t0 = arch_counter();
	u64 limit = t0 + (1ULL << 36); /* give up after ~70 s of a fast TSC: no PIT */
	while (!(inb(0x61) & 0x20)) {
		if (arch_counter() > limit)
			panic("timer: the PIT never counted down; cannot calibrate");
	}
	u64 t1 = arch_counter();
	u32 lapic_left = lapic_read(LAPIC_TIMER_CUR);
	lapic_write(LAPIC_TIMER_INIT, 0);

	tsc_hz = (t1 - t0) * (1000 / CALIBRATE_MS);
	lapic_hz = (u64)(0xffffffffu - lapic_left) * 16 * (1000 / CALIBRATE_MS);
	clocks_calc_mult_shift(tsc_hz, &tsc_mul, &tsc_shift);
}

/*
 * A tick may come late, or two may be merged into one, when the host does not run this virtual
 * CPU for a while (QEMU delivers what it can; more virtual CPUs than host cores make it common):
 * count the ticks that fell due by the clock, up to a second of them, as arm64's and riscv64's
 * handlers do and Linux's tick_handle_periodic() does.
 */
static void timer_irq(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	u64 now = arch_clock_ns(), *next = &arch_this_cpu()->arch.tick_next_ns;
	unsigned int n = 0;
	do {
		*next += NSEC_PER_SEC / HZ;
		n++;
	} while (*next <= now && n < HZ);
	if (*next <= now)
		*next = now + NSEC_PER_SEC / HZ;
	while (n--)
		timer_tick();
}

/* Every CPU has its own LAPIC timer; the boot CPU's calibration serves them all (QEMU's LAPICs
 * share one bus clock). Periodic mode: the LAPIC reloads the count itself, so the tick does not
 * drift with the time the handler takes. */
void timer_init_cpu(void)
{
	arch_this_cpu()->arch.tick_next_ns = arch_clock_ns() + NSEC_PER_SEC / HZ;
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | TIMER_IRQ);
	lapic_write(LAPIC_TIMER_INIT, initial);
}

void arch_timer_init(unsigned int hz)
{
	calibrate();
	initial = (u32)(lapic_hz / 16 / hz);
	if (irq_request(TIMER_IRQ, timer_irq, NULL, "timer") != 0)
		panic("timer: cannot request vector %#x", TIMER_IRQ);
	timer_init_cpu();
	printk("  timer:   LAPIC timer, periodic at %u Hz (%llu MHz bus, calibrated on the PIT); "
	       "clock: TSC at %llu MHz\n",
	       hz, (unsigned long long)(lapic_hz / 1000000),
	       (unsigned long long)(tsc_hz / 1000000));
}

u64 arch_clock_ns(void)
{
	return mul_u64_u32_shr(arch_counter(), tsc_mul, tsc_shift);
}
