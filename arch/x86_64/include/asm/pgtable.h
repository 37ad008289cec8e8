/* SPDX-License-Identifier: MIT */
/*
 * x86_64 page-table entries (Intel SDM vol. 3A, 4.5 "4-level paging"): PML4 -> PDPT -> PD -> PT,
 * 512 entries each.
 *
 *   63 XD (no-execute, needs EFER.NXE) | 51..12 address | 8 G | 7 PS | 6 D | 5 A | 4 PCD | 3 PWT
 *   | 2 U/S | 1 R/W | 0 P
 *
 * PS=1 in a PD entry makes it a 2 MiB leaf (level 1), in a PDPT entry a 1 GiB leaf (level 2).
 * The rights of a translation are the AND of every level's (R/W, U/S) and the OR of XD, so the
 * table entries are made permissive and the leaf decides.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <types.h>
#include <mm.h>

typedef u64 pte_t;

#define PT_LEVELS	   4
#define PT_MAX_BLOCK_LEVEL 1
/* One root table translates both halves (see include/pgtable.h). */
#define PT_ROOT_UPPER_HALF_ONLY 0

#define PTE_P			(1UL << 0)
#define PTE_RW			(1UL << 1)
#define PTE_US			(1UL << 2)
#define PTE_PWT			(1UL << 3)
#define PTE_PCD			(1UL << 4)
#define PTE_A			(1UL << 5)
#define PTE_D			(1UL << 6)
#define PTE_PS			(1UL << 7)
#define PTE_G			(1UL << 8)
#define PTE_NX			(1UL << 63)
#define PTE_ADDR		0x000ffffffffff000UL

/* PTE_NX when the CPU supports no-execute (EFER.NXE is set then), else 0: on a CPU without NX
 * bit 63 is reserved and setting it faults. (arch/x86_64/mmu.c) */
extern pte_t pte_nx;

static inline bool pte_valid(pte_t e)
{
	return e & PTE_P;
}

static inline bool pte_is_table(pte_t e, int level)
{
	return level > 0 && !(e & PTE_PS);
}

static inline phys_addr_t pte_addr(pte_t e)
{
	return e & PTE_ADDR;
}

static inline pte_t pte_mk_table(phys_addr_t pa, unsigned int prot)
{
	return pa | PTE_P | PTE_RW | ((prot & PROT_USER) ? PTE_US : 0);
}

static inline pte_t pte_mk_leaf(phys_addr_t pa, unsigned int prot, int level)
{
	pte_t e = pa | PTE_P | PTE_A | PTE_D;
	if (level > 0)
		e |= PTE_PS;
	if (prot & PROT_W)
		e |= PTE_RW;
	if (!(prot & PROT_X))
		e |= pte_nx;
	if (prot & PROT_USER)
		e |= PTE_US;
	else
		e |= PTE_G; /* kernel mappings survive CR3 switches */
	if (prot & PROT_DEVICE)
		e |= PTE_PCD | PTE_PWT; /* uncached */
	return e;
}

static inline unsigned int pte_prot(pte_t e, int level)
{
	(void)level;
	unsigned int p = PROT_R; /* x86 has no "present but unreadable" */
	if (e & PTE_RW)
		p |= PROT_W;
	if (!(e & PTE_NX))
		p |= PROT_X;
	if (e & PTE_US)
		p |= PROT_USER;
	if (e & PTE_PCD)
		p |= PROT_DEVICE;
	return p;
}

#endif
