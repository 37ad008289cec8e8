/* SPDX-License-Identifier: MIT */
/*
 * arm64 virtual memory layout: 48-bit virtual addresses, 4 KiB granule, 4 levels of tables.
 *
 * AArch64 splits the address space in two, each half with its own root table: TTBR0_EL1
 * translates 0x0000000000000000-0x0000ffffffffffff (the user half: each process has its own
 * table) and TTBR1_EL1 translates 0xffff000000000000-0xffffffffffffffff (the kernel half,
 * 256 TiB). Everything below is in the kernel half:
 *
 *   0xffff000000000000  PAGE_OFFSET   direct map of physical memory (RAM starts at 0x40000000)
 *   0xffff800000000000  VMAP_BASE     task stacks with guard pages, 4 GiB
 *   0xffff800100000000  IOREMAP_BASE  device registers, 1 GiB
 *   0xffffffff80200000  KERNEL_VBASE  the kernel image, loaded at physical 0x40200000 by QEMU
 *
 * KERNEL_VBASE is the same on all three architectures. The image is loaded 2 MiB into RAM, not
 * at its start, because QEMU puts the device tree at the start of RAM when at least 1 MiB is
 * free below the kernel.
 */
#ifndef ASM_MEMLAYOUT_H
#define ASM_MEMLAYOUT_H

#include <const.h>

#define VA_BITS	     48
#define PAGE_OFFSET  _AC(0xffff000000000000, UL)
#define VMAP_BASE    _AC(0xffff800000000000, UL)
#define VMAP_END     _AC(0xffff800100000000, UL)
#define IOREMAP_BASE _AC(0xffff800100000000, UL)
#define IOREMAP_END  _AC(0xffff800140000000, UL)
#define KERNEL_VBASE _AC(0xffffffff80200000, UL)
#define KERNEL_PBASE _AC(0x40200000, UL)

/* boot.S maps the 4 GiB of physical memory starting at the GiB that holds the kernel into the
 * direct map; that is all the RAM reachable before vm_init(). */
#define EARLY_DIRECT_MAP_BASE (KERNEL_PBASE & ~(SZ_1G - 1))
#define EARLY_DIRECT_MAP_END  (EARLY_DIRECT_MAP_BASE + 4 * SZ_1G)

/* User space: [USER_BASE, USER_END). USER_END is TTBR0_EL1's 48-bit half, less its last page.
 * Nothing is mapped below USER_BASE, so a NULL pointer (and small offsets from it) fault in user
 * mode and are refused in system calls. */
#define USER_BASE _AC(0x10000, UL)
#define USER_END  _AC(0x0000fffffffff000, UL)

/* For the linker script (kernel/kernel.ld.S). */
#define LD_OUTPUT_ARCH aarch64

#endif
