/* SPDX-License-Identifier: MIT */
/*
 * User processes (kernel/proc.c): a task with its own address space, running a program from the
 * initramfs. spawn() loads the ELF into a new address space in the caller's context (so that a
 * bad program is an error code, not a dead child), then starts a task that enters user mode.
 */
#ifndef TRISTACK_PROCESS_H
#define TRISTACK_PROCESS_H

#include <types.h>

struct task;

/* Starts the program at path with argc strings in argv (kernel memory). Returns the child's pid
 * or -ENOENT, -ENOEXEC, -E2BIG, -ENOMEM. parent may be NULL (the kernel starts init). */
int process_spawn(struct task *parent, const char *path, int argc, char *const argv[]);
/* Waits for the child pid of parent (-1: any) and reaps it: returns its pid and stores its wait
 * status, or -ECHILD. -EINTR if the waiter is killed meanwhile. With nohang, returns 0 at once
 * when no such child has ended. */
int process_wait(struct task *parent, int pid, int *status, bool nohang);
/* Marks pid to die (KILL_BY_KILL) and wakes it if it sleeps: 0 or -ESRCH. */
int process_kill(int pid);
/* The same with another cause (KILL_INTERRUPT for a Ctrl-C). Safe in an interrupt handler. */
int process_kill_cause(int pid, int cause);

/* Ends the calling process with a wait status (uapi/syscall.h). */
__noreturn void process_exit(int status);

/*
 * The part of every task's exit that concerns its relatives, called by task_exit() with
 * interrupts off once t is a zombie, whichever way it ended (exit(), a kill, a fault, an oops):
 * wakes a parent waiting in process_wait(), and hands t's children, running or zombie, to the
 * reaper, a kernel thread that waits for orphans and frees them (Linux: exit_notify() and
 * forget_original_parent(), which reparent to init). Nothing of an orphan is left behind.
 */
void exit_notify(struct task *t);
/* Starts the reaper; called once at boot, before the first process. */
void proc_init(void);
/* The reaper thread (the parent of every orphan). */
extern struct task *reaper_task;
/* How many orphans the reaper has freed since boot. */
extern unsigned long reaped_orphans;

/* The randomisation of user stack tops (Linux's randomize_stack_top) is on unless the
 * command line says norandmaps. */
extern bool randomize_stack;

#endif
