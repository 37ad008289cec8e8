// SPDX-License-Identifier: MIT
/* ktest=mm: the physical page allocator and the page-table walker on the running kernel. */
#include <arch.h>
#include <ktest.h>
#include <mm.h>
#include <pgtable.h>
#include <pmm.h>
#include <string.h>
#include <uapi/errno.h>
#include <vmap.h>

KTEST(mm, alloc_free_reuse)
{
	u64 before = pmm_free_count();
	phys_addr_t a = pmm_alloc_page();
	KT_ASSERT(t, a != 0);
	KT_EXPECT(t, IS_ALIGNED(a, PAGE_SIZE));
	KT_EXPECT_EQ(t, pmm_free_count(), before - 1);
	/* The page is real RAM: write it through the direct map and read it back. */
	u64 *p = phys_to_virt(a);
	p[0] = 0x747269737461636bULL;
	p[511] = a;
	KT_EXPECT_EQ(t, p[0], 0x747269737461636bULL);
	KT_EXPECT_EQ(t, p[511], a);
	KT_EXPECT_EQ(t, pmm_free_pages(a, 1), 0);
	KT_EXPECT_EQ(t, pmm_free_count(), before);
	/* Lowest-free-first: the same page comes back. */
	phys_addr_t b = pmm_alloc_page();
	KT_EXPECT_EQ(t, b, a);
	pmm_free_page(b);
}

KTEST(mm, double_free_refused)
{
	phys_addr_t a = pmm_alloc_page();
	KT_ASSERT(t, a != 0);
	KT_EXPECT_EQ(t, pmm_free_pages(a, 1), 0);
	u64 free = pmm_free_count();
	KT_EXPECT_EQ(t, pmm_free_pages(a, 1), -EINVAL);
	KT_EXPECT_EQ(t, pmm_free_count(), free);
	KT_EXPECT_EQ(t, pmm_free_pages(a + 1, 1), -EINVAL);
}

KTEST(mm, aligned_runs)
{
	phys_addr_t a = pmm_alloc_pages(4, 4);
	phys_addr_t b = pmm_alloc_pages(1, 512);
	KT_ASSERT(t, a && b);
	KT_EXPECT(t, IS_ALIGNED(a, 4 * PAGE_SIZE));
	KT_EXPECT(t, IS_ALIGNED(b, 512 * PAGE_SIZE));
	KT_EXPECT_EQ(t, pmm_free_pages(a, 4), 0);
	KT_EXPECT_EQ(t, pmm_free_pages(b, 1), 0);
}

KTEST(mm, exhaustion_and_reuse)
{
	/* Take every free page, chaining them through their first word, until the allocator says
	 * no; then give them all back and check nothing was lost. */
	u64 before = pmm_free_count();
	phys_addr_t head = 0, p;
	u64 n = 0;
	while ((p = pmm_alloc_page()) != 0) {
		*(phys_addr_t *)phys_to_virt(p) = head;
		head = p;
		n++;
	}
	ktest_log(t, "allocated %llu pages (%llu MiB) before exhaustion", (unsigned long long)n,
		  (unsigned long long)(n * PAGE_SIZE >> 20));
	KT_EXPECT_EQ(t, n, before);
	KT_EXPECT_EQ(t, pmm_free_count(), 0);
	KT_EXPECT_EQ(t, pmm_alloc_page(), 0);
	KT_EXPECT_EQ(t, pmm_alloc_pages(2, 1), 0);
	while (head) {
		phys_addr_t next = *(phys_addr_t *)phys_to_virt(head);
		pmm_free_page(head);
		head = next;
	}
	KT_EXPECT_EQ(t, pmm_free_count(), before);
	/* Reuse: a large run is available again. */
	phys_addr_t big = pmm_alloc_pages(256, 1);
	KT_EXPECT(t, big != 0);
	if (big)
		pmm_free_pages(big, 256);
}

KTEST(mm, map_unmap)
{
	/* Map a fresh page at a scratch address past the managed VMAP area, use it, unmap it. */
	vaddr_t va = VMAP_BASE + VMAP_AREA_SIZE + 0x100000;
	phys_addr_t pa = pmm_alloc_page();
	KT_ASSERT(t, pa != 0);
	KT_ASSERT(t, pt_map(kernel_root, va, pa, PAGE_SIZE, PROT_R | PROT_W, false) == 0);
	KT_EXPECT_EQ(t, pt_map(kernel_root, va, pa, PAGE_SIZE, PROT_R, false), -EEXIST);
	*(volatile u64 *)va = 0x1234;
	KT_EXPECT_EQ(t, *(u64 *)phys_to_virt(pa), 0x1234);
	phys_addr_t got;
	unsigned int prot;
	KT_EXPECT(t, pt_lookup(kernel_root, va + 8, &got, &prot, NULL));
	KT_EXPECT_EQ(t, got, pa + 8);
	KT_EXPECT_EQ(t, prot, PROT_R | PROT_W);
	KT_EXPECT_EQ(t, pt_unmap(kernel_root, va, PAGE_SIZE), 0);
	arch_tlb_flush_page(va);
	KT_EXPECT(t, !pt_lookup(kernel_root, va, NULL, NULL, NULL));
	pmm_free_page(pa);
}

KTEST(mm, vmap_guard_and_alignment)
{
	u64 free_before = pmm_free_count();
	size_t used_before = vmap_used_pages();
	enum { SIZE = 4 * PAGE_SIZE, GUARD = PAGE_SIZE, ALIGN = 4 * PAGE_SIZE };
	u8 *a = vmap_alloc(SIZE, GUARD, ALIGN);
	u8 *b = vmap_alloc(SIZE, GUARD, ALIGN);
	KT_ASSERT(t, a && b);
	KT_EXPECT(t, IS_ALIGNED((uintptr_t)a, ALIGN) && IS_ALIGNED((uintptr_t)b, ALIGN));
	/* Zeroed, writable, and each page its own physical page (not one contiguous block). */
	KT_EXPECT_EQ(t, a[0] | a[SIZE - 1], 0);
	a[0] = 1;
	a[SIZE - 1] = 2;
	KT_EXPECT_EQ(t, a[0] + a[SIZE - 1], 3);
	/* The guard page below each allocation is unmapped, and never shared with a neighbour. */
	KT_EXPECT(t, !pt_lookup(kernel_root, (vaddr_t)a - GUARD, NULL, NULL, NULL));
	KT_EXPECT(t, !pt_lookup(kernel_root, (vaddr_t)b - GUARD, NULL, NULL, NULL));
	KT_EXPECT(t, (uintptr_t)b >= (uintptr_t)a + SIZE + GUARD ||
			     (uintptr_t)a >= (uintptr_t)b + SIZE + GUARD);
	KT_EXPECT_EQ(t, pmm_free_count(), free_before - 8);
	vmap_free(a, SIZE, GUARD);
	vmap_free(b, SIZE, GUARD);
	/* Everything comes back: pages, and address space; no page-table page was needed. */
	KT_EXPECT_EQ(t, pmm_free_count(), free_before);
	KT_EXPECT_EQ(t, vmap_used_pages(), used_before);
	KT_EXPECT(t, !pt_lookup(kernel_root, (vaddr_t)a, NULL, NULL, NULL));
}

KTEST(mm, ioremap_maps_a_range_once)
{
	/* A range inside one mapped before gets that mapping again (ACPI's parser maps a table's
	 * header, then the whole table): the IOREMAP area is not filled with copies. The page is
	 * a free one, never touched through the mapping. */
	phys_addr_t pa = pmm_alloc_page();
	KT_ASSERT(t, pa != 0);
	char *a = ioremap(pa, 256);
	char *b = ioremap(pa + 128, 16);
	char *c = ioremap(pa, PAGE_SIZE);
	ktest_log(t, "%#llx mapped at %p, %p, %p", (unsigned long long)pa, a, b, c);
	KT_EXPECT(t, a != NULL);
	KT_EXPECT(t, b == a + 128);
	KT_EXPECT(t, c == a);
	pmm_free_page(pa);
}
