/* SPDX-License-Identifier: MIT */
/* Memory and string functions (kernel/lib/string.c shared with the kernel, and user/lib/string.c),
 * with their C-library meanings. */
#ifndef USER_STRING_H
#define USER_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strcpy(char *dst, const char *src);
/* Copies at most size-1 bytes and always terminates (when size > 0). Returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
/* A short description of an error number, positive or negative ("no such file or ..."). */
const char *strerror(int err);

#endif
