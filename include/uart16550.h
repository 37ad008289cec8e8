/* SPDX-License-Identifier: MIT */
/*
 * The 16550 UART (kernel/drivers/uart16550.c), shared by x86_64 (COM1, reached by port I/O) and
 * riscv64 (QEMU virt's ns16550a, memory-mapped). The arch says how to reach a register.
 */
#ifndef TRISTACK_UART16550_H
#define TRISTACK_UART16550_H

#include <types.h>

struct uart16550 {
	uintptr_t base; /* I/O port or virtual address of register 0 */
	u8 (*read)(uintptr_t addr);
	void (*write)(uintptr_t addr, u8 value);
};

/* Programs 115200 8N1 with FIFOs on and the UART's interrupts off. */
void uart16550_init(struct uart16550 *u);
void uart16550_putc(struct uart16550 *u, char c);
/* Returns a received byte or -1. */
int uart16550_getc(struct uart16550 *u);
/* Turns on the "received data available" interrupt (IER bit 0) and the OUT2 line, which gates
 * the UART's interrupt output on PC-compatible boards. */
void uart16550_enable_rx_irq(struct uart16550 *u);

#endif
