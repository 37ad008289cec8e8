// SPDX-License-Identifier: MIT
/* Console input ring buffer: see include/console.h. One producer (the UART interrupt), readers
 * with interrupts off around the read. */
#include <arch.h>
#include <console.h>
#include <wait.h>

#define RX_SIZE 256 /* a power of two */

static struct {
	char buf[RX_SIZE];
	volatile unsigned int head, tail; /* head: next write, tail: next read */
	u64 received, dropped;
} rx;

struct wait_queue console_rx_wq = WAIT_QUEUE_INIT(console_rx_wq);

bool console_rx_available(void)
{
	return rx.tail != rx.head;
}

void console_rx_push(char c)
{
	if (rx.head - rx.tail == RX_SIZE) {
		rx.dropped++;
		return;
	}
	rx.buf[rx.head % RX_SIZE] = c;
	rx.head = rx.head + 1;
	rx.received++;
	wake_all(&console_rx_wq);
}

int console_getc(void)
{
	unsigned long flags = arch_irq_save();
	int c = -1;
	if (rx.tail != rx.head) {
		c = (unsigned char)rx.buf[rx.tail % RX_SIZE];
		rx.tail = rx.tail + 1;
	}
	arch_irq_restore(flags);
	return c;
}

u64 console_rx_count(void)
{
	return rx.received;
}

u64 console_rx_dropped(void)
{
	return rx.dropped;
}
