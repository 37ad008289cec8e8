/* SPDX-License-Identifier: MIT */
/* The kernel's own string and memory routines (kernel/lib/string.c). */
#ifndef TRISTACK_STRING_H
#define TRISTACK_STRING_H

#include <types.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
/* Last occurrence of c in s (or the terminating NUL when c is 0), or NULL. */
char *strrchr(const char *s, int c);
/* First occurrence of needle in haystack, or NULL. */
char *strstr(const char *haystack, const char *needle);
/* Copies at most size-1 bytes and always terminates (when size > 0). Returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
