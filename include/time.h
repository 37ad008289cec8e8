/* SPDX-License-Identifier: MIT */
/*
 * Time (kernel/time.c): a periodic tick at HZ (a build option, default 100) and a monotonic
 * nanosecond clock read from the arch's counter (arch_clock_ns()).
 */
#ifndef TRISTACK_TIME_H
#define TRISTACK_TIME_H

#include <types.h>

#define NSEC_PER_SEC  1000000000ULL
#define NSEC_PER_MSEC 1000000ULL
#define TICK_NSEC     (NSEC_PER_SEC / HZ)

/* Ticks since the timer started (Linux's jiffies). */
extern volatile u64 jiffies;

/* Called by the arch's timer interrupt handler once per tick. */
void timer_tick(void);

/* If set, called at the start of every tick on every CPU, in interrupt context (the IRQ tests
 * use it to see where a nested timer interrupt runs; a probe checks which CPU it is on). */
extern void (*tick_probe)(void);

/* Nanoseconds since an arbitrary point at boot; never goes backwards. */
u64 clock_ns(void);

/* Busy-waits (interrupts as they are) until clock_ns() has advanced by ns. */
void ndelay_busy(u64 ns);

#endif
