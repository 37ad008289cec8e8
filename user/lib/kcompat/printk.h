/* SPDX-License-Identifier: MIT */
/*
 * kernel/lib/vsnprintf.c is compiled into the user library unchanged. It includes <printk.h>
 * for its own prototypes and, through the kernel's <types.h>, for the compiler's freestanding
 * headers; in user space the prototypes are in <stdio.h>. This directory, searched only when
 * that one file is compiled (user/meson.build), stands in for the kernel's include/printk.h.
 */
#ifndef USER_KCOMPAT_PRINTK_H
#define USER_KCOMPAT_PRINTK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#endif
