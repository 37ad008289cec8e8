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
	struct cpu *c = arch_this_cpu();
	/* Every CPU ticks, and calls the tests' probe (which looks at its CPU); the boot CPU's
	 * tick is the one that advances jiffies (Linux: the tick_do_timer_cpu). */
	void (*probe)(void) = READ_ONCE(tick_probe);
	if (probe)
		probe();
	if (c->id == 0)
		jiffies = jiffies + 1;
	c->ticks++;
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
