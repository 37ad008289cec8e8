/* SPDX-License-Identifier: MIT */
/*
 * sstrace, the stack-switch tracer (kernel/sstrace.c; not the code that switches stacks, which
 * is arch/<arch>/entry.S and switch.S, but what watches it): every time the entry, exit or
 * context-switch code moves SP from one stack to another, it writes one event, {from kind, to kind,
 * reason, SP}, into a ring buffer of its CPU. The recording is done by the TRACE_* macros of
 * arch/<arch>/include/asm/sstrace.h, placed at the tagged steps of arch/<arch>/entry.S and
 * switch.S (docs/stacks.md has the table); the few switches that only C code can see are
 * recorded with stack_switch_record(). Reading is done here, in C.
 *
 * Built in when the meson option stack_switch_trace is true (the default). When it is false the
 * TRACE_* macros are empty and the entry code is exactly what it is without them
 * (tests/host/check_trace_off.py proves it by assembling both and comparing).
 *
 * Linux has no such tracer for stack switches: its nearest relatives are the irq and syscall
 * tracepoints (trace_irq_handler_entry, sys_enter), which log the event but not the stack.
 */
#ifndef TRISTACK_SSTRACE_H
#define TRISTACK_SSTRACE_H

/* Events each CPU keeps (a power of two: the assembly masks the sequence number with it). */
#define STACK_SWITCH_RING 256

/*
 * Why a switch happened. Plain numbers, not an enum: the assembly uses them (asm-offsets.h
 * re-exports them as SW_* for the .S files, along with the stack kinds as SK_*).
 */
#define SWITCH_SYSCALL	     0 /* a system call, and its return */
#define SWITCH_IRQ	     1 /* an interrupt, and its return */
#define SWITCH_EXCEPTION     2 /* a fault or trap (page fault, undefined instruction, ...) */
#define SWITCH_NMI	     3 /* x86_64: a non-maskable interrupt (ist-nmi) */
#define SWITCH_DEBUG	     4 /* x86_64: #DB or #BP (ist-db) */
#define SWITCH_DOUBLE_FAULT  5 /* x86_64: #DF (ist-df) */
#define SWITCH_MACHINE_CHECK 6 /* x86_64: #MC (ist-mc) */
#define SWITCH_CONTEXT	     7 /* a context switch, task to task (arch_switch_to): "switch" */
#define SWITCH_START	     8 /* a new program's first entry to user mode (arch_ret_to_user) */
#define SWITCH_OVERFLOW	     9 /* arm64, riscv64: a kernel stack overflowed, to the overflow stack */
#define NR_SWITCH_REASONS    10

/* log2 of the size of an event (the assembly shifts by it; checked below). */
#define STACK_SWITCH_EVENT_SHIFT 4

/* The 8-byte header word of an event, as the assembly builds it. */
#define STACK_SWITCH_HDR(from, to, reason) ((from) | ((to) << 8) | ((reason) << 16))

#ifndef __ASSEMBLER__
#include <stack.h>
#include <types.h>

/* One event: 16 bytes, so recording one is two stores after the slot is taken. */
struct stack_switch {
	u8 from;   /* enum stack_kind the CPU left (NR_STACK_KINDS: not a known stack) */
	u8 to;	   /* enum stack_kind it moved to */
	u8 reason; /* SWITCH_* */
	u8 pad[5]; /* always 0: the assembly stores the header as one 8-byte word */
	u64 sp;	   /* an SP on the stack it moved to: the first one there, or (to user mode)
		    * the user SP being restored */
};

_Static_assert(sizeof(struct stack_switch) == 1 << STACK_SWITCH_EVENT_SHIFT,
	       "the assembly computes an event's offset with STACK_SWITCH_EVENT_SHIFT");

/* The per-CPU part, in struct cpu. The head counts every event ever recorded on the CPU; event
 * number n is in ring[n % STACK_SWITCH_RING] until n + STACK_SWITCH_RING is recorded. */
struct stack_switch_log {
	u64 head;
	struct stack_switch ring[STACK_SWITCH_RING];
};

/* True when the tracer is built in (meson option stack_switch_trace). */
#define STACK_SWITCH_TRACING (CONFIG_STACK_SWITCH_TRACE != 0)

/* Records a switch from C, for the ones the entry code cannot classify by itself (x86_64: which
 * stack an NMI or #MC interrupted; an overflow). Safe in any context, NMI included: the slot is
 * taken with one atomic add on the CPU's head. Does nothing when the tracer is off. */
void stack_switch_record(unsigned int from, unsigned int to, unsigned int reason, uintptr_t sp);

/* The number of the next event this CPU will record (events [0, head) exist, the last
 * STACK_SWITCH_RING of them still in the ring). */
u64 stack_switch_head(unsigned int cpu);
/* Copies event number n of that CPU to *e; false if it is not recorded yet or already
 * overwritten. */
bool stack_switch_get(unsigned int cpu, u64 n, struct stack_switch *e);

/* "syscall", "irq", "exception", "nmi", "debug", "double-fault", "machine-check", "switch",
 * "start", "overflow" */
const char *stack_switch_reason_name(unsigned int reason);

/* Writes this CPU's events [from, to), only those with this reason if reason >= 0, in the
 * notation of docs/stacks.md's table ("task -> irq -> task"), or "none", into out. An event already
 * overwritten gives "(event N lost)". */
void stack_switch_sequence(u64 from, u64 to, int reason, char *out, size_t size);
/* The kind of the stack addr is on, or whose guard it is in (an overflowed SP), or
 * NR_STACK_KINDS (which stack_kind_name() prints as "?"). */
unsigned int stack_kind_at(uintptr_t addr);

/* Takes one of the kernel-mode paths of docs/stacks.md (PATH_*_FROM_KERNEL in
 * uapi/syscall.h) right here, for the tests and /bin/stacktrace: 0, -EINVAL for an unknown
 * path, -ETIMEDOUT when no timer interrupt came within a second. */
int stack_switch_run_path(unsigned int path);

/* Prints the last n events of this CPU, oldest first, one per line with the given prefix (the
 * oops and panic reports show how the CPU got to the stack it died on). */
void stack_switch_print_recent(unsigned int n);

#endif /* __ASSEMBLER__ */
#endif
