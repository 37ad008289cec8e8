// SPDX-License-Identifier: MIT
/*
 * ktest=x86_redzone: why the kernel is built with -mno-red-zone (docs/design.md, claim 1).
 * The same leaf function (ktest/arch/x86_64/redzone_leaf.c) keeps 14 words of
 * locals and waits for a timer interrupt; compiled with the red zone (-mred-zone, what user code
 * gets) its locals lie below RSP, where the interrupt's frame is pushed, and they are
 * overwritten; compiled as the kernel is (-mno-red-zone) they survive.
 */
#include <arch.h>
#include <cpu.h>
#include <ktest.h>
#include <time.h>

unsigned long redzone_leaf_with(const volatile unsigned long *ticks);
unsigned long redzone_leaf_without(const volatile unsigned long *ticks);

/* This CPU's tick count: the leaf waits for an interrupt on its own CPU (the tests may run on
 * any CPU, ktest.cpu=N, while jiffies moves with the boot CPU's tick). */
static const volatile unsigned long *this_cpu_ticks(void)
{
	return (const volatile unsigned long *)&arch_this_cpu()->ticks;
}

KTEST(x86_redzone, interrupt_overwrites_a_red_zone_leaf)
{
	unsigned long changed = redzone_leaf_with(this_cpu_ticks());
	ktest_log(t,
		  "built with -mred-zone: %lu of 14 words of the leaf's locals overwritten by "
		  "the timer interrupt's frame",
		  changed);
	KT_EXPECT(t, changed > 0);
}

KTEST(x86_redzone, no_red_zone_keeps_the_locals)
{
	unsigned long changed = redzone_leaf_without(this_cpu_ticks());
	ktest_log(t, "built with -mno-red-zone: %lu of 14 words changed", changed);
	KT_EXPECT_EQ(t, changed, 0);
}
