// SPDX-License-Identifier: MIT
/*
 * ktest=traps: a real exception of each kind, taken in kernel mode, must produce its oops with the
 * right cause and PC; the breakpoint resumes after it. arch_test_fault() raises each one with an
 * exception-table entry so that the kernel reports it and carries on.
 */
#include <arch.h>
#include <extable.h>
#include <ktest.h>
#include <panic.h>
#include <stack.h>
#include <string.h>

static void expect_oops(struct ktest *t, enum test_fault fault, enum oops_kind kind)
{
	unsigned long before = last_oops.count;
	if (!arch_test_fault(fault)) {
		ktest_skip(t, "this exception cannot happen in kernel mode on this arch");
		return;
	}
	KT_ASSERT(t, last_oops.count == before + 1);
	ktest_log(t, "oops: %s (kind %s, pc %#lx, address %#lx)", last_oops.msg,
		  oops_kind_name(last_oops.kind), last_oops.pc, last_oops.addr);
	KT_EXPECT_STREQ(t, oops_kind_name(last_oops.kind), oops_kind_name(kind));
	KT_EXPECT_STREQ(t, ksym_lookup(last_oops.pc, NULL), "arch_test_fault");
	/* It happened on the stack this test runs on. */
	int here;
	const struct stack_info *s = stack_of((uintptr_t)&here);
	KT_EXPECT(t, s && last_oops.stack_kind == (int)s->kind);
}

KTEST(traps, illegal_instruction)
{
	expect_oops(t, TEST_FAULT_ILLEGAL, OOPS_ILLEGAL);
}

KTEST(traps, page_fault_unmapped_read)
{
	expect_oops(t, TEST_FAULT_READ_UNMAPPED, OOPS_PAGE_FAULT);
}

KTEST(traps, page_fault_rodata_write)
{
	expect_oops(t, TEST_FAULT_WRITE_RODATA, OOPS_PAGE_FAULT);
}

KTEST(traps, alignment)
{
	expect_oops(t, TEST_FAULT_ALIGNMENT, OOPS_ALIGNMENT);
}

KTEST(traps, divide_error)
{
	expect_oops(t, TEST_FAULT_DIVIDE, OOPS_DIVIDE);
}

KTEST(traps, breakpoint_resumes)
{
	expect_oops(t, TEST_FAULT_BREAKPOINT, OOPS_BREAKPOINT);
}
