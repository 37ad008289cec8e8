// SPDX-License-Identifier: MIT
/*
 * printk: formats into a small buffer, then writes it to the console with a lock, so that lines
 * from different CPUs (later) and from interrupt handlers do not interleave mid-line. After a
 * panic starts, the lock is bypassed: the panicking CPU may be the one that holds it.
 */
#include <arch.h>
#include <printk.h>
#include <spinlock.h>

static spinlock_t console_lock = SPINLOCK_INIT("console");
bool printk_bypass_lock;

static void write_locked(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* Serial terminals want CR LF. */
		if (s[i] == '\n')
			arch_console_putc('\r');
		arch_console_putc(s[i]);
	}
}

void console_write(const char *s, size_t n)
{
	if (printk_bypass_lock) {
		write_locked(s, n);
		return;
	}
	unsigned long flags = spin_lock_irqsave(&console_lock);
	write_locked(s, n);
	spin_unlock_irqrestore(&console_lock, flags);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
	console_write(buf, len);
	return (int)len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
