/* SPDX-License-Identifier: MIT */
/* The riscv64 part of the per-CPU area. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

struct arch_cpu {
	unsigned long hartid; /* the hart's id, as OpenSBI passed it in a0 */
};

#endif
