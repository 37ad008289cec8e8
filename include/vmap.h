/* SPDX-License-Identifier: MIT */
/*
 * The VMAP area (kernel/mm/vmap.c): kernel virtual memory built from single pages that need not
 * be contiguous in physical memory, each allocation with an unmapped guard below it. It holds
 * every kernel stack (task, IRQ, IST, overflow), as Linux's VMAP_STACK puts stacks in vmalloc
 * space: running off the bottom of a stack then faults on the guard page instead of silently
 * overwriting whatever lies below.
 */
#ifndef TRISTACK_VMAP_H
#define TRISTACK_VMAP_H

#include <types.h>

/* Size of the part of the VMAP area managed here. Its page tables are allocated once at boot, so
 * that mapping and unmapping stacks later never allocates or frees page-table pages. */
#define VMAP_AREA_SIZE (64UL << 20)

/* Prepares the area's page tables. Called once from start_kernel() after vm_init(). */
void vmap_init(void);

/*
 * Maps size bytes (a multiple of PAGE_SIZE) of fresh, zeroed pages at an address that is a
 * multiple of align (a power of two, at least PAGE_SIZE), leaving guard bytes below it unmapped
 * and reserved. Returns the lowest mapped address, or NULL when memory or address space runs out.
 */
void *vmap_alloc(size_t size, size_t guard, size_t align);

/* Unmaps an allocation made with the same size and guard, and frees its pages. */
void vmap_free(void *base, size_t size, size_t guard);

/* Pages of address space in use (mapped or guard), for tests. */
size_t vmap_used_pages(void);

#endif
