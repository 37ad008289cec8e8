// SPDX-License-Identifier: MIT
/*
 * LAB-INTERNAL: the graders' hidden tests (tools/grade, "hidden"), left out of every handout
 * by tools/mklab; ktest/meson.build builds this file only where it is. A student's solution
 * that was tuned to the visible tests' numbers meets other numbers here.
 */
#include <ktest.h>

#include "sched_policy_tests.h"

/* Lab 7: a 1:5 ratio of tickets, over another window than the visible tests use. */
KTEST(lab_hidden, stride_one_to_five)
{
	static const unsigned int tickets[] = { 50, 250 };
	if (stride_policy_or_skip(t))
		check_shares(t, 2, tickets, 700);
}
