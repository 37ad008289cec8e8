// SPDX-License-Identifier: MIT
/* Console input ring buffer: see include/console.h. One producer (the UART interrupt), readers
 * with interrupts off around the read. */
#include <arch.h>
#include <console.h>
#include <process.h>
#include <uapi/syscall.h>
#include <wait.h>

/* A power of two; room for what a terminal pastes at once (Linux gives a tty 4 KiB too): a reader
 * that echoes byte by byte falls behind a fast sender. */
#define RX_SIZE 4096

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

/* The console's foreground process (console_fg()), 0 for none. */
static volatile int fg_pid;

int console_set_fg(int pid)
{
	int old = fg_pid;
	fg_pid = pid;
	return old;
}

void console_rx_push(char c)
{
	/* Ctrl-C (ETX) ends the foreground process instead of being read (Linux: the terminal's
	 * ISIG, which sends SIGINT to the foreground process group). In the interrupt handler:
	 * process_kill() only marks the process and wakes it. */
	if (c == CTRL_C && fg_pid > 0 && process_kill_cause(fg_pid, KILL_INTERRUPT) == 0)
		return;
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
