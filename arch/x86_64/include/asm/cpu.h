/* SPDX-License-Identifier: MIT */
/* The x86_64 part of the per-CPU area. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <types.h>

/* The Task State Segment (Intel SDM vol. 3A, 8.7 "Task management in 64-bit mode"). In long mode
 * it switches no tasks; it only holds stack pointers the CPU loads on its own:
 *   sp0      loaded on an interrupt or exception that comes from user mode (ring 3 -> 0);
 *   sp1, sp2 for rings 1 and 2, which nothing uses: Linux keeps cpu_current_top_of_stack in sp1
 *            and uses sp2 as a scratch slot for the user RSP in the syscall entry;
 *   ist[n]   loaded for any vector whose IDT gate names IST n (1-7), from any ring. */
struct tss {
	u32 reserved0;
	u64 sp0, sp1, sp2;
	u64 reserved1;
	u64 ist[7]; /* ist[0] is IST 1 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base; /* past the limit: no I/O permission bitmap, so ring 3 has no port I/O */
} __packed;

/* IST slots (1-based, as written in the IDT gate). */
#define ENTRY_STACK_SIZE 512

enum { IST_DF = 1, IST_NMI = 2, IST_DB = 3, IST_MC = 4, NR_IST = 4 };

#define GDT_ENTRIES 8 /* null, kernel code/data, user code32/data/code64, TSS (2 entries) */

/* What the last handler on each IST stack of a CPU saw (index IST_DF..IST_MC). The NMI and #MC
 * handlers may not print (they can interrupt printk itself), so this record is how they report:
 * the #DF report names the stack it ran on from it, and the IST tests read it (asm/traps.h). */
struct ist_record {
	unsigned long count;
	int stack_kind;	    /* enum stack_kind the handler's own SP was on */
	unsigned long rip;  /* where the event interrupted */
	unsigned int depth; /* #DB/#BP nesting level it ran at (1 = not nested) */
	u64 status;	    /* #MC: MCG_STATUS */
};

struct arch_cpu {
	unsigned int apic_id; /* initial APIC id from CPUID leaf 1 */
	/* Linux's irq_count: -1 when no interrupt is being handled on this CPU. entry.S
	 * increments it on interrupt entry and moves to the IRQ stack only when it becomes 0,
	 * so a nested interrupt, already on the IRQ stack, stays there. */
	long irq_count;
	u64 gdt[GDT_ENTRIES] __aligned(16);
	struct tss tss __aligned(16);
	uintptr_t ist_base[NR_IST + 1]; /* lowest address of each IST stack, [IST_DF]..[IST_MC] */
	unsigned int ist_depth[NR_IST + 1]; /* handlers running on each IST stack right now */
	/* The ENTRY (trampoline) stack, TSS.sp0: where the CPU pushes its frame for an interrupt or
	 * exception from user mode, and the last kernel stack before a return to user mode
	 * (Linux 5.7: struct entry_stack, 512 bytes, at the top of its own page in the
	 * cpu_entry_area). Here too: the ENTRY_STACK_SIZE bytes at the top of a page of its own,
	 * with an unmapped guard page below, so that running off it faults (and ends in #DF)
	 * instead of writing over other per-CPU data. Lowest address of the 512 bytes. */
	uintptr_t entry_stack;
	u64 tick_next_ns; /* when this CPU's next tick falls due, by the clock (timer.c) */
	struct ist_record ists[NR_IST + 1]; /* what its IST handlers saw (trap.c) */
};

/* Where the trampoline of an application processor's start runs (boot.S, setup.c): a page
 * below 1 MiB that the kernel never hands out (setup.c reserves the first MiB), SIPI vector
 * TRAMPOLINE_PHYS >> 12. */
#define TRAMPOLINE_PHYS 0x8000

/* A CPU's own part of the set-up, run by the boot CPU in arch_irq_init(), arch_timer_init() and
 * arch_user_init() and by every application processor in arch_secondary_init(): the IDT
 * register, its GDT, TSS and IST stacks (x86_trap_init(), asm/traps.h), its local APIC, its
 * LAPIC timer, its ENTRY stack with the SYSCALL MSRs and CR0/CR4 bits. */
void idt_load(void);
void irqchip_init_cpu(void);
void timer_init_cpu(void);
void user_init_cpu(void);

#endif
