/* SPDX-License-Identifier: MIT */
/*
 * Console input (kernel/console.c): the UART's receive interrupt handler (arch console.c) puts
 * bytes into a ring buffer; readers take them out. Output is printk's (include/printk.h).
 */
#ifndef TRISTACK_CONSOLE_H
#define TRISTACK_CONSOLE_H

#include <types.h>

/* Ctrl-C, as the terminal sends it. */
#define CTRL_C 0x03

/* From the UART's interrupt handler: one received byte. Dropped when the buffer is full. A
 * Ctrl-C kills the foreground process instead, if there is one. */
void console_rx_push(char c);
/* Makes pid the console's foreground process (0: none), which a Ctrl-C kills with
 * KILL_INTERRUPT; returns the previous one. (The console_fg system call.) */
int console_set_fg(int pid);
/* Readers sleep here until console_rx_push() brings a byte. */
extern struct wait_queue console_rx_wq;
/* Whether a byte is waiting. */
bool console_rx_available(void);
/* The next received byte, or -1 if none is waiting. */
int console_getc(void);
/* Bytes received through the interrupt, and bytes dropped because the buffer was full. */
u64 console_rx_count(void);
u64 console_rx_dropped(void);

#endif
