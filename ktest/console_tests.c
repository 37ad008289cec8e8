// SPDX-License-Identifier: MIT
/*
 * ktest=console: bytes typed on the serial console arrive through the UART's receive interrupt.
 * Manual: the harness types the line when it sees the prompt (tests/meson.build,
 * --serial-send-on).
 */
#include <console.h>
#include <irq.h>
#include <ktest.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <time.h>

KTEST_MANUAL(console, receive_interrupt)
{
	u64 before = console_rx_count();
	printk("# ktest: type a line now\n");
	char line[32];
	size_t n = 0;
	u64 end = clock_ns() + 10 * NSEC_PER_SEC;
	while (n < sizeof(line) - 1 && clock_ns() < end) {
		int c = console_getc();
		if (c < 0) {
			sleep_ns(TICK_NSEC);
			continue;
		}
		if (c == '\r' || c == '\n')
			break;
		line[n++] = (char)c;
	}
	line[n] = '\0';
	ktest_log(t, "received \"%s\" (%llu bytes through the interrupt)", line,
		  (unsigned long long)(console_rx_count() - before));
	KT_EXPECT_STREQ(t, line, "tristack");
	KT_EXPECT(t, console_rx_count() - before >= 9);
}
