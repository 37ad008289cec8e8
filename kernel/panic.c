// SPDX-License-Identifier: MIT
/*
 * panic() and the frame-pointer unwinder. Every kernel object is built with frame pointers, so
 * each function's frame begins with a record {caller's frame pointer, return address}; where
 * that record sits relative to the frame pointer is the arch's (asm/stacktrace.h:
 * FRAME_NEXT_FP_OFFSET, FRAME_RETADDR_OFFSET; docs/design.md compares the three).
 */
#include <arch.h>
#include <cpu.h>
#include <panic.h>
#include <printk.h>
#include <smp.h>
#include <stack.h>
#include <sstrace.h>
#include <task.h>

extern bool printk_bypass_lock;
static int panic_depth;

/* The kernel stack addr lies on, or NULL: the walk never follows a frame pointer into user
 * memory (a user frame pointer left in a register is the program's, not a kernel frame). */
static const struct stack_info *kstack_of(uintptr_t addr)
{
	const struct stack_info *s = stack_of(addr);
	return s && s->kind != STACK_USER ? s : NULL;
}

int backtrace_collect(uintptr_t fp, uintptr_t *pcs, int max)
{
	int n = 0;
	while (n < max && fp && IS_ALIGNED(fp, sizeof(uintptr_t))) {
		uintptr_t rec_lo = fp + FRAME_NEXT_FP_OFFSET, rec_ra = fp + FRAME_RETADDR_OFFSET;
		/* Only follow frame records that lie on a stack we know about. */
		const struct stack_info *s = kstack_of(rec_lo);
		if (!s || kstack_of(rec_ra) != s)
			break;
		uintptr_t ra = *(const uintptr_t *)rec_ra;
		uintptr_t next = *(const uintptr_t *)rec_lo;
		if (!ra)
			break;
		pcs[n++] = ra;
		/* Stacks grow down, so on one stack the callers' frames are at higher addresses; a
		 * record that leads to another stack (an interrupt entry's, from the IRQ stack back
		 * to the task stack) is followed as it is, and max bounds the walk. */
		if (kstack_of(next) == s && next <= fp)
			break;
		fp = next;
	}
	return n;
}

static void print_pc(uintptr_t pc, bool is_return_address)
{
	uintptr_t off;
	/* A return address points after the call; look up the call itself (pc - 1) so a call
	 * that ends a function is not attributed to the next one. */
	const char *name = ksym_lookup(is_return_address ? pc - 1 : pc, &off);
	if (name)
		printk("  [<%016lx>] %s+%#lx\n", pc, name, is_return_address ? off + 1 : off);
	else
		printk("  [<%016lx>] ?\n", pc);
}

int backtrace_walk(uintptr_t pc, uintptr_t fp, struct bt_frame *out, int max)
{
	uintptr_t pcs[BACKTRACE_MAX], fps[BACKTRACE_MAX + 1];
	if (max <= 0)
		return 0;
	if (max > BACKTRACE_MAX)
		max = BACKTRACE_MAX;
	/* The same walk as backtrace_collect(), keeping each caller's frame pointer: a return
	 * address belongs to the stack its caller's frame is on. That is how the record an
	 * interrupt entry pushes on the IRQ stack, {interrupted fp, interrupted pc}, hands the
	 * interrupted code back to the stack it was running on. */
	fps[0] = fp;
	int n = 0;
	while (n < max - 1 && fp && IS_ALIGNED(fp, sizeof(uintptr_t))) {
		uintptr_t rec_lo = fp + FRAME_NEXT_FP_OFFSET, rec_ra = fp + FRAME_RETADDR_OFFSET;
		const struct stack_info *s = kstack_of(rec_lo);
		if (!s || kstack_of(rec_ra) != s)
			break;
		uintptr_t ra = *(const uintptr_t *)rec_ra, next = *(const uintptr_t *)rec_lo;
		if (!ra)
			break;
		if (FRAME_LEAF_SAVES_FP_ONLY && kstack_of(ra)) {
			/* A leaf's record (asm/stacktrace.h): it holds only the caller's frame
			 * pointer, in the return-address slot; the caller's code address is lost.
			 */
			if (ra <= fp && kstack_of(ra) == s)
				break;
			fp = ra;
			continue;
		}
		pcs[n] = ra;
		fps[++n] = next;
		if (kstack_of(next) == s && next <= fp)
			break;
		fp = next;
	}
	const struct stack_info *s0 = kstack_of(fps[0]);
	out[0] = (struct bt_frame){ pc, false, s0 ? (int)s0->kind : -1, s0 ? s0->task : NULL };
	for (int i = 0; i < n; i++) {
		const struct stack_info *s = kstack_of(fps[i + 1]);
		if (!s)
			s = kstack_of(fps[i]);
		out[i + 1] = (struct bt_frame){ pcs[i], true, s ? (int)s->kind : -1,
						s ? s->task : NULL };
	}
	return n + 1;
}

/* The marker Linux prints around the frames of a special stack, e.g. "IRQ" for <IRQ>. */
static const char *stack_marker(int kind)
{
	switch (kind) {
	case STACK_IRQ:
		return "IRQ";
	case STACK_IST_NMI:
		return "NMI";
	case STACK_IST_DF:
		return "#DF";
	case STACK_IST_DB:
		return "#DB";
	case STACK_IST_MC:
		return "#MC";
	case STACK_ENTRY:
		return "ENTRY";
	case STACK_OVERFLOW:
		return "OVERFLOW";
	default:
		return NULL;
	}
}

void backtrace_print(uintptr_t pc, uintptr_t fp)
{
	struct bt_frame f[BACKTRACE_MAX];
	int n = backtrace_walk(pc, fp, f, BACKTRACE_MAX);
	int open = -2; /* the stack of the frames printed last */
	printk("Call trace:\n");
	for (int i = 0; i < n; i++) {
		if (f[i].stack_kind != open) {
			/* Crossing to another stack: close the special one we leave, name the one
			 * we enter (a task stack by the task's name). */
			if (open >= 0 && stack_marker(open))
				printk(" </%s>\n", stack_marker(open));
			if (stack_marker(f[i].stack_kind))
				printk(" <%s>\n", stack_marker(f[i].stack_kind));
			else if (f[i].task)
				printk(" <task %d %s>\n", f[i].task->id, f[i].task->name);
			open = f[i].stack_kind;
		}
		print_pc(f[i].pc, f[i].is_return_address);
	}
	if (open >= 0 && stack_marker(open))
		printk(" </%s>\n", stack_marker(open));
}

void dump_stack(void)
{
	struct pt_regs regs;
	arch_capture_regs(&regs);
	backtrace_print(instruction_pointer(&regs), frame_pointer(&regs));
}

/* The body of every report: where, on which stack, the registers, the backtrace, and how the
 * CPU got onto that stack: the last stack switches it made (include/sstrace.h). */
static void report(const struct pt_regs *regs)
{
	const struct stack_info *s = stack_of(stack_pointer(regs));
	printk("CPU: %u  task: %s  stack: %s  irq depth: %u\n",
	       arch_this_cpu() ? arch_this_cpu()->id : 0,
	       arch_current() ? arch_current()->name : "?",
	       s ? stack_kind_name(s->kind) : "unknown",
	       arch_this_cpu() ? arch_this_cpu()->irq_depth : 0);
	arch_dump_regs(regs);
	backtrace_print(instruction_pointer(regs), frame_pointer(regs));
	stack_switch_print_recent(4);
}

void oops_print(const struct pt_regs *regs, const char *msg)
{
	printk("Oops: %s\n", msg);
	report(regs);
	printk("---[ end trace ]---\n");
}

/* The CPU that panics first (-1: none yet). */
static int panic_cpu = -1;

static __noreturn void vpanic(const struct pt_regs *regs, const char *fmt, va_list ap)
{
	arch_irq_save();
	/* One CPU reports: a second one panicking meanwhile stops where it is (Linux:
	 * panic_smp_self_stop()), and says so when the first one stops it. */
	int me = (int)arch_this_cpu()->id, first = -1;
	if (!__atomic_compare_exchange_n(&panic_cpu, &first, me, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE) &&
	    first != me) {
		__atomic_store_n(&arch_this_cpu()->stopped, true, __ATOMIC_RELEASE);
		for (;;)
			arch_wait_for_interrupt();
	}
	if (panic_depth++) {
		/* A panic while panicking: print what we can and leave. */
		printk_bypass_lock = true;
		printk("\nKernel panic while panicking: ");
		vprintk(fmt, ap);
		printk("\n");
		arch_exit(EXIT_PANIC);
	}
	printk_bypass_lock = true;
	printk("\nKernel panic - not syncing: ");
	vprintk(fmt, ap);
	printk("\n");
	report(regs);
	/* The other CPUs stop, each saying where it was (kernel/smp.c). */
	smp_stop_others();
	printk("---[ end Kernel panic ]---\n");
	arch_exit(EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
	struct pt_regs regs;
	arch_capture_regs(&regs);
	va_list ap;
	va_start(ap, fmt);
	vpanic(&regs, fmt, ap);
}

void panic_regs(const struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vpanic(regs, fmt, ap);
}

void lab_missing(const char *what)
{
	panic("%s is not written yet: this is the part the lab asks you to write", what);
}
