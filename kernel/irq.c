// SPDX-License-Identifier: MIT
/* The portable IRQ core: see include/irq.h. */
#include <arch.h>
#include <cpu.h>
#include <irq.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <stack.h>
#include <task.h>
#include <uapi/errno.h>
#include <vmap.h>

/* Enough to print an oops from (Linux uses 4 KiB for its overflow stacks; our printk formats on
 * the stack). */
#define OVERFLOW_STACK_SIZE (8 * 1024)
#define OVERFLOW_GUARD	    MAX((size_t)PAGE_SIZE, (size_t)(THREAD_ALIGN - OVERFLOW_STACK_SIZE))

struct irq_desc {
	irq_handler_t handler;
	void *arg;
	char name[16];
};

static struct irq_desc descs[NR_IRQS];
static u64 counts[MAX_CPUS][NR_IRQS];
static u64 unhandled[MAX_CPUS], spurious[MAX_CPUS];
static const struct irqchip *chip;

void irqchip_register(const struct irqchip *c)
{
	chip = c;
}

const struct irqchip *irqchip(void)
{
	return chip;
}

int irq_request(unsigned int irq, irq_handler_t handler, void *arg, const char *name)
{
	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	unsigned long flags = arch_irq_save();
	if (descs[irq].handler) {
		arch_irq_restore(flags);
		return -EBUSY;
	}
	descs[irq].arg = arg;
	snprintf(descs[irq].name, sizeof(descs[irq].name), "%s", name);
	descs[irq].handler = handler;
	if (chip)
		chip->unmask(irq);
	arch_irq_restore(flags);
	return 0;
}

void irq_free(unsigned int irq)
{
	if (irq >= NR_IRQS)
		return;
	unsigned long flags = arch_irq_save();
	if (chip)
		chip->mask(irq);
	descs[irq].handler = NULL;
	arch_irq_restore(flags);
}

void irq_enter(void)
{
	arch_this_cpu()->irq_depth++;
}

void irq_exit(void)
{
	arch_this_cpu()->irq_depth--;
}

unsigned int irq_depth(void)
{
	return arch_this_cpu()->irq_depth;
}

void irq_dispatch(unsigned int irq, struct pt_regs *regs)
{
	struct cpu *c = arch_this_cpu();
	/* The stack checker (LWN, "Splitting the kernel stack"): how low did the interrupted code
	 * get? (A nested interrupt checks the IRQ stack the same way: its interrupted SP is on it.)
	 */
	if (!user_mode(regs))
		stack_check(stack_pointer(regs));
	if (irq >= NR_IRQS) {
		/* Not a number this kernel knows: count it, and still end it at the controller,
		 * or its priority level would stay blocked. */
		spurious[c->id]++;
		if (chip)
			chip->eoi(irq);
		return;
	}
	counts[c->id][irq]++;
	struct irq_desc *d = &descs[irq];
	if (d->handler) {
		d->handler(irq, d->arg, regs);
	} else {
		/* Nobody asked for it: mask it so that a level-triggered line cannot fire again and
		 * again, count it, and acknowledge it below as usual. */
		unhandled[c->id]++;
		if (chip)
			chip->mask(irq);
	}
	if (chip)
		chip->eoi(irq);
}

void irq_spurious(void)
{
	spurious[arch_this_cpu()->id]++;
}

u64 irq_count(unsigned int irq)
{
	u64 n = 0;
	for (int c = 0; c < MAX_CPUS && irq < NR_IRQS; c++)
		n += counts[c][irq];
	return n;
}

u64 irq_count_on(unsigned int cpu, unsigned int irq)
{
	return cpu < MAX_CPUS && irq < NR_IRQS ? READ_ONCE(counts[cpu][irq]) : 0;
}

static u64 sum(const u64 *v)
{
	u64 n = 0;
	for (int c = 0; c < MAX_CPUS; c++)
		n += v[c];
	return n;
}

u64 irq_unhandled_count(void)
{
	return sum(unhandled);
}

u64 irq_spurious_count(void)
{
	return sum(spurious);
}

/* A column per CPU that is online (cpu0 at least, before smp_init() has marked it). */
static unsigned int table_cpus(void)
{
	unsigned int n = 1;
	while (n < MAX_CPUS && __atomic_load_n(&cpus[n].online, __ATOMIC_ACQUIRE))
		n++;
	return n;
}

void irq_print_table(void)
{
	unsigned int ncpu = table_cpus();
	printk("  %5s", "IRQ");
	for (unsigned int c = 0; c < ncpu; c++)
		printk(" %11s%u", "CPU", c);
	printk("  %-10s %s\n", "chip", "handler");
	for (unsigned int i = 0; i < NR_IRQS; i++) {
		u64 any = 0;
		for (unsigned int c = 0; c < ncpu; c++)
			any |= counts[c][i];
		if (!descs[i].handler && !any)
			continue;
		printk("  %5u", i);
		for (unsigned int c = 0; c < ncpu; c++)
			printk(" %12llu", (unsigned long long)counts[c][i]);
		printk("  %-10s %s\n", chip ? chip->name : "-",
		       descs[i].handler ? descs[i].name : "(none)");
	}
	printk("  %5s", "ERR");
	for (unsigned int c = 0; c < ncpu; c++)
		printk(" %12llu", (unsigned long long)unhandled[c]);
	printk("  unhandled\n  %5s", "SPU");
	for (unsigned int c = 0; c < ncpu; c++)
		printk(" %12llu", (unsigned long long)spurious[c]);
	printk("  spurious\n");
}

void irq_init_cpu_stacks(struct cpu *c)
{
	if (ARCH_HAS_IRQ_STACK) {
		/* Aligned to its size, as an entry that asks "is SP on the task stack?" by the high
		 * bits of SP needs of every stack; a guard page below catches an overflow. */
		void *s = vmap_alloc(IRQ_STACK_SIZE, PAGE_SIZE, MAX(IRQ_STACK_SIZE, THREAD_ALIGN));
		if (!s)
			panic("irq: no memory for CPU %u's IRQ stack", c->id);
		c->irq_stack_base = (uintptr_t)s;
		c->irq_stack_top = (uintptr_t)s + IRQ_STACK_SIZE;
		stack_register_fresh(STACK_IRQ, (int)c->id, NULL, c->irq_stack_base, IRQ_STACK_SIZE,
				     PAGE_SIZE);
	}
	if (ARCH_HAS_OVERFLOW_STACK) {
		/* Placed like a task stack (aligned to THREAD_ALIGN, the rest of the alignment as
		 * guard), so that an overflow of the overflow stack trips the same SP bit test. */
		void *s = vmap_alloc(OVERFLOW_STACK_SIZE, OVERFLOW_GUARD, THREAD_ALIGN);
		if (!s)
			panic("irq: no memory for CPU %u's overflow stack", c->id);
		c->overflow_stack_base = (uintptr_t)s;
		c->overflow_stack_top = (uintptr_t)s + OVERFLOW_STACK_SIZE;
		stack_register_fresh(STACK_OVERFLOW, (int)c->id, NULL, c->overflow_stack_base,
				     OVERFLOW_STACK_SIZE, OVERFLOW_GUARD);
	}
}

void irq_free_cpu_stacks(struct cpu *c)
{
	stack_unregister_cpu((int)c->id);
	if (c->irq_stack_base)
		vmap_free((void *)c->irq_stack_base, IRQ_STACK_SIZE, PAGE_SIZE);
	if (c->overflow_stack_base)
		vmap_free((void *)c->overflow_stack_base, OVERFLOW_STACK_SIZE, OVERFLOW_GUARD);
	c->irq_stack_base = c->irq_stack_top = 0;
	c->overflow_stack_base = c->overflow_stack_top = 0;
}

void irq_init(void)
{
	irq_init_cpu_stacks(arch_this_cpu());
	if (ARCH_HAS_IRQ_STACK) {
		/* LAB 4: BEGIN */
		/* LAB 4: ELSE
		printk("lab 4: the IRQ-stack switch (ENTER_IRQ_STACK and LEAVE_IRQ_STACK in "
		       "arch/%s/entry.S) is not written yet: interrupt handlers run on the "
		       "stack they interrupted\n", arch_name);
		LAB 4: END */
	}
	arch_irq_init();
	if (!chip)
		panic("irq: arch_irq_init() registered no interrupt controller");
	arch_timer_init(HZ);
	arch_console_irq_init();
}
