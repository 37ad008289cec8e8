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
	unsigned int waiter;	 /* the CPU waiting for it to come online: woken by IPI_WAKE */
	uintptr_t stack_top;	 /* the top of the idle task's stack: the first SP */
	phys_addr_t kernel_root; /* the kernel's page table, as arch_mmu_kernel_root() gives it */
	/* The hardware id of the CPU being started, ~0 while none is. riscv64's boot entry
	 * waits for its own here when a hart arrives there after the boot hart (boot.S,
	 * [BOOT_ENTRY]). Not in .bss: the boot hart clears .bss while others may be waiting. */
	unsigned long hwid;
};

extern struct smp_boot_args smp_boot_args;

/* How long the boot CPU waits for a started CPU to come online, and a panicking CPU for each
 * other CPU to stop. */
#define SMP_BOOT_TIMEOUT_MS 1000
#define SMP_STOP_TIMEOUT_MS 200

/* Starts the other CPUs; prints one line per CPU that came up or did not. */
void smp_init(void);

/* CPUs online now (the boot CPU included). */
unsigned int smp_cpus_online(void);

/*
 * Inter-processor interrupts. A sender sets the kind's bit in the target's ipi_pending and
 * sends it the arch's IPI (arch_send_ipi(): the IRQ_IPI interrupt; for IPI_STOP on x86_64, an
 * NMI); the target's handler (smp_ipi_interrupt()) takes all pending bits at once. Linux:
 * smp_send_reschedule(), smp_call_function_single(), smp_send_stop().
 */
enum ipi_kind {
	IPI_RESCHEDULE, /* run the scheduler on the way out of the interrupt */
	IPI_CALL,	/* run the function in the target's call slot */
	IPI_STOP,	/* a panic elsewhere: print where you are and stop */
	IPI_WAKE,	/* nothing to run: ends the target's arch_idle() in a wait */
	NR_IPI_KINDS
};

/* Sends IPI kind to CPU cpu (online, and not this one). */
void smp_send_ipi(unsigned int cpu, enum ipi_kind kind);
/* Asks CPU cpu to run the scheduler at its next chance (it may have new work). */
void smp_send_reschedule(unsigned int cpu);

/*
 * Runs fn(arg) on CPU cpu, in interrupt context there (interrupts off, on that CPU's IRQ stack
 * where it has one), and returns when fn has returned: 0, or -EINVAL for a CPU that is not
 * online. On this CPU, fn runs right here with interrupts off. Call it with interrupts on and
 * not from an interrupt handler: two CPUs calling each other must each be able to take the
 * other's IPI while they wait. smp_call_on_cpu_nowait() returns once fn is queued; *done
 * (if not NULL) is incremented, atomically, after fn has run, and the target then sends the
 * caller's CPU an IPI_WAKE: a waiter sleeps in arch_idle() instead of spinning, so the round
 * trip is the call's IPI and that acknowledgement (send, handle, ack).
 */
int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg);
int smp_call_on_cpu_nowait(unsigned int cpu, void (*fn)(void *arg), void *arg, unsigned int *done);

/*
 * Drops the translations of the kernel addresses [start, start + size) from every online CPU's
 * TLB, and returns when all have: after a kernel mapping was removed or changed (vmap_free()),
 * before its pages may be reused. Kernel entries are global (they survive every address-space
 * switch), so a CPU that once used an address keeps its entry until told. arm64 broadcasts the
 * invalidation (arch_tlb_flush_page_all()); x86_64 and riscv64 flush here and send each other
 * CPU an IPI_CALL that flushes there. Callable with interrupts off (the boot CPU's clean-up
 * of a CPU that did not start), but not from an interrupt handler. Linux:
 * flush_tlb_kernel_range().
 *
 * User translations need no shootdown in this kernel: a process is one task, so its address
 * space runs on one CPU at a time, and every switch drops all user entries (no ASIDs or
 * PCIDs: arch_mm_activate()). A process that moves away leaves nothing behind.
 */
void smp_flush_tlb_kernel_range(vaddr_t start, size_t size);
/* Flushes done by the IPI of smp_flush_tlb_kernel_range() on CPU cpu so far. */
u64 smp_tlb_shootdowns(unsigned int cpu);

/* Prints where CPU cpu is: the task and stack its IPI interrupted there, the backtrace, and the
 * last stack switches on its ring (kmon's `cpu N`). 0, or -EINVAL for a CPU not online. */
int smp_show_cpu(unsigned int cpu);

/* The IRQ_IPI handler (and x86_64's NMI handler, for IPI_STOP): does what the pending bits say. */
struct pt_regs;
void smp_ipi_interrupt(struct pt_regs *regs);
/* True when this CPU was asked to stop (IPI_STOP): the x86_64 NMI handler asks. */
bool smp_stop_requested(void);
/* panic(): stops every other online CPU, one at a time, each printing where it was. */
void smp_stop_others(void);
/* The end of a CPU stopped for a panic elsewhere: prints where regs says it was, then waits with
 * interrupts off for ever. */
__noreturn void smp_stop_this_cpu(struct pt_regs *regs);

/* The C entry of a secondary CPU, called by boot.S on the idle task's stack with interrupts
 * off and the kernel's page table live; never returns. */
__noreturn void secondary_start_kernel(struct cpu *c);

#endif
