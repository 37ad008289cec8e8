// SPDX-License-Identifier: MIT
/*
 * hello: the first user program. Prints one line naming the architecture (ARCH_NAME comes from
 * user/meson.build) and its arguments, one per line, and exits with 0. The tests check that
 * the arguments arrive intact through spawn(). With the single argument "quiet" it prints
 * nothing: the tests that start it a thousand times only want its exit.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "quiet") == 0)
		return 0;
	printf("hello from user mode on %s\n", ARCH_NAME);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	return 0;
}
