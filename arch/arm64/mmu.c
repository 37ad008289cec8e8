// SPDX-License-Identifier: MIT
/*
 * arm64 MMU: 48-bit virtual addresses, 4 KiB granule, 4 levels. The portable walker
 * (kernel/mm/pgtable.c) builds the tables from the descriptor format in asm/pgtable.h; this file
 * only switches TTBR1_EL1 and flushes the TLB.
 * Two roots, one per half: TTBR1_EL1 holds the kernel's table for the whole time the machine
 * runs; TTBR0_EL1 holds the running process's user table (arch_mm_activate(); Linux's split,
 * too).
 */
#include <arch.h>
#include <mm.h>
#include <asm/board.h>
#include <asm/sysreg.h>

const char arch_mmu_format[] = "AArch64 4 KiB granule, 4 levels, 48-bit virtual addresses";

/* TTBRn_EL1.BADDR, bits 47:1 (the table is 4 KiB aligned, so bits 11:1 are 0); ASID in 63:48. */
#define TTBR_BADDR_MASK _AC(0x0000fffffffffffe, UL)

void arch_mmu_switch_kernel(phys_addr_t root_pa)
{
	/* Map the boot UART in the new table before it goes live: its old address was in boot.S's
	 * identity map in TTBR0, which is switched off below. */
	void *uart = ioremap(console_phys(), PAGE_SIZE);

	/* The table stores must be visible to the walker before it can start using the table. */
	dsb(ishst);
	write_sysreg(ttbr1_el1, root_pa);
	/* No user half yet: EPD0 stops walks through TTBR0 (the boot identity map), so a stray low
	 * address now faults instead of reaching physical memory. */
	write_sysreg(tcr_el1, read_sysreg(tcr_el1) | TCR_EPD0);
	isb();
	/* Drop every translation cached from the early tables: all of EL1's (VMALLE1), waiting for
	 * the invalidation to complete (DSB) and for later instructions to see it (ISB).
	 *
	 * Between the TTBR1 write and this flush the TLB may hold the old 1 GiB block and new 4 KiB
	 * entries for the same kernel addresses at the same time; they agree on the physical
	 * address and the memory type, which QEMU is content with. A real CPU may report that as a
	 * TLB conflict abort; Linux avoids it by making the switch (cpu_replace_ttbr1) from the
	 * identity map with an empty table in TTBR1 in between. */
	__asm__ volatile("tlbi vmalle1" ::: "memory");
	dsb(ish);
	isb();

	console_set_base(uart);
}

void arch_tlb_flush_page(vaddr_t va)
{
	/* VAALE1: this address, all ASIDs, last-level entry only (the walker unmaps 4 KiB pages);
	 * the operand is the page number va >> 12. The DSB before orders the caller's page-table
	 * store before the invalidation. */
	dsb(ishst);
	__asm__ volatile("tlbi vaale1, %0" : : "r"(va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

bool arch_tlb_flush_page_all(vaddr_t va)
{
	/* As arch_tlb_flush_page(), with the IS (inner shareable) form: every CPU of the
	 * domain drops the entry, and the DSB ISH waits until all of them have. */
	dsb(ishst);
	__asm__ volatile("tlbi vaale1is, %0" : : "r"(va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
	return true;
}

phys_addr_t arch_mmu_kernel_root(void)
{
	return read_sysreg(ttbr1_el1) & TTBR_BADDR_MASK;
}

void arch_mm_activate(phys_addr_t root)
{
	/* Without ASIDs, every user translation goes: the TLB may hold the previous process's.
	 * The DSB first: the stores that built root's tables (mm_map_anon) must be visible to the
	 * table walker before it may walk them. */
	dsb(ishst);
	if (root) {
		write_sysreg(ttbr0_el1, root);
		write_sysreg(tcr_el1, read_sysreg(tcr_el1) & ~TCR_EPD0);
	} else {
		write_sysreg(tcr_el1, read_sysreg(tcr_el1) | TCR_EPD0);
	}
	__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
}
