/* SPDX-License-Identifier: MIT */
/*
 * Error numbers: the kernel's include/uapi/errno.h (Linux's values). This libc has no errno
 * variable: the system-call wrappers of <unistd.h> return the kernel's -errno directly, as the
 * kernel's own functions do (and as Linux's nolibc sys_* functions do).
 */
#ifndef USER_ERRNO_H
#define USER_ERRNO_H

#include "../../include/uapi/errno.h"

#endif
