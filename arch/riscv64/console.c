// SPDX-License-Identifier: MIT
/* riscv64 console: QEMU virt's ns16550a UART, memory-mapped (kernel/drivers/uart16550.c). */
#include <arch.h>
#include <boot.h>
#include <console.h>
#include <fdt.h>
#include <irq.h>
#include <panic.h>
#include <printk.h>
#include <uart16550.h>
#include <asm/board.h>

static u8 mmio_read8(uintptr_t addr)
{
	return *(volatile u8 *)addr;
}

static void mmio_write8(uintptr_t addr, u8 v)
{
	*(volatile u8 *)addr = v;
}

/* Until console_init(): QEMU virt's UART through boot.S's identity map of GiB 0. */
static struct uart16550 uart = { VIRT_UART0_PHYS, mmio_read8, mmio_write8 };
static phys_addr_t uart_phys = VIRT_UART0_PHYS;

void console_init(phys_addr_t phys)
{
	uart_phys = phys;
	uart.base = phys; /* identity-mapped until arch_mmu_switch_kernel() */
	uart16550_init(&uart);
}

phys_addr_t console_phys(void)
{
	return uart_phys;
}

void console_set_base(void *va)
{
	uart.base = (uintptr_t)va;
}

void arch_console_putc(char c)
{
	uart16550_putc(&uart, c);
}

int arch_console_getc(void)
{
	return uart16550_getc(&uart);
}

/* Receive interrupt: every byte waiting in the RX FIFO goes to the console's ring buffer. The
 * 16550 keeps its line raised while data is available, so one interrupt may stand for several
 * bytes, and the PLIC forwards the line again after eoi if any byte is left. */
static void uart_rx_irq(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	int c;
	while ((c = uart16550_getc(&uart)) >= 0)
		console_rx_push((char)c);
}

/* The console UART's PLIC source: the "interrupts" of its device-tree node, the one whose reg is
 * the UART we print on. (Its interrupt-parent is the PLIC, whose #interrupt-cells is 1.) */
static int uart_plic_source(void)
{
	const void *fdt = boot_info.fdt;
	for (int n = fdt_node_offset_by_compatible(fdt, -1, boot_info.uart_compat); n >= 0;
	     n = fdt_node_offset_by_compatible(fdt, n, boot_info.uart_compat)) {
		u64 base, size;
		if (fdt_reg(fdt, n, 0, &base, &size) != 0 || base != uart_phys)
			continue;
		int len = 0;
		const void *irq = fdt_getprop(fdt, n, "interrupts", &len);
		return irq && len >= 4 ? (int)fdt32_ld(irq) : -1;
	}
	return -1;
}

void arch_console_irq_init(void)
{
	int src = uart_plic_source();
	if (src <= 0 || src >= PLIC_MAX_SOURCES) {
		printk("  console: no UART interrupt in the device tree, input is polled\n");
		return;
	}
	if (irq_request(PLIC_IRQ_BASE + (unsigned int)src, uart_rx_irq, NULL, "uart") != 0)
		panic("console: IRQ %d is taken", PLIC_IRQ_BASE + src);
	/* Keep what was typed before (the interrupt would not fire for it: the line is already
	 * up when IER is written, but QEMU and real 16550s only signal changes), then let the UART
	 * interrupt. */
	uart_rx_irq(0, NULL, NULL);
	uart16550_enable_rx_irq(&uart);
}
