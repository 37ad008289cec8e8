// SPDX-License-Identifier: MIT
/* riscv64 console: QEMU virt's ns16550a UART, memory-mapped (kernel/drivers/uart16550.c). */
#include <arch.h>
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
