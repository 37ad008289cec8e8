/* SPDX-License-Identifier: MIT */
/* The helpers of ktest=sched_policy (sched_policy_tests.c), shared with the graders' hidden
 * tests. */
#ifndef TRISTACK_KTEST_SCHED_POLICY_TESTS_H
#define TRISTACK_KTEST_SCHED_POLICY_TESTS_H

#include <ktest.h>

/* True under sched=stride; else marks t skipped and returns false. */
bool stride_policy_or_skip(struct ktest *t);

/* Runs n CPU-bound threads with these tickets for window_ms and expects each one's share of
 * the CPU to be its share of the tickets (within SHARE_TOLERANCE per mille). */
void check_shares(struct ktest *t, unsigned int n, const unsigned int *tickets, u64 window_ms);

#endif
