// SPDX-License-Identifier: MIT
/* x86_64 console: the PC's COM1 16550 UART at I/O port 0x3f8 (kernel/drivers/uart16550.c). */
#include <arch.h>
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
