/* SPDX-License-Identifier: MIT */
/*
 * The kernel heap (kernel/mm/kmalloc.c): objects of up to KMALLOC_MAX bytes, carved from pages of
 * the page allocator, one size class per page. A page whose objects are all free goes straight
 * back to the page allocator, so freeing everything returns the free page count exactly to where
 * it was (the task tests check that). Larger memory: pmm_alloc_pages() or vmap_alloc().
 */
#ifndef TRISTACK_KMALLOC_H
#define TRISTACK_KMALLOC_H

#include <types.h>

#define KMALLOC_MAX 2048

/* size bytes, 16-byte aligned, zeroed; NULL if size is 0 or above KMALLOC_MAX, or no memory. */
void *kmalloc(size_t size);
/* Frees what kmalloc() returned; NULL is ignored. */
void kfree(void *p);
/* Objects allocated and not yet freed. */
size_t kmalloc_live(void);

#endif
