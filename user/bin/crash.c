// SPDX-License-Identifier: MIT
/*
 * /bin/crash <how>: does one forbidden thing, so that the kernel kills it and its parent sees
 * why (ktest/user_tests.c). If it is still alive afterwards it exits 2.
 *   kread       read kernel memory        textwrite  write its own code
 *   stackexec   execute its stack          illegal    an undefined instruction
 *   overflow    recurse past its stack     breakpoint int3 / brk / ebreak
 *   div0        divide by zero (traps on x86_64 only; elsewhere says why not and exits 0)
 *   heapend     touch the page right past the end of the heap (its break)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void do_illegal(void);	  /* user/arch/<arch>/regcheck.S */
void do_breakpoint(void); /* user/arch/<arch>/regcheck.S */

static volatile unsigned long depth_limit = 1UL << 40;

static unsigned long recurse(unsigned long depth)
{
	volatile char frame[512];
	frame[0] = (char)depth;
	if (depth >= depth_limit)
		return 0;
	return recurse(depth + 1) + frame[0];
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	printf("crash: %s\n", how);
	if (strcmp(how, "kread") == 0) {
		volatile unsigned long *k = (unsigned long *)0xffffffff80200000UL;
		printf("crash: read %lx\n", *k);
	} else if (strcmp(how, "textwrite") == 0) {
		*(volatile unsigned char *)(void *)main = 0;
	} else if (strcmp(how, "stackexec") == 0) {
		unsigned char code[64];
		memset(code, 0, sizeof(code));
		((void (*)(void))(void *)code)();
	} else if (strcmp(how, "illegal") == 0) {
		do_illegal();
	} else if (strcmp(how, "overflow") == 0) {
		recurse(0);
	} else if (strcmp(how, "breakpoint") == 0) {
		do_breakpoint();
	} else if (strcmp(how, "heapend") == 0) {
		/* Heap pages are mapped when first touched, but only below the break. */
		uintptr_t end = ((uintptr_t)sbrk(0) + 4095) & ~(uintptr_t)4095;
		*(volatile char *)end = 1;
	} else if (strcmp(how, "div0") == 0) {
		/* x86_64's idiv raises #DE and the program is killed (cause 8). On arm64 and
		 * riscv64 integer division by zero does not trap: the instruction has a defined
		 * result (arm64's sdiv gives 0, riscv64's div gives -1), so there is nothing to
		 * crash on, and the program says so and exits 0. */
		volatile int a = 1, b = 0;
		int q = a / b;
		printf("crash: 1 / 0 = %d: integer division by zero does not trap on %s (the "
		       "instruction defines a result); only x86_64 raises a fault (#DE)\n",
		       q, ARCH_NAME);
		return 0;
	} else {
		printf("usage: crash kread|textwrite|stackexec|illegal|overflow|breakpoint|div0|"
		       "heapend\n");
		return 1;
	}
	return 2;
}
