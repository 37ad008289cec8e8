/* SPDX-License-Identifier: MIT */
/*
 * The per-CPU area. One per CPU, found through arch_this_cpu(): x86_64 GS base, arm64 TPIDR_EL1,
 * riscv64 tp -> current task -> cpu (see include/arch.h). Linux spreads the same data over
 * DEFINE_PER_CPU variables; one struct is easier to read and to print.
 */
#ifndef TRISTACK_CPU_H
#define TRISTACK_CPU_H

#include <types.h>
#include <asm/cpu.h>

#define MAX_CPUS 4

struct task;

struct cpu {
	struct cpu *self;     /* must stay first: x86_64 reads it as %gs:0 (asm-offsets checks) */
	struct task *current; /* the task running here */
	unsigned int id;      /* logical CPU number, 0 = boot CPU */
	unsigned long hwid;   /* APIC id / MPIDR / hart id */
	struct arch_cpu arch; /* the architecture's part */
};

extern struct cpu cpus[MAX_CPUS];

#endif
