// SPDX-License-Identifier: MIT
/*
 * stacktrace: takes each path of the sequences table (docs/stacks.md, "The sequences") and prints
 * the stack switches the kernel recorded for it, in the table's notation, so that the same command
 * on x86_64, arm64 and riscv64 shows the three schemes side by side.
 *
 *   stacktrace                      every path, each with its events
 *   stacktrace <path>               one path
 *   stacktrace <path> <seq>         exit 0 if the path's sequence is <seq> (ktest=stacks uses it)
 *
 * How: the kernel's stack-switch tracer numbers every event on a CPU (stackinfo(STACKINFO_EVENTS)
 * reads one by number and returns the number of the next). The program notes that number, takes
 * the path, notes it again, and reads the events in between. Those also hold the end of the
 * first stackinfo() call (its way back to user mode) and the start of the second (its entry):
 * only complete sequences, from "user" back to "user", count. A timer interrupt may land in the
 * middle and add a sequence of its own; each path looks for its own by the first event's reason.
 *
 * User paths: a system call (getpid), an interrupt (spin until the timer interrupts user mode),
 * an exception (touch a heap page for the first time: a page fault the kernel resolves by
 * mapping it, then the program goes on). Kernel paths: stackinfo(STACKINFO_RUN_PATH) makes the
 * kernel take one inside the call; its switches are the ones between the call's entry and its
 * return ("none" when there are none).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_EVENTS 64
#define ATTEMPTS   40

struct path {
	const char *name;
	const char *reason; /* the reason of the sequence that is this path */
	int kernel_path;    /* PATH_* for stackinfo(STACKINFO_RUN_PATH), or -1 */
};

static const struct path paths[] = {
	{ "syscall-from-user", "syscall", -1 },
	{ "irq-from-user", "irq", -1 },
	{ "exception-from-user", "exception", -1 },
	{ "irq-from-kernel", "syscall", PATH_IRQ_FROM_KERNEL },
	{ "exception-from-kernel", "syscall", PATH_EXCEPTION_FROM_KERNEL },
	{ "breakpoint-from-kernel", "syscall", PATH_BREAKPOINT_FROM_KERNEL },
};
#define NR_PATHS (sizeof(paths) / sizeof(paths[0]))

static struct stackinfo_event ev[MAX_EVENTS];

/* The number of the next event: asked with an index that is never recorded (index 0 would
 * give -ENODATA once the ring has wrapped). */
static long event_head(void)
{
	return stackinfo(STACKINFO_EVENTS, ~0UL, NULL);
}

/* Reads events [from, to) into ev; returns how many, or -errno. */
static int read_events(long from, long to)
{
	int n = 0;
	for (long i = from; i < to && n < MAX_EVENTS; i++) {
		long r = stackinfo(STACKINFO_EVENTS, (unsigned long)i, &ev[n]);
		if (r < 0)
			return (int)r;
		n++;
	}
	return n;
}

static void take_path(const struct path *p)
{
	if (p->kernel_path >= 0) {
		long r = stackinfo(STACKINFO_RUN_PATH, (unsigned long)p->kernel_path, NULL);
		if (r < 0)
			printf("stacktrace: %s: %s\n", p->name, strerror((int)-r));
	} else if (strcmp(p->reason, "syscall") == 0) {
		getpid();
	} else if (strcmp(p->reason, "irq") == 0) {
		/* About 10-50 ms under QEMU: long enough for a tick at HZ=100 to come now and then.
		 */
		for (volatile long i = 0; i < 2000000; i++)
			;
	}
}

/* Finds the complete sequence (user ... user) whose first event has the path's reason among
 * ev[0..n); sets *first and *last, or returns 0. */
static int find_sequence(const struct path *p, int n, int *first, int *last)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(ev[i].from_kind, "user") != 0)
			continue;
		int j = i;
		while (j < n && strcmp(ev[j].to_kind, "user") != 0)
			j++;
		if (j == n)
			return 0;
		if (strcmp(ev[i].reason, p->reason) == 0) {
			*first = i;
			*last = j;
			return 1;
		}
		i = j;
	}
	return 0;
}

/*
 * Writes the path's sequence into out: for a user path the whole sequence; for a kernel path the
 * switches inside the system call, between its arrival on the task stack and its last departure
 * from it. Sets *lo, *hi to the events shown.
 */
static void sequence(const struct path *p, int first, int last, char *out, size_t size, int *lo,
		     int *hi)
{
	*lo = first;
	*hi = last;
	if (p->kernel_path >= 0) {
		int in = first;
		while (in < last && strcmp(ev[in].to_kind, "task") != 0)
			in++;
		int outi = last;
		while (outi > in && strcmp(ev[outi].from_kind, "task") != 0)
			outi--;
		*lo = in + 1;
		*hi = outi - 1;
	}
	if (*lo > *hi) {
		snprintf(out, size, "none");
		return;
	}
	size_t len = (size_t)snprintf(out, size, "%s", ev[*lo].from_kind);
	for (int i = *lo; i <= *hi && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, " -> %s", ev[i].to_kind);
}

/* Takes the path until a complete sequence of it is seen; 0 and the sequence, or -1. */
static int observe(const struct path *p, char *out, size_t size, int *lo, int *hi)
{
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		volatile char *fresh = NULL;
		if (strcmp(p->reason, "exception") == 0) {
			/* A heap page nobody touched yet: sbrk() maps nothing (demand paging). */
			fresh = sbrk(4096);
			if (fresh == (void *)-1) {
				printf("stacktrace: sbrk failed\n");
				return -1;
			}
		}
		long from = event_head();
		if (from < 0) {
			printf("stacktrace: stackinfo: %s\n", strerror((int)-from));
			return -1;
		}
		if (fresh)
			*fresh = 1; /* the page fault */
		else
			take_path(p);
		long to = event_head();
		if (to < 0) {
			printf("stacktrace: stackinfo: %s\n", strerror((int)-to));
			return -1;
		}
		if (from == 0) {
			printf("stacktrace: no stack switches recorded (kernel built with "
			       "stack_switch_trace=false?)\n");
			return -1;
		}
		int n = read_events(from, to);
		int first, last;
		if (n > 0 && find_sequence(p, n, &first, &last)) {
			sequence(p, first, last, out, size, lo, hi);
			return 0;
		}
	}
	printf("stacktrace: %s: no complete sequence seen in %d attempts\n", p->name, ATTEMPTS);
	return -1;
}

/*
 * Prints the path's sequence and its events. An interrupt that happens to land inside the path
 * adds switches of its own, so the path is taken SHOW_TRIES times and the shortest sequence
 * seen is the one shown: the path itself, with nothing else mixed in.
 */
#define SHOW_TRIES 5

static int show(const struct path *p)
{
	static struct stackinfo_event best[MAX_EVENTS];
	char seq[256], best_seq[256];
	int nbest = -1;
	for (int i = 0; i < SHOW_TRIES; i++) {
		int lo, hi;
		if (observe(p, seq, sizeof(seq), &lo, &hi))
			return 1;
		int n = hi - lo + 1 > 0 ? hi - lo + 1 : 0;
		if (nbest < 0 || n < nbest) {
			nbest = n;
			memcpy(best, &ev[lo], (size_t)n * sizeof(ev[0]));
			strcpy(best_seq, seq);
		}
	}
	printf("path %s: %s\n", p->name, best_seq);
	for (int i = 0; i < nbest; i++)
		printf("  cpu%d #%llu %s -> %s (%s) sp %#llx\n", best[i].cpu,
		       (unsigned long long)best[i].seq, best[i].from_kind, best[i].to_kind,
		       best[i].reason, (unsigned long long)best[i].sp);
	return 0;
}

static const struct path *find_path(const char *name)
{
	for (unsigned int i = 0; i < NR_PATHS; i++)
		if (strcmp(paths[i].name, name) == 0)
			return &paths[i];
	printf("stacktrace: unknown path '%s'; the paths are:", name);
	for (unsigned int i = 0; i < NR_PATHS; i++)
		printf(" %s", paths[i].name);
	printf("\n");
	return NULL;
}

/* check: the path must show exactly `want` at least once in ATTEMPTS tries (an interrupt that
 * lands inside a path adds switches of its own: that try does not count). */
static int check(const struct path *p, const char *want)
{
	char seq[256];
	int lo, hi;
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		if (observe(p, seq, sizeof(seq), &lo, &hi))
			return 1;
		if (strcmp(seq, want) == 0) {
			printf("stacktrace: %s: %s (as expected)\n", p->name, seq);
			return 0;
		}
	}
	printf("stacktrace: %s: saw %s, expected %s\n", p->name, seq, want);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc == 3) {
		const struct path *p = find_path(argv[1]);
		return p ? check(p, argv[2]) : 2;
	}
	if (argc == 2) {
		const struct path *p = find_path(argv[1]);
		return p ? show(p) : 2;
	}
	if (argc != 1) {
		printf("usage: stacktrace [path [expected sequence]]\n");
		return 2;
	}
	printf("# stacktrace on %s: the stack switches of each path (docs/stacks.md)\n", ARCH_NAME);
	int bad = 0;
	for (unsigned int i = 0; i < NR_PATHS; i++)
		bad |= show(&paths[i]);
	return bad;
}
