// SPDX-License-Identifier: MIT
/*
 * The VMAP area: see include/vmap.h. Address space is handed out from a bitmap (one bit per
 * page of [VMAP_BASE, VMAP_BASE + VMAP_AREA_SIZE)), lowest fit first; the pages behind it come
 * one at a time from the page allocator.
 */
#include <arch.h>
#include <mm.h>
#include <panic.h>
#include <pgtable.h>
#include <pmm.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>
#include <vmap.h>

#define AREA_PAGES    (VMAP_AREA_SIZE / PAGE_SIZE)
#define BITS_PER_LONG (8 * sizeof(unsigned long))

_Static_assert(VMAP_BASE + VMAP_AREA_SIZE <= VMAP_END, "the VMAP area fits its reserved range");

static struct {
	spinlock_t lock;
	unsigned long used[AREA_PAGES / BITS_PER_LONG]; /* 1 = mapped or guard */
	size_t nused;
} vm = { .lock = SPINLOCK_INIT("vmap") };

static bool page_used(size_t i)
{
	return vm.used[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void mark(size_t first, size_t n, bool used)
{
	for (size_t i = first; i < first + n; i++) {
		if (used)
			vm.used[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
		else
			vm.used[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
	}
	vm.nused = used ? vm.nused + n : vm.nused - n;
}

/* Unmaps n pages from base and frees them: a batch at a time, each batch unmapped, then
 * dropped from every CPU's TLB, then freed. A page freed before every CPU forgot its
 * translation could be written through a stale entry after it went to a new owner. */
static void unmap_pages(vaddr_t base, size_t n)
{
	enum { BATCH = 16 };
	for (size_t done = 0; done < n;) {
		phys_addr_t pa[BATCH];
		size_t k = MIN((size_t)BATCH, n - done);
		vaddr_t first = base + done * PAGE_SIZE;
		for (size_t i = 0; i < k; i++) {
			vaddr_t va = first + i * PAGE_SIZE;
			BUG_ON(!pt_lookup(kernel_root, va, &pa[i], NULL, NULL));
			pt_unmap(kernel_root, va, PAGE_SIZE);
		}
		smp_flush_tlb_kernel_range(first, k * PAGE_SIZE);
		for (size_t i = 0; i < k; i++)
			pmm_free_page(pa[i]);
		done += k;
	}
}

void vmap_init(void)
{
	int err = pt_prealloc(kernel_root, VMAP_BASE, VMAP_AREA_SIZE);
	if (err)
		panic("vmap: cannot allocate page tables for the VMAP area: error %d", err);
}

void *vmap_alloc(size_t size, size_t guard, size_t align)
{
	if (!size || (size | guard) % PAGE_SIZE || align < PAGE_SIZE || (align & (align - 1)))
		return NULL;
	size_t npages = size / PAGE_SIZE, nguard = guard / PAGE_SIZE, step = align / PAGE_SIZE;

	/* Reserve address space: the first aligned start whose guard and pages are all free. */
	unsigned long flags = spin_lock_irqsave(&vm.lock);
	size_t start = 0;
	bool found = false;
	for (size_t s = ALIGN_UP(nguard, step); s + npages <= AREA_PAGES && !found; s += step) {
		found = true;
		for (size_t i = s - nguard; i < s + npages && found; i++)
			found = !page_used(i);
		if (found)
			start = s;
	}
	if (found)
		mark(start - nguard, nguard + npages, true);
	spin_unlock_irqrestore(&vm.lock, flags);
	if (!found)
		return NULL;

	/* Back it with pages. */
	vaddr_t base = VMAP_BASE + start * PAGE_SIZE;
	for (size_t i = 0; i < npages; i++) {
		phys_addr_t pa = pmm_alloc_page();
		if (!pa) {
			/* Out of memory: give back what was mapped, then the address space. */
			unmap_pages(base, i);
			flags = spin_lock_irqsave(&vm.lock);
			mark(start - nguard, nguard + npages, false);
			spin_unlock_irqrestore(&vm.lock, flags);
			return NULL;
		}
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		/* The tables exist (vmap_init) and the address is reserved: this cannot fail. */
		BUG_ON(pt_map(kernel_root, base + i * PAGE_SIZE, pa, PAGE_SIZE, PROT_R | PROT_W,
			      false) != 0);
	}
	return (void *)base;
}

void vmap_free(void *ptr, size_t size, size_t guard)
{
	vaddr_t base = (vaddr_t)ptr;
	BUG_ON(base < VMAP_BASE || base + size > VMAP_BASE + VMAP_AREA_SIZE || size % PAGE_SIZE);
	unmap_pages(base, size / PAGE_SIZE);
	size_t first = (base - VMAP_BASE) / PAGE_SIZE - guard / PAGE_SIZE;
	unsigned long flags = spin_lock_irqsave(&vm.lock);
	mark(first, (size + guard) / PAGE_SIZE, false);
	spin_unlock_irqrestore(&vm.lock, flags);
}

size_t vmap_used_pages(void)
{
	return vm.nused;
}
