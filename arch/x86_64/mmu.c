// SPDX-License-Identifier: MIT
/*
 * x86_64 MMU: 4-level paging. The portable walker (kernel/mm/pgtable.c) builds the tables from
 * the entry format in asm/pgtable.h; this file loads CR3 and flushes the TLB. One PML4 serves
 * both halves: the kernel half will be copied into every process's PML4.
 */
#include <arch.h>
#include <pgtable.h>
#include <mm.h>
#include <asm/x86.h>

const char arch_mmu_format[] =
	"x86-64 4-level paging (PML4), 4 KiB pages, 48-bit virtual addresses";

pte_t pte_nx;

void arch_mmu_switch_kernel(phys_addr_t root_pa)
{
	/* The console and exit device are port I/O: nothing to move to ioremap(). */
	u32 a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	/* Global pages (CR4.PGE): kernel mappings, marked G, stay in the TLB across CR3 loads. */
	if (d & CPUID_1_EDX_PGE)
		write_cr4(read_cr4() | X86_CR4_PGE);
	write_cr3(root_pa); /* also flushes every non-global TLB entry: all of boot.S's */
}

void arch_tlb_flush_page(vaddr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

bool arch_tlb_flush_page_all(vaddr_t va)
{
	/* INVLPG drops this CPU's entry only: other CPUs need an IPI (Linux:
	 * flush_tlb_kernel_range() -> on_each_cpu()). */
	(void)va;
	return false;
}

phys_addr_t arch_mmu_kernel_root(void)
{
	return read_cr3() & PTE_ADDR;
}

void arch_mm_activate(phys_addr_t root)
{
	/* A CR3 load drops every non-global TLB entry: all the user ones (kernel ones are G). */
	write_cr3(root ? root : kernel_root);
}
