// SPDX-License-Identifier: MIT
/*
 * arm64 console: QEMU virt's PL011 UART (Arm PrimeCell UART PL011 TRM, DDI 0183), memory-mapped,
 * 32-bit registers. Output is polled (it must work with interrupts off and in a panic); input
 * arrives through the receive interrupt once arch_console_irq_init() has run. Linux:
 * drivers/tty/serial/amba-pl011.c.
 */
#include <arch.h>
#include <boot.h>
#include <console.h>
#include <fdt.h>
#include <irq.h>
#include <panic.h>
#include <printk.h>
#include <asm/board.h>

#define UART_DR	     0x00 /* data: write to send, read to receive */
#define UART_FR	     0x18 /* flags */
#define UART_IBRD    0x24 /* integer part of the baud-rate divisor */
#define UART_FBRD    0x28 /* fractional part, in 64ths */
#define UART_LCR_H   0x2c /* line control: word length, FIFOs */
#define UART_CR	     0x30 /* control: enable, transmit, receive */
#define UART_IMSC    0x38 /* interrupt mask set/clear: 1 = enabled */
#define UART_ICR     0x44 /* interrupt clear */

#define FR_BUSY	     (1u << 3) /* still sending a character */
#define FR_RXFE	     (1u << 4) /* receive FIFO empty */
#define FR_TXFF	     (1u << 5) /* transmit FIFO full */

#define LCR_H_FEN    (1u << 4) /* FIFOs on */
#define LCR_H_WLEN_8 (3u << 5) /* 8 data bits; no parity, 1 stop bit as the other bits are 0 */

#define CR_UARTEN    (1u << 0)
#define CR_TXE	     (1u << 8)
#define CR_RXE	     (1u << 9)

/* Interrupt bits, the same in IMSC, MIS and ICR: RX = the receive FIFO reached its trigger
 * level, RT = receive timeout (characters wait in the FIFO below the level and the line has been
 * idle for 32 bit periods). Both are needed to see every character. */
#define INT_RX	(1u << 4)
#define INT_RT	(1u << 6)
#define ICR_ALL 0x7ff

/* QEMU virt clocks the PL011 from a 24 MHz "apb-pclk" (in the DTB). QEMU ignores the divisor, a
 * real PL011 does not: divisor = clock / (16 * baud) = 13.02, i.e. IBRD 13, FBRD 0.02 * 64 = 1. */
#define UART_CLOCK_HZ 24000000u
#define UART_BAUD     115200u

/* Until console_init(): QEMU virt's PL011 through boot.S's identity map of GiB 0. */
static uintptr_t uart_base = VIRT_UART0_PHYS;
static phys_addr_t uart_phys = VIRT_UART0_PHYS;

static u32 uart_read(unsigned int reg)
{
	return *(volatile u32 *)(uart_base + reg);
}

static void uart_write(unsigned int reg, u32 v)
{
	*(volatile u32 *)(uart_base + reg) = v;
}

void console_init(phys_addr_t phys)
{
	uart_phys = phys;
	uart_base = phys; /* identity-mapped until arch_mmu_switch_kernel() */

	/* The TRM's order: disable, let the last character go, flush the transmit FIFO (by turning
	 * the FIFOs off), program the divisor and the line (a write to LCR_H latches IBRD/FBRD),
	 * then enable. */
	uart_write(UART_CR, 0);
	while (uart_read(UART_FR) & FR_BUSY)
		;
	uart_write(UART_LCR_H, 0);
	u32 div64 = (4 * UART_CLOCK_HZ + UART_BAUD / 2) / UART_BAUD; /* clock * 64 / (16 * baud) */
	uart_write(UART_IBRD, div64 >> 6);
	uart_write(UART_FBRD, div64 & 63);
	uart_write(UART_LCR_H, LCR_H_WLEN_8 | LCR_H_FEN);
	uart_write(UART_IMSC, 0); /* every interrupt masked until arch_console_irq_init() */
	uart_write(UART_ICR, ICR_ALL);
	uart_write(UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

phys_addr_t console_phys(void)
{
	return uart_phys;
}

void console_set_base(void *va)
{
	uart_base = (uintptr_t)va;
}

void arch_console_putc(char c)
{
	while (uart_read(UART_FR) & FR_TXFF)
		;
	uart_write(UART_DR, (u8)c);
}

int arch_console_getc(void)
{
	if (uart_read(UART_FR) & FR_RXFE)
		return -1;
	return (int)(uart_read(UART_DR) & 0xff);
}

/* The receive interrupt: take every waiting byte into the console's ring buffer. The RX and RT
 * conditions are cleared first, then the FIFO drained: a byte that arrives in between raises
 * them again instead of waiting unseen (reading the FIFO empty clears RX by itself, too). */
static void uart_interrupt(unsigned int irq, void *arg, struct pt_regs *regs)
{
	(void)irq, (void)arg, (void)regs;
	uart_write(UART_ICR, INT_RX | INT_RT);
	while (!(uart_read(UART_FR) & FR_RXFE))
		console_rx_push((char)(uart_read(UART_DR) & 0xff));
}

/* The console UART's GIC interrupt from its device-tree node: "interrupts" = <type number
 * flags> in the GIC binding (3 cells), type 0 = SPI (INTID 32 + number), 1 = PPI. Returns the
 * INTID, or -1 with *why set. */
static int uart_dt_irq(const char **why)
{
	const void *fdt = boot_info.fdt;
	int node = -1;
	u64 base = 0, size;
	do {
		node = fdt_node_offset_by_compatible(fdt, node, "arm,pl011");
	} while (node >= 0 && (fdt_reg(fdt, node, 0, &base, &size) != 0 || base != uart_phys));
	int len = 0;
	const u8 *p = node >= 0 ? fdt_getprop(fdt, node, "interrupts", &len) : NULL;
	if (!p || len < 12) {
		*why = "no 'interrupts' in its device-tree node";
		return -1;
	}
	if (fdt32_ld(p) != 0) {
		*why = "its interrupt is not an SPI";
		return -1;
	}
	return (int)(GIC_SPI_BASE + fdt32_ld(p + 4));
}

void arch_console_irq_init(void)
{
	const char *why = NULL;
	int irq = uart_dt_irq(&why);
	if (irq >= 0 && irq_request((unsigned int)irq, uart_interrupt, NULL, "uart-pl011") != 0)
		why = "irq_request failed";
	if (why) {
		/* Not fatal: console_getc() simply never gets anything. */
		printk("console: PL011 at %#llx: %s; no console input\n",
		       (unsigned long long)uart_phys, why);
		return;
	}
	/* Clear whatever was latched while polled, then let RX and RT out. */
	uart_write(UART_ICR, ICR_ALL);
	uart_write(UART_IMSC, INT_RX | INT_RT);
}
