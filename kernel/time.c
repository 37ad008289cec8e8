// SPDX-License-Identifier: MIT
/* The tick and the monotonic clock: see include/time.h. */
#include <arch.h>
#include <cpu.h>
#include <sched.h>
#include <time.h>

volatile u64 jiffies;
void (*tick_probe)(void);

void timer_tick(void)
{
	if (tick_probe)
		tick_probe();
	/* Only CPU 0 advances jiffies (one CPU runs for now; with SMP, every CPU ticks). */
	if (arch_this_cpu()->id == 0)
		jiffies = jiffies + 1;
	arch_this_cpu()->ticks++;
	sched_tick();
}

u64 clock_ns(void)
{
	return arch_clock_ns();
}

void ndelay_busy(u64 ns)
{
	u64 end = clock_ns() + ns;
	while (clock_ns() < end)
		;
}
