/* SPDX-License-Identifier: MIT */
/*
 * Sv39 page-table entries (RISC-V privileged spec, section "Sv39"): 3 levels of 512 entries.
 *
 *   63..54 reserved | 53..10 PPN | 9..8 RSW | 7 D | 6 A | 5 G | 4 U | 3 X | 2 W | 1 R | 0 V
 *
 * An entry with V=1 and R=W=X=0 points to the next table; any of R/W/X set makes it a leaf, at
 * any level (a leaf at level 1 maps 2 MiB, at level 2 1 GiB). A and D are set up front: QEMU
 * would set them itself, but hardware that faults on A=0/D=0 is allowed by the spec.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <types.h>
#include <mm.h>

typedef u64 pte_t;

#define PT_LEVELS	   3
#define PT_MAX_BLOCK_LEVEL 1
/* One root table translates both halves (see include/pgtable.h). */
#define PT_ROOT_UPPER_HALF_ONLY 0

#define PTE_V			(1UL << 0)
#define PTE_R			(1UL << 1)
#define PTE_W			(1UL << 2)
#define PTE_X			(1UL << 3)
#define PTE_U			(1UL << 4)
#define PTE_G			(1UL << 5)
#define PTE_A			(1UL << 6)
#define PTE_D			(1UL << 7)
#define PTE_PPN_SHIFT		10

static inline bool pte_valid(pte_t e)
{
	return e & PTE_V;
}

static inline bool pte_is_table(pte_t e, int level)
{
	return level > 0 && (e & (PTE_V | PTE_R | PTE_W | PTE_X)) == PTE_V;
}

static inline phys_addr_t pte_addr(pte_t e)
{
	return ((e >> PTE_PPN_SHIFT) & ((1UL << 44) - 1)) << PAGE_SHIFT;
}

static inline pte_t pte_mk_table(phys_addr_t pa, unsigned int prot)
{
	(void)prot; /* Sv39 table entries carry no rights */
	return (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT | PTE_V;
}

static inline pte_t pte_mk_leaf(phys_addr_t pa, unsigned int prot, int level)
{
	(void)level; /* the same format at every level */
	pte_t e = (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT | PTE_V | PTE_A | PTE_D;
	if (prot & PROT_R)
		e |= PTE_R;
	if (prot & PROT_W)
		e |= PTE_W | PTE_R; /* W without R is reserved */
	if (prot & PROT_X)
		e |= PTE_X;
	if (prot & PROT_USER)
		e |= PTE_U;
	else
		e |= PTE_G; /* kernel mappings are the same in every address space */
	/* PROT_DEVICE: on QEMU virt the physical memory attributes (PMAs) already make MMIO
	 * uncached; Svpbmt would say it in the PTE, but QEMU 7.2's default CPU lacks it. */
	return e;
}

static inline unsigned int pte_prot(pte_t e, int level)
{
	(void)level;
	unsigned int p = 0;
	if (e & PTE_R)
		p |= PROT_R;
	if (e & PTE_W)
		p |= PROT_W;
	if (e & PTE_X)
		p |= PROT_X;
	if (e & PTE_U)
		p |= PROT_USER;
	return p;
}

#endif
