/* SPDX-License-Identifier: MIT */
/*
 * AArch64 stage 1 translation table descriptors, 4 KiB granule, 48-bit addresses: 4 levels of
 * 512 entries (Arm ARM D8.3, "Translation table descriptor formats"). Levels are numbered as the
 * portable walker numbers them, from the leaf: tristack level 0 is Arm's level 3.
 *
 *   63 | 62..59 | 58..55 SW | 54 UXN | 53 PXN | 52 Contig | 51..48 | 47..12 address |
 *   11 nG | 10 AF | 9..8 SH | 7..6 AP[2:1] | 5 NS | 4..2 AttrIndx | 1 type | 0 valid
 *
 * Bits 1:0 say what an entry is: 0b11 at levels 1-3 points to the next table, 0b11 at level 0 is
 * a 4 KiB page, 0b01 at levels 1-2 is a block (2 MiB or 1 GiB); bit 0 clear is invalid.
 * Unlike Sv39 or x86, read permission cannot be taken away: every valid entry is readable by
 * EL1, AP[2] makes it read-only and AP[1] makes it reachable from EL0 too. Execution is
 * controlled separately for the kernel (PXN, "privileged execute never") and for user mode (UXN).
 * The memory type is not in the entry but in MAIR_EL1, which AttrIndx selects a byte of.
 *
 * The first part of this header is shared with boot.S, which builds the early tables by hand.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <const.h>

#define PT_LEVELS	   4
#define PT_MAX_BLOCK_LEVEL 1

/* The kernel's root (TTBR1_EL1's) translates only the upper half; see include/pgtable.h. */
#define PT_ROOT_UPPER_HALF_ONLY 1

#define PTE_VALID		(_AC(1, UL) << 0)
#define PTE_TYPE_MASK		(_AC(3, UL) << 0)
#define PTE_TYPE_BLOCK		(_AC(1, UL) << 0) /* levels 1-2 */
#define PTE_TYPE_TABLE		(_AC(3, UL) << 0) /* levels 1-3 */
#define PTE_TYPE_PAGE		(_AC(3, UL) << 0) /* level 0 */
#define PTE_ATTRINDX(i)		(((i)&_AC(7, UL)) << 2)
#define PTE_ATTRINDX_MASK	(_AC(7, UL) << 2)
#define PTE_AP_USER		(_AC(1, UL) << 6) /* AP[1]: EL0 may access too */
#define PTE_AP_RDONLY		(_AC(1, UL) << 7) /* AP[2]: read-only (at every EL that has access) */
#define PTE_SH_INNER		(_AC(3, UL) << 8) /* inner shareable: coherent between all our CPUs */
#define PTE_AF			(_AC(1, UL) << 10) /* access flag: without it the first access faults */
#define PTE_NG			(_AC(1, UL) << 11) /* not global: tagged with the ASID (user mappings) */
#define PTE_PXN			(_AC(1, UL) << 53) /* EL1 may not execute */
#define PTE_UXN			(_AC(1, UL) << 54) /* EL0 may not execute */
#define PTE_ADDR_MASK		_AC(0x0000fffffffff000, UL)

/*
 * MAIR_EL1 holds eight memory types; an entry's AttrIndx picks one. Ours, as Linux orders them:
 *   0 Device-nGnRnE  0x00  device registers: no gathering, no reordering, no early write ack
 *   1 Normal         0xff  write-back, read- and write-allocate, inner and outer: RAM
 *   2 Normal NC      0x44  non-cacheable RAM (for buffers shared with non-coherent devices)
 */
#define MT_DEVICE_nGnRnE	0
#define MT_NORMAL		1
#define MT_NORMAL_NC		2
#define MAIR_ATTR_DEVICE_nGnRnE _AC(0x00, UL)
#define MAIR_ATTR_NORMAL	_AC(0xff, UL)
#define MAIR_ATTR_NORMAL_NC	_AC(0x44, UL)
#define MAIR_ATTR(attr, idx)	((attr) << ((idx)*8))
#define MAIR_EL1_VALUE                                                                             \
	(MAIR_ATTR(MAIR_ATTR_DEVICE_nGnRnE, MT_DEVICE_nGnRnE) |                                    \
	 MAIR_ATTR(MAIR_ATTR_NORMAL, MT_NORMAL) | MAIR_ATTR(MAIR_ATTR_NORMAL_NC, MT_NORMAL_NC))

/* The two kinds of block boot.S writes: kernel memory (RWX until vm_init() replaces the tables
 * with W^X ones; EL0 may not execute it) and device registers (never executable). */
#define PTE_EARLY_NORMAL                                                                           \
	(PTE_TYPE_BLOCK | PTE_ATTRINDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define PTE_EARLY_DEVICE                                                                           \
	(PTE_TYPE_BLOCK | PTE_ATTRINDX(MT_DEVICE_nGnRnE) | PTE_AF | PTE_PXN | PTE_UXN)

#ifndef __ASSEMBLER__

#include <types.h>
#include <mm.h>

typedef u64 pte_t;

static inline bool pte_valid(pte_t e)
{
	return e & PTE_VALID;
}

static inline bool pte_is_table(pte_t e, int level)
{
	return level > 0 && (e & PTE_TYPE_MASK) == PTE_TYPE_TABLE;
}

static inline phys_addr_t pte_addr(pte_t e)
{
	return e & PTE_ADDR_MASK;
}

static inline pte_t pte_mk_table(phys_addr_t pa, unsigned int prot)
{
	/* Table entries could also restrict everything below them (APTable, PXNTable...); the
	 * rights are kept in the leaves only, as on the other two arches. */
	(void)prot;
	return (pa & PTE_ADDR_MASK) | PTE_TYPE_TABLE;
}

static inline pte_t pte_mk_leaf(phys_addr_t pa, unsigned int prot, int level)
{
	pte_t e = (pa & PTE_ADDR_MASK) | (level ? PTE_TYPE_BLOCK : PTE_TYPE_PAGE) | PTE_AF |
		  PTE_SH_INNER;
	e |= PTE_ATTRINDX((prot & PROT_DEVICE) ? MT_DEVICE_nGnRnE : MT_NORMAL);
	if (!(prot & PROT_W))
		e |= PTE_AP_RDONLY;
	if (prot & PROT_USER) {
		/* Reachable from EL0, tagged with the ASID; the kernel never executes user memory.
		 */
		e |= PTE_AP_USER | PTE_NG | PTE_PXN;
		if (!(prot & PROT_X))
			e |= PTE_UXN;
	} else {
		/* Kernel memory is never executable from EL0. */
		e |= PTE_UXN;
		if (!(prot & PROT_X))
			e |= PTE_PXN;
	}
	/* No instruction fetch from device registers, whatever was asked (speculative fetches
	 * could read them). */
	if (prot & PROT_DEVICE)
		e |= PTE_PXN | PTE_UXN;
	return e;
}

static inline unsigned int pte_prot(pte_t e, int level)
{
	(void)level; /* page and block entries hold the rights in the same bits */
	unsigned int p = PROT_R;
	if (!(e & PTE_AP_RDONLY))
		p |= PROT_W;
	if (e & PTE_AP_USER) {
		p |= PROT_USER;
		if (!(e & PTE_UXN))
			p |= PROT_X;
	} else if (!(e & PTE_PXN)) {
		p |= PROT_X;
	}
	if ((e & PTE_ATTRINDX_MASK) == PTE_ATTRINDX(MT_DEVICE_nGnRnE))
		p |= PROT_DEVICE;
	return p;
}

#endif /* __ASSEMBLER__ */

#endif
