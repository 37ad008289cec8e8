// SPDX-License-Identifier: MIT
/*
 * The user library's part of <string.h> that the kernel does not have: memchr, strcpy and
 * strerror. The rest (memset, memcpy, memmove, memcmp, strlen, strnlen, strcmp, strncmp, strchr,
 * strrchr, strstr, strlcpy) is the kernel's own kernel/lib/string.c, compiled unchanged into
 * this library (user/meson.build), so user and kernel share one copy. The library is built with
 * -fno-tree-loop-distribute-patterns so that GCC does not turn those loops back into calls to
 * memset/memcpy themselves.
 */
#include <errno.h>
#include <string.h>

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
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
	case ENODEV:
		return "no such device";
	case EINVAL:
		return "invalid argument";
	case ENOSPC:
		return "no space left";
	case ERANGE:
		return "out of range";
	case ENOSYS:
		return "function not implemented";
	case ENODATA:
		return "no data available";
	case ETIMEDOUT:
		return "timed out";
	default:
		return "unknown error";
	}
}
