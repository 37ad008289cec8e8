/* SPDX-License-Identifier: MIT */
/*
 * The initramfs: a cpio "newc" archive of the user programs, built with the kernel
 * (tools/mkcpio.py, user/meson.build) and embedded in its read-only data (kernel/initramfs.S).
 * Nothing is unpacked: files are read in place (kernel/initramfs.c, kernel/lib/cpio.c).
 * docs/syscalls.md says how the archive is made and how to look inside it.
 */
#ifndef TRISTACK_INITRAMFS_H
#define TRISTACK_INITRAMFS_H

#include <types.h>

/*
 * Finds the regular file at path ("/bin/hello" or "bin/hello") and returns 0 with *data and
 * *size set to its contents, which stay valid and read-only for the kernel's lifetime.
 * Returns -ENOENT when there is no such file (or it is a directory), -EINVAL when the embedded
 * archive is malformed (a build bug; initramfs_check() says more).
 */
int initramfs_find(const char *path, const void **data, size_t *size);

/* The whole archive, as embedded. */
void initramfs_archive(const void **start, size_t *size);

/* 0 when the whole archive parses up to its trailer, else a -CPIO_ERR_* (include/cpio.h). */
int initramfs_check(void);

#endif
