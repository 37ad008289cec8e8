/* SPDX-License-Identifier: MIT */
/*
 * The kernel's declarations as the host tests see them: the portable headers of include/,
 * included by path, with the names that clash with the C library renamed k_* (krename.h).
 *
 * The tests are compiled with -idirafter <source>/include: the kernel's include directory is
 * searched after the system's, so <string.h> and <stdio.h> are the C library's while the
 * kernel headers still find their own <types.h> and <compiler.h>.
 */
#ifndef TRISTACK_HOST_KAPI_H
#define TRISTACK_HOST_KAPI_H

/* glibc's <sys/cdefs.h> defines __always_inline too; inside the kernel headers theirs is used. */
#undef __always_inline

#include "krename.h"
#include "../../include/printk.h"
#include "../../include/string.h"
#include "../../include/cmdline.h"
#include "../../include/fdt.h"
#include "../../include/boot.h"
#include "../../include/pmm.h"
#include "../../include/spinlock.h"
#include "../../include/panic.h"
#include "../../include/cpio.h"
#include "../../include/elf.h"
#include "../../include/uapi/errno.h"

/* From here on the plain names are the C library's again. */
#undef vsnprintf
#undef snprintf
#undef memset
#undef memcpy
#undef memmove
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strlcpy

#endif
