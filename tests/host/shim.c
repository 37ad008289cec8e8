// SPDX-License-Identifier: MIT
/*
 * The few kernel services the portable files call, for a hosted test program: no interrupts to
 * disable and one thread, so the spinlock only records its state; printk keeps the last message
 * for the tests to check (and prints it as a TAP diagnostic when HOST_TEST_PRINTK=1 is set);
 * panic aborts, which fails the test under the sanitizers.
 */
#include "kapi.h"
#include "shim.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned long shim_printk_calls;
char shim_printk_last[256];

unsigned long spin_lock_irqsave(spinlock_t *lock)
{
	if (lock->holder)
		panic("spinlock %s taken twice (no other thread exists here)", lock->name);
	lock->holder = (struct cpu *)lock; /* anything but NULL */
	return 0;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	(void)flags;
	if (!lock->holder)
		panic("spinlock %s released while not held", lock->name);
	lock->holder = NULL;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(shim_printk_last, sizeof(shim_printk_last), fmt, ap);
	va_end(ap);
	shim_printk_calls++;
	const char *verbose = getenv("HOST_TEST_PRINTK");
	if (verbose && strcmp(verbose, "1") == 0) {
		/* One "# " diagnostic per line, so that the TAP stream stays valid. */
		for (const char *p = shim_printk_last; *p;) {
			size_t len = strcspn(p, "\n");
			printf("# printk: %.*s\n", (int)len, p);
			p += len + (p[len] == '\n');
		}
	}
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fflush(stdout);
	fprintf(stderr, "kernel panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

/* A lab handout's stub (tools/mklab) in a kernel file the host tests compile. */
void lab_missing(const char *what)
{
	panic("%s is not written yet: this is the part the lab asks you to write", what);
}
