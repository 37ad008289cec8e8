/* SPDX-License-Identifier: MIT */
/*
 * SMP: bringing up the other CPUs (kernel/smp.c, docs/smp.md). The boot CPU starts them one at a
 * time, after the scheduler is set up on it: for each CPU the firmware describes (up to MAX_CPUS
 * and the kernel argument maxcpus=N) it prepares an idle task with its stack, the CPU's IRQ and
 * overflow stacks and its per-CPU area, asks the firmware or the interrupt controller to start
 * it (arch_cpu_start()), and waits for the CPU to say it is online. Linux: smp_init(),
 * bringup_cpu(), secondary_start_kernel() / start_secondary().
 */
#ifndef TRISTACK_SMP_H
#define TRISTACK_SMP_H

#include <compiler.h>
#include <types.h>

struct cpu;
struct task;

/*
 * What a starting CPU reads in its first instructions (boot.S, [BOOT_SECONDARY]), before it has
 * a stack or a per-CPU area. One CPU starts at a time, so one copy is enough. Offsets for the
 * assembly: SMP_BOOT_* in asm-offsets.h.
 */
struct smp_boot_args {
	struct cpu *cpu;	 /* its per-CPU area */
	struct task *idle;	 /* its idle task, `current` from the first instruction of C */
	uintptr_t stack_top;	 /* the top of the idle task's stack: the first SP */
	phys_addr_t kernel_root; /* the kernel's page table, as arch_mmu_kernel_root() gives it */
};

extern struct smp_boot_args smp_boot_args;

/* How long the boot CPU waits for a started CPU to come online. */
#define SMP_BOOT_TIMEOUT_MS 1000

/* Starts the other CPUs; prints one line per CPU that came up or did not. */
void smp_init(void);

/* CPUs online now (the boot CPU included). */
unsigned int smp_cpus_online(void);

/* The C entry of a secondary CPU, called by boot.S on the idle task's stack with interrupts
 * off and the kernel's page table live; never returns. */
__noreturn void secondary_start_kernel(struct cpu *c);

#endif
