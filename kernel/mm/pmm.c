// SPDX-License-Identifier: MIT
/*
 * Physical page allocator: a bitmap, one bit per page, 1 = in use. Simple on purpose: allocation
 * scans for the lowest free run (from a hint), freeing checks every bit so a double free is
 * caught instead of silently corrupting the free count. Linux uses a buddy allocator; a bitmap
 * is what xv6 and many teaching kernels would reach for first, and the course can swap it.
 */
#include <pmm.h>
#include <printk.h>
#include <spinlock.h>
#include <string.h>
#include <uapi/errno.h>

#define PAGE_SHIFT    12
#define BITS_PER_LONG (8 * sizeof(unsigned long))

static struct {
	spinlock_t lock;
	phys_addr_t base; /* physical address of bit 0 */
	u64 npages;
	unsigned long *bitmap;	 /* 1 = in use (allocated, reserved or not RAM) */
	unsigned long *reserved; /* 1 = never allocatable: reserved, or not RAM at all */
	u64 free;
	u64 total;
	u64 hint;		/* no free page below this index */
	phys_addr_t high_water; /* end of the highest page ever handed out */
} pmm = { .lock = SPINLOCK_INIT("pmm") };

static bool bit_in(const unsigned long *map, u64 i)
{
	return map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void bit_set(unsigned long *map, u64 i)
{
	map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

static void bit_clear(unsigned long *map, u64 i)
{
	map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
}

static bool test_bit(u64 i)
{
	return bit_in(pmm.bitmap, i);
}

static void set_bit(u64 i)
{
	bit_set(pmm.bitmap, i);
}

static void clear_bit(u64 i)
{
	bit_clear(pmm.bitmap, i);
}

static size_t one_map_bytes(u64 npages)
{
	return (size_t)((npages + BITS_PER_LONG - 1) / BITS_PER_LONG) * sizeof(unsigned long);
}

size_t pmm_bitmap_bytes(u64 npages)
{
	return 2 * one_map_bytes(npages); /* the in-use map and the reserved map */
}

void pmm_init(phys_addr_t base, u64 npages, unsigned long *bitmap)
{
	pmm.base = base;
	pmm.npages = npages;
	pmm.bitmap = bitmap;
	pmm.reserved = bitmap + one_map_bytes(npages) / sizeof(unsigned long);
	pmm.free = pmm.total = 0;
	pmm.hint = 0;
	pmm.high_water = 0;
	/* Everything starts in use and not allocatable; pmm_add_free() says what is RAM. */
	memset(bitmap, 0xff, pmm_bitmap_bytes(npages));
}

/* Clamps [*first, *last) page indexes to the span; returns false if nothing is left. */
static bool clamp(u64 start_pa, u64 end_pa, u64 *first, u64 *last, bool outward)
{
	u64 lo = pmm.base, hi = pmm.base + (pmm.npages << PAGE_SHIFT);
	if (end_pa <= start_pa)
		return false;
	if (start_pa < lo)
		start_pa = lo;
	if (end_pa > hi)
		end_pa = hi;
	if (end_pa <= start_pa)
		return false;
	u64 mask = (1ULL << PAGE_SHIFT) - 1;
	if (outward) {
		*first = (start_pa - lo) >> PAGE_SHIFT;
		*last = (end_pa - lo + mask) >> PAGE_SHIFT;
	} else {
		*first = (start_pa - lo + mask) >> PAGE_SHIFT;
		*last = (end_pa - lo) >> PAGE_SHIFT;
	}
	return *first < *last;
}

void pmm_add_free(phys_addr_t base, u64 size)
{
	u64 first, last;
	if (!clamp(base, base + size, &first, &last, false))
		return;
	unsigned long flags = spin_lock_irqsave(&pmm.lock);
	for (u64 i = first; i < last; i++) {
		/* Page 0 stays in use forever so that 0 can mean "no page". */
		if (test_bit(i) && pmm.base + (i << PAGE_SHIFT) != 0) {
			clear_bit(i);
			bit_clear(pmm.reserved, i);
			pmm.free++;
			pmm.total++;
		}
	}
	if (first < pmm.hint)
		pmm.hint = first;
	spin_unlock_irqrestore(&pmm.lock, flags);
}

void pmm_reserve(phys_addr_t base, u64 size)
{
	u64 first, last;
	if (!clamp(base, base + size, &first, &last, true))
		return;
	unsigned long flags = spin_lock_irqsave(&pmm.lock);
	for (u64 i = first; i < last; i++) {
		if (bit_in(pmm.reserved, i))
			continue;
		if (test_bit(i)) {
			/* Allocated already: it stays with its owner, and is refused when freed. */
			bit_set(pmm.reserved, i);
			pmm.total--;
			continue;
		}
		set_bit(i);
		bit_set(pmm.reserved, i);
		pmm.free--;
		pmm.total--;
	}
	spin_unlock_irqrestore(&pmm.lock, flags);
}

phys_addr_t pmm_alloc_pages(size_t n, size_t align)
{
	phys_addr_t pa = 0;
	if (n == 0 || align == 0 || (align & (align - 1)))
		return 0;

	unsigned long flags = spin_lock_irqsave(&pmm.lock);
	/* Alignment is of the physical page number, not of the index into the bitmap. */
	u64 base_pfn = pmm.base >> PAGE_SHIFT;
	u64 i = pmm.hint;
	bool passed_free = false; /* did the search step over a free page? */
	while (i + n <= pmm.npages) {
		u64 pfn = base_pfn + i;
		if (pfn & (align - 1)) {
			u64 skip = align - (pfn & (align - 1));
			for (u64 k = i; k < i + skip && k < pmm.npages && !passed_free; k++)
				passed_free = !test_bit(k);
			i += skip;
			continue;
		}
		u64 j = 0;
		while (j < n && !test_bit(i + j))
			j++;
		if (j == n) {
			for (j = 0; j < n; j++)
				set_bit(i + j);
			pmm.free -= n;
			pa = pmm.base + (i << PAGE_SHIFT);
			if (pa + (n << PAGE_SHIFT) > pmm.high_water)
				pmm.high_water = pa + (n << PAGE_SHIFT);
			/* Everything below the run is in use: keep "no free page below hint" true
			 * and cheap to find next time. */
			if (!passed_free) {
				pmm.hint = i + n;
				while (pmm.hint < pmm.npages && test_bit(pmm.hint))
					pmm.hint++;
			}
			break;
		}
		passed_free |= j > 0;
		i += j + 1; /* the run broke at i + j: start after it */
	}
	spin_unlock_irqrestore(&pmm.lock, flags);
	return pa;
}

phys_addr_t pmm_alloc_page(void)
{
	return pmm_alloc_pages(1, 1);
}

int pmm_free_pages(phys_addr_t pa, size_t n)
{
	if (pa < pmm.base || (pa & ((1ULL << PAGE_SHIFT) - 1)) ||
	    ((pa - pmm.base) >> PAGE_SHIFT) + n > pmm.npages) {
		printk("pmm: refusing to free %zu page(s) at %#llx: not page-aligned RAM\n", n,
		       (unsigned long long)pa);
		return -EINVAL;
	}
	u64 first = (pa - pmm.base) >> PAGE_SHIFT;
	unsigned long flags = spin_lock_irqsave(&pmm.lock);
	for (u64 i = first; i < first + n; i++) {
		if (bit_in(pmm.reserved, i)) {
			spin_unlock_irqrestore(&pmm.lock, flags);
			printk("pmm: refusing to free page %#llx: reserved or not RAM, never "
			       "allocated\n",
			       (unsigned long long)(pmm.base + (i << PAGE_SHIFT)));
			return -EINVAL;
		}
		if (!test_bit(i)) {
			spin_unlock_irqrestore(&pmm.lock, flags);
			printk("pmm: double free of page %#llx (freeing %zu page(s) at %#llx)\n",
			       (unsigned long long)(pmm.base + (i << PAGE_SHIFT)), n,
			       (unsigned long long)pa);
			return -EINVAL;
		}
	}
	for (u64 i = first; i < first + n; i++)
		clear_bit(i);
	pmm.free += n;
	if (first < pmm.hint)
		pmm.hint = first;
	spin_unlock_irqrestore(&pmm.lock, flags);
	return 0;
}

void pmm_free_page(phys_addr_t pa)
{
	pmm_free_pages(pa, 1);
}

u64 pmm_free_count(void)
{
	return pmm.free;
}

u64 pmm_total_count(void)
{
	return pmm.total;
}

phys_addr_t pmm_alloc_high_water(void)
{
	return pmm.high_water;
}
