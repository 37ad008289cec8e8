// SPDX-License-Identifier: MIT
/*
 * sh: a small shell on the serial console. It reads a line (echoing what is typed: the kernel
 * has no terminal layer), and either runs a built-in or starts /bin/<word> with the words as
 * arguments, waits for it and shows how it ended.
 *   help      this list
 *   ps        the tasks (the kernel prints them)
 *   irqs      the IRQ counts (the kernel prints them)
 *   stacks    every stack the kernel knows, with sizes (through the stackinfo() call)
 *   poweroff  stop the machine
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_ARGS 16

static void read_line(char *buf, size_t size)
{
	size_t n = 0;
	for (;;) {
		char c;
		if (read(STDIN_FILENO, &c, 1) != 1)
			continue;
		if (c == '\r' || c == '\n') {
			printf("\n");
			break;
		}
		if ((c == 0x7f || c == '\b') && n > 0) {
			n--;
			printf("\b \b");
		} else if (c >= ' ' && c < 0x7f && n < size - 1) {
			buf[n++] = c;
			printf("%c", c);
		}
	}
	buf[n] = '\0';
}

static void show_stacks(void)
{
	struct stackinfo_stack s;
	long count = stackinfo(STACKINFO_STACKS, 0, NULL);
	printf("%-9s %-16s %-37s %8s %8s  %s\n", "kind", "owner", "range", "size", "guard",
	       "max used");
	for (long i = 0; i < count; i++) {
		if (stackinfo(STACKINFO_STACKS, (unsigned long)i, &s) < 0)
			break;
		char owner[32];
		if (s.pid >= 0)
			snprintf(owner, sizeof(owner), "%d %s", s.pid, s.owner);
		else
			snprintf(owner, sizeof(owner), "cpu%d", s.cpu);
		char used[24] = "-";
		if (s.max_used != ~0ULL)
			snprintf(used, sizeof(used), "%lu (%lu%%)", (unsigned long)s.max_used,
				 (unsigned long)(s.max_used * 100 / s.size));
		printf("%-9s %-16s %#018lx-%#018lx %6lu K %6lu K  %s\n", s.kind, owner,
		       (unsigned long)s.base, (unsigned long)(s.base + s.size),
		       (unsigned long)(s.size / 1024), (unsigned long)(s.guard / 1024), used);
	}
}

static void run(char **argv)
{
	char path[64];
	if (argv[0][0] == '/')
		strlcpy(path, argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	int pid = spawn(path, (const char *const *)argv);
	if (pid < 0) {
		printf("sh: %s: %s\n", argv[0], strerror(pid));
		return;
	}
	int status;
	if (wait(pid, &status) != pid)
		return;
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status))
			printf("[pid %d exited with status %d]\n", pid, WEXITSTATUS(status));
	} else {
		printf("[pid %d killed, cause %d]\n", pid, WKILLCAUSE(status));
	}
}

int main(void)
{
	char line[256];
	char *argv[MAX_ARGS + 1];
	printf("tristack shell on %s. Type help.\n", ARCH_NAME);
	for (;;) {
		printf("$ ");
		read_line(line, sizeof(line));
		int argc = 0;
		for (char *p = line; *p && argc < MAX_ARGS;) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			argv[argc++] = p;
			while (*p && *p != ' ')
				p++;
		}
		argv[argc] = NULL;
		if (argc == 0)
			continue;
		if (strcmp(argv[0], "help") == 0)
			printf("built-ins: help ps irqs stacks poweroff; anything else runs "
			       "/bin/<name> (hello, stacktrace, utest, crash ...)\n");
		else if (strcmp(argv[0], "ps") == 0)
			kinfo(KINFO_PS);
		else if (strcmp(argv[0], "irqs") == 0)
			kinfo(KINFO_IRQS);
		else if (strcmp(argv[0], "stacks") == 0)
			show_stacks();
		else if (strcmp(argv[0], "poweroff") == 0)
			poweroff();
		else
			run(argv);
	}
}
