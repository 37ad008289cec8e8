// SPDX-License-Identifier: MIT
/*
 * 16550 UART. Register map (byte offsets from the base; DLAB is bit 7 of LCR):
 *   0 RBR (read) / THR (write) / DLL (DLAB=1)    1 IER / DLM (DLAB=1)
 *   2 IIR (read) / FCR (write)                   3 LCR
 *   4 MCR                                        5 LSR: bit 0 data ready, bit 5 THR empty
 */
#include <uart16550.h>

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5 };
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20
#define LCR_8N1	       0x03
#define LCR_DLAB       0x80
#define IER_RX_AVAIL   0x01
#define MCR_DTR_RTS    0x03
#define MCR_OUT2       0x08

void uart16550_init(struct uart16550 *u)
{
	u->write(u->base + IER, 0x00); /* no interrupts (polled until the IRQ work) */
	u->write(u->base + LCR, LCR_DLAB);
	u->write(u->base + DLL, 0x01); /* divisor 1: 115200 baud from the 1.8432 MHz clock */
	u->write(u->base + DLM, 0x00);
	u->write(u->base + LCR, LCR_8N1);
	u->write(u->base + FCR, 0x07); /* enable and clear both FIFOs */
	u->write(u->base + MCR, MCR_DTR_RTS);
}

void uart16550_putc(struct uart16550 *u, char c)
{
	while (!(u->read(u->base + LSR) & LSR_THR_EMPTY))
		;
	u->write(u->base + THR, (u8)c);
}

int uart16550_getc(struct uart16550 *u)
{
	if (!(u->read(u->base + LSR) & LSR_DATA_READY))
		return -1;
	return u->read(u->base + RBR);
}

void uart16550_enable_rx_irq(struct uart16550 *u)
{
	u->write(u->base + MCR, MCR_DTR_RTS | MCR_OUT2);
	u->write(u->base + IER, IER_RX_AVAIL);
}
