// SPDX-License-Identifier: MIT
/*
 * /bin/utest <check>: user-mode checks the kernel's ktest=user suite runs (ktest/
 * user_tests.c). Each prints what it finds and exits 0 when everything held.
 *   args    argv arrived intact (spawned as: utest args "a b c")
 *   badptr  bad pointers to write/read/spawn/wait get -EFAULT
 *   enosys  unknown syscall numbers get -ENOSYS
 *   regs    every register but the result ones survives a syscall (user/arch/<arch>/regcheck.S)
 *   spin    spins in user mode for ever (the test kills it)
 *   getpid N  makes N getpid() calls and exits (the null-syscall benchmark, ktest=bench)
 *   heap    heap pages come on first touch: from user mode, and from the kernel's user copies
 *   ustack  its own user stack is in the kernel's stack registry, and its SP is on it; its
 *           kernel stack has a high-water mark
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

long regs_preserved(void); /* user/arch/<arch>/regcheck.S */

static int failures;

static void expect(int ok, const char *what)
{
	printf("utest: %s %s\n", ok ? "ok  " : "FAIL", what);
	failures += !ok;
}

static int check_args(int argc, char **argv)
{
	expect(argc == 3, "argc is 3");
	expect(argc == 3 && strcmp(argv[1], "args") == 0, "argv[1] is \"args\"");
	expect(argc == 3 && strcmp(argv[2], "a b c") == 0, "argv[2] is \"a b c\", spaces kept");
	expect(argv[argc] == NULL, "argv ends with NULL");
	return failures;
}

static int check_badptr(void)
{
	/* The kernel image's address is the same on the three arches: never user memory. */
	char *kernel = (char *)0xffffffff80200000UL;
	char *unmapped = (char *)0x30000000UL; /* far above the program, far below the stack */
	char *all_ones = (char *)~0UL;
	char local[16] = "0123456789abcdef";
	/* A valid start whose length runs past the end of user space. */
	unsigned long huge = 1UL << 62;
	char *bad[] = { NULL, kernel, unmapped, all_ones };
	const char *name[] = { "NULL", "a kernel address", "an unmapped page", "~0" };

	for (unsigned i = 0; i < 4; i++) {
		char what[96];
		snprintf(what, sizeof(what), "write(%s) is -EFAULT", name[i]);
		expect(write(1, bad[i], 16) == -EFAULT, what);
		snprintf(what, sizeof(what), "read(%s) is -EFAULT", name[i]);
		expect(read(0, bad[i], 16) == -EFAULT, what);
		snprintf(what, sizeof(what), "spawn(%s) is -EFAULT", name[i]);
		expect(spawn(bad[i], NULL) == -EFAULT, what);
		if (!bad[i])
			continue; /* NULL ends an argv, and wait(pid, NULL) asks for no status */
		const char *argv[] = { "/bin/hello", bad[i], NULL };
		snprintf(what, sizeof(what), "spawn with argv[1] = %s is -EFAULT", name[i]);
		expect(spawn("/bin/hello", argv) == -EFAULT, what);
		snprintf(what, sizeof(what), "spawn with argv = %s is -EFAULT", name[i]);
		expect(spawn("/bin/hello", (const char *const *)bad[i]) == -EFAULT, what);
		int pid = spawn("/bin/hello", (const char *const[]){ "/bin/hello", "quiet", NULL });
		snprintf(what, sizeof(what), "wait(child, %s) is -EFAULT", name[i]);
		expect(pid > 0 && wait(pid, (int *)bad[i]) == -EFAULT, what);
	}
	expect(write(1, local, huge) == -EFAULT, "write of a buffer past the end of user space");
	expect(read(0, local, huge) == -EFAULT, "read into a buffer past the end of user space");
	return failures;
}

static int check_enosys(void)
{
	expect(__syscall(0, 0, 0, 0, 0, 0, 0) == -ENOSYS, "syscall 0 is -ENOSYS");
	expect(__syscall(NR_SYSCALLS - 1, 0, 0, 0, 0, 0, 0) == -ENOSYS, "an unused number");
	expect(__syscall(100000, 0, 0, 0, 0, 0, 0) == -ENOSYS, "syscall 100000 is -ENOSYS");
	expect(__syscall(-1, 0, 0, 0, 0, 0, 0) == -ENOSYS, "syscall -1 is -ENOSYS");
	return failures;
}

/*
 * sbrk() maps nothing: a heap page gets its memory when first touched (demand paging). Touched
 * by a system call first (the kernel's copy into it faults in kernel mode, maps it and goes on),
 * across two untouched pages at once; then by the program itself (a page fault from user mode,
 * resolved, and the instruction runs again).
 */
static int check_heap(void)
{
	char *p = sbrk(4 * 4096);
	expect(p != (void *)-1, "sbrk(4 pages)");
	if (p == (void *)-1)
		return failures;
	/* 32 bytes before a page boundary inside the new heap: the record straddles two pages
	 * nobody has touched. */
	uintptr_t boundary = ((uintptr_t)p + 2 * 4096) & ~(uintptr_t)4095;
	struct stackinfo_stack *rec = (struct stackinfo_stack *)(boundary - 32);
	long n = stackinfo(STACKINFO_STACKS, 0, rec);
	expect(n > 0 && rec->kind[0] != '\0',
	       "the kernel copied a record into two untouched pages");
	printf("utest: stack 0 is a %s stack of %llu bytes\n", rec->kind,
	       (unsigned long long)rec->size);
	volatile char *last = p + 4 * 4096 - 1;
	expect(*last == 0, "an untouched heap page reads as zeros");
	*last = 42;
	expect(*last == 42, "and keeps what is written to it");
	return failures;
}

/* The stack registry lists this process's user stack (kind "user", its pid), with a guard
 * gap below it, and a local variable lies on it. */
static int check_ustack(void)
{
	struct stackinfo_stack s;
	int here = 0, found = 0, pid = getpid();
	long n = stackinfo(STACKINFO_STACKS, 0, NULL);
	for (long i = 0; i < n; i++) {
		if (stackinfo(STACKINFO_STACKS, (unsigned long)i, &s) < 0)
			break;
		if (s.pid != pid)
			continue;
		if (strcmp(s.kind, "task") == 0) {
			/* Its kernel stack: painted, so its high-water mark is known. */
			printf("utest: kernel stack used %llu of %llu bytes\n",
			       (unsigned long long)s.max_used, (unsigned long long)s.size);
			expect(s.max_used > 0 && s.max_used <= s.size,
			       "its kernel stack has a high-water mark");
			continue;
		}
		if (strcmp(s.kind, "user") != 0)
			continue;
		expect(s.max_used == ~0ULL, "a user stack has none (not painted)");
		found++;
		uintptr_t sp = (uintptr_t)&here;
		printf("utest: user stack %#llx-%#llx, guard %llu K, SP %#lx\n",
		       (unsigned long long)s.base, (unsigned long long)(s.base + s.size),
		       (unsigned long long)(s.guard / 1024), (unsigned long)sp);
		expect(sp >= s.base && sp < s.base + s.size,
		       "the SP is on the registered user stack");
		expect(s.guard > 0, "it has a guard gap");
	}
	expect(found == 1, "exactly one user stack of this pid in the registry");
	return failures;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (strcmp(what, "args") == 0)
		return check_args(argc, argv);
	if (strcmp(what, "badptr") == 0)
		return check_badptr();
	if (strcmp(what, "enosys") == 0)
		return check_enosys();
	if (strcmp(what, "heap") == 0)
		return check_heap();
	if (strcmp(what, "ustack") == 0)
		return check_ustack();
	if (strcmp(what, "regs") == 0) {
		long r = regs_preserved();
		expect(r == 0, "every register but the result survived getpid()");
		if (r)
			printf("utest: register #%ld changed\n", r);
		return failures;
	}
	if (strcmp(what, "getpid") == 0 && argc > 2) {
		long n = strtol(argv[2], NULL, 10);
		for (long i = 0; i < n; i++)
			getpid();
		return 0;
	}
	if (strcmp(what, "spin") == 0) {
		/* Says so once its parent is waiting for it (the sleep lets the parent run on),
		 * then spins in user mode until killed. */
		sleep_ns(10 * 1000 * 1000);
		printf("utest: spinning until killed (Ctrl-C, kill)\n");
		for (volatile unsigned long n = 0;; n++)
			;
	}
	printf("usage: utest args|badptr|enosys|regs|spin|getpid N|heap|ustack\n");
	return 100;
}
