// SPDX-License-Identifier: MIT
/*
 * Memory and string functions (<string.h>). Plain byte loops, as in the kernel's
 * kernel/lib/string.c: short and obviously right matters more than speed here. The compiler
 * calls memset/memcpy/memmove/memcmp by itself for struct copies and large initialisers, so
 * these four must exist in every program; the library is built with
 * -fno-tree-loop-distribute-patterns so that it does not turn these loops back into calls to
 * themselves.
 */
#include <errno.h>
#include <string.h>

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
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
		/* Overlap with dst above src: copy from the end so that no byte is overwritten
		 * before it is read. */
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

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
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

char *strcpy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
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

const char *strerror(int err)
{
	/* Callers have -errno from a wrapper as often as errno itself: accept both. */
	switch (err < 0 ? -err : err) {
	case 0:
		return "success";
	case EPERM:
		return "operation not permitted";
	case ENOENT:
		return "no such file or directory";
	case ESRCH:
		return "no such process";
	case EINTR:
		return "interrupted";
	case EIO:
		return "input/output error";
	case E2BIG:
		return "argument list too long";
	case ENOEXEC:
		return "exec format error";
	case EBADF:
		return "bad file descriptor";
	case ECHILD:
		return "no child processes";
	case EAGAIN:
		return "try again";
	case ENOMEM:
		return "out of memory";
	case EFAULT:
		return "bad address";
	case EBUSY:
		return "busy";
	case EEXIST:
		return "exists";
	case EINVAL:
		return "invalid argument";
	case ENOSPC:
		return "no space left";
	case ERANGE:
		return "out of range";
	case ENOSYS:
		return "function not implemented";
	default:
		return "unknown error";
	}
}
