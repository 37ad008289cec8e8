/* SPDX-License-Identifier: MIT */
/* Heap (user/lib/malloc.c), process exit and number parsing (user/lib/stdlib.c). */
#ifndef USER_STDLIB_H
#define USER_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* A first-fit allocator on sbrk(): blocks are 16-byte aligned; free() merges neighbours. */
void *malloc(size_t size);
void free(void *p);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);

/* Ends the program with status (the parent's wait() sees status & 0xff). */
__attribute__((noreturn)) void exit(int status);
/* Ends the program with status 127 after a message on standard error. */
__attribute__((noreturn)) void abort(void);

/* Decimal (or, with base 0, 0x.. hex and 0.. octal) number at s, after optional spaces and a
 * sign; *end (when not NULL) gets the first unused character. No overflow detection. */
long strtol(const char *s, char **end, int base);
int atoi(const char *s);

#endif
