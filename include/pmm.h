/* SPDX-License-Identifier: MIT */
/*
 * The physical page allocator (kernel/mm/pmm.c): one bit per 4 KiB page of the span of RAM, set
 * when the page is in use. Lowest free pages are handed out first. It never touches the pages
 * themselves, only its bitmap, so it is tested natively (tests/host/test_pmm.c).
 */
#ifndef TRISTACK_PMM_H
#define TRISTACK_PMM_H

#include <types.h>

struct boot_info;

/* Bytes of bitmap needed for npages pages (an in-use map and a map of never-allocatable pages). */
size_t pmm_bitmap_bytes(u64 npages);
/* Starts the allocator over [base, base + npages pages) with every page marked in use.
 * bitmap must hold pmm_bitmap_bytes(npages) bytes. */
void pmm_init(phys_addr_t base, u64 npages, unsigned long *bitmap);
/* Marks the whole pages inside [base, base+size) free. */
void pmm_add_free(phys_addr_t base, u64 size);
/* Marks every page touching [base, base+size) in use (for reserved regions). */
void pmm_reserve(phys_addr_t base, u64 size);

/* n contiguous pages whose first page number is a multiple of align (in pages, a power of 2).
 * Returns their physical address, or 0 when no such run is free (page 0 is never handed out). */
phys_addr_t pmm_alloc_pages(size_t n, size_t align);
phys_addr_t pmm_alloc_page(void);
/* Frees n pages at pa. Freeing a page that is not allocated (double free), that was reserved or
 * is not RAM, or is outside the span, is refused with a warning: returns -EINVAL and changes
 * nothing. */
int pmm_free_pages(phys_addr_t pa, size_t n);
void pmm_free_page(phys_addr_t pa);

u64 pmm_free_count(void);  /* free pages */
u64 pmm_total_count(void); /* pages that were ever free (RAM minus reservations) */
/* End address of the highest page ever allocated (0 if none). */
phys_addr_t pmm_alloc_high_water(void);

/* Builds the allocator from the boot information (kernel/mm/mm.c). */
void pmm_setup(const struct boot_info *bi);

#endif
