/* SPDX-License-Identifier: MIT */
/*
 * The portable page-table walker (kernel/mm/pgtable.c). All three architectures here use 4 KiB
 * pages and 512-entry tables, so one walker serves them all; only the number of levels and the
 * bits inside an entry differ, and those come from <asm/pgtable.h>:
 *
 *   PT_LEVELS           levels of the kernel's table (x86_64 4, arm64 4, riscv64 Sv39 3)
 *   PT_MAX_BLOCK_LEVEL  highest level at which a leaf may sit (1: 2 MiB blocks)
 *   pte_valid, pte_is_table, pte_addr, pte_mk_table, pte_mk_leaf, pte_prot
 *
 * Levels are numbered from the leaf: level 0 maps 4 KiB, level 1 2 MiB, level 2 1 GiB, level 3
 * 512 GiB. Linux calls them PTE, PMD, PUD and P4D/PGD.
 */
#ifndef TRISTACK_PGTABLE_H
#define TRISTACK_PGTABLE_H

#include <types.h>
#include <mm.h>
#include <asm/pgtable.h>

#define PT_ENTRIES    512
#define PT_INDEX_BITS 9

/*
 * Which addresses the kernel's root table translates. On x86_64 and riscv64 one root covers both
 * halves of the address space (the kernel half is shared by every process's root). arm64 has a
 * root per half, TTBR0_EL1 for the low (user) half and TTBR1_EL1 for the high (kernel) half, and
 * both are indexed with the same address bits 47..39; the kernel's root is TTBR1_EL1's, so its
 * <asm/pgtable.h> defines PT_ROOT_UPPER_HALF_ONLY to 1. The walker then refuses low-half
 * addresses (0x40200000 would otherwise alias the direct map's 0xffff000040200000) and reports
 * what it walks as high-half addresses. Every arch defines it.
 */
#ifndef PT_ROOT_UPPER_HALF_ONLY
#error "<asm/pgtable.h> must define PT_ROOT_UPPER_HALF_ONLY"
#endif

/* The physical address of the kernel's page-table root, set up by vm_init() (kernel/mm/vm.c):
 * the kernel half that every address space shares. */
extern phys_addr_t kernel_root;

/* Bytes mapped by one entry at level. */
static inline u64 pt_level_size(int level)
{
	return 1ULL << (PAGE_SHIFT + PT_INDEX_BITS * level);
}

/*
 * Maps [va, va+size) to [pa, pa+size) with prot (PROT_*). When blocks is true, 2 MiB blocks are
 * used wherever va, pa and the remaining size allow. Missing tables are allocated from the page
 * allocator. Returns 0, -ENOMEM, -EEXIST (something is already mapped there) or -EINVAL.
 */
int pt_map(phys_addr_t root, vaddr_t va, phys_addr_t pa, u64 size, unsigned int prot, bool blocks);

/* Creates every table down to level 0 for [va, va+size), mapping nothing, so that later 4 KiB
 * mappings there never allocate. Returns 0, -ENOMEM or -EINVAL (a block is in the way). */
int pt_prealloc(phys_addr_t root, vaddr_t va, u64 size);

/* Removes 4 KiB mappings in [va, va+size); the caller flushes the TLB. -EINVAL inside a block. */
int pt_unmap(phys_addr_t root, vaddr_t va, u64 size);

/*
 * Removes every 4 KiB mapping in [va, va+size) of the lower (user) half, visiting only the
 * tables that exist: the cost is proportional to what is mapped, not to the size of the range
 * (a heap shrunk from the top of user space is one pass over a few tables, not 2^35 lookups).
 * Calls fn(va, pa, arg) for each mapping removed, after removing it; the caller flushes the TLB
 * and frees the page. Blocks are left alone. Returns how many mappings were removed, or -EINVAL.
 */
typedef void (*pt_unmap_fn)(vaddr_t va, phys_addr_t pa, void *arg);
long pt_unmap_pages(phys_addr_t root, vaddr_t va, u64 size, pt_unmap_fn fn, void *arg);

/* Translates va. Returns false if unmapped; else fills the (optional) outputs. */
bool pt_lookup(phys_addr_t root, vaddr_t va, phys_addr_t *pa, unsigned int *prot, int *level);

/* Calls fn once for every leaf mapping in the table, in address order. */
typedef void (*pt_walk_fn)(vaddr_t va, phys_addr_t pa, u64 size, unsigned int prot, void *arg);
void pt_walk(phys_addr_t root, pt_walk_fn fn, void *arg);

/* Frees a process's page-table root, every table of its user half and every page mapped there.
 * The caller has switched away from it and flushed the TLB. */
void pt_free_user(phys_addr_t root);

/* Formats prot as "RWX-U" style flags into buf (at least 8 bytes). */
const char *prot_str(unsigned int prot, char *buf);

#endif
