// SPDX-License-Identifier: MIT
/*
 * The system-call table (include/uapi/syscall.h has the numbers and what each call does). Every
 * pointer from user mode goes through copy_from_user()/copy_to_user() (kernel/uaccess.c).
 */
#include <arch.h>
#include <console.h>
#include <irq.h>
#include <kcrash.h>
#include <cpu.h>
#include <mm.h>
#include <process.h>
#include <printk.h>
#include <sched.h>
#include <stack.h>
#include <string.h>
#include <syscall.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>
#include <uvm.h>
#include <wait.h>

typedef long (*syscall_fn)(unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
			   unsigned long a4, unsigned long a5);

#define SYSCALL_ARGS                                                                               \
	unsigned long a0 __unused, unsigned long a1 __unused, unsigned long a2 __unused,           \
		unsigned long a3 __unused, unsigned long a4 __unused, unsigned long a5 __unused
#define DEFINE_SYSCALL(name) static long sys_##name(SYSCALL_ARGS)

DEFINE_SYSCALL(exit)
{
	process_exit((int)((a0 & 0xff) << 8));
}

DEFINE_SYSCALL(getpid)
{
	return current_task()->id;
}

DEFINE_SYSCALL(yield)
{
	yield();
	return 0;
}

DEFINE_SYSCALL(spawn)
{
	char path[128];
	char strings[SPAWN_ARGV_MAX];
	char *argv[SPAWN_ARGC_MAX];
	long n = strncpy_from_user(path, (const char *)a0, sizeof(path));
	if (n < 0)
		return n;
	int argc = 0;
	size_t used = 0;
	if (!a1) {
		strlcpy(strings, path, sizeof(strings));
		argv[argc++] = strings;
	} else {
		for (;; argc++) {
			u64 up;
			if (copy_from_user(&up, (const void *)(a1 + (unsigned long)argc * 8), 8))
				return -EFAULT;
			if (!up)
				break;
			if (argc == SPAWN_ARGC_MAX || used >= sizeof(strings))
				return -E2BIG;
			long len = strncpy_from_user(strings + used, (const char *)up,
						     sizeof(strings) - used);
			if (len < 0)
				return len;
			argv[argc] = strings + used;
			used += (size_t)len + 1;
		}
		if (argc == 0)
			return -EINVAL;
	}
	return process_spawn(current_task(), path, argc, argv);
}

DEFINE_SYSCALL(wait)
{
	int status;
	if (a2 & ~(unsigned long)WNOHANG)
		return -EINVAL;
	int pid = process_wait(current_task(), (int)a0, &status, a2 & WNOHANG);
	if (pid > 0 && a1 && copy_to_user((void *)a1, &status, sizeof(status)))
		return -EFAULT;
	return pid;
}

DEFINE_SYSCALL(kill)
{
	return process_kill((int)a0);
}

DEFINE_SYSCALL(write)
{
	if (a0 != 1 && a0 != 2)
		return -EBADF;
	char buf[256];
	size_t done = 0, len = a2;
	if (!user_range_ok(a1, len))
		return -EFAULT;
	while (done < len) {
		size_t n = MIN(sizeof(buf), len - done);
		if (copy_from_user(buf, (const void *)(a1 + done), n))
			return done ? (long)done : -EFAULT;
		console_write(buf, n);
		done += n;
	}
	return (long)done;
}

static bool input_ready(void *arg)
{
	(void)arg;
	return console_rx_available() || current_task()->killed;
}

DEFINE_SYSCALL(read)
{
	if (a0 != 0)
		return -EBADF;
	if (!user_range_ok(a1, a2))
		return -EFAULT;
	if (a2 == 0)
		return 0;
	/* A buffer that is not writable user memory fails now, not after the wait for a key:
	 * write each end's byte back to itself (the pages in between are checked by the copy). */
	char probe;
	uintptr_t last = a1 + MIN(a2, 256) - 1;
	if (copy_from_user(&probe, (void *)a1, 1) || copy_to_user((void *)a1, &probe, 1) ||
	    copy_from_user(&probe, (void *)last, 1) || copy_to_user((void *)last, &probe, 1))
		return -EFAULT;
	wait_event(&console_rx_wq, input_ready, NULL);
	if (current_task()->killed)
		return -EINTR;
	char buf[256];
	size_t n = 0, len = MIN(a2, sizeof(buf));
	int c;
	/* What is there, up to a line. */
	while (n < len && (c = console_getc()) >= 0) {
		buf[n++] = (char)c;
		if (c == '\n' || c == '\r')
			break;
	}
	if (copy_to_user((void *)a1, buf, n))
		return -EFAULT;
	return (long)n;
}

DEFINE_SYSCALL(console_fg)
{
	return console_set_fg((int)a0);
}

DEFINE_SYSCALL(clock_ns)
{
	return (long)clock_ns();
}

DEFINE_SYSCALL(sleep_ns)
{
	sleep_ns(a0);
	return 0;
}

DEFINE_SYSCALL(sbrk)
{
	struct mm *mm = current_task()->mm;
	long incr = (long)a0;
	uintptr_t old = mm->brk, new;
	uintptr_t limit = mm->stack_low - USER_STACK_GUARD_GAP;
	/* Both checks in unsigned arithmetic on the distance, so that no increment can wrap the
	 * break around (a shrink below brk_start, into the kernel half, or a grow past the top):
	 * -(unsigned long)incr is the size of a shrink even for LONG_MIN. */
	if (incr >= 0) {
		if (old > limit || (unsigned long)incr > limit - old)
			return -ENOMEM;
		new = old + (unsigned long)incr;
	} else {
		if (-(unsigned long)incr > old - mm->brk_start)
			return -ENOMEM;
		new = old - -(unsigned long)incr;
	}
	/* Growing maps nothing: each new page gets its memory when first touched (mm_fault_in(),
	 * demand paging, as Linux's brk does). Shrinking frees the pages that were touched. */
	uintptr_t old_end = ALIGN_UP(old, PAGE_SIZE), new_end = ALIGN_UP(new, PAGE_SIZE);
	if (new_end < old_end)
		mm_unmap(mm, new_end, old_end - new_end);
	mm->brk = new;
	return (long)old;
}

struct nth_stack {
	unsigned long want, seen;
	struct stackinfo_stack rec;
	bool found;
};

static void pick_stack(const struct stack_info *s, void *arg)
{
	struct nth_stack *n = arg;
	if (n->seen++ != n->want)
		return;
	n->found = true;
	n->rec = (struct stackinfo_stack){
		.base = s->base,
		.size = s->size,
		.guard = s->guard,
		.max_used = s->painted ? stack_max_used(s) : ~0ULL,
		.cpu = s->cpu,
		.pid = s->task ? s->task->id : -1,
	};
	strlcpy(n->rec.kind, stack_kind_name(s->kind), sizeof(n->rec.kind));
	if (s->task)
		strlcpy(n->rec.owner, s->task->name, sizeof(n->rec.owner));
}

static long stackinfo_event(unsigned long n, void *urec)
{
	unsigned int cpu = arch_this_cpu()->id;
	u64 head = stack_switch_head(cpu);
	if (n >= head)
		return (long)head; /* not recorded yet: nothing to copy */
	struct stack_switch e;
	if (!stack_switch_get(cpu, n, &e))
		return -ENODATA;
	struct stackinfo_event rec = { .seq = n, .sp = e.sp, .cpu = (int32_t)cpu };
	strlcpy(rec.reason, stack_switch_reason_name(e.reason), sizeof(rec.reason));
	strlcpy(rec.from_kind, stack_kind_name(e.from), sizeof(rec.from_kind));
	strlcpy(rec.to_kind, stack_kind_name(e.to), sizeof(rec.to_kind));
	if (urec && copy_to_user(urec, &rec, sizeof(rec)))
		return -EFAULT;
	return (long)head;
}

DEFINE_SYSCALL(stackinfo)
{
	if (a0 == STACKINFO_EVENTS)
		return stackinfo_event(a1, (void *)a2);
	if (a0 == STACKINFO_RUN_PATH)
		return stack_switch_run_path((unsigned int)a1);
	if (a0 != STACKINFO_STACKS)
		return -EINVAL;
	struct nth_stack n = { .want = a1 };
	stack_for_each(pick_stack, &n);
	if (n.found && a2 && copy_to_user((void *)a2, &n.rec, sizeof(n.rec)))
		return -EFAULT;
	return (long)n.seen;
}

DEFINE_SYSCALL(kinfo)
{
	if (a0 == KINFO_PS)
		task_print_all();
	else if (a0 == KINFO_IRQS)
		irq_print_table();
	else
		return -EINVAL;
	return 0;
}

DEFINE_SYSCALL(kcrash)
{
	char kind[16];
	long n = strncpy_from_user(kind, (const char *)a0, sizeof(kind));
	if (n < 0)
		return n;
	return kernel_crash(kind);
}

DEFINE_SYSCALL(poweroff)
{
	printk("poweroff requested by pid %d (%s)\n", current_task()->id, current_task()->name);
	arch_exit(EXIT_PASS);
}

static const syscall_fn table[NR_SYSCALLS] = {
	[SYS_kinfo] = sys_kinfo,
	[SYS_poweroff] = sys_poweroff,
	[SYS_exit] = sys_exit,
	[SYS_getpid] = sys_getpid,
	[SYS_yield] = sys_yield,
	[SYS_spawn] = sys_spawn,
	[SYS_wait] = sys_wait,
	[SYS_kill] = sys_kill,
	[SYS_write] = sys_write,
	[SYS_read] = sys_read,
	[SYS_console_fg] = sys_console_fg,
	[SYS_clock_ns] = sys_clock_ns,
	[SYS_sleep_ns] = sys_sleep_ns,
	[SYS_sbrk] = sys_sbrk,
	[SYS_kcrash] = sys_kcrash,
	[SYS_stackinfo] = sys_stackinfo,
};

void do_syscall(struct pt_regs *regs)
{
	struct cpu *c = arch_this_cpu();
	if (unlikely(c->watch_syscall_stack)) {
		int here;
		const struct stack_info *s = stack_of((uintptr_t)&here);
		c->syscall_stack_kind = s ? (int)s->kind : -1;
	}
	unsigned long nr = syscall_nr(regs);
	long ret = -ENOSYS;
	if (nr < NR_SYSCALLS && table[nr])
		ret = table[nr](syscall_arg(regs, 0), syscall_arg(regs, 1), syscall_arg(regs, 2),
				syscall_arg(regs, 3), syscall_arg(regs, 4), syscall_arg(regs, 5));
	syscall_set_return(regs, (unsigned long)ret);
}
