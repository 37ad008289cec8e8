// SPDX-License-Identifier: MIT
/*
 * panic() and the frame-pointer unwinder. Every kernel object is built with frame pointers, so
 * each function's frame begins with a record {caller's frame pointer, return address}; where
 * that record sits relative to the frame pointer is the arch's (asm/stacktrace.h):
 *   x86_64  [rbp] = caller's rbp, [rbp+8] = return address
 *   arm64   [x29] = caller's x29, [x29+8] = return address (lr)
 *   riscv64 [s0-16] = caller's s0, [s0-8] = return address (ra)
 */
#include <arch.h>
#include <cpu.h>
#include <panic.h>
#include <printk.h>
#include <stack.h>
#include <task.h>

extern bool printk_bypass_lock;
static int panic_depth;

int backtrace_collect(uintptr_t fp, uintptr_t *pcs, int max)
{
	int n = 0;
	while (n < max && fp && IS_ALIGNED(fp, sizeof(uintptr_t))) {
		uintptr_t rec_lo = fp + FRAME_NEXT_FP_OFFSET, rec_ra = fp + FRAME_RETADDR_OFFSET;
		/* Only follow frame records that lie on a stack we know about. */
		const struct stack_info *s = stack_of(rec_lo);
		if (!s || stack_of(rec_ra) != s)
			break;
		uintptr_t ra = *(const uintptr_t *)rec_ra;
		uintptr_t next = *(const uintptr_t *)rec_lo;
		if (!ra)
			break;
		pcs[n++] = ra;
		/* Stacks grow down, so on one stack the callers' frames are at higher addresses; a
		 * record that leads to another stack (an interrupt entry's, from the IRQ stack back
		 * to the task stack) is followed as it is, and max bounds the walk. */
		if (stack_of(next) == s && next <= fp)
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

void backtrace_print(uintptr_t pc, uintptr_t fp)
{
	uintptr_t pcs[32];
	printk("Call trace:\n");
	print_pc(pc, false);
	int n = backtrace_collect(fp, pcs, ARRAY_SIZE(pcs));
	for (int i = 0; i < n; i++)
		print_pc(pcs[i], true);
}

void dump_stack(void)
{
	struct pt_regs regs;
	arch_capture_regs(&regs);
	backtrace_print(instruction_pointer(&regs), frame_pointer(&regs));
}

/* The body of every report: where, on which stack, the registers, the backtrace. */
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
}

void oops_print(const struct pt_regs *regs, const char *msg)
{
	printk("Oops: %s\n", msg);
	report(regs);
	printk("---[ end trace ]---\n");
}

static __noreturn void vpanic(const struct pt_regs *regs, const char *fmt, va_list ap)
{
	arch_irq_save();
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
