// SPDX-License-Identifier: MIT
/*
 * riscv64 MMU: Sv39. The portable walker (kernel/mm/pgtable.c) builds the tables from the PTE
 * format in asm/pgtable.h; this file only switches satp and flushes the TLB.
 * One root table serves both halves: the kernel half will be copied into every process's root.
 */
#include <arch.h>
#include <pgtable.h>
#include <mm.h>
#include <asm/board.h>
#include <asm/csr.h>

const char arch_mmu_format[] = "Sv39, 3 levels, 4 KiB pages, 39-bit virtual addresses";

static inline void sfence_vma_all(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}

void arch_mmu_switch_kernel(phys_addr_t root_pa)
{
	/* Map the boot devices in the new table before it goes live; their old addresses were
	 * in the identity map, which the new table does not have. */
	void *uart = ioremap(console_phys(), PAGE_SIZE);
	void *test = ioremap(exit_dev_phys, PAGE_SIZE);

	sfence_vma_all(); /* the new table's stores before any walk of it */
	csr_write(satp, SATP_MODE_SV39 | (root_pa >> PAGE_SHIFT));
	sfence_vma_all();

	console_set_base(uart);
	exit_dev_set_base(test);
}

void arch_tlb_flush_page(vaddr_t va)
{
	__asm__ volatile("sfence.vma %0" : : "r"(va) : "memory");
}

bool arch_tlb_flush_page_all(vaddr_t va)
{
	/* SFENCE.VMA is this hart's only: other harts need an IPI (Linux: an SBI RFENCE
	 * call, or IPIs, in flush_tlb_kernel_range()). */
	(void)va;
	return false;
}

phys_addr_t arch_mmu_kernel_root(void)
{
	return (csr_read(satp) & ((1UL << 44) - 1)) << PAGE_SHIFT;
}

void arch_mm_activate(phys_addr_t root)
{
	csr_write(satp, SATP_MODE_SV39 | ((root ? root : kernel_root) >> PAGE_SHIFT));
	/* No ASIDs: drop every translation (kernel ones are global, but a full fence is simple
	 * and correct). */
	sfence_vma_all();
	/* A new program's code was written with ordinary stores (mm_write(), through the direct
	 * map), and RISC-V does not keep instruction fetch coherent with stores: fence.i makes
	 * this hart fetch what was stored before it runs it (Linux: flush_icache_deferred() in
	 * switch_mm()). QEMU would run it correctly without; hardware need not. It is this hart's
	 * only; a program that moves to another hart gets that hart's own fence.i here, at
	 * its first switch there (Linux defers it the same way, with a CPU mask per mm). */
	__asm__ volatile("fence.i" ::: "memory");
}
