/* SPDX-License-Identifier: MIT */
/*
 * The system-call interface, shared by the kernel and user programs (user/ includes it through
 * user/include/sys/syscall.h). Only fixed-width types from the compiler's freestanding
 * <stdint.h> appear here, so that both sides, built with different flags, agree on every layout.
 * How a number and its arguments travel in registers on each architecture is in
 * docs/syscalls.md.
 *
 * Conventions (the same as Linux's raw system calls):
 *   - every call returns one signed 64-bit value; -4095..-1 is an error, -errno
 *     (include/uapi/errno.h), anything else is a success;
 *   - an unknown number returns -ENOSYS; number 0 is never assigned, so that a register left at
 *     zero by mistake is caught instead of running some call;
 *   - pointers are user addresses; a bad one makes the call return -EFAULT.
 *
 * The numbers come in groups of 16 with room left in each, so that a call added later sits next
 * to its relatives (open/close next to read/write, mmap next to sbrk) without renumbering.
 */
#ifndef TRISTACK_UAPI_SYSCALL_H
#define TRISTACK_UAPI_SYSCALL_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* --- processes (1-15) ------------------------------------------------------------------- */
/* exit(int status): ends the calling process; its parent's wait() sees status & 0xff. */
#define SYS_exit 1
/* getpid(): the caller's process id (> 0). */
#define SYS_getpid 2
/* yield(): gives up the rest of the time slice. Returns 0. */
#define SYS_yield 3
/* spawn(const char *path, const char *const argv[]): starts the program at path in the
 * initramfs as a new child process, with argv (NULL-terminated; NULL means { path, NULL }).
 * Returns the child's pid, or -ENOENT, -ENOEXEC (not a valid program), -E2BIG (argv larger
 * than SPAWN_ARGV_MAX bytes or SPAWN_ARGC_MAX strings), -ENOMEM, -EFAULT. */
#define SYS_spawn 4
/* wait(int pid, int *status, int options): waits for the child pid (-1: any child) to end,
 * stores its wait status (below) in *status when status is not NULL, and returns its pid;
 * -ECHILD when there is no such child. With options WNOHANG it does not wait: 0 when no such
 * child has ended yet. */
#define SYS_wait 5
#define WNOHANG	 1
/* kill(int pid): ends process pid; its wait status says WKILLCAUSE = KILL_BY_KILL.
 * Returns 0 or -ESRCH (no such process). */
#define SYS_kill 6

/* --- console I/O (16-31) ---------------------------------------------------------------- */
/* write(int fd, const void *buf, size_t len): fd 1 and 2 are the console. Returns the bytes
 * written, -EBADF for any other fd, or -EFAULT. */
#define SYS_write 16
/* read(int fd, void *buf, size_t len): fd 0 is the console. Blocks until at least one byte is
 * there, then returns what is available (at most len, and at most one line); -EBADF for any
 * other fd, -EFAULT. */
#define SYS_read 17
/* console_fg(int pid): makes pid the console's foreground process (0: none). A Ctrl-C typed on
 * the console then kills it (WKILLCAUSE = KILL_INTERRUPT) instead of reaching the reader; with
 * no foreground process, Ctrl-C is read as the byte 0x03. The shell sets it around each program
 * it waits for (Linux: the terminal's foreground process group, tcsetpgrp()). Returns the
 * previous one. */
#define SYS_console_fg 18

/* --- time (32-47) ----------------------------------------------------------------------- */
/* clock_ns(): nanoseconds since boot, monotonic. */
#define SYS_clock_ns 32
/* sleep_ns(uint64_t ns): sleeps at least ns nanoseconds. Returns 0. */
#define SYS_sleep_ns 33

/* --- memory (48-63) --------------------------------------------------------------------- */
/* sbrk(intptr_t increment): moves the program break (the end of the heap, which starts on the
 * page after the program's bss) by increment bytes and returns the OLD break; -ENOMEM when the
 * heap cannot grow (or shrink below its start). User addresses are far below 2^63 - 4096, so a
 * break and an error never look alike. */
#define SYS_sbrk 48

/* --- observation (64-79) ---------------------------------------------------------------- */
/* stackinfo(unsigned int which, unsigned long index, void *record): copies record number index
 * of the list `which` (STACKINFO_STACKS: struct stackinfo_stack, STACKINFO_EVENTS: struct
 * stackinfo_event) to *record, and returns how many records that list holds now. When index is
 * past the end nothing is copied (record may then be NULL): a program asks with index 0 and
 * loops while index < the returned count. -EINVAL for an unknown list.
 * STACKINFO_EVENTS is the calling CPU's stack-switch trace: index is an event's number since
 * boot, the count is the number of the next event (this call's own entry is already in). The
 * ring keeps the last 256: an older index gives -ENODATA. A kernel built without the tracer
 * (meson option stack_switch_trace=false) records none: the count stays 0.
 * STACKINFO_RUN_PATH returns 0, or -EINVAL for an unknown path, -ETIMEDOUT if no interrupt
 * came within a second. */
#define SYS_stackinfo 64

/* kinfo(unsigned int what): the kernel prints one of its tables on the console, as the shell's
 * built-ins show them: KINFO_PS (the tasks), KINFO_IRQS (the IRQ counts, like Linux's
 * /proc/interrupts). Returns 0, or -EINVAL for an unknown table. */
#define SYS_kinfo  65
#define KINFO_PS   0
#define KINFO_IRQS 1

/* kcrash(const char *kind): makes the kernel oops on purpose, in a kernel thread of its own
 * that the oops kills, and waits for it: "oops" (a kernel-mode fault), "overflow" (a kernel
 * stack overflow). Returns 0 once the kernel has reported it and gone on; -EINVAL for another
 * kind. */
#define SYS_kcrash 67

/* poweroff(): stops the machine (QEMU exits with the "pass" status). Does not return. */
#define SYS_poweroff 66

/* Dispatch tables are this long: every number is below it. */
#define NR_SYSCALLS 80

/* --- limits ------------------------------------------------------------------------------ */
#define SPAWN_ARGC_MAX 32   /* strings in a spawn() argv, path included */
#define SPAWN_ARGV_MAX 1024 /* bytes of those strings, NULs included */

/*
 * --- wait() status ------------------------------------------------------------------------
 * Laid out as Linux's: a process that called exit(code) has (code & 0xff) << 8; a process the
 * kernel ended has the cause in the low 7 bits. The causes are Linux's signal numbers for the
 * same events, so that a student meets familiar values.
 */
#define WIFEXITED(s)   (((s)&0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFKILLED(s)   (((s)&0x7f) != 0)
#define WKILLCAUSE(s)  ((s)&0x7f)

#define KILL_INTERRUPT 2 /* SIGINT: Ctrl-C on the console (console_fg) */
#define KILL_ILLEGAL   4 /* SIGILL: an undefined or privileged instruction */
#define KILL_TRAP      5 /* SIGTRAP: a breakpoint instruction */
#define KILL_OOPS                                                                                  \
	6		/* the kernel oopsed while working for it (a kernel bug, printed on the    \
			 * console); SIGABRT's number. Linux ends such a task with SIGSEGV. */
#define KILL_BUS     7	/* SIGBUS: a misaligned access the CPU refuses */
#define KILL_ARITH   8	/* SIGFPE: integer division by zero (x86_64) */
#define KILL_BY_KILL 9	/* SIGKILL: the kill() call */
#define KILL_MEMORY  11 /* SIGSEGV: an access to an unmapped or forbidden address */

/*
 * --- stackinfo() records --------------------------------------------------------------------
 * Fixed-size records of plain integers and fixed-size strings: no pointers to follow, the same
 * layout on all three architectures (checked below), and a program can print them without
 * knowing anything about the kernel's structures.
 */
#define STACKINFO_STACKS 0 /* the stack registry (kernel/stack.c), one record per stack */
#define STACKINFO_EVENTS 1 /* the recorded stack switches, by number */
/*
 * Not a list: stackinfo(STACKINFO_RUN_PATH, path, NULL) makes the kernel take one path of
 * docs/stacks.md from kernel mode, inside this call, so that the trace shows its switches
 * between the call's own entry and return. PATH_IRQ_FROM_KERNEL waits, interrupts on, for the
 * next timer interrupt; PATH_EXCEPTION_FROM_KERNEL takes a page fault the kernel fixes up
 * itself (a user copy from an unmapped address); PATH_BREAKPOINT_FROM_KERNEL executes a
 * breakpoint instruction in the kernel, which resumes.
 */
#define STACKINFO_RUN_PATH	    2
#define PATH_IRQ_FROM_KERNEL	    0
#define PATH_EXCEPTION_FROM_KERNEL  1
#define PATH_BREAKPOINT_FROM_KERNEL 2

#define STACKINFO_NAME_LEN	    16

#ifndef __ASSEMBLER__
struct stackinfo_stack {
	uint64_t base;			/* lowest usable address */
	uint64_t size;			/* usable bytes: [base, base + size) */
	uint64_t guard;			/* bytes of unmapped guard right below base, 0 for none */
	uint64_t max_used;		/* bytes ever used, from the paint (the high-water mark);
					 * ~0 when the stack is not painted (user stacks) */
	int32_t cpu;			/* owning CPU, or -1 for a task's stack */
	int32_t pid;			/* owning task, or -1 for a CPU's stack */
	char kind[STACKINFO_NAME_LEN];	/* "task", "irq", "entry", "ist-df", ... NUL-terminated */
	char owner[STACKINFO_NAME_LEN]; /* the owning task's name, "" for a CPU's stack */
};

struct stackinfo_event {
	uint64_t seq;			    /* its number on its CPU, counted from boot */
	uint64_t sp;			    /* an SP on the stack switched to (to user mode: the
					     * user SP restored) */
	int32_t cpu;			    /* where it happened */
	int32_t reserved;		    /* 0 */
	char reason[STACKINFO_NAME_LEN];    /* "syscall", "irq", "exception", "nmi", "debug",
					     * "double-fault", "machine-check", "switch",
					     * "start", "overflow" */
	char from_kind[STACKINFO_NAME_LEN]; /* stack kinds as in struct stackinfo_stack */
	char to_kind[STACKINFO_NAME_LEN];
};

_Static_assert(sizeof(struct stackinfo_stack) == 72, "stackinfo_stack is part of the ABI");
_Static_assert(sizeof(struct stackinfo_event) == 72, "stackinfo_event is part of the ABI");

#endif /* __ASSEMBLER__ */

#endif
