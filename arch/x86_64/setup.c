// SPDX-License-Identifier: MIT
/*
 * x86_64 setup: the multiboot information (memory map, command line), the per-CPU area through
 * the GS base, the exit device, the time-stamp counter.
 */
#include <arch.h>
#include <boot.h>
#include <cpu.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <task.h>
#include <time.h>
#include <uapi/errno.h>
#include <asm/board.h>
#include <asm/fpu.h>
#include <asm/irqchip.h>
#include <asm/multiboot.h>
#include <asm/traps.h>
#include <asm/x86.h>

const char arch_name[] = "x86_64";

#define FOUR_GIB 0x100000000ULL

/* The parsers return NULL, or a message saying what is wrong with the loader's information. */
static char why_buf[128];
#define FAIL(...) return (snprintf(why_buf, sizeof(why_buf), __VA_ARGS__), why_buf)

/* A NUL-terminated string in physical memory, or NULL if it does not end within CMDLINE_MAX. */
static const char *phys_string(u32 pa)
{
	const char *s = phys_to_virt(pa);
	return strnlen(s, CMDLINE_MAX) == CMDLINE_MAX ? NULL : s;
}

/* Every entry of the firmware's memory map (any type), to size the installed RAM. */
static struct mem_region all_regions[BOOT_MAX_REGIONS];
static unsigned int nall;

static bool add_region(struct boot_info *bi, u64 base, u64 len, u32 type)
{
	if (nall < BOOT_MAX_REGIONS)
		all_regions[nall++] = (struct mem_region){ base, len };
	if (type != MB_MEMORY_AVAILABLE || len == 0)
		return true;
	if (base >= FOUR_GIB)
		bi->ram_size += len;
	return boot_add_mem(bi, base, len);
}

/*
 * Installed RAM below 4 GiB: the firmware reports it as one run of regions from 1 MiB up, whose
 * top part it keeps for itself (marked reserved: ACPI tables and the like, 132 KiB under
 * SeaBIOS). So follow adjacent regions of any type from 1 MiB, and stop at the first gap.
 * (QEMU puts RAM beyond the low limit above 4 GiB; add_region() counts that.)
 */
static u64 ram_below_4g(void)
{
	u64 top = 0x100000;
	for (bool grew = true; grew;) {
		grew = false;
		for (unsigned int i = 0; i < nall; i++) {
			const struct mem_region *r = &all_regions[i];
			if (r->base <= top && r->base + r->size > top &&
			    r->base + r->size <= FOUR_GIB) {
				top = r->base + r->size;
				grew = true;
			}
		}
	}
	return top;
}

const char *parse_mb1(u32 info_pa, struct boot_info *bi)
{
	const struct mb1_info *mb = phys_to_virt(info_pa);

	nall = 0;
	if (!(mb->flags & MB1_FLAG_MMAP))
		FAIL("multiboot: the loader gave no memory map (flags %#x)", mb->flags);
	if (mb->mmap_length == 0 || mb->mmap_length > 64 * 1024)
		FAIL("multiboot: memory map length %u is not believable", mb->mmap_length);

	for (u32 off = 0; off < mb->mmap_length;) {
		if (off + sizeof(struct mb1_mmap_entry) > mb->mmap_length)
			FAIL("multiboot: memory map truncated at byte %u of %u", off,
			     mb->mmap_length);
		const struct mb1_mmap_entry *e = phys_to_virt((u64)mb->mmap_addr + off);
		if (e->size < sizeof(*e) - 4)
			FAIL("multiboot: memory map entry at byte %u is truncated (size %u)", off,
			     e->size);
		if (!add_region(bi, e->base, e->length, e->type))
			FAIL("multiboot: more than %d RAM regions", BOOT_MAX_REGIONS);
		off += e->size + 4;
	}
	bi->ram_size += ram_below_4g();

	/* The command line begins with the image's name (QEMU and GRUB both pass it, like argv[0]);
	 * the kernel's arguments are the rest. */
	if (mb->flags & MB1_FLAG_CMD) {
		const char *s = phys_string(mb->cmdline);
		if (!s)
			FAIL("multiboot: the command line at %#x does not end", mb->cmdline);
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
		strlcpy(bi->cmdline, s, sizeof(bi->cmdline));
	}
	const char *name = (mb->flags & MB1_FLAG_LOADER) ? phys_string(mb->boot_loader_name) : NULL;
	snprintf(bi->loader, sizeof(bi->loader), "multiboot1 (%s)", name ? name : "unnamed loader");
	return NULL;
}

const char *parse_mb2(u32 info_pa, struct boot_info *bi)
{
	const u8 *info = phys_to_virt(info_pa);
	u32 total = *(const u32 *)info;
	bool have_mmap = false;

	strlcpy(bi->loader, "multiboot2 (unnamed loader)", sizeof(bi->loader));
	nall = 0;
	if (total < 16 || total > 1024 * 1024)
		FAIL("multiboot2: information size %u is not believable", total);
	for (u32 off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *t = (const void *)(info + off);
		if (t->size < sizeof(*t) || off + t->size > total)
			FAIL("multiboot2: tag at byte %u runs past the end (size %u of %u)", off,
			     t->size, total);
		if (t->type == MB2_TAG_END)
			break;
		if (t->type == MB2_TAG_CMDLINE || t->type == MB2_TAG_LOADER) {
			/* A string tag: copy no further than the tag, even without its NUL. */
			size_t n = t->size - sizeof(*t);
			const char *s = (const char *)(t + 1);
			if (t->type == MB2_TAG_CMDLINE)
				strlcpy(bi->cmdline, s, MIN(n ? n : 1, sizeof(bi->cmdline)));
			else
				snprintf(bi->loader, sizeof(bi->loader), "multiboot2 (%.*s)",
					 (int)strnlen(s, n), s);
		} else if (t->type == MB2_TAG_MMAP) {
			const u32 *h = (const u32 *)(t + 1);
			u32 esize = h[0];
			if (esize < 24)
				FAIL("multiboot2: memory map entry size %u is too small", esize);
			for (u32 e = 16; e + esize <= t->size; e += esize) {
				const u8 *ent = (const u8 *)t + e;
				if (!add_region(bi, *(const u64 *)ent, *(const u64 *)(ent + 8),
						*(const u32 *)(ent + 16)))
					FAIL("multiboot2: more than %d RAM regions",
					     BOOT_MAX_REGIONS);
			}
			have_mmap = true;
		}
		off += ALIGN_UP(t->size, 8u);
	}
	if (!have_mmap)
		FAIL("multiboot2: the loader gave no memory map");
	bi->ram_size += ram_below_4g();
	return NULL;
}

void arch_early_init(unsigned long magic, unsigned long info_pa, struct boot_info *bi)
{
	u32 a, b, c, d;

	console_init();
	cpuid(1, 0, &a, &b, &c, &d);
	cpus[0].arch.apic_id = b >> 24;
	cpus[0].hwid = b >> 24;

	const char *why;
	if (magic == MB1_BOOT_MAGIC)
		why = parse_mb1((u32)info_pa, bi);
	else if (magic == MB2_BOOT_MAGIC)
		why = parse_mb2((u32)info_pa, bi);
	else
		panic("boot: not started by a multiboot loader (eax = %#lx, expected %#x or %#x)",
		      magic, MB1_BOOT_MAGIC, MB2_BOOT_MAGIC);
	if (why)
		panic("boot: %s", why);
	if (bi->nmem == 0)
		panic("boot: the multiboot memory map has no available RAM");

	/* The first MiB holds the BIOS data area, the EBDA, the loader's information and the
	 * legacy ROMs: never hand it out (Linux reserves it too). */
	boot_add_reserved(bi, 0, 0x100000);
	/* The NX bit may be used in page tables only if boot.S could turn on EFER.NXE. */
	if (rdmsr(MSR_EFER) & EFER_NXE)
		pte_nx = PTE_NX;
}

void arch_cpu_model(char *buf, size_t size)
{
	u32 regs[12], a, b, c, d, max_ext;
	char vendor[13];

	cpuid(0, 0, &a, &b, &c, &d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = '\0';
	u32 max_basic = a;
	cpuid(1, 0, &a, &b, &c, &d);
	unsigned int family = (a >> 8) & 0xf, model = (a >> 4) & 0xf, stepping = a & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family >= 6)
		model |= ((a >> 16) & 0xf) << 4;

	char brand[49] = "unknown model";
	cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
	if (max_ext >= 0x80000004) {
		for (u32 i = 0; i < 3; i++)
			cpuid(0x80000002 + i, 0, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2],
			      &regs[4 * i + 3]);
		memcpy(brand, regs, 48);
		brand[48] = '\0';
	}
	u32 ebx7 = 0;
	if (max_basic >= 7)
		cpuid(7, 0, &a, &ebx7, &c, &d);
	snprintf(buf, size, "%s (%s family %u model %u stepping %u)%s%s%s", brand, vendor, family,
		 model, stepping, pte_nx ? " nx" : "", (ebx7 & (1u << 7)) ? " smep" : "",
		 (ebx7 & (1u << 20)) ? " smap" : "");
}

void arch_cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* ----------------------------------------------------------- user FP state (fpu.S) -- */

void arch_fpu_init_state(void *state)
{
	u8 *p = state;
	memset(p, 0, FPU_STATE_SIZE);
	/* Every x87 and SSE exception masked, round to nearest, the reset values; XSTATE_BV 0:
	 * XRSTOR gives each component its initial state (registers 0). */
	*(u16 *)(p + FXSAVE_FCW) = 0x37f;
	*(u32 *)(p + FXSAVE_MXCSR) = 0x1f80;
}

/* XSAVE keeps no account the kernel can read cheaply (XSAVEOPT's is inside the CPU): every
 * switch away from a process saves. */
bool arch_fpu_needs_save(struct task *t)
{
	(void)t;
	return true;
}

void arch_fpu_loaded(struct task *t)
{
	(void)t;
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("hlt");
}

void arch_idle(void)
{
	/* [IDLE] sti's one-instruction delay: an interrupt pending now ends the hlt. */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

void arch_exit(int code)
{
	arch_irq_save();
	outl(DEBUG_EXIT_PORT, DEBUG_EXIT_BASE + (u32)code);
	/* Without the isa-debug-exit device the write does nothing: stop here. */
	for (;;)
		__asm__ volatile("hlt");
}

u64 arch_counter(void)
{
	u32 lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}

/* The initial stack of a new task (switch.S pops it): six zeroed callee-saved registers, then
 * ret_from_kernel_thread as the return address, placed so that RSP is 16-byte aligned after
 * the `ret`, as the call in ret_from_kernel_thread needs. */
struct initial_frame {
	unsigned long rflags; /* popped first by arch_switch_to() */
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret;
};

void ret_from_kernel_thread(void);

void arch_thread_init(struct task *t)
{
	/* Below the room kept for the user registers (task_pt_regs), 16-byte aligned. The return
	 * address is the last word: RSP = top after the `ret`. */
	uintptr_t top = (uintptr_t)task_pt_regs(t);
	struct initial_frame *f = (struct initial_frame *)(top - sizeof(struct initial_frame));
	/* RFLAGS: only the always-one bit 1; interrupts stay off until task_entry() turns them
	 * on, and nothing of the task that ran before is inherited. */
	*f = (struct initial_frame){ .rflags = 0x2, .ret = (unsigned long)ret_from_kernel_thread };
	t->thread.sp = (unsigned long)f;
}

uintptr_t arch_thread_saved_sp(const struct task *t)
{
	return t->thread.sp;
}

void arch_user_regs_init(struct pt_regs *regs, uintptr_t pc, uintptr_t sp, uintptr_t arg0,
			 uintptr_t arg1)
{
	*regs = (struct pt_regs){
		.rip = pc,
		.cs = USER_CS,
		.rflags = X86_RFLAGS_IF | 0x2, /* bit 1 always reads as 1 */
		.rsp = sp,
		.ss = USER_DS,
		.rdi = arg0,
		.rsi = arg1,
	};
}

/* ------------------------------------------------------------------------ the other CPUs -- */

extern const char trampoline_start[], trampoline_end[];

int arch_cpu_start(struct cpu *c)
{
	/* The trampoline's page: copied on every start (it is a few bytes), through the direct
	 * map of the first MiB, which nothing else uses once the boot has read the multiboot
	 * information (setup.c reserves it). */
	size_t n = (size_t)(trampoline_end - trampoline_start);
	if (n > PAGE_SIZE)
		panic("x86: the AP trampoline is %zu bytes, more than a page", n);
	memcpy(phys_to_virt(TRAMPOLINE_PHYS), trampoline_start, n);
	c->arch.apic_id = (unsigned int)c->hwid;
	/*
	 * The universal start-up algorithm of the Intel SDM (vol. 3A, 8.4.4.1 "Typical BSP
	 * Initialization Sequence" and the MP specification's B.4): INIT, 10 ms, then two
	 * start-up IPIs 200 us apart, each naming the trampoline's page. Linux: wakeup_secondary_
	 * cpu_via_init() (which skips the 10 ms on CPUs that do not need them).
	 */
	lapic_send_ipi(c->arch.apic_id, ICR_INIT | ICR_LEVEL_ASSERT | ICR_LEVEL_TRIG);
	ndelay_busy(10 * NSEC_PER_MSEC);
	for (int i = 0; i < 2; i++) {
		lapic_send_ipi(c->arch.apic_id, ICR_STARTUP | (TRAMPOLINE_PHYS >> 12));
		ndelay_busy(200 * 1000);
	}
	return 0;
}

void arch_secondary_init(struct cpu *c)
{
	u32 a, b, cx, d;
	cpuid(1, 0, &a, &b, &cx, &d);
	if ((b >> 24) != c->hwid)
		panic("cpu%u: started for APIC id %lu, runs as %u", c->id, c->hwid, b >> 24);
	x86_trap_init();
	irqchip_init_cpu();
	user_init_cpu();
	timer_init_cpu();
}
