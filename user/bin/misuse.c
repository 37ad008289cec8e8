// SPDX-License-Identifier: MIT
/*
 * /bin/misuse <how>: does what a buggy program does to the kernel, each a bug the kernel once
 * had (docs/testing.md, "Kernel bugs and the tests that keep them fixed"). The test suite runs
 * it (ktest/misuse_tests.c) and checks the exact outcome: the error codes, the kill and
 * its cause, and that every page comes back.
 *   sbrk       increments that wrap the break: all refused; then a touch past the break kills
 *   bigheap    grow the heap to its limit, touch both ends, shrink it all: the shrink is fast
 *   read       block in read() until killed       wait  start a spinner and wait() for it
 *   orphans N  start N programs and exit without waiting for them
 *   nt         x86_64: system calls (and a spawn) with RFLAGS.NT set
 *   compat     x86_64: SYSCALL from 32-bit compatibility mode: killed
 * Exits 0 when everything it checked held, 1 when something did not, 2 when it is still alive
 * after something that must have killed it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

long rflags_nt(long on);   /* x86_64; -1 elsewhere */
void compat_syscall(void); /* x86_64; returns elsewhere */

static int failures;

static void expect(int ok, const char *what)
{
	printf("misuse: %s: %s\n", ok ? "ok" : "FAILED", what);
	failures += !ok;
}

#define GIB (1024L * 1024 * 1024)

static int wrap_the_break(void)
{
	char *b0 = sbrk(0);
	/* Each of these would put the break below its start, below 0 or into the kernel half. */
	const struct {
		intptr_t incr;
		const char *what;
	} bad[] = {
		{ -GIB, "sbrk(-1 GiB) is refused" },
		{ (int)0x80000000, "sbrk((int)0x80000000) is refused" },
		{ INTPTR_MIN, "sbrk(LONG_MIN) is refused" },
		{ -(intptr_t)b0 - 4096, "sbrk(-(break + 4096)), below address 0, is refused" },
		{ (intptr_t)(0xffffffff80200000UL - (uintptr_t)b0),
		  "sbrk() to a kernel address is refused" },
		{ INTPTR_MAX, "sbrk(LONG_MAX) is refused" },
		{ -1, "sbrk(-1) below the start of the heap is refused" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		void *r = sbrk(bad[i].incr);
		expect(r == (void *)-1 && sbrk(0) == b0, bad[i].what);
	}
	/* A legal grow and shrink still works. */
	char *p = sbrk(8192);
	if (p == b0) {
		p[0] = 1;
		p[8191] = 2;
	}
	expect(p == b0 && sbrk(-8192) == b0 + 8192 && sbrk(0) == b0,
	       "sbrk(8192), touch, sbrk(-8192) works");
	if (failures)
		return 1;
	/* The break did not move: 1 GiB past it is no heap, and a touch there must kill. */
	volatile char *far = (char *)(((uintptr_t)b0 + GIB) & ~(uintptr_t)4095);
	printf("misuse: touching %p, 1 GiB past the break\n", (void *)far);
	*far = 1;
	return 2;
}

static int big_heap(void)
{
	char *b0 = sbrk(0);
	uintptr_t total = 0;
	/* The limit is below the user stack's guard gap: find it by halving the step. */
	for (intptr_t step = (intptr_t)1 << 46; step >= 4096; step /= 2) {
		while (sbrk(step) != (void *)-1)
			total += (uintptr_t)step;
	}
	char *end = sbrk(0);
	printf("misuse: heap grown by %lu MiB to %p\n", (unsigned long)(total >> 20), (void *)end);
	expect(total > 64 * 1024 * 1024 && end == b0 + total, "the heap grows to its limit");
	b0[0] = 1; /* a page at each end, mapped on first touch */
	end[-1] = 2;
	uint64_t t0 = clock_ns();
	void *r = sbrk(-(intptr_t)total);
	uint64_t ns = clock_ns() - t0;
	printf("misuse: shrinking it took %lu us\n", (unsigned long)(ns / 1000));
	expect(r == end && sbrk(0) == b0, "the heap shrinks back to its start");
	expect(ns < 1000000000, "the shrink takes less than a second");
	return failures ? 1 : 0;
}

static int wait_for_spinner(void)
{
	const char *const argv[] = { "/bin/utest", "spin", NULL };
	int pid = spawn(argv[0], argv);
	printf("misuse: started spinner %d, waiting for it\n", pid);
	if (pid < 0)
		return 1;
	int status;
	int r = wait(pid, &status);
	printf("misuse: wait returned %d\n", r);
	return 2;
}

static int orphans(int n)
{
	for (int i = 0; i < n; i++) {
		const char *const argv[] = { "/bin/hello", "quiet", NULL };
		int pid = spawn(argv[0], argv);
		if (pid < 0) {
			printf("misuse: spawn: %s\n", strerror(pid));
			return 1;
		}
	}
	printf("misuse: started %d children, exiting without waiting\n", n);
	return 0;
}

static int nt_syscalls(void)
{
	if (rflags_nt(1) < 0) {
		printf("misuse: nt: x86_64 only\n");
		return 0;
	}
	/* With NT set: a spawn (the child starts while we are in the kernel), yields (another
	 * task runs), a wait. NT must not reach the kernel, and it is ours again afterwards. */
	const char *const argv[] = { "/bin/hello", "quiet", NULL };
	int pid = spawn(argv[0], argv);
	for (int i = 0; i < 100; i++)
		yield();
	int status = -1;
	int r = wait(pid, &status);
	long kept = rflags_nt(0);
	expect(pid > 0 && r == pid && status == 0, "spawn, yield and wait work with NT set");
	expect(kept == 1, "the system calls kept the program's NT");
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	if (strcmp(how, "sbrk") == 0)
		return wrap_the_break();
	if (strcmp(how, "bigheap") == 0)
		return big_heap();
	if (strcmp(how, "read") == 0) {
		char c;
		long n = read(0, &c, 1);
		printf("misuse: read returned %ld\n", n);
		return 2;
	}
	if (strcmp(how, "wait") == 0)
		return wait_for_spinner();
	if (strcmp(how, "orphans") == 0)
		return orphans(argc > 2 ? atoi(argv[2]) : 8);
	if (strcmp(how, "nt") == 0)
		return nt_syscalls();
	if (strcmp(how, "compat") == 0) {
		compat_syscall();
		printf("misuse: compat: x86_64 only\n");
		return 0;
	}
	printf("usage: misuse sbrk|bigheap|read|wait|orphans [N]|nt|compat\n");
	return 1;
}
