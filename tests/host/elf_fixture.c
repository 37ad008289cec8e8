// SPDX-License-Identifier: MIT
/*
 * A stand-in for a user program, for tests/host/test_elf.c. tests/host/meson.build builds it with
 * every compiler of the three arches the host has (the host's gcc at least, the cross compilers
 * when installed), with user/user.ld and the user programs' flags, so that the ELF checker is
 * tested on what the real toolchains produce for each machine. Never run: it only needs text,
 * read-only data, initialised data and bss, like the real programs.
 */
const char fixture_message[] = "an ELF fixture for test_elf";
int fixture_counter = 42; /* .data */
char fixture_buffer[256]; /* .bss */

__attribute__((section(".text.start"), noreturn)) void _start(void)
{
	for (unsigned int i = 0;; i++) {
		fixture_buffer[i % sizeof(fixture_buffer)] =
			fixture_message[i % (sizeof(fixture_message) - 1)];
		fixture_counter++;
		__asm__ volatile("" ::: "memory"); /* keep the loop and its stores */
	}
}
