// SPDX-License-Identifier: MIT
/*
 * sh: a small shell on the serial console. It reads a line (echoing what is typed and doing the
 * line editing itself: the kernel has no terminal layer), and either runs a built-in or starts
 * /bin/<word> with the words as arguments, waits for it and shows how it ended.
 *
 * Built-ins: help, ps, irqs, stacks, kill PID, kcrash KIND, poweroff. A command ending in `&`
 * runs in the background: the shell does not wait, prints its pid, and `$!` is the pid of the
 * last one; when one ends, the shell says so before its next prompt.
 *
 * While a program runs in the foreground it is the console's foreground process
 * (console_fg()): Ctrl-C kills it (cause KILL_INTERRUPT). At the prompt: Backspace, Left and
 * Right edit the line, Up and Down walk the history, Ctrl-U clears the line and Ctrl-C drops
 * it. A line longer than LINE_MAX is refused, as is a byte that is not printable ASCII, each
 * with a message.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_ARGS  16
#define LINE_MAX  255
#define HISTORY	  16

#define CTRL_C	  0x03
#define CTRL_U	  0x15
#define ESC	  0x1b
#define BACKSPACE 0x7f

static char history[HISTORY][LINE_MAX + 1];
static int nhistory;	 /* lines kept, the newest at (nhistory - 1) % HISTORY */
static int last_bg = -1; /* $! */

static int getch(void)
{
	char c;
	while (read(STDIN_FILENO, &c, 1) != 1)
		;
	return (unsigned char)c;
}

/* Shows the line again from the prompt, with the cursor at pos. */
static void redraw(const char *buf, size_t n, size_t pos)
{
	printf("\r$ %.*s\x1b[K", (int)n, buf);
	for (size_t i = pos; i < n; i++)
		printf("\b");
}

/* Reads one line into buf (LINE_MAX + 1 bytes). Returns its length, or -1 when the line was
 * dropped (Ctrl-C, too long, not ASCII), after saying why. */
static int read_line(char *buf)
{
	size_t n = 0, pos = 0;
	int hist = nhistory; /* the history entry shown; nhistory: the line being typed */
	bool too_long = false;
	int bad_byte = -1;
	for (;;) {
		int c = getch();
		if (c == '\r' || c == '\n') {
			printf("\n");
			break;
		}
		if (c == CTRL_C) {
			printf("^C\n");
			return -1;
		}
		if (c == CTRL_U) {
			n = pos = 0;
			redraw(buf, n, pos);
		} else if (c == BACKSPACE || c == '\b') {
			if (pos > 0) {
				memmove(buf + pos - 1, buf + pos, n - pos);
				n--;
				pos--;
				redraw(buf, n, pos);
			}
		} else if (c == ESC) {
			/* ESC [ A/B/C/D: the arrow keys. */
			if (getch() != '[')
				continue;
			int k = getch();
			if (k == 'D' && pos > 0) {
				pos--;
				printf("\b");
			} else if (k == 'C' && pos < n) {
				printf("%c", buf[pos]);
				pos++;
			} else if ((k == 'A' && hist > 0 && hist > nhistory - HISTORY) ||
				   (k == 'B' && hist < nhistory)) {
				hist += k == 'A' ? -1 : 1;
				if (hist == nhistory)
					n = 0;
				else
					n = strlcpy(buf, history[hist % HISTORY], LINE_MAX + 1);
				pos = n;
				redraw(buf, n, pos);
			}
		} else if (c >= ' ' && c < 0x7f) {
			if (n == LINE_MAX) {
				too_long = true;
				continue;
			}
			memmove(buf + pos + 1, buf + pos, n - pos);
			buf[pos++] = (char)c;
			n++;
			if (pos == n)
				printf("%c", c);
			else
				redraw(buf, n, pos);
		} else if (bad_byte < 0) {
			bad_byte = c;
		}
	}
	buf[n] = '\0';
	if (too_long) {
		printf("sh: line too long: at most %d characters\n", LINE_MAX);
		return -1;
	}
	if (bad_byte >= 0) {
		printf("sh: byte %#x refused: this shell reads printable ASCII only\n", bad_byte);
		return -1;
	}
	if (n && (nhistory == 0 || strcmp(history[(nhistory - 1) % HISTORY], buf) != 0))
		strlcpy(history[nhistory++ % HISTORY], buf, LINE_MAX + 1);
	return (int)n;
}

/* A size for the stacks table: bytes below 1 KiB or when not whole KiB, else KiB. */
static const char *size_str(unsigned long v, char *buf, size_t len)
{
	if (v < 1024 || v % 1024)
		snprintf(buf, len, "%lu B", v);
	else
		snprintf(buf, len, "%lu K", v / 1024);
	return buf;
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
		char owner[32], size[16], guard[16];
		if (s.pid >= 0)
			snprintf(owner, sizeof(owner), "%d %s", s.pid, s.owner);
		else
			snprintf(owner, sizeof(owner), "cpu%d", s.cpu);
		char used[24] = "-";
		if (s.max_used != ~0ULL)
			snprintf(used, sizeof(used), "%lu (%lu%%)", (unsigned long)s.max_used,
				 (unsigned long)(s.max_used * 100 / s.size));
		printf("%-9s %-16s %#018lx-%#018lx %8s %8s  %s\n", s.kind, owner,
		       (unsigned long)s.base, (unsigned long)(s.base + s.size),
		       size_str((unsigned long)s.size, size, sizeof(size)),
		       size_str((unsigned long)s.guard, guard, sizeof(guard)), used);
	}
}

static void report(int pid, int status, bool background)
{
	if (WIFEXITED(status)) {
		if (background)
			printf("[pid %d done, status %d]\n", pid, WEXITSTATUS(status));
		else if (WEXITSTATUS(status))
			printf("[pid %d exited with status %d]\n", pid, WEXITSTATUS(status));
	} else if (WKILLCAUSE(status) == KILL_INTERRUPT) {
		printf("^C[pid %d interrupted]\n", pid);
	} else {
		printf("[pid %d killed, cause %d]\n", pid, WKILLCAUSE(status));
	}
}

static void run(char **argv, bool background)
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
	if (background) {
		last_bg = pid;
		printf("[pid %d] started in the background\n", pid);
		return;
	}
	/* The foreground program gets Ctrl-C while the shell waits for it. */
	console_fg(pid);
	int status;
	int r = wait(pid, &status);
	console_fg(0);
	if (r == pid)
		report(pid, status, false);
}

/* Reports the background programs that have ended. */
static void reap(void)
{
	int status, pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		report(pid, status, true);
}

static void kill_cmd(int argc, char **argv)
{
	if (argc != 2) {
		printf("usage: kill PID\n");
		return;
	}
	char *end;
	long pid = strtol(argv[1], &end, 10);
	if (*end || pid <= 0) {
		printf("sh: kill: %s: not a pid\n", argv[1]);
		return;
	}
	int r = kill((int)pid);
	if (r < 0) {
		printf("sh: kill %ld: %s\n", pid, strerror(r));
		return;
	}
	/* One of ours (in the background): it dies at once; say so now. */
	int status;
	if (waitpid((int)pid, &status, 0) == pid)
		report((int)pid, status, true);
}

static void help(void)
{
	printf("built-ins:\n"
	       "  help              this list\n"
	       "  ps, irqs, stacks  the kernel's tasks, IRQ counts and stacks\n"
	       "  kill PID          end a program ($! is the last background one)\n"
	       "  kcrash KIND       make the kernel oops on purpose, to see its report and\n"
	       "                    backtrace: oops (a fault in a kernel thread), overflow (a\n"
	       "                    kernel stack runs into its guard page: #DF on x86_64)\n"
	       "  poweroff          stop the machine\n"
	       "anything else runs /bin/<name>: hello, stacktrace, utest, misuse, crash KIND\n"
	       "  (crash: kread textwrite stackexec illegal overflow breakpoint div0 heapend)\n"
	       "a trailing & runs it in the background; Ctrl-C stops the foreground program;\n"
	       "Up/Down: history, Left/Right/Backspace/Ctrl-U: editing\n");
}

int main(void)
{
	char line[LINE_MAX + 1];
	char *argv[MAX_ARGS + 1];
	char bgpid[16];
	printf("tristack shell on %s. Type help.\n", ARCH_NAME);
	for (;;) {
		reap();
		printf("$ ");
		if (read_line(line) <= 0)
			continue;
		int argc = 0;
		bool background = false;
		for (char *p = line; *p && argc < MAX_ARGS;) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			argv[argc++] = p;
			while (*p && *p != ' ')
				p++;
		}
		if (argc > 0 && strcmp(argv[argc - 1], "&") == 0) {
			background = true;
			argc--;
		}
		argv[argc] = NULL;
		if (argc == 0)
			continue;
		for (int i = 0; i < argc; i++) {
			if (strcmp(argv[i], "$!") == 0) {
				snprintf(bgpid, sizeof(bgpid), "%d", last_bg);
				argv[i] = bgpid;
			}
		}
		if (strcmp(argv[0], "help") == 0)
			help();
		else if (strcmp(argv[0], "ps") == 0)
			kinfo(KINFO_PS);
		else if (strcmp(argv[0], "irqs") == 0)
			kinfo(KINFO_IRQS);
		else if (strcmp(argv[0], "stacks") == 0)
			show_stacks();
		else if (strcmp(argv[0], "kill") == 0)
			kill_cmd(argc, argv);
		else if (strcmp(argv[0], "kcrash") == 0) {
			int r = argc == 2 ? kcrash(argv[1]) : -EINVAL;
			if (r < 0)
				printf("sh: kcrash %s: %s (kinds: oops, overflow)\n",
				       argc == 2 ? argv[1] : "", strerror(r));
		} else if (strcmp(argv[0], "poweroff") == 0)
			poweroff();
		else
			run(argv, background);
	}
}
