/* SPDX-License-Identifier: MIT */
/*
 * System-call numbers and records (the kernel's include/uapi/syscall.h, shared as is) and the
 * one raw entry point every wrapper of <unistd.h> goes through, user/arch/<arch>/syscall.S.
 */
#ifndef USER_SYS_SYSCALL_H
#define USER_SYS_SYSCALL_H

/* By path: user programs see include/uapi/ of the kernel, and nothing else of include/. */
#include "../../../include/uapi/syscall.h"

/* Makes system call nr with six arguments (pass 0 for the unused ones) and returns the kernel's
 * raw result: -4095..-1 is -errno. */
long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

#endif
