/* SPDX-License-Identifier: MIT */
/*
 * The system calls, one wrapper each (user/lib/syscalls.c); what each does is documented with
 * its number in include/uapi/syscall.h. Every wrapper returns what the kernel returned: a
 * negative value is -errno (<errno.h>); sbrk() alone follows POSIX and returns (void *)-1.
 */
#ifndef USER_UNISTD_H
#define USER_UNISTD_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

__attribute__((noreturn)) void _exit(int status);
ssize_t write(int fd, const void *buf, size_t len);
ssize_t read(int fd, void *buf, size_t len);
int getpid(void);
int yield(void);
int sleep_ns(uint64_t ns);
uint64_t clock_ns(void);
int spawn(const char *path, const char *const argv[]);
int wait(int pid, int *status);
/* wait() with options: WNOHANG returns 0 at once when no such child has ended. */
int waitpid(int pid, int *status, int options);
/* Makes pid the console's foreground process (0: none): Ctrl-C kills it. Returns the previous. */
int console_fg(int pid);
/* Makes the kernel oops on purpose (kernel/kcrash.c): "oops" or "overflow". */
int kcrash(const char *kind);
int kill(int pid);
void *sbrk(intptr_t increment);
long stackinfo(unsigned int which, unsigned long index, void *record);
int kinfo(unsigned int what);
__attribute__((noreturn)) void poweroff(void);

#endif
