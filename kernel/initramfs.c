// SPDX-License-Identifier: MIT
/*
 * The embedded initramfs (include/initramfs.h). kernel/initramfs.S puts the archive between
 * _initramfs_start and _initramfs_end in .rodata, so it is mapped read-only like the rest of the
 * kernel's constants; lookups read it in place through the bounds-checked cpio reader.
 */
#include <cpio.h>
#include <elf.h>
#include <initramfs.h>
#include <mm.h>
#include <uapi/errno.h>

extern const u8 _initramfs_start[], _initramfs_end[];

/* elf_check()'s W^X and overlap checks work at the granule the loader maps with. */
_Static_assert(ELF_PAGE_SIZE == PAGE_SIZE, "ELF_PAGE_SIZE must be the page size");

void initramfs_archive(const void **start, size_t *size)
{
	*start = _initramfs_start;
	*size = (size_t)(_initramfs_end - _initramfs_start);
}

int initramfs_check(void)
{
	const void *a;
	size_t size, off = 0;
	struct cpio_entry e;
	int r;

	initramfs_archive(&a, &size);
	while ((r = cpio_next(a, size, &off, &e)) > 0)
		;
	return r;
}

int initramfs_find(const char *path, const void **data, size_t *size)
{
	const void *a;
	size_t asize;
	struct cpio_entry e;

	initramfs_archive(&a, &asize);
	int r = cpio_find(a, asize, path, &e);
	if (r == -CPIO_ERR_NOTFOUND || r == -CPIO_ERR_NOTFILE)
		return -ENOENT;
	if (r < 0)
		return -EINVAL;
	*data = e.data;
	*size = e.size;
	return 0;
}
