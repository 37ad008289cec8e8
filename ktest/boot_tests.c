// SPDX-License-Identifier: MIT
/*
 * ktest=boot: what the boot path promises, checked on the running kernel. The same file runs on
 * all three architectures; what differs comes through include/arch.h.
 */
#include <arch.h>
#include <boot.h>
#include <cmdline.h>
#include <cpu.h>
#include <fdt.h>
#include <ktest.h>
#include <mm.h>
#include <panic.h>
#include <pgtable.h>
#include <pmm.h>
#include <stack.h>
#include <string.h>
#include <task.h>

void start_kernel(unsigned long arg0, unsigned long arg1);

KTEST(boot, upper_half)
{
	struct pt_regs regs;
	int local;
	arch_capture_regs(&regs);

	/* Code, data and the stack we run on are all in the kernel image's upper-half mapping. */
	KT_EXPECT(t, (uintptr_t)start_kernel >= KERNEL_VBASE);
	KT_EXPECT(t, instruction_pointer(&regs) >= KERNEL_VBASE);
	/* The stack (a VMAP task stack) is in the kernel half: bit 63 set on every arch here. */
	KT_EXPECT(t, (intptr_t)&local < 0);
	KT_EXPECT(t, (uintptr_t)&boot_info >= KERNEL_VBASE);
	/* The MMU runs on the kernel's own table, and the boot identity map is gone from it. */
	KT_EXPECT_EQ(t, arch_mmu_kernel_root(), kernel_root);
	KT_EXPECT(t,
		  !pt_lookup(kernel_root, (vaddr_t)kimage_to_phys(start_kernel), NULL, NULL, NULL));
	phys_addr_t pa;
	KT_EXPECT(t, pt_lookup(kernel_root, (vaddr_t)start_kernel, &pa, NULL, NULL));
	KT_EXPECT_EQ(t, pa, kimage_to_phys(start_kernel));
}

/* Checks the rights of every page of [start, end) in the kernel's table. */
static void expect_range_prot(struct ktest *t, const char *what, char *start, char *end,
			      unsigned int want)
{
	for (char *p = start; p < end; p += PAGE_SIZE) {
		unsigned int prot;
		char got[8], exp[8];
		if (!pt_lookup(kernel_root, (vaddr_t)p, NULL, &prot, NULL)) {
			ktest_fail(t, __FILE__, __LINE__, "%s page %p is not mapped", what, p);
			return;
		}
		if (prot != want) {
			ktest_fail(t, __FILE__, __LINE__, "%s page %p is %s, expected %s", what, p,
				   prot_str(prot, got), prot_str(want, exp));
			return;
		}
	}
}

KTEST(boot, wx_kernel_sections)
{
	expect_range_prot(t, "text", _text_start, _text_end, PROT_R | PROT_X);
	expect_range_prot(t, "rodata", _rodata_start, _rodata_end, PROT_R);
	expect_range_prot(t, "data/bss", _data_start, _kernel_end, PROT_R | PROT_W);
	/* And the direct-map alias of the kernel text is not executable either. */
	unsigned int prot;
	KT_ASSERT(t, pt_lookup(kernel_root, (vaddr_t)phys_to_virt(kimage_to_phys(_text_start)),
			       NULL, &prot, NULL));
	KT_EXPECT(t, !(prot & PROT_X));
}

struct wx_state {
	unsigned long leaves, wx, user;
	vaddr_t first_bad;
};

static void wx_leaf(vaddr_t va, phys_addr_t pa, u64 size, unsigned int prot, void *arg)
{
	(void)pa;
	(void)size;
	struct wx_state *s = arg;
	s->leaves++;
	if ((prot & PROT_W) && (prot & PROT_X) && !s->wx++)
		s->first_bad = va;
	if (prot & PROT_USER)
		s->user++;
}

KTEST(boot, wx_whole_table)
{
	/* Walk every leaf of the kernel's table: nothing is both writable and executable, and
	 * nothing is reachable from user mode. */
	struct wx_state s = { 0, 0, 0, 0 };
	pt_walk(kernel_root, wx_leaf, &s);
	ktest_log(t, "%lu leaf mappings walked", s.leaves);
	KT_EXPECT(t, s.leaves > 0);
	if (!KT_EXPECT_EQ(t, s.wx, 0))
		ktest_log(t, "first W+X mapping at %#lx", s.first_bad);
	KT_EXPECT_EQ(t, s.user, 0);
}

KTEST(boot, memory_size)
{
	/* The runner passes ktest.mem=<the -m value>: the firmware's report must match it. */
	u64 want;
	if (!cmdline_get_u64(boot_info.cmdline, "ktest.mem", &want)) {
		ktest_skip(t, "no ktest.mem= on the command line");
		return;
	}
	ktest_log(t, "RAM found %llu MiB, QEMU -m %llu MiB",
		  (unsigned long long)(boot_info.ram_size >> 20), (unsigned long long)(want >> 20));
	KT_EXPECT_EQ(t, boot_info.ram_size, want);
	/* The usable regions can only be less (firmware holes), never more. */
	KT_EXPECT(t, boot_mem_total(&boot_info) <= want);
	KT_EXPECT(t, pmm_total_count() * PAGE_SIZE < want);
}

KTEST(boot, cmdline_received)
{
	if (!ktest_from_cmdline) {
		ktest_skip(t, "run from kmon's ktest command: the command line holds no ktest=");
		return;
	}
	char v[64];
	KT_EXPECT(t, cmdline_get(boot_info.cmdline, "ktest", v, sizeof(v)));
	KT_EXPECT(t, cmdline_has(boot_info.cmdline, "ktest"));
}

/* The command-line tokenizer on the lines a kernel meets: flags, key=value, quotes, a key that
 * is a prefix of another, the last occurrence winning, a value cut to its buffer. */
KTEST(boot, cmdline_parser)
{
	static const struct {
		const char *line, *key, *want; /* want NULL: the key is not there */
	} cases[] = {
		{ "ktest=boot", "ktest", "boot" },
		{ "  ktest=boot  kmon ", "ktest", "boot" },
		{ "ktestx=1 ktest=mm", "ktest", "mm" },
		{ "ktestx=1", "ktest", NULL },
		{ "xktest=1", "ktest", NULL },
		{ "init=\"/bin/hello a b\" kmon", "init", "/bin/hello a b" },
		{ "init=\"/bin/hello kmon", "init", "/bin/hello kmon" },
		{ "a=1 a=2\ta=3", "a", "3" },
		{ "a= b=2", "a", "" },
		{ "kmon", "kmon", NULL },
		{ "", "a", NULL },
	};
	char v[16];
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		bool found = cmdline_get(cases[i].line, cases[i].key, v, sizeof(v));
		KT_EXPECT_MSG(t, found == (cases[i].want != NULL), "'%s': %s= %s", cases[i].line,
			      cases[i].key, found ? "found" : "not found");
		if (found && cases[i].want)
			KT_EXPECT_MSG(t, strcmp(v, cases[i].want) == 0,
				      "'%s': %s= gave '%s', not '%s'", cases[i].line, cases[i].key,
				      v, cases[i].want);
	}
	KT_EXPECT(t, cmdline_has("ktest=boot kmon", "kmon"));
	KT_EXPECT(t, cmdline_has("ktest=boot kmon", "ktest"));
	KT_EXPECT(t, !cmdline_has("ktest=boot kmonx", "kmon"));
	KT_EXPECT(t, !cmdline_has("init=\"/bin/sh kmon\"", "kmon")); /* inside a quoted value */
	/* Cut to the buffer, with its terminator. */
	KT_EXPECT(t, cmdline_get("k=0123456789abcdefghij", "k", v, 8));
	KT_EXPECT(t, strcmp(v, "0123456") == 0);
	u64 n = 0;
	KT_EXPECT(t, cmdline_get_u64("m=64M", "m", &n) && n == 64ull << 20);
	KT_EXPECT(t, !cmdline_get_u64("m=64Q", "m", &n));
}

/* stack_warn=N sets the stack checker's level (kernel/stack.c): N itself when it is 1..99, the
 * build's level otherwise (refused with a message, which tools/grade 1 looks for). */
KTEST(boot, stack_warn_argument)
{
	u64 n;
	bool given = cmdline_get(boot_info.cmdline, "stack_warn", NULL, 0);
	if (given && cmdline_get_u64(boot_info.cmdline, "stack_warn", &n) && n >= 1 && n <= 99) {
		KT_EXPECT_EQ(t, stack_warn_percent, (unsigned int)n);
	} else {
		KT_EXPECT_EQ(t, stack_warn_percent, (unsigned int)STACK_WARN_PERCENT);
	}
	ktest_log(t, "stack_warn= %s; the checker warns below %u%% free",
		  given ? "given" : "absent", stack_warn_percent);
}

KTEST(boot, percpu_and_current)
{
	/* The tests run pinned to one CPU (ktest.cpu=N, default 0): the per-CPU area and
	 * `current` are that CPU's, as its own registers give them. */
	struct cpu *me = &cpus[current_task()->pinned_cpu >= 0 ? current_task()->pinned_cpu : 0];
	KT_EXPECT(t, arch_this_cpu() == me);
	KT_EXPECT(t, me->self == me);
	/* The tests run in the kmain thread; the boot flow became the boot CPU's idle task. */
	KT_EXPECT(t, arch_current() == me->current);
	KT_EXPECT(t, arch_current() != &init_task);
	KT_EXPECT(t, cpus[0].idle == &init_task);
	KT_EXPECT(t, current_task()->cpu == me);
}

KTEST(boot, stack_registry)
{
	int local;
	const struct stack_info *s = stack_of((uintptr_t)&local);
	KT_ASSERT(t, s != NULL);
	KT_EXPECT_EQ(t, s->kind, STACK_TASK);
	KT_EXPECT(t, s->task == current_task());
	KT_EXPECT(t, stack_of(init_task.stack_base)->kind == STACK_BOOT);
	KT_EXPECT(t, stack_of(0) == NULL);
	KT_EXPECT(t, stack_of((uintptr_t)start_kernel) == NULL);
}

KTEST(boot, ksyms)
{
	uintptr_t off;
	KT_EXPECT_STREQ(t, ksym_lookup((uintptr_t)start_kernel, &off), "start_kernel");
	KT_EXPECT_EQ(t, off, 0);
	KT_EXPECT_STREQ(t, ksym_lookup((uintptr_t)start_kernel + 4, &off), "start_kernel");
	KT_EXPECT_EQ(t, off, 4);
	KT_EXPECT_EQ(t, ksym_address("panic"), (uintptr_t)panic);
}

/* A known call chain: test -> bt_outer -> bt_inner, which collects the backtrace. */
static __noipa int bt_inner(uintptr_t *pcs, int max)
{
	struct pt_regs regs;
	arch_capture_regs(&regs);
	int n = backtrace_collect(frame_pointer(&regs), pcs, max);
	barrier();
	return n;
}

static __noipa int bt_outer(uintptr_t *pcs, int max)
{
	int n = bt_inner(pcs, max);
	barrier();
	return n;
}

KTEST(boot, backtrace)
{
	uintptr_t pcs[16];
	int n = bt_outer(pcs, 16);
	barrier();
	/* Return addresses, innermost first: into bt_outer, then into this test. */
	KT_ASSERT(t, n >= 3);
	KT_EXPECT_STREQ(t, ksym_lookup(pcs[0] - 1, NULL), "bt_outer");
	KT_EXPECT_STREQ(t, ksym_lookup(pcs[1] - 1, NULL), "ktest_boot_backtrace");
	/* ...and the walk reaches the test runner and the start of this kernel thread. */
	bool saw_start = false;
	for (int i = 0; i < n; i++) {
		const char *s = ksym_lookup(pcs[i] - 1, NULL);
		saw_start |= s && strcmp(s, "task_entry") == 0;
	}
	KT_EXPECT(t, saw_start);
}

/* Runs fdt_boot_parse() on a copy of the firmware's device tree, damaged by `damage`, and checks
 * that it fails with the expected error and reason. */
static void dtb_case(struct ktest *t, const char *what, void (*damage)(void *fdt), int want_err,
		     const char *want_why)
{
	u32 size = fdt_totalsize(boot_info.fdt);
	size_t npages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	phys_addr_t pa = pmm_alloc_pages(npages, 1);
	if (!KT_EXPECT(t, pa != 0))
		return;
	void *copy = phys_to_virt(pa);
	memcpy(copy, boot_info.fdt, size);
	damage(copy);

	static struct boot_info bi;
	memset(&bi, 0, sizeof(bi));
	const char *why = NULL;
	int err = fdt_boot_parse(copy, pa, &bi, &why);
	ktest_log(t, "%s: error %d (%s), reason: %s", what, err, fdt_strerror(err),
		  why ? why : "(none)");
	KT_EXPECT_EQ(t, err, want_err);
	KT_EXPECT(t, why && strstr(why, want_why));
	pmm_free_pages(pa, npages);
}

static void break_magic(void *fdt)
{
	((u8 *)fdt)[0] ^= 0xff;
}

static void drop_memory_nodes(void *fdt)
{
	/* Turn every device_type = "memory" into "memorx": the tree then describes no RAM. */
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		int len;
		char *type = (char *)fdt_getprop(fdt, node, "device_type", &len);
		if (type && len == 7 && memcmp(type, "memory", 7) == 0)
			type[5] = 'x';
	}
}

static void truncate_blob(void *fdt)
{
	/* Claim the blob ends after 100 bytes: its blocks now lie outside it. */
	u8 *h = fdt;
	h[4] = 0, h[5] = 0, h[6] = 0, h[7] = 100;
}

KTEST(boot, dtb_errors)
{
	if (!boot_info.fdt) {
		ktest_skip(t, "this machine has no device tree");
		return;
	}
	/* The firmware's own tree parses. */
	static struct boot_info bi;
	const char *why;
	KT_EXPECT_EQ(t, fdt_boot_parse(boot_info.fdt, boot_info.fdt_phys, &bi, &why), 0);
	KT_EXPECT_EQ(t, bi.ram_size, boot_info.ram_size);
	dtb_case(t, "bad magic", break_magic, -FDT_ERR_BADMAGIC, "DTB header");
	dtb_case(t, "no memory node", drop_memory_nodes, -FDT_ERR_NOTFOUND, "no /memory node");
	dtb_case(t, "truncated", truncate_blob, -FDT_ERR_BADSTRUCTURE, "DTB header");
}
