// SPDX-License-Identifier: MIT
/*
 * Copies between the kernel and user memory (include/syscall.h). Every user pointer a system call
 * receives goes through these: the range is checked here (the pointer, its length, no wrap, all
 * inside [USER_BASE, USER_END)), and a fault inside the range (an unmapped page) is caught by the
 * arch's copy routine through the exception table. Either way the call gets -EFAULT and the
 * kernel goes on. Linux: copy_from_user(), strncpy_from_user().
 */
#include <arch.h>
#include <mm.h>
#include <syscall.h>
#include <uapi/errno.h>
#include <uvm.h>

/*
 * A copy stopped `left` bytes before the end of the user range [u, u + n): if it stopped at a
 * heap page not touched yet (demand paging), map it and say so, and the copy goes on from
 * there. The arch routines stop at the exact byte that faulted, or at worst at the start of the
 * word that straddles into the next page: that page is tried too.
 */
static bool fault_in_rest(uintptr_t u, size_t n, size_t left)
{
	struct mm *mm = mm_current();
	uintptr_t at = u + n - left;
	uintptr_t next = ALIGN_UP(at + 1, PAGE_SIZE);
	return mm_fault_in(mm, at) || (next < u + n && mm_fault_in(mm, next));
}

/* A copy with the arch routine `copy` (arch_copy_from_user or arch_copy_to_user, which return
 * the bytes not copied), where [u, u + n) is the user side. */
static int copy_user(size_t (*copy)(void *, const void *, size_t), void *dst, const void *src,
		     size_t n, uintptr_t u)
{
	if (!user_range_ok(u, n))
		return -EFAULT;
	size_t left = copy(dst, src, n);
	while (left && fault_in_rest(u, n, left))
		left = copy((char *)dst + n - left, (const char *)src + n - left, left);
	return left ? -EFAULT : 0;
}

int copy_from_user(void *dst, const void *usrc, size_t n)
{
	return copy_user(arch_copy_from_user, dst, usrc, n, (uintptr_t)usrc);
}

int copy_to_user(void *udst, const void *src, size_t n)
{
	return copy_user(arch_copy_to_user, udst, src, n, (uintptr_t)udst);
}

long strncpy_from_user(char *dst, const char *usrc, size_t size)
{
	uintptr_t u = (uintptr_t)usrc;
	size_t done = 0;
	/* Copy a page's worth at a time, never past the end of the page the string is in: a
	 * string that ends before an unmapped page must not fault. */
	while (done < size) {
		size_t chunk = MIN(size - done, PAGE_SIZE - ((u + done) % PAGE_SIZE));
		if (copy_from_user(dst + done, (const void *)(u + done), chunk))
			return -EFAULT;
		for (size_t i = 0; i < chunk; i++) {
			if (dst[done + i] == '\0')
				return (long)(done + i);
		}
		done += chunk;
	}
	return -E2BIG;
}
