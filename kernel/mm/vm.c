// SPDX-License-Identifier: MIT
/*
 * Boot-time memory setup: the page allocator from the firmware's memory map, then the kernel's
 * own page table, which replaces the coarse tables boot.S made:
 *
 *   kernel image   KERNEL_VBASE...  4 KiB pages, W^X: text R-X, rodata R--, data/bss RW-
 *   direct map     PAGE_OFFSET+pa   all RAM, RW- (never executable), 2 MiB blocks where aligned
 *   ioremap area   IOREMAP_BASE...  device registers, uncached, a guard page between mappings
 *
 * Until the switch, only the first GiBs of RAM are reachable through the direct map (boot.S maps
 * them). The allocator hands out the lowest free pages first, so every page allocated here lies
 * there; vm_init() checks it rather than trust it.
 */
#include <arch.h>
#include <boot.h>
#include <mm.h>
#include <panic.h>
#include <pgtable.h>
#include <pmm.h>
#include <printk.h>
#include <spinlock.h>
#include <string.h>

phys_addr_t kernel_root;

void pmm_setup(const struct boot_info *bi)
{
	phys_addr_t lo = UINT64_MAX, hi = 0;
	for (unsigned int i = 0; i < bi->nmem; i++) {
		lo = MIN(lo, ALIGN_DOWN(bi->mem[i].base, PAGE_SIZE));
		hi = MAX(hi, ALIGN_UP(bi->mem[i].base + bi->mem[i].size, PAGE_SIZE));
	}
	if (bi->nmem == 0 || hi <= lo)
		panic("pmm: the firmware reported no usable RAM");
	u64 npages = (hi - lo) >> PAGE_SHIFT;
	size_t bytes = ALIGN_UP(pmm_bitmap_bytes(npages), PAGE_SIZE);

	/* The bitmap goes in the first RAM that is free of the kernel image and every reservation,
	 * inside the early direct map. */
	phys_addr_t kstart = kimage_to_phys(_kernel_start), kend = kimage_to_phys(_kernel_end);
	phys_addr_t where = 0;
	for (unsigned int i = 0; i < bi->nmem && !where; i++) {
		phys_addr_t p = ALIGN_UP(bi->mem[i].base, PAGE_SIZE);
		phys_addr_t end = bi->mem[i].base + bi->mem[i].size;
		while (p + bytes <= end && !where) {
			bool clash = p < kend && p + bytes > kstart;
			for (unsigned int r = 0; r < bi->nreserved && !clash; r++) {
				const struct mem_region *rv = &bi->reserved[r];
				clash = p < rv->base + rv->size && p + bytes > rv->base;
			}
			if (!clash && p != 0 && p + bytes <= EARLY_DIRECT_MAP_END)
				where = p;
			p += PAGE_SIZE;
		}
	}
	if (!where)
		panic("pmm: no room for a %zu-byte page bitmap in low RAM", bytes);

	pmm_init(lo, npages, phys_to_virt(where));
	for (unsigned int i = 0; i < bi->nmem; i++)
		pmm_add_free(bi->mem[i].base, bi->mem[i].size);
	for (unsigned int i = 0; i < bi->nreserved; i++)
		pmm_reserve(bi->reserved[i].base, bi->reserved[i].size);
	pmm_reserve(kstart, kend - kstart);
	pmm_reserve(where, bytes);
}

static void map_or_panic(vaddr_t va, phys_addr_t pa, u64 size, unsigned int prot, bool blocks,
			 const char *what)
{
	int err = pt_map(kernel_root, va, pa, size, prot, blocks);
	if (err)
		panic("vm: cannot map %s (%#lx..%#lx): error %d", what, va, va + size, err);
}

void vm_init(const struct boot_info *bi)
{
	kernel_root = pmm_alloc_page();
	if (!kernel_root)
		panic("vm: out of memory for the kernel page table");
	memset(phys_to_virt(kernel_root), 0, PAGE_SIZE);

	/* The image: each section with only the rights it needs (W^X). */
	map_or_panic((vaddr_t)_text_start, kimage_to_phys(_text_start),
		     (u64)(_text_end - _text_start), PROT_R | PROT_X, false, "kernel text");
	map_or_panic((vaddr_t)_rodata_start, kimage_to_phys(_rodata_start),
		     (u64)(_rodata_end - _rodata_start), PROT_R, false, "kernel rodata");
	map_or_panic((vaddr_t)_data_start, kimage_to_phys(_data_start),
		     (u64)(_kernel_end - _data_start), PROT_R | PROT_W, false, "kernel data/bss");

	/* All RAM in the direct map. */
	for (unsigned int i = 0; i < bi->nmem; i++) {
		phys_addr_t base = ALIGN_DOWN(bi->mem[i].base, PAGE_SIZE);
		phys_addr_t end = ALIGN_UP(bi->mem[i].base + bi->mem[i].size, PAGE_SIZE);
		map_or_panic((vaddr_t)phys_to_virt(base), base, end - base, PROT_R | PROT_W, true,
			     "direct map");
	}

	/* Every page the walker allocated must have been reachable through the early map. */
	if (pmm_alloc_high_water() > EARLY_DIRECT_MAP_END)
		panic("vm: a page-table page was allocated above the early direct map");

	arch_mmu_switch_kernel(kernel_root);
}

/* ---- ioremap: a bump allocator over the IOREMAP area (device mappings are never freed). ---- */

static spinlock_t ioremap_lock = SPINLOCK_INIT("ioremap");
static vaddr_t ioremap_next = IOREMAP_BASE;

/* The mappings made so far, so that a range already mapped (the same ACPI table read twice, a
 * header and then the whole table) is not mapped again. */
static struct {
	phys_addr_t base;
	u64 len;
	vaddr_t va;
} ioremaps[32];
static unsigned int nioremaps;

void *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t base = ALIGN_DOWN(phys, PAGE_SIZE);
	u64 len = ALIGN_UP(phys + size, PAGE_SIZE) - base;

	unsigned long flags = spin_lock_irqsave(&ioremap_lock);
	for (unsigned int i = 0; i < nioremaps; i++) {
		if (base >= ioremaps[i].base && base + len <= ioremaps[i].base + ioremaps[i].len) {
			vaddr_t va = ioremaps[i].va + (base - ioremaps[i].base);
			spin_unlock_irqrestore(&ioremap_lock, flags);
			return (void *)(va + (phys - base));
		}
	}
	vaddr_t va = ioremap_next;
	if (va + len > IOREMAP_END)
		panic("ioremap: area full mapping %#llx", (unsigned long long)phys);
	ioremap_next += len + PAGE_SIZE; /* leave an unmapped guard page after each mapping */
	if (nioremaps < ARRAY_SIZE(ioremaps))
		ioremaps[nioremaps++] = (typeof(ioremaps[0])){ base, len, va };
	spin_unlock_irqrestore(&ioremap_lock, flags);

	map_or_panic(va, base, len, PROT_R | PROT_W | PROT_DEVICE, false, "device");
	return (void *)(va + (phys - base));
}
