// SPDX-License-Identifier: MIT
/*
 * x86_64 traps, the C side of entry.S: the IDT, and what to do with each exception. For now every
 * exception is fatal and prints what happened; the IRQ vectors come with the interrupt work.
 */
#include <arch.h>
#include <panic.h>
#include <printk.h>
#include <asm/x86.h>

/* An IDT entry (Intel SDM vol. 3A, 6.14.1 "64-bit mode IDT"): a 16-byte interrupt gate. */
struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;	      /* bits 0-2: Interrupt Stack Table index, 0 = no stack switch by IST */
	u8 type_attr; /* 0x8e: present, DPL 0, 64-bit interrupt gate (IF cleared on entry) */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gates are 16 bytes in long mode");

#define NR_EXCEPTIONS 32
#define STUB_SIZE     16 /* entry.S */
#define GATE_INTR     0x8e

static struct idt_gate idt[256] __aligned(16);
extern char exception_stubs[];

static void set_gate(unsigned int vector, void *handler)
{
	uintptr_t a = (uintptr_t)handler;
	idt[vector] = (struct idt_gate){
		.offset_low = (u16)a,
		.selector = KERNEL_CS,
		.ist = 0,
		.type_attr = GATE_INTR,
		.offset_mid = (u16)(a >> 16),
		.offset_high = (u32)(a >> 32),
	};
}

/* Called from boot.S before start_kernel(): must not touch anything but the IDT. */
void idt_init(void);
void idt_init(void)
{
	for (unsigned int v = 0; v < NR_EXCEPTIONS; v++)
		set_gate(v, exception_stubs + v * STUB_SIZE);
	struct {
		u16 limit;
		u64 base;
	} __packed desc = { sizeof(idt) - 1, (u64)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(desc));
}

static const char *const exc_names[NR_EXCEPTIONS] = {
	[0] = "divide error (#DE)",
	[1] = "debug (#DB)",
	[2] = "non-maskable interrupt (NMI)",
	[3] = "breakpoint (#BP)",
	[4] = "overflow (#OF)",
	[5] = "bound range exceeded (#BR)",
	[6] = "invalid opcode (#UD)",
	[7] = "device not available (#NM)",
	[8] = "double fault (#DF)",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS (#TS)",
	[11] = "segment not present (#NP)",
	[12] = "stack-segment fault (#SS)",
	[13] = "general protection fault (#GP)",
	[14] = "page fault (#PF)",
	[16] = "x87 floating-point error (#MF)",
	[17] = "alignment check (#AC)",
	[18] = "machine check (#MC)",
	[19] = "SIMD floating-point exception (#XM)",
	[20] = "virtualization exception (#VE)",
	[21] = "control protection exception (#CP)",
};

static const char *exc_name(unsigned long v)
{
	return v < NR_EXCEPTIONS && exc_names[v] ? exc_names[v] : "reserved exception";
}

void do_trap(struct pt_regs *regs);
void do_trap(struct pt_regs *regs)
{
	if (regs->vector == 14) {
		/* Page-fault error code: bit 0 present, 1 write, 2 user, 3 reserved bit, 4 fetch.
		 */
		unsigned long e = regs->error_code;
		panic_regs(regs, "page fault in kernel mode at rip %#lx: %s %s address %#lx (%s)",
			   regs->rip,
			   (e & 16)  ? "instruction fetch from"
			   : (e & 2) ? "write to"
				     : "read from",
			   (e & 1) ? "protected" : "unmapped", read_cr2(),
			   (e & 8)   ? "reserved bit set"
			   : (e & 1) ? "protection violation"
				     : "not present");
	}
	panic_regs(regs, "%s in kernel mode at rip %#lx (error code %#lx)", exc_name(regs->vector),
		   regs->rip, regs->error_code);
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
