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

/* The interrupt command register's delivery modes (Intel SDM vol. 3A, 10.6.1 "Interrupt Command
 * Register"): INIT resets the target into its wait-for-SIPI state; a start-up IPI (SIPI) starts
 * it in real mode at vector << 12. */
#define ICR_INIT	 (5u << 8)
#define ICR_STARTUP	 (6u << 8)
#define ICR_NMI		 (4u << 8)
#define ICR_LEVEL_ASSERT (1u << 14)
#define ICR_LEVEL_TRIG	 (1u << 15)
void lapic_send_ipi(unsigned int apic_id, u32 icr_low);

#endif
