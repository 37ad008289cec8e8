// SPDX-License-Identifier: MIT
/*
 * x86_64 traps, the C side of entry.S: the per-CPU GDT and TSS with the IST stacks, the IDT, and
 * what to do with each exception and interrupt.
 */
#include <arch.h>
#include <cpu.h>
#include <extable.h>
#include <irq.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <smp.h>
#include <stack.h>
#include <string.h>
#include <syscall.h>
#include <task.h>
#include <vmap.h>
#include <asm/fpu.h>
#include <asm/trapnr.h>
#include <asm/traps.h>
#include <asm/x86.h>

/* An IDT entry (Intel SDM vol. 3A, 6.14.1 "64-bit mode IDT"): a 16-byte interrupt gate. */
struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;	      /* bits 0-2: Interrupt Stack Table slot, 0 = no IST stack switch */
	u8 type_attr; /* 0x8e: present, DPL 0, 64-bit interrupt gate (IF cleared on entry) */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gates are 16 bytes in long mode");

#define NR_EXCEPTIONS  32
#define STUB_SIZE      16 /* entry.S */
#define GATE_INTR      0x8e
#define GATE_INTR_USER 0xee /* the same, DPL 3: an `int` instruction in user mode may use it */

/* IST stacks: 8 KiB each with a guard page below (Linux: EXCEPTION_STKSZ, DEBUG_STKSZ). The #DB
 * stack is twice as large: see the nesting note at do_debug(). */
#define IST_STACK_SIZE	  (8 * 1024)
#define IST_DB_STACK_SIZE (2 * IST_STACK_SIZE)

static struct idt_gate idt[256] __aligned(16);
extern char exception_stubs[], irq_stubs[];

static void set_gate(unsigned int vector, void *handler, unsigned int ist)
{
	uintptr_t a = (uintptr_t)handler;
	idt[vector] = (struct idt_gate){
		.offset_low = (u16)a,
		.selector = KERNEL_CS,
		.ist = (u8)ist,
		.type_attr = GATE_INTR,
		.offset_mid = (u16)(a >> 16),
		.offset_high = (u32)(a >> 32),
	};
}

/* Called from boot.S before start_kernel(): must not touch anything but the IDT. No IST yet:
 * the TSS that holds the IST pointers does not exist until trap_init_cpu(). */
void idt_init(void);
void idt_init(void)
{
	for (unsigned int v = 0; v < NR_EXCEPTIONS; v++)
		set_gate(v, exception_stubs + v * STUB_SIZE, 0);
	for (unsigned int v = FIRST_IRQ; v < NR_IRQS; v++)
		set_gate(v, irq_stubs + (v - FIRST_IRQ) * STUB_SIZE, 0);
	idt_load();
}

/* The one IDT, shared by every CPU: each loads the IDT register itself. */
void idt_load(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed desc = { sizeof(idt) - 1, (u64)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(desc));
}

/* ------------------------------------------------------------------ GDT, TSS, IST -------- */

/* The 16-byte TSS descriptor (a "system segment" in long mode): base, limit, type 0x9 =
 * available 64-bit TSS, present. */
static void set_tss_descriptor(u64 *gdt, const struct tss *tss)
{
	u64 base = (u64)(uintptr_t)tss, limit = sizeof(*tss) - 1;
	gdt[0] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ULL << 40 |
		 ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[1] = base >> 32;
}

static const enum stack_kind ist_kind[NR_IST + 1] = {
	[IST_DF] = STACK_IST_DF,
	[IST_NMI] = STACK_IST_NMI,
	[IST_DB] = STACK_IST_DB,
	[IST_MC] = STACK_IST_MC,
};

/* Why the CPU went to each IST stack, for the stack-switch tracer. */
static const u8 ist_reason[NR_IST + 1] = {
	[IST_DF] = SWITCH_DOUBLE_FAULT,
	[IST_NMI] = SWITCH_NMI,
	[IST_DB] = SWITCH_DEBUG,
	[IST_MC] = SWITCH_MACHINE_CHECK,
};

/*
 * For the tracer in entry.S (TRACE_ENTER_FROM_USER): the two switches of an exception from user
 * mode, by vector, as STACK_SWITCH_HDR words: user -> the stack the CPU pushed its frame on,
 * then that stack -> the task stack. The vectors with an IST slot (set_gate() below) arrive on
 * their IST stack, every other one on the ENTRY stack (TSS.sp0).
 */
#define USER_ENTRY(stack, reason)                                                                  \
	{                                                                                          \
		STACK_SWITCH_HDR(STACK_USER, stack, reason),                                       \
			STACK_SWITCH_HDR(stack, STACK_TASK, reason)                                \
	}
const u32 x86_user_entry_trace[NR_EXCEPTIONS][2] = {
	/* Every vector arrives on the ENTRY stack (TSS.sp0) but those with an IST slot. */
	[X86_TRAP_DE] = USER_ENTRY(STACK_ENTRY, SWITCH_EXCEPTION),
	[X86_TRAP_DB] = USER_ENTRY(STACK_IST_DB, SWITCH_DEBUG),
	[X86_TRAP_NMI] = USER_ENTRY(STACK_IST_NMI, SWITCH_NMI),
	[X86_TRAP_BP] = USER_ENTRY(STACK_IST_DB, SWITCH_DEBUG),
	[X86_TRAP_OF... X86_TRAP_NM] = USER_ENTRY(STACK_ENTRY, SWITCH_EXCEPTION),
	[X86_TRAP_DF] = USER_ENTRY(STACK_IST_DF, SWITCH_DOUBLE_FAULT),
	[X86_TRAP_OLD_MF... X86_TRAP_AC] = USER_ENTRY(STACK_ENTRY, SWITCH_EXCEPTION),
	[X86_TRAP_MC] = USER_ENTRY(STACK_IST_MC, SWITCH_MACHINE_CHECK),
	[X86_TRAP_XF... NR_EXCEPTIONS - 1] = USER_ENTRY(STACK_ENTRY, SWITCH_EXCEPTION),
};

/*
 * Gives this CPU its own GDT (with the user segments user mode will need, and the TSS) and TSS
 * (with an IST stack per dangerous vector), then points the IDT's #DF, NMI, #DB, #BP and #MC
 * gates at those stacks. Linux: cpu_init() and the cpu_entry_area.
 */
static void trap_init_cpu(struct cpu *c)
{
	struct arch_cpu *a = &c->arch;
	a->gdt[0] = 0;
	a->gdt[1] = 0x00af9b000000ffff; /* 0x08 kernel code, 64-bit */
	a->gdt[2] = 0x00cf93000000ffff; /* 0x10 kernel data */
	a->gdt[3] = 0x00cffb000000ffff; /* 0x18 user code, 32-bit (SYSRET's layout needs it) */
	a->gdt[4] = 0x00cff3000000ffff; /* 0x20 user data */
	a->gdt[5] = 0x00affb000000ffff; /* 0x28 user code, 64-bit */
	set_tss_descriptor(&a->gdt[6], &a->tss); /* 0x30 */
	a->tss.iomap_base = sizeof(a->tss);

	for (unsigned int n = IST_DF; n <= NR_IST; n++) {
		size_t size = n == IST_DB ? IST_DB_STACK_SIZE : IST_STACK_SIZE;
		void *s = vmap_alloc(size, PAGE_SIZE, PAGE_SIZE);
		if (!s)
			panic("x86: no memory for the IST stacks");
		a->ist_base[n] = (uintptr_t)s;
		a->tss.ist[n - 1] = (uintptr_t)s + size;
		stack_register_fresh(ist_kind[n], (int)c->id, NULL, (uintptr_t)s, size, PAGE_SIZE);
	}

	struct {
		u16 limit;
		u64 base;
	} __packed desc = { sizeof(a->gdt) - 1, (u64)(uintptr_t)a->gdt };
	/* Load the GDT, reload CS with a far return and the data segments, then the task register.
	 * GS is left alone: loading it would clear the GS base that holds the per-CPU area. */
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "mov %2, %%ds\n\t"
			 "mov %2, %%es\n\t"
			 "mov %2, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(desc), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(TSS_SELECTOR)
			 : "rax", "memory");

	set_gate(X86_TRAP_NMI, exception_stubs + X86_TRAP_NMI * STUB_SIZE, IST_NMI);
	set_gate(X86_TRAP_DB, exception_stubs + X86_TRAP_DB * STUB_SIZE, IST_DB);
	set_gate(X86_TRAP_BP, exception_stubs + X86_TRAP_BP * STUB_SIZE, IST_DB);
	/* int3 may be executed in user mode (a debugger's breakpoint): its gate must allow
	 * ring 3, or the instruction raises #GP instead (Linux: the int3 gate is DPL 3). */
	idt[X86_TRAP_BP].type_attr = GATE_INTR_USER;
	/* LAB 5: BEGIN */
	set_gate(X86_TRAP_DF, exception_stubs + X86_TRAP_DF * STUB_SIZE, IST_DF);
	/* LAB 5: ELSE
	printk("lab 5: the double fault has no IST stack yet (set_gate in arch/x86_64/trap.c): "
	       "a kernel stack overflow will reset the machine\n");
	LAB 5: END */
	set_gate(X86_TRAP_MC, exception_stubs + X86_TRAP_MC * STUB_SIZE, IST_MC);
}

void x86_trap_init(void)
{
	struct cpu *c = arch_this_cpu();
	c->arch.irq_count = -1;
	trap_init_cpu(c);
	/* Machine checks are delivered as #MC only with CR4.MCE; without it QEMU's injected one
	 * shuts the machine down. */
	u32 a, b, cx, d;
	cpuid(1, 0, &a, &b, &cx, &d);
	if (d & CPUID_1_EDX_MCE)
		write_cr4(read_cr4() | X86_CR4_MCE);
}

/* ------------------------------------------------------------------- exceptions ---------- */

static const char *const exc_names[NR_EXCEPTIONS] = {
	[X86_TRAP_DE] = "divide error (#DE)",
	[X86_TRAP_DB] = "debug (#DB)",
	[X86_TRAP_NMI] = "non-maskable interrupt (NMI)",
	[X86_TRAP_BP] = "breakpoint (#BP)",
	[X86_TRAP_OF] = "overflow (#OF)",
	[X86_TRAP_BR] = "bound range exceeded (#BR)",
	[X86_TRAP_UD] = "invalid opcode (#UD)",
	[X86_TRAP_NM] = "device not available (#NM)",
	[X86_TRAP_DF] = "double fault (#DF)",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS (#TS)",
	[X86_TRAP_NP] = "segment not present (#NP)",
	[X86_TRAP_SS] = "stack-segment fault (#SS)",
	[X86_TRAP_GP] = "general protection fault (#GP)",
	[X86_TRAP_PF] = "page fault (#PF)",
	[X86_TRAP_MF] = "x87 floating-point error (#MF)",
	[X86_TRAP_AC] = "alignment check (#AC)",
	[X86_TRAP_MC] = "machine check (#MC)",
	[X86_TRAP_XF] = "SIMD floating-point exception (#XM)",
	[X86_TRAP_VE] = "virtualization exception (#VE)",
	[X86_TRAP_CP] = "control protection exception (#CP)",
};

static const char *exc_name(unsigned long v)
{
	return v < NR_EXCEPTIONS && exc_names[v] ? exc_names[v] : "reserved exception";
}

void (*debug_hook)(struct pt_regs *regs);

/*
 * The stack-switch tracer's events for an IST vector taken in kernel mode: the CPU moved from
 * whatever stack it was on to the IST stack, and its iretq will move back. Which stack was
 * interrupted takes a registry lookup (an NMI can land on any stack, the ENTRY stack and the
 * IRQ stack included), so the entry code leaves these two to C. From user mode the entry code
 * has recorded them already (TRACE_ENTER_FROM_USER), and the handler runs on the task stack.
 */
static void trace_ist(unsigned int n, const struct pt_regs *regs, bool enter)
{
	if (user_mode(regs))
		return;
	unsigned int interrupted = stack_kind_at(regs->rsp);
	if (enter)
		stack_switch_record(interrupted, ist_kind[n], ist_reason[n], (uintptr_t)regs);
	else
		stack_switch_record(ist_kind[n], interrupted, ist_reason[n], regs->rsp);
}

/* Counts a handler running on IST stack n; returns the stack kind its SP is on. The counter is
 * the guard against same-IST nesting ("Kernel stacks on x86-64 bit"; docs/design.md): a second
 * event on the same IST stack while the first is still running would have been pushed over the
 * first one's frame. */
static void ist_enter(unsigned int n, const struct pt_regs *regs)
{
	struct arch_cpu *a = &arch_this_cpu()->arch;
	trace_ist(n, regs, true);
	int here;
	const struct stack_info *s = stack_of((uintptr_t)&here);
	ist_seen[n].count++;
	ist_seen[n].stack_kind = s ? (int)s->kind : -1;
	ist_seen[n].rip = regs->rip;
	if (a->ist_depth[n]++ > 0)
		panic_regs(regs, "nested %s on the same IST stack: the outer frame was overwritten",
			   stack_kind_name(ist_kind[n]));
}

static void ist_exit(unsigned int n, const struct pt_regs *regs)
{
	arch_this_cpu()->arch.ist_depth[n]--;
	trace_ist(n, regs, false);
}

static void do_nmi(struct pt_regs *regs)
{
	/* NMIs are blocked by the CPU until our iretq, so a second one cannot nest. An exception
	 * inside this handler would end that blocking early with its own iretq: nothing here may
	 * fault. */
	/* No printk here: the NMI may have stopped this very CPU inside printk, with the console
	 * lock held, and waiting for it would never end (Linux defers NMI messages for the same
	 * reason). The record is printed by whoever asks for it (ktest/arch/x86_64/ist_tests.c). */
	ist_enter(IST_NMI, regs);
	/* A panic on another CPU stops this one with an NMI, which gets through even with
	 * interrupts off (kernel/smp.c); the panic has turned the console lock off. */
	if (smp_stop_requested())
		smp_stop_this_cpu(regs);
	ist_exit(IST_NMI, regs);
}

static void do_machine_check(struct pt_regs *regs)
{
	/* Like NMI, a machine check ignores IF: no printk (see do_nmi()). */
	ist_enter(IST_MC, regs);
	u64 mcg_status = rdmsr(MSR_MCG_STATUS);
	ist_seen[IST_MC].status = mcg_status;
	/* Without RIPV the interrupted code cannot be restarted. */
	if (!(mcg_status & MCG_STATUS_RIPV))
		panic_regs(regs, "machine check with no valid restart address (MCG_STATUS %#llx)",
			   (unsigned long long)mcg_status);
	/* Clear MCIP: while it is set, a second machine check shuts the CPU down. */
	wrmsr(MSR_MCG_STATUS, 0);
	ist_exit(IST_MC, regs);
}

/*
 * #DB and #BP share the ist-db stack. A #BP inside the #DB handler (or a #DB inside the #BP
 * handler) would land on the same IST top and overwrite the running handler's frame: the
 * corruption the kernel's "Kernel stacks on x86-64 bit" document warns about. As Linux did (the
 * "IST shift" of the debug stack), the handler moves the IST pointer down by half the stack while
 * it runs, so a nested debug event gets the lower half; the depth counter of ist_enter() still
 * catches a third level.
 */
static void do_debug(struct pt_regs *regs, bool breakpoint)
{
	struct arch_cpu *a = &arch_this_cpu()->arch;
	unsigned int depth = a->ist_depth[IST_DB];
	if (depth >= 2)
		panic_regs(regs, "debug exception nested %u deep on the ist-db stack", depth + 1);
	int here;
	const struct stack_info *s = stack_of((uintptr_t)&here);
	ist_seen[IST_DB].count++;
	ist_seen[IST_DB].stack_kind = s ? (int)s->kind : -1;
	ist_seen[IST_DB].rip = regs->rip;
	ist_seen[IST_DB].depth = depth + 1;
	trace_ist(IST_DB, regs, true);
	a->ist_depth[IST_DB]++;
	a->tss.ist[IST_DB - 1] -= IST_STACK_SIZE;

	if (breakpoint) {
		/* int3 has already moved rip past itself. */
		die(regs, OOPS_BREAKPOINT, 0, regs->rip, "breakpoint (#BP) at rip %#lx",
		    regs->rip - 1);
	} else {
		/* A single step (TF) or int1: report, and stop single-stepping. */
		regs->rflags &= ~X86_RFLAGS_TF;
		if (debug_hook)
			debug_hook(regs);
	}

	a->tss.ist[IST_DB - 1] += IST_STACK_SIZE;
	a->ist_depth[IST_DB]--;
	trace_ist(IST_DB, regs, false);
}

void do_trap(struct pt_regs *regs);
static bool user_trap(struct pt_regs *regs);

void do_trap(struct pt_regs *regs)
{
	unsigned long v = regs->vector;
	if (user_mode(regs) && user_trap(regs))
		return;
	switch (v) {
	case X86_TRAP_DB:
		do_debug(regs, false);
		return;
	case X86_TRAP_NMI:
		do_nmi(regs);
		return;
	case X86_TRAP_BP:
		do_debug(regs, true);
		return;
	case X86_TRAP_MC:
		do_machine_check(regs);
		return;
	case X86_TRAP_DF: {
		/* A double fault: an exception while the CPU tried to deliver another. In a kernel
		 * that means, almost always, that the stack ran into its guard page, so that the
		 * page fault's frame could not be pushed. We are on the ist-df stack; say which
		 * stack overflowed. Linux: exc_double_fault() and handle_stack_overflow(). */
		ist_enter(IST_DF, regs);
		const char *here = stack_kind_name(ist_seen[IST_DF].stack_kind);
		if (stack_guard_of(regs->rsp)) {
			/* The task's own stack overflowed: report and kill just that task. We never
			 * return through this #DF frame, so the IST slot is free again. */
			printk("double fault on the %s stack: RSP %#lx ran into a guard page\n",
			       here, regs->rsp);
			arch_this_cpu()->arch.ist_depth[IST_DF]--; /* no ist_exit(): no way back */
			handle_stack_overflow(regs, regs->rsp);
		}
		panic_regs(regs, "double fault (#DF) at rip %#lx (handler running on the %s stack)",
			   regs->rip, here);
	}
	case X86_TRAP_DE:
		die(regs, OOPS_DIVIDE, 0, 0, "divide error (#DE) in kernel mode at rip %#lx",
		    regs->rip);
		return;
	case X86_TRAP_UD:
		die(regs, OOPS_ILLEGAL, 0, 0, "invalid opcode (#UD) in kernel mode at rip %#lx",
		    regs->rip);
		return;
	case X86_TRAP_PF: {
		/* Page-fault error code: bit 0 present, 1 write, 2 user, 3 reserved bit, 4 fetch.
		 */
		unsigned long e = regs->error_code, addr = read_cr2();
		die(regs, OOPS_PAGE_FAULT, addr, 0,
		    "page fault in kernel mode at rip %#lx: %s %s address %#lx (%s)", regs->rip,
		    (e & X86_PF_INSTR)	 ? "instruction fetch from"
		    : (e & X86_PF_WRITE) ? "write to"
					 : "read from",
		    (e & X86_PF_PROT) ? "protected" : "unmapped", addr,
		    (e & X86_PF_RSVD)	? "reserved bit set"
		    : (e & X86_PF_PROT) ? "protection violation"
					: "not present");
		return;
	}
	case X86_TRAP_AC:
		die(regs, OOPS_ALIGNMENT, 0, 0, "alignment check (#AC) at rip %#lx", regs->rip);
		return;
	default:
		die(regs, OOPS_OTHER, 0, 0, "%s in kernel mode at rip %#lx (error code %#lx)",
		    exc_name(v), regs->rip, regs->error_code);
	}
}

/* ------------------------------------------------------------------- interrupts ---------- */

void do_irq(struct pt_regs *regs);
void do_irq(struct pt_regs *regs)
{
	if (regs->vector == SPURIOUS_VECTOR) {
		/* The LAPIC's spurious interrupt needs no EOI (SDM 10.9). */
		irq_spurious();
		return;
	}
	irq_enter();
	irq_dispatch((unsigned int)regs->vector, regs);
	irq_exit();
}

void arch_dump_regs(const struct pt_regs *r)
{
	printk("RIP: %04lx:%016lx RFLAGS: %08lx\n", r->cs, r->rip, r->rflags);
	printk("RSP: %04lx:%016lx\n", r->ss, r->rsp);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", r->rax, r->rbx, r->rcx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk("RBP: %016lx R08: %016lx R09: %016lx\n", r->rbp, r->r8, r->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk("CR2: %016lx CR3: %016lx CR4: %016lx vector %lu error %#lx\n", read_cr2(),
	       read_cr3(), read_cr4(), r->vector, r->error_code);
}

/* ------------------------------------------------------------------- test support -------- */

static const u64 ro_word = 0x524f; /* in .rodata: mapped read-only */

bool arch_test_fault(enum test_fault kind)
{
	volatile u64 sink;
	switch (kind) {
	case TEST_FAULT_ILLEGAL:
		__asm__ volatile("1: ud2\n2:\n" EXTABLE_ENTRY("1b", "2b", EXTABLE_REPORT));
		return true;
	case TEST_FAULT_READ_UNMAPPED: {
		/* The last page of the ioremap area is never mapped. */
		u64 v, addr = IOREMAP_END - PAGE_SIZE;
		__asm__ volatile("1: mov (%1), %0\n2:\n" EXTABLE_ENTRY("1b", "2b", EXTABLE_REPORT)
				 : "=r"(v)
				 : "r"(addr)
				 : "memory");
		sink = v;
		(void)sink;
		return true;
	}
	case TEST_FAULT_WRITE_RODATA:
		__asm__ volatile("1: movq $1, (%0)\n2:\n" EXTABLE_ENTRY("1b", "2b", EXTABLE_REPORT)
				 :
				 : "r"(&ro_word)
				 : "memory");
		return true;
	case TEST_FAULT_DIVIDE: {
		/* div by zero; rdx:rax / rcx */
		u64 a = 1, d = 0, zero = 0;
		__asm__ volatile("1: divq %2\n2:\n" EXTABLE_ENTRY("1b", "2b", EXTABLE_REPORT)
				 : "+a"(a), "+d"(d)
				 : "r"(zero));
		return true;
	}
	case TEST_FAULT_BREAKPOINT:
		__asm__ volatile("int3");
		return true;
	case TEST_FAULT_ALIGNMENT:
		/* #AC is raised only at CPL 3 (with CR0.AM and RFLAGS.AC): never in the kernel. */
		return false;
	}
	return false;
}

/* ------------------------------------------------------------------- user mode ----------- */

bool x86_smap; /* read by arch_copy_*_user (entry.S): stac/clac only exist with SMAP */
void entry_SYSCALL_64(void);
void entry_SYSCALL_compat(void);

static void fpu_init_cpu(struct cpu *c);

void user_init_cpu(void)
{
	struct cpu *c = arch_this_cpu();
	struct arch_cpu *a = &c->arch;

	/* TSS.sp0: the ENTRY stack; the CPU loads it on any interrupt or exception from ring 3. */
	void *page = vmap_alloc(PAGE_SIZE, PAGE_SIZE, PAGE_SIZE);
	if (!page)
		panic("x86: no memory for the entry stack");
	a->entry_stack = (uintptr_t)page + PAGE_SIZE - ENTRY_STACK_SIZE;
	a->tss.sp0 = (uintptr_t)page + PAGE_SIZE;
	/* Its "guard" for the overflow report: the unused rest of its page and the unmapped page
	 * below; an overflow faults when it reaches the unmapped page. */
	stack_register_fresh(STACK_ENTRY, (int)c->id, NULL, a->entry_stack, ENTRY_STACK_SIZE,
			     PAGE_SIZE - ENTRY_STACK_SIZE + PAGE_SIZE);

	/* SYSCALL: CS/SS from STAR[47:32] (kernel) and STAR[63:48] + 16/+8 (user, for SYSRET);
	 * RIP from LSTAR, or from CSTAR for a SYSCALL in 32-bit compatibility mode (a program can
	 * get there with a far return to USER32_CS): that entry kills the program, as the kernel
	 * has no 32-bit system calls; left 0, it would run ring 0 at address 0 on the user's
	 * stack. RFLAGS bits in FMASK are cleared on entry, as Linux's SYSCALL_MASK: no interrupts
	 * until the stack is the kernel's, no trap flag, direction flag clear, no SMAP override,
	 * and no nested-task flag (any program may set NT; an IRETQ with NT set takes #GP). */
	wrmsr(MSR_STAR, (u64)KERNEL_CS << 32 | (u64)(USER_DS - 3 - 8) << 48);
	wrmsr(MSR_LSTAR, (u64)(uintptr_t)entry_SYSCALL_64);
	wrmsr(MSR_CSTAR, (u64)(uintptr_t)entry_SYSCALL_compat);
	wrmsr(MSR_FMASK,
	      X86_RFLAGS_IF | X86_RFLAGS_TF | X86_RFLAGS_DF | X86_RFLAGS_AC | X86_RFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_KERNEL_GS_BASE, 0); /* user mode's GS base, which swapgs swaps in */

	/* SMEP: no executing user pages in ring 0; SMAP: no touching them outside stac/clac. */
	u32 eax, ebx, ecx, edx;
	cpuid(0, 0, &eax, &ebx, &ecx, &edx);
	ebx = 0;
	if (eax >= 7)
		cpuid(7, 0, &eax, &ebx, &ecx, &edx);
	unsigned long cr4 = read_cr4();
	if (ebx & (1u << 7))
		cr4 |= X86_CR4_SMEP;
	if (ebx & (1u << 20)) {
		cr4 |= X86_CR4_SMAP;
		if (c->id == 0)
			x86_smap = true;
	}
	write_cr4(cr4);
	fpu_init_cpu(c);
	/* The syscall entry's stack top until the first context switch writes the real one. */
	a->tss.sp1 = c->current->stack_base + c->current->stack_size;
	if (c->id != 0 && x86_smap != !!(cr4 & X86_CR4_SMAP))
		panic("cpu%u: SMAP differs from the boot CPU's", c->id);
}

/*
 * x87, MMX, SSE and (where CPUID has it) AVX for user programs, whose registers the kernel
 * saves and loads per process (kernel/fpu.c, fpu.S): CR0.EM and TS clear (no #NM), MP and NE
 * set (x87 errors as #MF, WAIT honours TS); CR4.OSFXSR (FXSAVE and SSE) and OSXMMEXCPT (#XM
 * for unmasked SSE exceptions); with XSAVE, CR4.OSXSAVE and XCR0 = x87 | SSE | AVX (what the
 * CPU offers of them: AVX under -cpu max). The kernel itself uses no FP/SIMD register
 * (-mgeneral-regs-only) but in fpu.S. Linux: fpu__init_cpu().
 */
bool x86_fpu_xsave;

static void fpu_init_cpu(struct cpu *c)
{
	u32 eax, ebx, ecx, edx;
	cpuid(1, 0, &eax, &ebx, &ecx, &edx);
	write_cr0((read_cr0() & ~(unsigned long)(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP |
		  X86_CR0_NE);
	unsigned long cr4 = read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
	bool xsave = ecx & (1u << 26);
	if (xsave)
		cr4 |= X86_CR4_OSXSAVE;
	write_cr4(cr4);
	if (c->id != 0 && xsave != x86_fpu_xsave)
		panic("cpu%u: XSAVE differs from the boot CPU's", c->id);
	if (!xsave)
		return;
	u32 sub_eax, sub_ebx, sub_ecx, sub_edx;
	cpuid(0xd, 0, &sub_eax, &sub_ebx, &sub_ecx, &sub_edx);
	xsetbv(0, sub_eax & (XFEATURE_X87 | XFEATURE_SSE | XFEATURE_AVX));
	/* EBX: the size of the XSAVE area for what XCR0 now enables. */
	cpuid(0xd, 0, &sub_eax, &sub_ebx, &sub_ecx, &sub_edx);
	if (sub_ebx > FPU_STATE_SIZE)
		panic("cpu%u: the XSAVE area takes %u bytes, more than FPU_STATE_SIZE (%d)", c->id,
		      sub_ebx, FPU_STATE_SIZE);
	x86_fpu_xsave = true;
}

void arch_user_init(void)
{
	user_init_cpu();
	struct arch_cpu *a = &arch_this_cpu()->arch;
	unsigned long cr4 = read_cr4();
	printk("  user:    SYSCALL via LSTAR, ENTRY stack %p (TSS.sp0)%s%s\n", (void *)a->tss.sp0,
	       (cr4 & X86_CR4_SMEP) ? ", SMEP" : "", (cr4 & X86_CR4_SMAP) ? ", SMAP" : "");
	printk("  fpu:     user FP/SIMD saved per process with %s\n",
	       !x86_fpu_xsave		      ? "FXSAVE (x87, SSE; 512 bytes)"
	       : (read_xcr0() & XFEATURE_AVX) ? "XSAVE (x87, SSE, AVX)"
					      : "XSAVE (x87, SSE)");
}

/* An exception from user mode: the process dies, or for NMI/#MC the event is handled. */
static bool user_trap(struct pt_regs *regs)
{
	unsigned long v = regs->vector;
	switch (v) {
	case X86_TRAP_NMI:
	case X86_TRAP_MC:
		return false; /* NMI, #MC: handled as in the kernel */
	case X86_TRAP_DE:
		user_fault(regs, OOPS_DIVIDE, 0, "divide error (#DE)");
	case X86_TRAP_DB:
	case X86_TRAP_BP:
		user_fault(regs, OOPS_BREAKPOINT, 0, "%s", exc_name(v));
	case X86_TRAP_UD:
		user_fault(regs, OOPS_ILLEGAL, 0, "invalid opcode (#UD)");
	case X86_TRAP_NM:
		user_fault(regs, OOPS_ILLEGAL, 0,
			   "x87/MMX instruction (#NM): FP is off in user mode, CR0.EM");
	case X86_TRAP_PF: {
		unsigned long e = regs->error_code;
		user_fault(regs, OOPS_PAGE_FAULT, read_cr2(), "page fault (%s %s page)",
			   (e & X86_PF_INSTR)	? "fetch from"
			   : (e & X86_PF_WRITE) ? "write to"
						: "read from",
			   (e & X86_PF_PROT) ? "a protected" : "an unmapped");
	}
	case X86_TRAP_AC:
		user_fault(regs, OOPS_ALIGNMENT, 0, "alignment check (#AC)");
	default:
		user_fault(regs, OOPS_OTHER, 0, "%s (error code %#lx)", exc_name(v),
			   regs->error_code);
	}
}

/* SYSCALL from 32-bit compatibility mode (entry.S, entry_SYSCALL_compat). */
__noreturn void do_syscall_compat(struct pt_regs *regs);
__noreturn void do_syscall_compat(struct pt_regs *regs)
{
	user_fault(regs, OOPS_ILLEGAL, 0,
		   "SYSCALL from 32-bit compatibility mode (CS %#lx): no 32-bit system calls",
		   regs->cs);
}

/*
 * The iretq back to user mode faulted (entry.S, [BAD_IRET]): regs are the user registers it
 * tried to return with (at the top of the task stack), vector and error code the fault's.
 * Nothing the kernel can fix: the program dies as for a #GP in user mode (KILL_MEMORY).
 */
__noreturn void bad_iret_kill(struct pt_regs *regs, unsigned long vector, unsigned long error);
__noreturn void bad_iret_kill(struct pt_regs *regs, unsigned long vector, unsigned long error)
{
	user_fault(regs, OOPS_OTHER, 0,
		   "return to user mode faulted: %s, error code %#lx (cs %#lx ss %#lx rflags %#lx)",
		   exc_name(vector), error, regs->cs, regs->ss, regs->rflags);
}

void arch_breakpoint(void)
{
	/* The #BP handler sees rip already past the int3: the entry is keyed there. */
	__asm__ volatile("int3\n1:\n\t" EXTABLE_ENTRY("1b", "1b", EXTABLE_SILENT)::: "memory");
}
