/* SPDX-License-Identifier: MIT */
/*
 * printk and friends. The formatter (kernel/lib/vsnprintf.c) understands the usual C formats:
 * %d %i %u %x %X %o %c %s %p %% with flags '-', '0', '+', ' ', '#', a width and a precision
 * (both may be '*'), and the length modifiers hh h l ll z t j.
 * %p prints a pointer as 0x followed by 16 hex digits.
 */
#ifndef TRISTACK_PRINTK_H
#define TRISTACK_PRINTK_H

#include <types.h>
#include <compiler.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Writes to the console. Returns the number of characters written. */
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
/* Writes a string to the console as is. */
void console_write(const char *s, size_t n);

#define pr_info(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk("WARNING: " fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)  printk("ERROR: " fmt, ##__VA_ARGS__)

#endif
