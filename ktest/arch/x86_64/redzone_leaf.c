// SPDX-License-Identifier: MIT
/*
 * The red zone (docs/design.md, claim 1): one leaf function, compiled
 * twice. As part of the kernel it is built with -mno-red-zone, like every kernel file, and is
 * redzone_leaf_without(). arch/x86_64/meson.build builds it a second time with -mred-zone, as
 * user code is built, as redzone_leaf_with(): then GCC keeps the locals of this leaf in the 128
 * bytes below RSP without moving RSP (the System V ABI allows it: "leaf functions may use this
 * area for their entire stack frame"). An interrupt taken in kernel mode does not switch stacks,
 * so the CPU pushes its frame, and the entry code the registers, right there: over the locals.
 * ktest/arch/x86_64/redzone_tests.c calls both and counts the damage.
 */
#ifndef REDZONE_LEAF
#define REDZONE_LEAF redzone_leaf_without
#endif

#define WORDS	14		     /* 112 bytes: all of them inside the 128-byte red zone */
#define PATTERN 0x5245445a4f4e4521UL /* "!ENOZDER" */

unsigned long REDZONE_LEAF(const volatile unsigned long *ticks);

/* Fills WORDS words of locals, spins (calling nothing: it must stay a leaf) until the timer
 * interrupt has come and gone, and returns how many of the words changed meanwhile. */
unsigned long REDZONE_LEAF(const volatile unsigned long *ticks)
{
	volatile unsigned long w[WORDS];
	for (unsigned long i = 0; i < WORDS; i++)
		w[i] = PATTERN ^ i;
	unsigned long t0 = *ticks;
	while (*ticks == t0)
		;
	unsigned long changed = 0;
	for (unsigned long i = 0; i < WORDS; i++)
		changed += w[i] != (PATTERN ^ i);
	return changed;
}
