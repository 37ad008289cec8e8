// SPDX-License-Identifier: MIT
/*
 * init: the first process the kernel starts. It runs the shell, and starts it again whenever it
 * ends, so that the console always has one.
 */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	(void)argc;
	printf("init: pid %d, started as %s\n", getpid(), argv[0]);
	for (;;) {
		const char *const sh_argv[] = { "/bin/sh", NULL };
		int pid = spawn(sh_argv[0], sh_argv);
		if (pid < 0) {
			printf("init: cannot start %s: %s\n", sh_argv[0], strerror(pid));
			return 1;
		}
		int status;
		if (wait(pid, &status) == pid && WIFKILLED(status))
			printf("init: the shell was killed (cause %d); starting it again\n",
			       WKILLCAUSE(status));
	}
}
