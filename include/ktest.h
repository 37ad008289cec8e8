/* SPDX-License-Identifier: MIT */
/*
 * In-kernel tests (ktest/ktest.c), printed as KTAP version 1 (TAP 13 compatible, the
 * format Linux's KUnit prints). A test is a function registered with KTEST(suite, name); the
 * macro puts a descriptor in the .ktests section, so adding a test needs no list to edit.
 *
 *   KTEST(mm, alloc_and_free)
 *   {
 *           phys_addr_t p = pmm_alloc_page();
 *           KT_ASSERT(t, p != 0);
 *           KT_EXPECT_EQ(t, pmm_free_pages(p, 1), 0);
 *   }
 *
 * The command line selects suites: ktest=all runs every suite except the manual ones (those
 * registered with KTEST_MANUAL: the deliberately failing selftest_fail, and bench), ktest=mm,boot
 * runs those. After the last test the kernel leaves QEMU with EXIT_PASS or EXIT_FAIL.
 */
#ifndef TRISTACK_KTEST_H
#define TRISTACK_KTEST_H

#include <printk.h>
#include <string.h> /* KT_EXPECT_STREQ */
#include <types.h>
#include <compiler.h>

struct ktest;
struct task;

struct ktest_case {
	const char *suite;
	const char *name;
	void (*run)(struct ktest *t);
	bool manual; /* not part of ktest=all */
	int line;    /* cases of a suite run in source order */
};

struct ktest {
	const struct ktest_case *tc;
	int failures;
	const char *skip_reason;
};

#define KTEST_DEFINE(suite_, name_, manual_)                                                       \
	static void ktest_##suite_##_##name_(struct ktest *t);                                     \
	static const struct ktest_case ktest_case_##suite_##_##name_ __used __section(".ktests")   \
		__aligned(8) = { #suite_, #name_, ktest_##suite_##_##name_, manual_, __LINE__ };   \
	static void ktest_##suite_##_##name_(struct ktest *t __unused)

#define KTEST(suite, name)	  KTEST_DEFINE(suite, name, false)
#define KTEST_MANUAL(suite, name) KTEST_DEFINE(suite, name, true)

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...) __printf(4, 5);
/* Prints a "# " diagnostic line inside the current test. */
void ktest_log(struct ktest *t, const char *fmt, ...) __printf(2, 3);
/* Marks the test skipped ("ok N name # SKIP reason"). */
void ktest_skip(struct ktest *t, const char *reason);

#define KT_EXPECT(t, cond)                                                                         \
	({                                                                                         \
		bool ok_ = (cond);                                                                 \
		if (!ok_)                                                                          \
			ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond);                   \
		ok_;                                                                               \
	})
/* KT_EXPECT with the failure message given (printf format), for checks made in a loop. */
#define KT_EXPECT_MSG(t, cond, ...)                                                                \
	({                                                                                         \
		bool ok_ = (cond);                                                                 \
		if (!ok_)                                                                          \
			ktest_fail(t, __FILE__, __LINE__, __VA_ARGS__);                            \
		ok_;                                                                               \
	})
#define KT_EXPECT_EQ(t, a, b)                                                                      \
	({                                                                                         \
		unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b);     \
		if (a_ != b_)                                                                      \
			ktest_fail(t, __FILE__, __LINE__, "expected %s == %s (%#llx vs %#llx)",    \
				   #a, #b, a_, b_);                                                \
		a_ == b_;                                                                          \
	})
#define KT_EXPECT_STREQ(t, a, b)                                                                   \
	({                                                                                         \
		const char *a_ = (a), *b_ = (b);                                                   \
		bool ok_ = a_ && b_ && strcmp(a_, b_) == 0;                                        \
		if (!ok_)                                                                          \
			ktest_fail(t, __FILE__, __LINE__, "expected %s == %s (\"%s\" vs \"%s\")",  \
				   #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                \
		ok_;                                                                               \
	})
/* Like KT_EXPECT, but ends the test on failure. */
#define KT_ASSERT(t, cond)                                                                         \
	do {                                                                                       \
		if (!KT_EXPECT(t, cond))                                                           \
			return;                                                                    \
	} while (0)

/* Runs the user program at path (argv[0] = path, then arg1 and arg2 when not NULL) as a child
 * of the calling task and waits for it: returns its wait status, or a negative error from
 * spawn or wait. (ktest/user_tests.c) */
int ktest_run_program(const char *path, const char *arg1, const char *arg2);
/* The same without the wait: the child's pid, or a negative error. */
int ktest_spawn(const char *path, const char *arg1, const char *arg2);
/* Waits (sleeping) until each of the n tasks has been switched to at least `switches` times, or
 * timeout_ms have passed: returns true in the first case. A test of preemption lets programs
 * spin in user mode until the timer has preempted each of them a few times, however fast or
 * slow the host runs QEMU, instead of spinning for a fixed count. (ktest/user_tests.c) */
bool ktest_wait_switches(struct task *const *tasks, int n, u64 switches, u64 timeout_ms);

/* Runs the suites named by selection and exits QEMU; never returns. from_cmdline: the selection
 * came from ktest= on the kernel command line (false: from kmon's `ktest` command). */
__noreturn void ktest_main(const char *selection, bool from_cmdline);
/* Whether the running selection came from the kernel command line (tests of the command line
 * itself have nothing to check otherwise). */
extern bool ktest_from_cmdline;

/* What the kernel calls for ktest=...: ktest_main(), or, in a kernel built without its tests
 * (build option ktest=false, CONFIG_KTEST 0: no test code is linked at all), a message; then
 * it returns and the kernel goes on (to the shell). */
static inline void ktest_start(const char *selection, bool from_cmdline)
{
	if (CONFIG_KTEST)
		ktest_main(selection, from_cmdline);
	printk("ktest=%s: this kernel was built without its tests (-Dktest=false)\n", selection);
}

/* arch_counter() when the first KTAP line was printed (for tools/bench). */
extern u64 ktest_first_line_counter;

#endif
