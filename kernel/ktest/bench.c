// SPDX-License-Identifier: MIT
/*
 * ktest=bench: measurements, not tests. tools/bench boots this under
 * -icount shift=0,sleep=off, where arch_counter() counts guest instructions, and reads the
 * "# bench <name> <value> <unit>" lines. Each case still passes or fails on sanity only.
 */
#include <arch.h>
#include <ktest.h>
#include <pmm.h>
#include <printk.h>

static void report(const char *name, u64 value, const char *unit)
{
	printk("    # bench %s %llu %s\n", name, (unsigned long long)value, unit);
}

KTEST_MANUAL(bench, boot_to_first_ktap)
{
	/* From machine reset (firmware included) to the first KTAP line. */
	report("boot_to_first_ktap", ktest_first_line_counter, "instructions");
	KT_EXPECT(t, ktest_first_line_counter > 0);
}

KTEST_MANUAL(bench, page_alloc_free)
{
	enum { N = 1000 };
	u64 t0 = arch_counter();
	for (int i = 0; i < N; i++)
		pmm_free_page(pmm_alloc_page());
	u64 t1 = arch_counter();
	report("page_alloc_free", (t1 - t0) / N, "instructions/pair");
	KT_EXPECT(t, t1 > t0);
}
