/* SPDX-License-Identifier: MIT */
/* The local APIC, shared by irqchip.c and timer.c. */
#ifndef ASM_IRQCHIP_H
#define ASM_IRQCHIP_H

#include <types.h>

#define LAPIC_LVT_TIMER	 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	 0x390
#define LAPIC_TIMER_DIV	 0x3e0

u32 lapic_read(unsigned int reg);
void lapic_write(unsigned int reg, u32 v);

#endif
