/* SPDX-License-Identifier: MIT */
/* Error numbers, shared by the kernel and user programs. The values are Linux's. */
#ifndef TRISTACK_UAPI_ERRNO_H
#define TRISTACK_UAPI_ERRNO_H

#define EPERM	  1
#define ENOENT	  2
#define ESRCH	  3
#define EINTR	  4
#define EIO	  5
#define E2BIG	  7
#define ENOEXEC	  8
#define EBADF	  9
#define ECHILD	  10
#define EAGAIN	  11
#define ENOMEM	  12
#define EFAULT	  14
#define EBUSY	  16
#define EEXIST	  17
#define ENODEV	  19
#define EINVAL	  22
#define ENOSPC	  28
#define ERANGE	  34
#define ENOSYS	  38
#define ENODATA	  61
#define ETIMEDOUT 110

#endif
