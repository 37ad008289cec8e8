/* SPDX-License-Identifier: MIT */
/*
 * Formatted output to the console (user/lib/stdio.c). The formatter is the kernel's own
 * (kernel/lib/vsnprintf.c, built into this library unchanged), so user programs and printk
 * accept exactly the same formats: %d %i %u %x %X %o %c %s %p %% with flags, width, precision
 * and the length modifiers hh h l ll z t j. No floating point. There is no FILE: output goes
 * straight to a file descriptor with write().
 */
#ifndef USER_STDIO_H
#define USER_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* To standard output (fd 1). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
/* To a file descriptor. */
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
/* s and a newline to standard output. */
int puts(const char *s);
int putchar(int c);
/* One byte from standard input, or EOF. */
int getchar(void);

#endif
