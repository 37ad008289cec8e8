// SPDX-License-Identifier: MIT
/*
 * Bringing up the other CPUs (include/smp.h, docs/smp.md). Linux: kernel/smp.c smp_init() and
 * kernel/cpu.c bringup_cpu() on the boot CPU; secondary_start_kernel() (arm64) and
 * start_secondary() (x86) on the new one.
 *
 * The boot CPU does everything that allocates or registers: the idle task and its stack, the
 * IRQ and overflow stacks, the per-CPU area. The new CPU only sets up its own registers
 * (arch_secondary_init()) and says it is online. One CPU starts at a time, and the boot CPU
 * waits for it, so nothing here runs concurrently with the CPU being brought up except the
 * wait loop itself.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <irq.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>

_Static_assert(BOOT_MAX_CPUS == MAX_CPUS,
	       "boot_info keeps the hardware id of every CPU we may use");

struct smp_boot_args smp_boot_args;

unsigned int smp_cpus_online(void)
{
	unsigned int n = 0;
	for (unsigned int i = 0; i < MAX_CPUS; i++)
		n += __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE);
	return n;
}

/* maxcpus=N: at most N CPUs, the boot CPU included (1 to MAX_CPUS); MAX_CPUS without it. */
static unsigned int max_cpus(void)
{
	char val[24];
	u64 n;
	if (!cmdline_get(boot_info.cmdline, "maxcpus", val, sizeof(val)))
		return MAX_CPUS;
	if (cmdline_get_u64(boot_info.cmdline, "maxcpus", &n) && n >= 1 && n <= MAX_CPUS)
		return (unsigned int)n;
	printk("  cpus:    maxcpus=%s refused: a number of CPUs, 1 to %d\n", val, MAX_CPUS);
	return MAX_CPUS;
}

/* Prepares cpus[id] for the CPU with hardware id hwid, starts it and waits for it. Returns 0
 * when it came online. */
static int boot_cpu(unsigned int id, unsigned long hwid)
{
	struct cpu *c = &cpus[id];
	c->self = c;
	c->id = id;
	c->hwid = hwid;
	struct task *idle = task_create_idle(c);
	if (!idle) {
		printk("  cpu%u:    hwid %#lx not started: no memory for its idle task\n", id,
		       hwid);
		return -ENOMEM;
	}
	c->current = idle;
	c->idle = idle;
	irq_init_cpu_stacks(c);
	sched_init_cpu(c);

	smp_boot_args.cpu = c;
	smp_boot_args.idle = idle;
	smp_boot_args.stack_top = idle->stack_base + idle->stack_size;
	smp_boot_args.kernel_root = arch_mmu_kernel_root();
	/* Everything above must be in memory before the CPU can read it: the start request
	 * below is a device access (or a firmware call) the barrier orders after the stores. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	int err = arch_cpu_start(c);
	if (err) {
		/* Not started: nothing of it runs, so its idle task and stacks can go back. */
		printk("  cpu%u:    hwid %#lx not started: error %d\n", id, hwid, err);
		irq_free_cpu_stacks(c);
		task_free_idle(idle);
		c->current = c->idle = NULL;
		return err;
	}
	u64 start = clock_ns();
	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE) &&
	       clock_ns() - start < SMP_BOOT_TIMEOUT_MS * NSEC_PER_MSEC)
		;
	if (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE)) {
		/* It may still be on its way: what it was given stays its own (and the id used). */
		printk("  cpu%u:    hwid %#lx was started but did not come online within %d ms\n",
		       id, hwid, SMP_BOOT_TIMEOUT_MS);
		return -ETIMEDOUT;
	}
	printk("  cpu%u:    online, hwid %#lx, in %llu us; idle task %d, IRQ stack %#lx\n", id,
	       hwid, (unsigned long long)((clock_ns() - start) / 1000), idle->id,
	       c->irq_stack_base);
	return 0;
}

void smp_init(void)
{
	struct cpu *self = arch_this_cpu();
	__atomic_store_n(&self->online, true, __ATOMIC_RELEASE);
	unsigned int found = boot_info.ncpus, limit = max_cpus();
	if (found <= 1) {
		printk("  cpus:    1\n");
		return;
	}
	printk("  cpus:    %u found", found);
	if (found > MAX_CPUS)
		printk(", %d supported", MAX_CPUS);
	if (limit < MAX_CPUS)
		printk(", maxcpus=%u", limit);
	printk("; boot CPU hwid %#lx\n", self->hwid);

	unsigned int id = 1, skipped = 0;
	for (unsigned int i = 0; i < MIN(found, (unsigned int)MAX_CPUS); i++) {
		unsigned long hwid = boot_info.cpu_hwid[i];
		if (hwid == self->hwid)
			continue;
		if (id >= limit) {
			skipped++;
			continue;
		}
		if (hwid == ~0ul) {
			printk("  cpus:    CPU %u of the firmware's list has no hardware id: "
			       "skipped\n",
			       i);
			continue;
		}
		int err = boot_cpu(id, hwid);
		/* A CPU that timed out keeps its id: it may still start and use cpus[id]. */
		if (err == 0 || err == -ETIMEDOUT)
			id++;
	}
	if (skipped)
		printk("  cpus:    %u not started (maxcpus=%u)\n", skipped, limit);
	printk("  cpus:    %u online\n", smp_cpus_online());
}

void secondary_start_kernel(struct cpu *c)
{
	/* Its vectors, per-CPU registers, interrupt controller interface and timer. */
	arch_secondary_init(c);
	c->idle->last_switch_ns = clock_ns();
	c->sched_running = true;
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	/* The idle loop, as the boot CPU's at the end of start_kernel(). */
	arch_irq_enable();
	for (;;) {
		schedule();
		arch_wait_for_interrupt();
	}
}
