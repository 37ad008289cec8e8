// SPDX-License-Identifier: MIT
/*
 * String and memory routines, in C: the compiler may not use SIMD registers in the kernel
 * (-mgeneral-regs-only), and GCC may still emit calls to memset/memcpy/memmove/memcmp for
 * struct copies, so these four must exist.
 *
 * memset and memcpy move a machine word (8 bytes, four to a loop round) wherever the
 * addresses allow it, and a byte at a time only at the unaligned ends: the kernel zeroes every
 * page table and user page it hands out, and the byte loop this replaced took 16,398, 12,300
 * and 12,305 instructions a page on x86_64, arm64 and riscv64 (docs/numbers.md has today's
 * count, ktest=bench's page_zero). Linux has an assembly version per arch for the same reason
 * (`rep stosb` on x86_64, `stp`/`dc zva` on arm64, an unrolled word loop on riscv64). The rest
 * are byte loops: nothing hot calls them.
 */
#include <string.h>

/* A word that may alias any object, so that storing through it is defined whatever the
 * memory holds (GCC's may_alias, as Linux's __no_tbaa/word-at-a-time helpers rely on). */
typedef unsigned long __attribute__((may_alias)) word_t;
#define WORD_MASK (sizeof(word_t) - 1)

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	/* The byte in every byte of a word: 0x01...01 times it. */
	word_t w = (unsigned char)c * (~0ul / 0xff);
	while (n && ((unsigned long)d & WORD_MASK)) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= 4 * sizeof(word_t); n -= 4 * sizeof(word_t), d += 4 * sizeof(word_t)) {
		((word_t *)d)[0] = w;
		((word_t *)d)[1] = w;
		((word_t *)d)[2] = w;
		((word_t *)d)[3] = w;
	}
	for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t))
		*(word_t *)d = w;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	/* Words only when both can be aligned at once (an unaligned load is slow on some arm64
	 * and riscv64 cores and traps on others). */
	if ((((unsigned long)d ^ (unsigned long)s) & WORD_MASK) == 0) {
		while (n && ((unsigned long)d & WORD_MASK)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= 4 * sizeof(word_t);
		     n -= 4 * sizeof(word_t), d += 4 * sizeof(word_t), s += 4 * sizeof(word_t)) {
			((word_t *)d)[0] = ((const word_t *)s)[0];
			((word_t *)d)[1] = ((const word_t *)s)[1];
			((word_t *)d)[2] = ((const word_t *)s)[2];
			((word_t *)d)[3] = ((const word_t *)s)[3];
		}
		for (; n >= sizeof(word_t);
		     n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else if (d > s) {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	for (; *haystack; haystack++) {
		if (strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	}
	return n == 0 ? (char *)haystack : NULL;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
