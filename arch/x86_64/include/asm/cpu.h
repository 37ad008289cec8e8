/* SPDX-License-Identifier: MIT */
/* The x86_64 part of the per-CPU area. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

struct arch_cpu {
	unsigned int apic_id; /* initial APIC id from CPUID leaf 1 */
};

#endif
