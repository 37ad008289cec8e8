// SPDX-License-Identifier: MIT
/*
 * Formatted console output (<stdio.h>). Each call formats the whole message first and hands it
 * to the kernel in one write(), so that lines from two programs do not interleave mid-line;
 * vsnprintf itself is the kernel's (kernel/lib/vsnprintf.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Most messages fit here; longer ones get a heap buffer of their exact size. */
#define SMALL_BUF 256

/* Writes all of buf unless the kernel reports an error. */
static int write_all(int fd, const char *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);
		if (n <= 0)
			return n < 0 ? (int)n : -1;
		done += (size_t)n;
	}
	return (int)len;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char small[SMALL_BUF];
	va_list again;

	va_copy(again, ap);
	int len = vsnprintf(small, sizeof(small), fmt, ap);
	if (len < 0) {
		va_end(again);
		return len;
	}
	char *buf = small;
	if ((size_t)len >= sizeof(small)) {
		char *big = malloc((size_t)len + 1);
		if (big) {
			vsnprintf(big, (size_t)len + 1, fmt, again);
			buf = big;
		} else {
			len = sizeof(small) - 1; /* no memory: print what fitted */
		}
	}
	va_end(again);
	int r = write_all(fd, buf, (size_t)len);
	if (buf != small)
		free(buf);
	return r;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *fmt, va_list ap)
{
	return vdprintf(STDOUT_FILENO, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return r;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}

int putchar(int c)
{
	char ch = (char)c;
	return write_all(STDOUT_FILENO, &ch, 1) == 1 ? (unsigned char)c : EOF;
}

int getchar(void)
{
	unsigned char c;
	return read(STDIN_FILENO, &c, 1) == 1 ? c : EOF;
}
