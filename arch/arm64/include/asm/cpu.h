/* SPDX-License-Identifier: MIT */
/* The arm64 part of the per-CPU area. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

struct arch_cpu {
	unsigned long mpidr; /* MPIDR_EL1 as read on this CPU: its affinity (cluster, core) */
};

#endif
