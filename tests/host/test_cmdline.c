// SPDX-License-Identifier: MIT
/*
 * kernel/lib/cmdline.c (and parse_u64 in kernel/lib/string.c): the command line as the kernel
 * reads it. What include/cmdline.h promises: words separated by blanks, key=value or a bare flag,
 * double quotes around a value that holds spaces, the last occurrence of a key wins, numbers in
 * decimal or 0x hex with an optional K/M/G suffix, and false for anything malformed.
 */
#include "kapi.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

/* cmdline_get into a generous buffer; returns the value or NULL when absent. */
static const char *get(const char *cmdline, const char *key)
{
	static char val[256];
	memset(val, 0x5a, sizeof(val));
	return cmdline_get(cmdline, key, val, sizeof(val)) ? val : NULL;
}

#define CHECK_GET(cmdline, key, want)                                                              \
	do {                                                                                       \
		const char *got_ = get(cmdline, key);                                              \
		const char *want_ = (want);                                                        \
		if (want_ == NULL ? got_ != NULL : got_ == NULL || strcmp(got_, want_) != 0)       \
			tap_fail(__FILE__, __LINE__,                                               \
				 "cmdline_get(\"%s\", \"%s\") = %s%s%s, expected %s%s%s", cmdline, \
				 key, got_ ? "\"" : "", got_ ? got_ : "absent", got_ ? "\"" : "",  \
				 want_ ? "\"" : "", want_ ? want_ : "absent", want_ ? "\"" : "");  \
	} while (0)

static void test_get_basic(void)
{
	CHECK_GET("a=1 b=2 c=3", "a", "1");
	CHECK_GET("a=1 b=2 c=3", "b", "2");
	CHECK_GET("a=1 b=2 c=3", "c", "3");
	CHECK_GET("a=1 b=2 c=3", "d", NULL);
	CHECK_GET("ktest=all ktest.mem=128M", "ktest", "all");
	CHECK_GET("ktest=all ktest.mem=128M", "ktest.mem", "128M");
	/* A key is matched whole: neither a prefix nor an extension of it matches. */
	CHECK_GET("ktest.mem=128M", "ktest", NULL);
	CHECK_GET("ktest=all", "ktest.mem", NULL);
	CHECK_GET("ktest=all", "kt", NULL);
	CHECK_GET("xktest=all", "ktest", NULL);
	/* Only the first '=' separates: the value may contain more. */
	CHECK_GET("init=/sbin/init opt=a=b=c", "opt", "a=b=c");
	/* An empty value is present, and empty. */
	CHECK_GET("root= quiet", "root", "");
	/* A bare flag has no value. */
	CHECK_GET("quiet ktest=boot", "quiet", NULL);
}

static void test_get_separators(void)
{
	CHECK_GET("  a=1\tb=2\nc=3  ", "a", "1");
	CHECK_GET("  a=1\tb=2\nc=3  ", "b", "2");
	CHECK_GET("  a=1\tb=2\nc=3  ", "c", "3");
	CHECK_GET("", "a", NULL);
	CHECK_GET("     ", "a", NULL);
	CHECK_GET("=value", "a", NULL);
	CHECK_GET("=value a=1", "a", "1");
}

static void test_get_quotes(void)
{
	CHECK_GET("init=\"/bin/sh -x\" b=3", "init", "/bin/sh -x");
	CHECK_GET("init=\"/bin/sh -x\" b=3", "b", "3");
	CHECK_GET("a=\"\" b=1", "a", "");
	CHECK_GET("a=\"\" b=1", "b", "1");
	/* A quote left open runs to the end of the line. */
	CHECK_GET("a=1 msg=\"hello world", "msg", "hello world");
	/* Spaces inside quotes do not start a new word, so what looks like a key there is not. */
	CHECK_GET("msg=\"x b=2\" c=3", "b", NULL);
	CHECK_GET("msg=\"x b=2\" c=3", "c", "3");
}

static void test_get_last_wins(void)
{
	CHECK_GET("a=1 a=2", "a", "2");
	CHECK_GET("a=1 b=x a=2 a=3 b=y", "a", "3");
	CHECK_GET("a=1 b=x a=2 a=3 b=y", "b", "y");
	/* A later bare flag does not erase an earlier value. */
	CHECK_GET("a=1 a", "a", "1");
	CHECK_GET("a=\"one two\" a=three", "a", "three");
}

static void test_get_truncation(void)
{
	char val[8];
	/* The value is cut to size-1 bytes and always terminated; nothing past size is written
	 * (the buffer is exactly 4 bytes here, ASan watches it). */
	char *small = malloc(4);
	CHECK(cmdline_get("k=abcdefgh", "k", small, 4));
	CHECK_STREQ(small, "abc");
	free(small);
	memset(val, 'X', sizeof(val));
	CHECK(cmdline_get("k=abcdefgh", "k", val, 1));
	CHECK_EQ_INT(val[0], '\0');
	CHECK_EQ_INT(val[1], 'X');
	/* size 0: found, nothing written. */
	memset(val, 'X', sizeof(val));
	CHECK(cmdline_get("k=abc", "k", val, 0));
	CHECK_EQ_INT(val[0], 'X');
	CHECK(cmdline_get("k=abc", "k", NULL, 0));
}

static void test_has(void)
{
	CHECK(cmdline_has("quiet", "quiet"));
	CHECK(cmdline_has("a=1 quiet b=2", "quiet"));
	CHECK(cmdline_has("ktest=all", "ktest")); /* the key of key=value counts */
	CHECK(cmdline_has("ktest=", "ktest"));
	CHECK(!cmdline_has("ktest.mem=1M", "ktest"));
	CHECK(!cmdline_has("quietly", "quiet"));
	CHECK(!cmdline_has("noquiet", "quiet"));
	CHECK(!cmdline_has("a=quiet", "quiet")); /* a value is not a word of its own */
	CHECK(!cmdline_has("", "quiet"));
	CHECK(!cmdline_has("msg=\"x quiet\"", "quiet"));
	CHECK(cmdline_has("\tquiet\n", "quiet"));
}

/* cmdline_get_u64 of "k=<value>": true and the number, or false. */
static bool u64_of(const char *value, uint64_t *out)
{
	char line[256];
	snprintf(line, sizeof(line), "x=1 k=%s y=2", value);
	*out = 0xdeadbeef;
	return cmdline_get_u64(line, "k", out);
}

#define CHECK_U64(value, want)                                                                     \
	do {                                                                                       \
		uint64_t v_;                                                                       \
		if (!u64_of(value, &v_))                                                           \
			tap_fail(__FILE__, __LINE__, "k=%s rejected, expected %#llx", value,       \
				 (unsigned long long)(want));                                      \
		else if (v_ != (uint64_t)(want))                                                   \
			tap_fail(__FILE__, __LINE__, "k=%s gave %#llx, expected %#llx", value,     \
				 (unsigned long long)v_, (unsigned long long)(want));              \
	} while (0)

#define CHECK_U64_BAD(value)                                                                       \
	do {                                                                                       \
		uint64_t v_;                                                                       \
		if (u64_of(value, &v_))                                                            \
			tap_fail(__FILE__, __LINE__, "k=%s accepted as %#llx, expected false",     \
				 value, (unsigned long long)v_);                                   \
	} while (0)

static void test_u64(void)
{
	CHECK_U64("0", 0);
	CHECK_U64("128", 128);
	CHECK_U64("0x10", 16);
	CHECK_U64("0XfF", 255);
	CHECK_U64("0xDeadBeef", 0xdeadbeef);
	CHECK_U64("007", 7); /* decimal, not octal */
	CHECK_U64("18446744073709551615", UINT64_MAX);
	CHECK_U64("0xffffffffffffffff", UINT64_MAX);
	CHECK_U64("\"42\"", 42);
	/* Suffixes: K, M, G in either case. */
	CHECK_U64("4K", 4096);
	CHECK_U64("4k", 4096);
	CHECK_U64("128M", 128ULL << 20);
	CHECK_U64("512m", 512ULL << 20);
	CHECK_U64("2G", 2ULL << 30);
	CHECK_U64("1g", 1ULL << 30);
	CHECK_U64("0x10K", 16 << 10);
	CHECK_U64("17179869183G", 17179869183ULL << 30); /* the largest that fits */
	/* Last one wins, as for cmdline_get. */
	uint64_t v;
	CHECK(cmdline_get_u64("k=1 k=2M", "k", &v) && v == 2ULL << 20);
	CHECK(!cmdline_get_u64("k=1 z=2", "y", &v));
	CHECK(!cmdline_get_u64("k", "k", &v));
}

static void test_u64_malformed(void)
{
	CHECK_U64_BAD("");
	CHECK_U64_BAD("\"\"");
	CHECK_U64_BAD("x");
	CHECK_U64_BAD("M");
	CHECK_U64_BAD("0x");
	CHECK_U64_BAD("0xg");
	CHECK_U64_BAD("-1");
	CHECK_U64_BAD("+1");
	CHECK_U64_BAD("12abc");
	CHECK_U64_BAD("1.5");
	CHECK_U64_BAD("128MB");
	CHECK_U64_BAD("1K2");
	CHECK_U64_BAD("1T");
	CHECK_U64("12 ", 12); /* the value ends at the blank */
	/* Overflow, of the number and of the suffix shift. */
	CHECK_U64_BAD("18446744073709551616");
	CHECK_U64_BAD("99999999999999999999999");
	CHECK_U64_BAD("0x10000000000000000");
	CHECK_U64_BAD("17179869184G");
	CHECK_U64_BAD("17592186044416M");
	CHECK_U64_BAD("18014398509481984K");
}

static void test_u64_long_values(void)
{
	/* A value longer than cmdline_get_u64's internal buffer (32 bytes) must not be read as
	 * the number its first 31 characters spell. */
	CHECK_U64_BAD("0000000000000000000000000000000000000001x");
	CHECK_U64_BAD("0x00000000000000000000000000000000000001zz");
	uint64_t v;
	bool ok = u64_of("00000000000000000000000000000000000000000000000005", &v);
	if (ok && v != 5)
		tap_fail(__FILE__, __LINE__, "a 50-digit 5 was read as %llu",
			 (unsigned long long)v);
}

static void test_parse_u64_end(void)
{
	/* parse_u64 itself: *end points at the first character not used. */
	const char *end;
	uint64_t v;
	const char *s = "64M,rest";
	CHECK(parse_u64(s, &end, &v, true) && v == 64ULL << 20 && end == s + 3);
	CHECK(parse_u64(s, &end, &v, false) && v == 64 && end == s + 2);
	CHECK(!parse_u64("", &end, &v, true));
	CHECK(parse_u64("0x1f;", NULL, &v, false) && v == 31);
}

int main(void)
{
	RUN(test_get_basic);
	RUN(test_get_separators);
	RUN(test_get_quotes);
	RUN(test_get_last_wins);
	RUN(test_get_truncation);
	RUN(test_has);
	RUN(test_u64);
	RUN(test_u64_malformed);
	RUN(test_u64_long_values);
	RUN(test_parse_u64_end);
	return tap_done();
}
