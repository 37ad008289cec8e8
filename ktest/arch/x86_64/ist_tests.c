// SPDX-License-Identifier: MIT
/*
 * x86_64 IST tests (docs/design.md, claims 6 and 12): the #DB, NMI, #MC and #DF handlers run on
 * their own IST stacks, and a debug event nested in another is moved off the stack top the first
 * one is using. ktest=ist      #DB by the trap flag; #BP nested inside the #DB handler
 *   ktest=ist_nmi  waits for an NMI the harness injects through the QEMU monitor ("nmi")
 *   ktest=ist_mc   waits for a machine check the harness injects ("mce ...")
 *   ktest=ist_df   overflows a stack into its guard page: the double fault must be reported from
 *                  the ist-df stack, then the kernel panics (a #DF cannot be returned from)
 */
#include <arch.h>
#include <cpu.h>
#include <kcrash.h>
#include <ktest.h>
#include <mm.h>
#include <printk.h>
#include <smp.h>
#include <sstrace.h>
#include <stack.h>
#include <time.h>
#include <vmap.h>
#include <asm/traps.h>
#include <asm/x86.h>

static uintptr_t outer_sp, inner_sp;
static unsigned int inner_depth;

static void single_step_hook(struct pt_regs *regs)
{
	(void)regs;
	int here;
	outer_sp = (uintptr_t)&here;
}

/*
 * The stack-switch tracer saw the event go to its IST stack and come back: among this CPU's
 * events since `from`, a switch from some stack to the IST stack, and later one from the IST
 * stack back to that same stack, both with the event's reason. Which stack it interrupted
 * depends on when the event came: usually the task stack the test waits on, but an injected NMI
 * or machine check may also land in the middle of a timer interrupt, on the IRQ stack.
 */
static void expect_ist_switches(struct ktest *t, u64 from, unsigned int ist, unsigned int reason)
{
	if (!STACK_SWITCH_TRACING)
		return;
	unsigned int cpu = arch_this_cpu()->id, interrupted = NR_STACK_KINDS;
	bool in = false, out = false;
	for (u64 i = from; i < stack_switch_head(cpu); i++) {
		struct stack_switch e;
		if (!stack_switch_get(cpu, i, &e) || e.reason != reason)
			continue;
		if (!in && e.to == ist) {
			in = true;
			interrupted = e.from;
		} else if (in && e.from == ist && e.to == interrupted) {
			out = true;
		}
	}
	ktest_log(t, "traced: %s -> %s (%s) %s, and back %s", stack_kind_name(interrupted),
		  stack_kind_name(ist), stack_switch_reason_name(reason), in ? "yes" : "no",
		  out ? "yes" : "no");
	KT_EXPECT(t, in && out);
	KT_EXPECT(t, interrupted < NR_STACK_KINDS);
}

/* Sets TF: the CPU raises #DB after the next instruction (a nop), and do_debug() clears it. */
static void single_step_one_instruction(void)
{
	__asm__ volatile("pushfq\n\t"
			 "orq %0, (%%rsp)\n\t"
			 "popfq\n\t"
			 "nop" ::"i"(X86_RFLAGS_TF)
			 : "memory");
}

KTEST(ist, debug_single_step)
{
	u64 from = stack_switch_head(arch_this_cpu()->id);
	unsigned long before = ist_seen[IST_DB].count;
	debug_hook = single_step_hook;
	single_step_one_instruction();
	debug_hook = NULL;
	KT_EXPECT_EQ(t, ist_seen[IST_DB].count, before + 1);
	KT_EXPECT_EQ(t, ist_seen[IST_DB].stack_kind, STACK_IST_DB);
	KT_EXPECT_EQ(t, ist_seen[IST_DB].depth, 1);
	const struct stack_info *s = stack_of(outer_sp);
	KT_EXPECT(t, s && s->kind == STACK_IST_DB);
	expect_ist_switches(t, from, STACK_IST_DB, SWITCH_DEBUG);
}

static void nested_hook(struct pt_regs *regs)
{
	(void)regs;
	int here;
	outer_sp = (uintptr_t)&here;
	/* A breakpoint inside the #DB handler: the same IST slot (ist-db) again. */
	__asm__ volatile("int3");
	inner_sp = ist_seen[IST_DB].rip; /* set below by the #BP's record */
	inner_depth = ist_seen[IST_DB].depth;
}

KTEST(ist, breakpoint_nested_in_debug)
{
	u64 from = stack_switch_head(arch_this_cpu()->id);
	unsigned long before = ist_seen[IST_DB].count;
	debug_hook = nested_hook;
	single_step_one_instruction();
	debug_hook = NULL;
	/* Two debug events, the second one level deeper, both handled on ist-db, and the first
	 * one's frame survived (we are back here). Without the IST shift in do_debug() the #BP's
	 * frame would have been pushed over the #DB's and its iretq would have gone astray. */
	KT_EXPECT_EQ(t, ist_seen[IST_DB].count, before + 2);
	KT_EXPECT_EQ(t, inner_depth, 2);
	KT_EXPECT_EQ(t, ist_seen[IST_DB].stack_kind, STACK_IST_DB);
	KT_EXPECT_EQ(t, arch_this_cpu()->arch.ist_depth[IST_DB], 0);
	/* The trace shows the nesting: into ist-db, from ist-db to (the lower half of) ist-db
	 * for the #BP, back, and out. */
	if (STACK_SWITCH_TRACING) {
		char chain[128], want[128];
		int here;
		const char *k = stack_kind_name(stack_kind_at((uintptr_t)&here));
		snprintf(want, sizeof(want), "%s -> ist-db -> ist-db -> ist-db -> %s", k, k);
		stack_switch_sequence(from, stack_switch_head(arch_this_cpu()->id), SWITCH_DEBUG,
				      chain, sizeof(chain));
		ktest_log(t, "traced: %s", chain);
		KT_EXPECT_STREQ(t, chain, want);
	}
}

/* Waits up to 10 s for the IST handler n to run; the harness injects the event. */
static void wait_for_ist(struct ktest *t, unsigned int n, const char *what)
{
	unsigned long before = ist_seen[n].count;
	printk("# ktest: waiting for %s\n", what);
	u64 end = clock_ns() + 10 * NSEC_PER_SEC;
	while (ist_seen[n].count == before && clock_ns() < end)
		arch_wait_for_interrupt();
	KT_ASSERT(t, ist_seen[n].count == before + 1);
	ktest_log(t, "%s handled on the %s stack", what,
		  ist_seen[n].stack_kind >= 0 ? stack_kind_name(ist_seen[n].stack_kind)
					      : "unknown");
}

KTEST_MANUAL(ist_nmi, nmi_on_ist_stack)
{
	u64 from = stack_switch_head(arch_this_cpu()->id);
	wait_for_ist(t, IST_NMI, "an NMI");
	KT_EXPECT_EQ(t, ist_seen[IST_NMI].stack_kind, STACK_IST_NMI);
	KT_EXPECT_EQ(t, arch_this_cpu()->arch.ist_depth[IST_NMI], 0);
	expect_ist_switches(t, from, STACK_IST_NMI, SWITCH_NMI);
}

/* ktest=ist_nmi_all at -smp 4: the QEMU monitor's "nmi" goes to every CPU, and each takes it on
 * its own ist-nmi stack (its own TSS's IST slot), traced on its own ring. */
KTEST_MANUAL(ist_nmi_all, nmi_on_every_cpu_on_its_own_stack)
{
	unsigned int online = smp_cpus_online();
	unsigned long before[MAX_CPUS];
	u64 from[MAX_CPUS];
	for (unsigned int i = 0; i < online; i++) {
		before[i] = READ_ONCE(ist_seen_on(i)[IST_NMI].count);
		from[i] = stack_switch_head(i);
	}
	printk("# ktest: waiting for an NMI on every CPU\n");
	u64 end = clock_ns() + 10 * NSEC_PER_SEC;
	unsigned int got = 0;
	while (got < online && clock_ns() < end) {
		got = 0;
		for (unsigned int i = 0; i < online; i++)
			got += READ_ONCE(ist_seen_on(i)[IST_NMI].count) != before[i];
		arch_cpu_relax();
	}
	KT_EXPECT_EQ(t, got, online);
	for (unsigned int i = 0; i < online; i++) {
		const struct ist_record *r = &ist_seen_on(i)[IST_NMI];
		uintptr_t lo = cpus[i].arch.ist_base[IST_NMI], hi = lo + 8 * 1024;
		KT_EXPECT_EQ(t, r->count, before[i] + 1);
		KT_EXPECT_EQ(t, r->stack_kind, STACK_IST_NMI);
		unsigned int traced = 0;
		struct stack_switch e;
		for (u64 k = from[i]; STACK_SWITCH_TRACING && k < stack_switch_head(i); k++) {
			if (stack_switch_get(i, k, &e) && e.reason == SWITCH_NMI &&
			    e.to == STACK_IST_NMI && e.sp >= lo && e.sp < hi)
				traced++;
		}
		ktest_log(t, "cpu%u: NMI on the %s stack %#lx-%#lx, %u switch(es) to it traced", i,
			  stack_kind_name(r->stack_kind), lo, hi, traced);
		if (STACK_SWITCH_TRACING)
			KT_EXPECT_EQ(t, traced, 1u);
		for (unsigned int j = 0; j < i; j++)
			KT_EXPECT(t, cpus[j].arch.ist_base[IST_NMI] != lo);
	}
}

KTEST_MANUAL(ist_mc, machine_check_on_ist_stack)
{
	u64 from = stack_switch_head(arch_this_cpu()->id);
	wait_for_ist(t, IST_MC, "a machine check");
	KT_EXPECT_EQ(t, ist_seen[IST_MC].stack_kind, STACK_IST_MC);
	expect_ist_switches(t, from, STACK_IST_MC, SWITCH_MACHINE_CHECK);
}

unsigned long call_on_stack(void *stack_top, unsigned long (*fn)(unsigned long), unsigned long arg);

KTEST_MANUAL(ist_df, stack_overflow_double_fault)
{
	/* A 16 KiB stack with a guard page below, like every task stack will have. */
	void *s = vmap_alloc(THREAD_SIZE, PAGE_SIZE, THREAD_SIZE);
	KT_ASSERT(t, s != NULL);
	stack_register(STACK_TASK, 0, NULL, (uintptr_t)s, THREAD_SIZE, PAGE_SIZE);
	printk("# ktest: recursing on the stack at %p until it runs into its guard page\n", s);
	call_on_stack((char *)s + THREAD_SIZE, kcrash_recurse, 0);
	ktest_fail(t, __FILE__, __LINE__, "the recursion returned: no overflow was caught");
}

/*
 * ktest=overflow_entry, overflow_ist_nmi, overflow_ist_db, overflow_ist_mc (manual: each ends in
 * a panic on purpose). Code that runs off the bottom of the ENTRY stack or of an IST stack: here
 * the test itself moves onto the stack (as a handler would be) and recurses. The push that
 * reaches the unmapped page below cannot be delivered as a page fault on that same stack, so
 * the CPU raises #DF on the ist-df stack, which reports the stack that overflowed by name. None
 * of these stacks belongs to a task that could be killed instead, so the kernel then panics.
 * (The ist-df stack itself is left out: a fault while #DF runs off its own stack restarts #DF at
 * the top of that same stack, so there is no other stack left to report from.)
 */
static void overflow_on(struct ktest *t, uintptr_t base)
{
	const struct stack_info *s = stack_of(base);
	KT_ASSERT(t, s && s->base == base);
	size_t size = s->size;
	printk("# ktest: recursing on the %s stack [%#lx-%#lx) until it runs off the end\n",
	       stack_kind_name(s->kind), base, base + size);
	call_on_stack((void *)(base + size), kcrash_recurse, 0);
	ktest_fail(t, __FILE__, __LINE__, "the recursion returned: no overflow was caught");
}

KTEST_MANUAL(overflow_entry, entry_stack_overflow)
{
	overflow_on(t, arch_this_cpu()->arch.entry_stack);
}

KTEST_MANUAL(overflow_ist_nmi, nmi_stack_overflow)
{
	overflow_on(t, arch_this_cpu()->arch.ist_base[IST_NMI]);
}

KTEST_MANUAL(overflow_ist_db, debug_stack_overflow)
{
	overflow_on(t, arch_this_cpu()->arch.ist_base[IST_DB]);
}

KTEST_MANUAL(overflow_ist_mc, machine_check_stack_overflow)
{
	overflow_on(t, arch_this_cpu()->arch.ist_base[IST_MC]);
}
