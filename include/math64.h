/* SPDX-License-Identifier: MIT */
/* 64-bit arithmetic helpers (Linux's include/linux/math64.h). */
#ifndef TRISTACK_MATH64_H
#define TRISTACK_MATH64_H

#include <types.h>

/* (a * mul) >> shift with a 128-bit intermediate, so a large counter value cannot overflow.
 * GCC does the 64x64->128 multiply inline on all three targets (mul/umulh/mulhu): no libgcc. */
static inline u64 mul_u64_u32_shr(u64 a, u32 mul, unsigned int shift)
{
	return (u64)(((unsigned __int128)a * mul) >> shift);
}

/* A multiplier and shift that turn counter ticks at freq Hz into nanoseconds with
 * mul_u64_u32_shr(ticks, *mul, *shift): mul = 10^9 * 2^shift / freq, with the largest shift
 * that keeps mul within 32 bits. */
static inline void clocks_calc_mult_shift(u64 freq, u32 *mul, unsigned int *shift)
{
	unsigned int s = 32;
	while (s > 0 && (1000000000ULL << s) / freq > 0xffffffffULL)
		s--;
	*shift = s;
	*mul = (u32)((1000000000ULL << s) / freq);
}

#endif
