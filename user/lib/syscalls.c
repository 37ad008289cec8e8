// SPDX-License-Identifier: MIT
/*
 * One wrapper per system call (<unistd.h>), all through __syscall() (user/arch/<arch>/
 * syscall.S). Arguments are widened to long, the width of an argument register on all three
 * arches; pointers become addresses.
 */
#include <sys/syscall.h>
#include <unistd.h>

#define SC0(nr)		 __syscall(nr, 0, 0, 0, 0, 0, 0)
#define SC1(nr, a)	 __syscall(nr, (long)(a), 0, 0, 0, 0, 0)
#define SC2(nr, a, b)	 __syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(nr, a, b, c) __syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

void _exit(int status)
{
	SC1(SYS_exit, status);
	/* The kernel never returns from exit; if it ever did, spinning is safer than running on
	 * into whatever follows. */
	for (;;)
		;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	return SC3(SYS_write, fd, buf, len);
}

ssize_t read(int fd, void *buf, size_t len)
{
	return SC3(SYS_read, fd, buf, len);
}

int getpid(void)
{
	return (int)SC0(SYS_getpid);
}

int yield(void)
{
	return (int)SC0(SYS_yield);
}

int sleep_ns(uint64_t ns)
{
	return (int)SC1(SYS_sleep_ns, ns);
}

uint64_t clock_ns(void)
{
	return (uint64_t)SC0(SYS_clock_ns);
}

int spawn(const char *path, const char *const argv[])
{
	return (int)SC2(SYS_spawn, path, argv);
}

int wait(int pid, int *status)
{
	return (int)SC3(SYS_wait, pid, status, 0);
}

int waitpid(int pid, int *status, int options)
{
	return (int)SC3(SYS_wait, pid, status, options);
}

int kcrash(const char *kind)
{
	return (int)SC1(SYS_kcrash, kind);
}

int console_fg(int pid)
{
	return (int)SC1(SYS_console_fg, pid);
}

int kill(int pid)
{
	return (int)SC1(SYS_kill, pid);
}

void *sbrk(intptr_t increment)
{
	long r = SC1(SYS_sbrk, increment);
	/* POSIX's failure value; a real break is never in -4095..-1 (user addresses are low). */
	if (r < 0 && r >= -4095)
		return (void *)-1;
	return (void *)r;
}

long stackinfo(unsigned int which, unsigned long index, void *record)
{
	return SC3(SYS_stackinfo, which, index, record);
}

int kinfo(unsigned int what)
{
	return (int)__syscall(SYS_kinfo, what, 0, 0, 0, 0, 0);
}

void poweroff(void)
{
	__syscall(SYS_poweroff, 0, 0, 0, 0, 0, 0);
	for (;;)
		;
}
