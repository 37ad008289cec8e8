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
#include <sstrace.h>
#include <smp.h>
#include <spinlock_inline.h>
#include <stack.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>

_Static_assert(BOOT_MAX_CPUS == MAX_CPUS,
	       "boot_info keeps the hardware id of every CPU we may use");

struct smp_boot_args smp_boot_args = { .hwid = ~0ul };

static void ipi_irq(unsigned int irq, void *arg, struct pt_regs *regs);

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
	smp_boot_args.waiter = arch_this_cpu()->id;
	smp_boot_args.stack_top = idle->stack_base + idle->stack_size;
	smp_boot_args.kernel_root = arch_mmu_kernel_root();
	/* Everything above must be in memory before the CPU can read it: the start request
	 * below is a device access (or a firmware call) the barrier orders after the stores;
	 * the release orders them before hwid, which a riscv64 hart waiting at the boot entry
	 * reads (boot.S). */
	__atomic_store_n(&smp_boot_args.hwid, hwid, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	int err = arch_cpu_start(c);
	if (err) {
		/* Not started: nothing of it runs, so its idle task and stacks can go back. */
		__atomic_store_n(&smp_boot_args.hwid, ~0ul, __ATOMIC_RELEASE);
		printk("  cpu%u:    hwid %#lx not started: error %d\n", id, hwid, err);
		irq_free_cpu_stacks(c);
		task_free_idle(idle);
		c->current = c->idle = NULL;
		return err;
	}
	/* Asleep until it says it is online (its IPI_WAKE) or the tick says the time is up: a
	 * spin would keep a riscv64 hart from ever handing QEMU's -icount round robin to the
	 * new one (arch_idle()). Linux waits the same way, in wait_for_completion_timeout(). */
	u64 start = clock_ns();
	unsigned long flags = arch_irq_save();
	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE) &&
	       clock_ns() - start < SMP_BOOT_TIMEOUT_MS * NSEC_PER_MSEC)
		arch_idle();
	arch_irq_restore(flags);
	if (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE)) {
		/* It may still be on its way: what it was given stays its own (and the id used). */
		printk("  cpu%u:    hwid %#lx was started but did not come online within %d ms\n",
		       id, hwid, SMP_BOOT_TIMEOUT_MS);
		return -ETIMEDOUT;
	}
	__atomic_store_n(&smp_boot_args.hwid, ~0ul, __ATOMIC_RELEASE);
	printk("  cpu%u:    online, hwid %#lx, in %llu us; idle task %d, IRQ stack %#lx\n", id,
	       hwid, (unsigned long long)((clock_ns() - start) / 1000), idle->id,
	       c->irq_stack_base);
	return 0;
}

void smp_init(void)
{
	struct cpu *self = arch_this_cpu();
	__atomic_store_n(&self->online, true, __ATOMIC_RELEASE);
	/* A lab 8 handout before the lock is written: with a lock that only turns interrupts
	 * off, a second CPU would corrupt every shared structure (include/spinlock_inline.h). */
	if (!SPINLOCK_SMP_SAFE) {
		printk("  cpus:    lab 8: the ticket spinlock, spin_lock_on() and spin_unlock_on() "
		       "(include/spinlock_inline.h), is not written yet: the other CPUs stay "
		       "off\n");
		return;
	}
	unsigned int found = boot_info.ncpus, limit = max_cpus();
	if (found <= 1) {
		printk("  cpus:    1\n");
		return;
	}
	if (irq_request(IRQ_IPI, ipi_irq, NULL, "ipi") != 0)
		panic("smp: IRQ %d for the inter-processor interrupts is taken", IRQ_IPI);
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
	smp_send_ipi(smp_boot_args.waiter, IPI_WAKE);
	/* The idle loop, as the boot CPU's at the end of start_kernel(). */
	arch_irq_enable();
	sched_idle();
}

/* ------------------------------------------------------------ inter-processor interrupts -- */

/* The CPU whose panic stopped the others (-1: none). */
static int stopping_cpu = -1;

void smp_send_ipi(unsigned int cpu, enum ipi_kind kind)
{
	struct cpu *c = &cpus[cpu];
	/* The bit before the interrupt, and everything the sender wrote before the bit: the
	 * handler that sees the bit sees the rest (the release half of the exchange in
	 * smp_ipi_interrupt() pairs with it). */
	__atomic_fetch_or(&c->ipi_pending, 1u << kind, __ATOMIC_SEQ_CST);
	arch_send_ipi(c, kind == IPI_STOP);
}

void smp_send_reschedule(unsigned int cpu)
{
	smp_send_ipi(cpu, IPI_RESCHEDULE);
}

int smp_call_on_cpu_nowait(unsigned int cpu, void (*fn)(void *arg), void *arg, unsigned int *done)
{
	if (cpu >= MAX_CPUS || !__atomic_load_n(&cpus[cpu].online, __ATOMIC_ACQUIRE))
		return -EINVAL;
	/* No preemption from here on: the caller must not move to another CPU between the test
	 * below and the IPI, nor let anything else on this CPU wait behind a slot it holds. */
	preempt_disable();
	if (cpu == arch_this_cpu()->id) {
		unsigned long flags = arch_irq_save();
		fn(arg);
		if (done)
			__atomic_fetch_add(done, 1, __ATOMIC_RELEASE);
		arch_irq_restore(flags);
		preempt_enable();
		return 0;
	}
	struct cpu *c = &cpus[cpu];
	/* The target's one call slot. Wait for it with interrupts on, so that this CPU still
	 * runs the calls other CPUs send it meanwhile (two CPUs calling each other would wait for
	 * each other for ever otherwise). */
	while (__atomic_exchange_n(&c->call_busy, 1, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	c->call_fn = fn;
	c->call_arg = arg;
	c->call_done = done;
	c->call_waker = arch_this_cpu()->id;
	smp_send_ipi(cpu, IPI_CALL);
	preempt_enable();
	return 0;
}

/*
 * Waits until *count reaches n, as each call's IPI_WAKE comes in: asleep in arch_idle() when the
 * caller has interrupts on; spinning when it has them off (arch_idle() would let interrupts in
 * where the caller shut them out). Linux spins here (csd_lock_wait()); a sleep is what lets the
 * other CPUs run under QEMU's -icount round robin on riscv64, and costs an IPI per call.
 */
static void wait_for_calls(const unsigned int *count, unsigned int n)
{
	unsigned long flags = arch_irq_save();
	while (__atomic_load_n(count, __ATOMIC_ACQUIRE) < n) {
		if (flags)
			arch_idle();
		else
			arch_cpu_relax();
	}
	arch_irq_restore(flags);
}

int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	unsigned int done = 0;
	/* On this CPU until the call is done: its IPI_WAKE comes here. */
	preempt_disable();
	int err = smp_call_on_cpu_nowait(cpu, fn, arg, &done);
	if (!err)
		wait_for_calls(&done, 1);
	preempt_enable();
	return err;
}

struct flush_range {
	vaddr_t start;
	size_t size;
};

static void flush_range_here(const struct flush_range *r)
{
	for (vaddr_t va = r->start; va < r->start + r->size; va += PAGE_SIZE)
		arch_tlb_flush_page(va);
}

static void flush_ipi(void *arg)
{
	flush_range_here(arg);
	arch_this_cpu()->tlb_shootdowns++;
}

void smp_flush_tlb_kernel_range(vaddr_t start, size_t size)
{
	struct flush_range r = { start, size };
	bool everywhere = true;
	for (vaddr_t va = start; va < start + size && everywhere; va += PAGE_SIZE)
		everywhere = arch_tlb_flush_page_all(va);
	if (everywhere)
		return;
	/* On this CPU the whole time, so that "the others" stay the others. */
	preempt_disable();
	flush_range_here(&r);
	unsigned int me = arch_this_cpu()->id, sent = 0, finished = 0;
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		if (i != me && __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE) &&
		    !__atomic_load_n(&cpus[i].stopped, __ATOMIC_ACQUIRE) &&
		    smp_call_on_cpu_nowait(i, flush_ipi, &r, &finished) == 0)
			sent++;
	}
	/* r lives on this stack: wait until every CPU has used it. */
	wait_for_calls(&finished, sent);
	preempt_enable();
}

u64 smp_tlb_shootdowns(unsigned int cpu)
{
	return cpu < MAX_CPUS ? READ_ONCE(cpus[cpu].tlb_shootdowns) : 0;
}

bool smp_stop_requested(void)
{
	return __atomic_load_n(&arch_this_cpu()->ipi_pending, __ATOMIC_ACQUIRE) & (1u << IPI_STOP);
}

void smp_ipi_interrupt(struct pt_regs *regs)
{
	struct cpu *c = arch_this_cpu();
	u32 pending = __atomic_exchange_n(&c->ipi_pending, 0, __ATOMIC_ACQ_REL);
	if (pending & (1u << IPI_STOP))
		smp_stop_this_cpu(regs);
	if (pending & (1u << IPI_CALL)) {
		void (*fn)(void *) = c->call_fn;
		void *arg = c->call_arg;
		unsigned int *done = c->call_done;
		unsigned int waker = c->call_waker;
		/* The slot is free again as soon as it is read. */
		__atomic_store_n(&c->call_busy, 0, __ATOMIC_RELEASE);
		c->call_regs = regs;
		fn(arg);
		c->call_regs = NULL;
		c->call_seq++;
		if (done) {
			__atomic_fetch_add(done, 1, __ATOMIC_RELEASE);
			/* The acknowledgement: ends the caller's arch_idle() (wait_for_calls()). */
			smp_send_ipi(waker, IPI_WAKE);
		}
	}
	/* The interrupt's way out runs the scheduler (preempt_irq_return()). */
	if (pending & (1u << IPI_RESCHEDULE))
		c->need_resched = true;
}

static void ipi_irq(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg;
	smp_ipi_interrupt(regs);
}

/* "cpuN: <why>; it was in task T, on its K stack, at:" and the backtrace of regs. */
static void print_where(struct cpu *c, struct pt_regs *regs, const char *why)
{
	const struct stack_info *s = stack_of(stack_pointer(regs));
	printk("cpu%u: %s; it was in task %d (%s), on its %s stack, at:\n", c->id, why,
	       c->current->id, c->current->name, s ? stack_kind_name(s->kind) : "unknown");
	backtrace_print(instruction_pointer(regs), frame_pointer(regs));
}

static void show_here(void *arg)
{
	(void)arg;
	struct cpu *c = arch_this_cpu();
	struct pt_regs here;
	struct pt_regs *regs = c->call_regs;
	if (!regs) { /* asked on this CPU itself: where the caller is */
		arch_capture_regs(&here);
		regs = &here;
	}
	print_where(c, regs, "asked where it is");
	stack_switch_print_recent(8);
}

int smp_show_cpu(unsigned int cpu)
{
	return smp_call_on_cpu(cpu, show_here, NULL);
}

void smp_stop_this_cpu(struct pt_regs *regs)
{
	arch_irq_save();
	struct cpu *c = arch_this_cpu();
	char why[48];
	snprintf(why, sizeof(why), "stopped for the panic on cpu%d", stopping_cpu);
	print_where(c, regs, why);
	__atomic_store_n(&c->stopped, true, __ATOMIC_RELEASE);
	for (;;)
		arch_wait_for_interrupt();
}

void smp_stop_others(void)
{
	struct cpu *self = arch_this_cpu();
	stopping_cpu = (int)self->id;
	/* One at a time, so that their reports do not mix (the console lock is off in a panic). */
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		struct cpu *c = &cpus[i];
		if (c == self || !__atomic_load_n(&c->online, __ATOMIC_ACQUIRE) ||
		    __atomic_load_n(&c->stopped, __ATOMIC_ACQUIRE))
			continue;
		smp_send_ipi(i, IPI_STOP);
		u64 start = clock_ns();
		while (!__atomic_load_n(&c->stopped, __ATOMIC_ACQUIRE) &&
		       clock_ns() - start < SMP_STOP_TIMEOUT_MS * NSEC_PER_MSEC)
			arch_cpu_relax();
		if (!__atomic_load_n(&c->stopped, __ATOMIC_ACQUIRE))
			printk("cpu%u: did not answer the stop IPI within %d ms (interrupts "
			       "off?)\n",
			       i, SMP_STOP_TIMEOUT_MS);
	}
}
