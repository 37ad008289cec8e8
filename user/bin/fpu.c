// SPDX-License-Identifier: MIT
/*
 * /bin/fpu <how>: a user program that uses the FP/SIMD registers, for the tests of the kernel's
 * FP state (ktest/user_tests.c, docs/fpu.md). The register helpers are per-arch assembly
 * (user/arch/<arch>/regcheck.S): register i holds seed + (i + 1) * 0x10001, the control register
 * a rounding mode chosen by the seed.
 *   hold SEED    fill every FP/SIMD register and check them, again and again, until killed;
 *                exits 1 (and says which register) as soon as one has changed under it
 *   syscall SEED fill them, make a system call, check them: 0 if all survived
 *   dirty        fill them and exit, leaving the values for whoever runs next
 *   sum N        FP arithmetic with an exact answer: sum of i and of i * i (i < N) in doubles,
 *                four lanes of a vector; 0 if every result is the integer one
 *   yield N [fp] call yield() N times (the benchmark of a switch between two processes,
 *                ktest/bench.c); with fp, write an FP register before each call
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

void fp_fill(unsigned long seed);
long fp_check(unsigned long seed);
long fp_hold(unsigned long seed, unsigned long rounds);
long fp_syscall_keeps(unsigned long seed, long nr);

typedef double v4d __attribute__((vector_size(32)));

static int sum(long n)
{
	/* Below 2^53 every partial sum is an integer a double holds exactly. */
	v4d acc = { 0, 0, 0, 0 }, step = { 1, 2, 3, 4 };
	double s = 0, sq = 0;
	for (long i = 0; i < n; i++) {
		double d = (double)i;
		s += d;
		sq += d * d;
		acc += step * d;
	}
	uint64_t want_s = (uint64_t)n * (uint64_t)(n - 1) / 2;
	uint64_t want_sq = (uint64_t)(n - 1) * (uint64_t)n * (uint64_t)(2 * n - 1) / 6;
	int bad = (uint64_t)s != want_s || (uint64_t)sq != want_sq;
	for (int l = 0; l < 4; l++)
		bad |= (uint64_t)acc[l] != (uint64_t)(l + 1) * want_s;
	printf("fpu: sum %ld: %llu, squares %llu, lanes %llu %llu %llu %llu: %s\n", n,
	       (unsigned long long)s, (unsigned long long)sq, (unsigned long long)acc[0],
	       (unsigned long long)acc[1], (unsigned long long)acc[2], (unsigned long long)acc[3],
	       bad ? "WRONG" : "exact");
	return bad;
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";
	unsigned long seed = argc > 2 ? (unsigned long)strtol(argv[2], NULL, 0) : 0;
	if (strcmp(how, "hold") == 0) {
		for (;;) {
			long bad = fp_hold(seed, 100000);
			if (bad) {
				printf("fpu: hold %#lx: register %ld changed under the program\n",
				       seed, bad - 1);
				return 1;
			}
		}
	}
	if (strcmp(how, "syscall") == 0) {
		long bad = fp_syscall_keeps(seed, SYS_yield);
		if (!bad)
			bad = fp_syscall_keeps(seed + 1, SYS_getpid);
		if (bad)
			printf("fpu: syscall: register %ld changed across the call\n", bad - 1);
		return bad != 0;
	}
	if (strcmp(how, "dirty") == 0) {
		fp_fill(seed ? seed : 0x5a5a5a5a5a5a5a5aul);
		return 0;
	}
	if (strcmp(how, "yield") == 0) {
		long n = argc > 2 ? strtol(argv[2], NULL, 0) : 0;
		bool fp = argc > 3 && strcmp(argv[3], "fp") == 0;
		volatile double x = 0;
		for (long i = 0; i < n; i++) {
			if (fp)
				x = x + 1.0;
			yield();
		}
		return fp && x != (double)n;
	}
	if (strcmp(how, "sum") == 0)
		return sum(argc > 2 ? strtol(argv[2], NULL, 0) : 1000000);
	printf("usage: fpu hold SEED | syscall SEED | dirty | sum N | yield N [fp]\n");
	return 2;
}
