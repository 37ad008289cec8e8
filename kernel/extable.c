// SPDX-License-Identifier: MIT
/* Exception fixups and oopses: see include/extable.h. */
#include <arch.h>
#include <cpu.h>
#include <extable.h>
#include <sched.h>
#include <task.h>
#include <panic.h>
#include <printk.h>
#include <stack.h>
#include <string.h>
#include <uapi/syscall.h>

extern const struct extable_entry _extable_start[], _extable_end[];

struct oops_record last_oops;

const char *oops_kind_name(enum oops_kind kind)
{
	static const char *const names[NR_OOPS_KINDS] = {
		[OOPS_OTHER] = "other",		  [OOPS_ILLEGAL] = "illegal instruction",
		[OOPS_PAGE_FAULT] = "page fault", [OOPS_ALIGNMENT] = "alignment",
		[OOPS_DIVIDE] = "divide error",	  [OOPS_BREAKPOINT] = "breakpoint",
	};
	return (unsigned int)kind < NR_OOPS_KINDS ? names[kind] : "?";
}

const struct extable_entry *search_extable(uintptr_t pc)
{
	for (const struct extable_entry *e = _extable_start; e < _extable_end; e++) {
		if (e->insn == pc)
			return e;
	}
	return NULL;
}

/* Can the current task be killed instead of the whole kernel? An ordinary kernel thread, not in
 * an interrupt handler: yes. The idle task, or anything before the scheduler runs: no. */
static bool killable(void)
{
	struct cpu *c = arch_this_cpu();
	return c->sched_running && c->current != c->idle && c->irq_depth == 0;
}

void oops_kill(struct pt_regs *regs, const char *msg)
{
	if (!killable())
		panic_regs(regs, "Fatal exception: %s", msg);
	struct task *t = current_task();
	oops_print(regs, msg);
	printk("Killing task %d (%s): oops in kernel mode\n", t->id, t->name);
	/* Whatever preemption-off section it was in dies with it. */
	arch_this_cpu()->preempt_count = 0;
	/* Through the one exit path every task takes (task_exit() -> exit_notify()): a parent
	 * waiting for this task wakes up, its children go to the reaper. A process's parent sees
	 * the kill cause KILL_OOPS; a kernel thread's joiner the code TASK_EXIT_OOPS. */
	task_exit(t->mm ? KILL_OOPS : TASK_EXIT_OOPS);
}

void handle_stack_overflow(struct pt_regs *regs, uintptr_t sp)
{
	const struct stack_info *s = stack_guard_of(sp);
	char msg[256];
	/* On an arch with an overflow stack (ARCH_HAS_OVERFLOW_STACK) the entry code moved to it
	 * without recording it (it had no register to spare): record the switch here. Where the
	 * CPU moves to a stack of its own (a double fault), the arch recorded that switch. */
	if (stack_kind_at((uintptr_t)&msg) == STACK_OVERFLOW)
		stack_switch_record(s ? (unsigned int)s->kind : NR_STACK_KINDS, STACK_OVERFLOW,
				    SWITCH_OVERFLOW, (uintptr_t)&msg);
	/* LAB 5: BEGIN */
	struct task *t = current_task();
	if (s)
		snprintf(msg, sizeof(msg),
			 "kernel stack overflow in task %d (%s): SP %#lx is in the guard page "
			 "%#lx-%#lx below its %s stack %#lx-%#lx",
			 t->id, t->name, sp, s->base - s->guard, s->base, stack_kind_name(s->kind),
			 s->base, s->base + s->size);
	else
		snprintf(msg, sizeof(msg),
			 "kernel stack overflow in task %d (%s): SP %#lx is on no known stack",
			 t->id, t->name, sp);
	/* Only a task's own stack overflowing lets us kill the task and go on. */
	if (!s || s->kind != STACK_TASK || s->task != t)
		panic_regs(regs, "%s", msg);
	oops_kill(regs, msg);
	/* LAB 5: ELSE
	(void)regs;
	lab_missing("lab 5: handle_stack_overflow(), the report and the kill (kernel/extable.c)");
	LAB 5: END */
}

void die(struct pt_regs *regs, enum oops_kind kind, uintptr_t addr, uintptr_t resume_pc,
	 const char *fmt, ...)
{
	const struct extable_entry *e = search_extable(instruction_pointer(regs));
	if (e && e->flags == EXTABLE_SILENT) {
		instruction_pointer_set(regs, e->fixup);
		return;
	}

	char msg[sizeof(last_oops.msg)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (!e && !resume_pc)
		oops_kill(regs, msg);

	const struct stack_info *s = stack_of(stack_pointer(regs));
	oops_print(regs, msg);
	last_oops.kind = kind;
	last_oops.pc = instruction_pointer(regs);
	last_oops.addr = addr;
	last_oops.stack_kind = s ? (int)s->kind : -1;
	strlcpy(last_oops.msg, msg, sizeof(last_oops.msg));
	last_oops.count++;
	instruction_pointer_set(regs, resume_pc ? resume_pc : e->fixup);
}
