// SPDX-License-Identifier: MIT
/* Process exit and number parsing (<stdlib.h>). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void exit(int status)
{
	/* Nothing is buffered in this libc (printf writes at once) and there are no atexit
	 * handlers, so exit is the system call alone. */
	_exit(status);
}

void abort(void)
{
	dprintf(STDERR_FILENO, "abort() in pid %d\n", getpid());
	_exit(127);
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

long strtol(const char *s, char **end, int base)
{
	const char *p = s;
	bool negative = false;
	unsigned long v = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	const char *digits = p;
	while (digit_value(*p) < base)
		v = v * (unsigned long)base + (unsigned long)digit_value(*p++);
	if (end)
		*end = (char *)(p == digits ? s : p); /* no digits: nothing was used */
	/* Negate in unsigned arithmetic: -LONG_MIN would overflow a long. */
	return (long)(negative ? -v : v);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}
