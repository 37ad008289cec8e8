// SPDX-License-Identifier: MIT
/*
 * ktest=selftest_fail: a suite that fails on purpose, so that the harness can prove it reports a
 * failure (tests/meson.build runs it with --expect-fail). Manual: not part of ktest=all.
 */
#include <ktest.h>

KTEST_MANUAL(selftest_fail, passes)
{
	KT_EXPECT_EQ(t, 1 + 1, 2);
}

KTEST_MANUAL(selftest_fail, fails_on_purpose)
{
	KT_EXPECT_EQ(t, 1 + 1, 3);
}
