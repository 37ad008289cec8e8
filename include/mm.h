/* SPDX-License-Identifier: MIT */
/* Pages, addresses and the conversions between physical and virtual. */
#ifndef TRISTACK_MM_H
#define TRISTACK_MM_H

#include <types.h>
#include <asm/memlayout.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

/* The direct map: all RAM is mapped at PAGE_OFFSET + physical address (Linux's __va/__pa). */
static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)(pa + PAGE_OFFSET);
}

/* Linux's __pa_symbol: the physical address of something inside the kernel image. */
static inline phys_addr_t kimage_to_phys(const void *va)
{
	return (phys_addr_t)(uintptr_t)va - KERNEL_VBASE + KERNEL_PBASE;
}

/* Physical address of a kernel virtual address in the direct map or in the kernel image. */
static inline phys_addr_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;
	if (v >= KERNEL_VBASE)
		return kimage_to_phys(va);
	return v - PAGE_OFFSET;
}

/* Section boundaries from the linker script (arch/<arch>/kernel.ld). */
extern char _kernel_start[], _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _data_end[], _bss_start[], _bss_end[], _kernel_end[];

/* Maps size bytes of device registers at phys into the kernel's IOREMAP area, uncached; a range
 * inside one mapped before gets that mapping again. (kernel/mm/vm.c) */
void *ioremap(phys_addr_t phys, size_t size);

/* Page protections, independent of the PTE format; the arch turns them into PTE bits. */
#define PROT_R	    0x1u
#define PROT_W	    0x2u
#define PROT_X	    0x4u
#define PROT_USER   0x8u
#define PROT_DEVICE 0x10u /* device memory: uncached, no speculation */

#endif
