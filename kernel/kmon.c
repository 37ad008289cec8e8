// SPDX-License-Identifier: MIT
/*
 * kmon: a tiny kernel monitor on the serial console, what tools/run lands in until user mode and
 * its shell exist. It polls the UART (no interrupts yet) and runs one command per line.
 */
#include <arch.h>
#include <boot.h>
#include <console.h>
#include <irq.h>
#include <ktest.h>
#include <mm.h>
#include <pgtable.h>
#include <pmm.h>
#include <printk.h>
#include <smp.h>
#include <stack.h>
#include <sstrace.h>
#include <string.h>

static void cmd_help(void)
{
	printk("commands:\n"
	       "  help        this list\n"
	       "  mem         RAM regions and free pages\n"
	       "  stacks      the stack registry\n"
	       "  switches    the last 16 stack switches of this CPU (the stack-switch tracer)\n"
	       "  irqs        interrupt counts per IRQ\n"
	       "  maps        the kernel's page-table mappings (merged ranges)\n"
	       "  cpu N       where CPU N is: its task, stack, backtrace, last stack switches\n"
	       "  ktest S,..  run test suites (ktest all), then exit QEMU\n"
	       "  poweroff    leave QEMU\n");
}

static void cmd_switches(void)
{
	if (!STACK_SWITCH_TRACING)
		printk("  none recorded: built with stack_switch_trace=false\n");
	stack_switch_print_recent(16);
}

static void cmd_mem(void)
{
	for (unsigned int i = 0; i < boot_info.nmem; i++)
		printk("  ram       0x%010llx-0x%010llx\n",
		       (unsigned long long)boot_info.mem[i].base,
		       (unsigned long long)(boot_info.mem[i].base + boot_info.mem[i].size));
	for (unsigned int i = 0; i < boot_info.nreserved; i++)
		printk("  reserved  0x%010llx-0x%010llx\n",
		       (unsigned long long)boot_info.reserved[i].base,
		       (unsigned long long)(boot_info.reserved[i].base +
					    boot_info.reserved[i].size));
	printk("  %llu of %llu pages free (%llu KiB)\n", (unsigned long long)pmm_free_count(),
	       (unsigned long long)pmm_total_count(),
	       (unsigned long long)(pmm_free_count() * PAGE_SIZE / 1024));
}

/* Merges adjacent leaves with the same rights into one printed range. */
struct maps_state {
	vaddr_t start, end;
	phys_addr_t pa;
	unsigned int prot;
};

/* Which part of the kernel's address space va is in (asm/memlayout.h). */
static const char *region_of(vaddr_t va)
{
	if (va >= KERNEL_VBASE)
		return "kernel image";
	if (va >= IOREMAP_BASE && va < IOREMAP_END)
		return "ioremap: devices, ACPI tables";
	if (va >= VMAP_BASE && va < VMAP_END)
		return "vmap: stacks, guard pages between";
	if (va >= PAGE_OFFSET)
		return "direct map of RAM";
	return "";
}

static void maps_flush(struct maps_state *m)
{
	char p[8];
	if (m->end != m->start)
		printk("  0x%016lx-0x%016lx -> 0x%010llx %s  %s\n", m->start, m->end,
		       (unsigned long long)m->pa, prot_str(m->prot, p), region_of(m->start));
}

static void maps_leaf(vaddr_t va, phys_addr_t pa, u64 size, unsigned int prot, void *arg)
{
	struct maps_state *m = arg;
	if (va == m->end && prot == m->prot && pa == m->pa + (m->end - m->start)) {
		m->end += size;
		return;
	}
	maps_flush(m);
	*m = (struct maps_state){ va, va + size, pa, prot };
}

static void cmd_maps(void)
{
	struct maps_state m = { 0, 0, 0, 0 };
	printk("  virtual range                            -> physical     rights  region\n"
	       "  (rights: R read, W write, X execute, U user, D device: uncached; adjacent pages\n"
	       "  with the same rights are merged, and the gaps are unmapped guard pages)\n");
	pt_walk(kernel_root, maps_leaf, &m);
	maps_flush(&m);
}

/* `cpu N`: where CPU N is now, asked by an IPI (its backtrace and its stack-switch ring). */
static void cmd_cpu(const char *arg)
{
	unsigned int n = 0;
	const char *p = arg;
	while (*p >= '0' && *p <= '9')
		n = n * 10 + (unsigned int)(*p++ - '0');
	if (p == arg || *p || smp_show_cpu(n) != 0)
		printk("kmon: cpu %s: not a CPU that is online (%u online)\n", arg,
		       smp_cpus_online());
}

static void run_line(char *line)
{
	if (strcmp(line, "") == 0)
		return;
	if (strcmp(line, "help") == 0)
		cmd_help();
	else if (strcmp(line, "mem") == 0)
		cmd_mem();
	else if (strcmp(line, "stacks") == 0)
		stack_print_all();
	else if (strcmp(line, "switches") == 0)
		cmd_switches();
	else if (strcmp(line, "irqs") == 0)
		irq_print_table();
	else if (strcmp(line, "maps") == 0)
		cmd_maps();
	else if (strncmp(line, "cpu ", 4) == 0)
		cmd_cpu(line + 4);
	else if (strncmp(line, "ktest ", 6) == 0)
		ktest_start(line + 6, false);
	else if (strcmp(line, "poweroff") == 0)
		arch_exit(EXIT_PASS);
	else
		printk("kmon: unknown command '%s' (try help)\n", line);
}

void kmon_run(void)
{
	char line[128];
	size_t n = 0;

	printk("\nkmon: tristack kernel monitor. Type 'help'. (QEMU: Ctrl-A X quits)\n");
	printk("kmon> ");
	for (;;) {
		int c = console_getc();
		if (c < 0) {
			/* Sleep until the next interrupt: the UART's, when a key arrives. (The
			 * check and the sleep race with the interrupt, but the timer tick ends the
			 * wait anyway.) */
			arch_wait_for_interrupt();
			continue;
		}
		if (c == '\r' || c == '\n') {
			printk("\n");
			line[n] = '\0';
			run_line(line);
			n = 0;
			printk("kmon> ");
		} else if ((c == 0x7f || c == '\b') && n > 0) {
			n--;
			printk("\b \b");
		} else if (c >= ' ' && c < 0x7f && n < sizeof(line) - 1) {
			line[n++] = (char)c;
			printk("%c", c);
		}
	}
}
