/* SPDX-License-Identifier: MIT */
/*
 * A minimal TAP 13 producer for the host unit tests (meson runs them with protocol 'tap').
 *
 *   static void test_something(void)
 *   {
 *           CHECK(1 + 1 == 2);
 *           CHECK_EQ_U64(x, 42);
 *   }
 *
 *   int main(void)
 *   {
 *           RUN(test_something);
 *           RUN_KNOWN_BUG(test_other, "what is wrong and where it was reported");
 *           return tap_done();
 *   }
 *
 * Each RUN is one TAP test; a failing CHECK prints a "# file:line: ..." diagnostic and marks
 * the current test "not ok" (the test goes on, so one run shows every failure).
 * RUN_KNOWN_BUG marks a test that documents a kernel bug not fixed yet: it is reported as
 * "not ok ... # TODO known bug", which meson counts as an expected failure. Once the kernel is
 * fixed the test passes, TAP says "ok ... # TODO" and meson reports an unexpected pass: then
 * change RUN_KNOWN_BUG into RUN.
 */
#ifndef TRISTACK_HOST_TAP_H
#define TRISTACK_HOST_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;	   /* TAP tests so far */
static int tap_failures;   /* of them, not ok (known bugs excluded) */
static int tap_cur_checks; /* failed CHECKs in the current test */
static int tap_cur_shown;  /* diagnostics printed in the current test */

/* At most this many failure diagnostics per test: a broken formatter fails thousands of
 * combinations, and the first ones say enough. */
#define TAP_MAX_DIAGS 25

__attribute__((format(printf, 3, 4), unused)) static void tap_fail(const char *file, int line,
								   const char *fmt, ...)
{
	tap_cur_checks++;
	if (tap_cur_shown++ >= TAP_MAX_DIAGS) {
		if (tap_cur_shown == TAP_MAX_DIAGS + 1)
			printf("# (further failures of this test not shown)\n");
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	printf("# %s:%d: ", file, line);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			tap_fail(__FILE__, __LINE__, "CHECK(%s) failed", #cond);                   \
	} while (0)

#define CHECK_EQ_U64(a, b)                                                                         \
	do {                                                                                       \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                                   \
		if (a_ != b_)                                                                      \
			tap_fail(__FILE__, __LINE__, "%s == %s failed: %#" PRIx64 " vs %#" PRIx64, \
				 #a, #b, a_, b_);                                                  \
	} while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
	do {                                                                                       \
		long long a_ = (long long)(a), b_ = (long long)(b);                                \
		if (a_ != b_)                                                                      \
			tap_fail(__FILE__, __LINE__, "%s == %s failed: %lld vs %lld", #a, #b, a_,  \
				 b_);                                                              \
	} while (0)

#define CHECK_STREQ(a, b)                                                                          \
	do {                                                                                       \
		const char *a_ = (a), *b_ = (b);                                                   \
		if (!a_ || !b_ || strcmp(a_, b_) != 0)                                             \
			tap_fail(__FILE__, __LINE__, "%s == %s failed: \"%s\" vs \"%s\"", #a, #b,  \
				 a_ ? a_ : "(null)", b_ ? b_ : "(null)");                          \
	} while (0)

/* Reads a whole file into a malloc'd buffer (the fixtures the tests are given on their command
 * line); sets *size. NULL if it cannot be opened, read, or is empty. */
__attribute__((unused)) static unsigned char *tap_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = n > 0 ? malloc((size_t)n) : NULL;
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n > 0 ? (size_t)n : 0;
	return buf;
}

__attribute__((unused)) static void tap_start(void)
{
	tap_cur_checks = 0;
	tap_cur_shown = 0;
	if (tap_count == 0)
		printf("TAP version 13\n");
}

__attribute__((unused)) static void tap_result(const char *name, const char *known_bug)
{
	tap_count++;
	if (known_bug) {
		printf("%s %d %s # TODO known bug: %s\n", tap_cur_checks ? "not ok" : "ok",
		       tap_count, name, known_bug);
	} else {
		printf("%s %d %s\n", tap_cur_checks ? "not ok" : "ok", tap_count, name);
		tap_failures += tap_cur_checks != 0;
	}
	fflush(stdout);
}

/* A test that cannot run here, e.g. for want of a tool (meson counts it as skipped). */
__attribute__((unused)) static void tap_skip(const char *name, const char *reason)
{
	tap_start();
	tap_count++;
	printf("ok %d %s # SKIP %s\n", tap_count, name, reason);
	fflush(stdout);
}

#define RUN(fn)                                                                                    \
	do {                                                                                       \
		tap_start();                                                                       \
		fn();                                                                              \
		tap_result(#fn, NULL);                                                             \
	} while (0)

#define RUN_KNOWN_BUG(fn, why)                                                                     \
	do {                                                                                       \
		tap_start();                                                                       \
		fn();                                                                              \
		tap_result(#fn, why);                                                              \
	} while (0)

/* Prints the plan; the exit status is 0 unless a test (not a known bug) failed. */
__attribute__((unused)) static int tap_done(void)
{
	if (tap_count == 0)
		printf("TAP version 13\n");
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif
