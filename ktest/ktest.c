// SPDX-License-Identifier: MIT
/*
 * The in-kernel test runner. Output, for ktest=boot,mm:
 *
 *   KTAP version 1
 *   1..2
 *       KTAP version 1
 *       # Subtest: boot
 *       1..3
 *       ok 1 upper_half
 *       ...
 *   ok 1 boot
 *       ...
 *   ok 2 mm
 *
 * ktest=boot.ksyms,mm runs one case of boot and all of mm (the suite keeps its number of cases
 * in its plan: 1..1 for boot then).
 *
 * tests/qemu_runner.py reads this from the serial port and turns it into TAP for meson.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <ktest.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <task.h>

extern const struct ktest_case _ktests_start[], _ktests_end[];

u64 ktest_first_line_counter;

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("    # %s.%s: %s:%d: %s\n", t->tc->suite, t->tc->name, file, line, msg);
	t->failures++;
}

void ktest_log(struct ktest *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("    # %s.%s: %s\n", t->tc->suite, t->tc->name, msg);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skip_reason = reason;
}

/*
 * Does the word [p, p+len) of a selection name case c? "all" names every case of the suites
 * that are not manual, a suite's name every case of it, "suite.case" that one case (the lab
 * graders boot one case at a time this way, so that a panic in one cannot hide the others).
 */
static bool word_names(const char *p, size_t len, const struct ktest_case *c)
{
	size_t n = strlen(c->suite);
	if (len == 3 && strncmp(p, "all", 3) == 0)
		return !c->manual;
	if (len < n || strncmp(p, c->suite, n) != 0)
		return false;
	return len == n || (p[n] == '.' && len - n - 1 == strlen(c->name) &&
			    strncmp(p + n + 1, c->name, len - n - 1) == 0);
}

/* Is case c named by one of the comma-separated words of sel? */
static bool case_selected(const char *sel, const struct ktest_case *c)
{
	for (const char *p = sel; *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (word_names(p, len, c))
			return true;
		p += len + (e ? 1 : 0);
	}
	return false;
}

/* Is any case of c's suite selected? */
static bool suite_selected(const char *sel, const struct ktest_case *c)
{
	for (const struct ktest_case *p = _ktests_start; p < _ktests_end; p++) {
		if (strcmp(p->suite, c->suite) == 0 && case_selected(sel, p))
			return true;
	}
	return false;
}

/* Is c the first descriptor of its suite in link order? Suites run in that order. A suite is
 * defined in one file (its cases are ordered by line number). */
static bool first_of_suite(const struct ktest_case *c)
{
	for (const struct ktest_case *p = _ktests_start; p < c; p++) {
		if (strcmp(p->suite, c->suite) == 0)
			return false;
	}
	return true;
}

static void list_suites(void)
{
	const char *sep = "";
	printk("# valid suites: all");
	sep = ", ";
	for (const struct ktest_case *c = _ktests_start; c < _ktests_end; c++) {
		if (first_of_suite(c)) {
			printk("%s%s%s", sep, c->suite, c->manual ? " (manual)" : "");
			sep = ", ";
		}
	}
	printk("\n");
}

/* Checks every name in sel; prints an error for each unknown one. */
static bool selection_valid(const char *sel)
{
	bool ok = true;
	for (const char *p = sel; *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		bool known = len == 3 && strncmp(p, "all", 3) == 0;
		for (const struct ktest_case *c = _ktests_start; c < _ktests_end && !known; c++)
			known = word_names(p, len, c);
		if (!known) {
			const char *dot = strchr(p, '.');
			printk("# ktest: unknown %s '%.*s'\n",
			       dot && dot < p + len ? "test case" : "suite", (int)len, p);
			ok = false;
		}
		p += len + (e ? 1 : 0);
	}
	return ok;
}

/* The case of `suite` with the smallest line number above `after` (the compiler emits a file's
 * descriptors in no promised order, so the runner sorts them into source order). */
static const struct ktest_case *next_case(const char *suite, int after)
{
	const struct ktest_case *best = NULL;
	for (const struct ktest_case *c = _ktests_start; c < _ktests_end; c++) {
		if (strcmp(c->suite, suite) == 0 && c->line > after &&
		    (!best || c->line < best->line))
			best = c;
	}
	return best;
}

static bool run_suite(const char *sel, const char *suite, int index)
{
	int ncases = 0, failed = 0, i = 0;
	for (const struct ktest_case *c = _ktests_start; c < _ktests_end; c++)
		ncases += strcmp(c->suite, suite) == 0 && case_selected(sel, c);

	printk("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite, ncases);
	for (const struct ktest_case *c = next_case(suite, 0); c; c = next_case(suite, c->line)) {
		if (!case_selected(sel, c))
			continue;
		struct ktest t = { .tc = c };
		c->run(&t);
		i++;
		if (t.failures) {
			failed++;
			printk("    not ok %d %s\n", i, c->name);
		} else if (t.skip_reason) {
			printk("    ok %d %s # SKIP %s\n", i, c->name, t.skip_reason);
		} else {
			printk("    ok %d %s\n", i, c->name);
		}
	}
	printk("%s %d %s\n", failed ? "not ok" : "ok", index, suite);
	return failed == 0;
}

bool ktest_from_cmdline;

void ktest_main(const char *sel, bool from_cmdline)
{
	ktest_from_cmdline = from_cmdline;
	/* The tests run on one CPU, ktest.cpu=N (default the boot CPU), and so does every task
	 * they create (a new task inherits the pin): a test that reads this CPU's tracer ring,
	 * IST records or IRQ stack finds its own events there, at any -smp. The SMP tests unpin
	 * the tasks they spread over the CPUs. */
	u64 cpu = 0;
	cmdline_get_u64(boot_info.cmdline, "ktest.cpu", &cpu);
	int pin_err = sched_set_cpu(current_task(), cpu < MAX_CPUS ? (int)cpu : MAX_CPUS);
	ktest_first_line_counter = arch_counter();
	printk("KTAP version 1\n");
	if (pin_err) {
		printk("Bail out! ktest.cpu=%llu: no such CPU online\n", (unsigned long long)cpu);
		arch_exit(EXIT_FAIL);
	}
	if (cpu)
		printk("# ktest: running on cpu%u\n", arch_this_cpu()->id);
	if (!sel[0] || !selection_valid(sel)) {
		if (!sel[0])
			printk("# ktest: empty selection\n");
		list_suites();
		printk("Bail out! bad ktest= selection\n");
		arch_exit(EXIT_FAIL);
	}

	int nsuites = 0;
	for (const struct ktest_case *c = _ktests_start; c < _ktests_end; c++)
		nsuites += first_of_suite(c) && suite_selected(sel, c);
	printk("1..%d\n", nsuites);

	bool all_ok = true;
	int index = 0;
	for (const struct ktest_case *c = _ktests_start; c < _ktests_end; c++) {
		if (first_of_suite(c) && suite_selected(sel, c))
			all_ok &= run_suite(sel, c->suite, ++index);
	}
	printk("# ktest: %s\n", all_ok ? "all passed" : "FAILURES");
	arch_exit(all_ok ? EXIT_PASS : EXIT_FAIL);
}
