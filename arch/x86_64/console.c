// SPDX-License-Identifier: MIT
/* x86_64 console: the PC's COM1 16550 UART at I/O port 0x3f8 (kernel/drivers/uart16550.c). */
#include <arch.h>
#include <console.h>
#include <irq.h>
#include <panic.h>
#include <uart16550.h>
#include <asm/board.h>
#include <asm/x86.h>

static u8 port_read8(uintptr_t port)
{
	return inb((u16)port);
}

static void port_write8(uintptr_t port, u8 v)
{
	outb((u16)port, v);
}

static struct uart16550 uart = { COM1_PORT, port_read8, port_write8 };

void console_init(void)
{
	uart16550_init(&uart);
}

void arch_console_putc(char c)
{
	uart16550_putc(&uart, c);
}

int arch_console_getc(void)
{
	return uart16550_getc(&uart);
}

/* COM1 is ISA IRQ 4: the I/O APIC delivers it as vector ISA_IRQ_VECTOR(4). */
static void com1_irq(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	int c;
	while ((c = uart16550_getc(&uart)) >= 0)
		console_rx_push((char)c);
}

void arch_console_irq_init(void)
{
	if (irq_request(ISA_IRQ_VECTOR(4), com1_irq, NULL, "COM1") != 0)
		panic("console: cannot request COM1's interrupt");
	uart16550_enable_rx_irq(&uart);
}
