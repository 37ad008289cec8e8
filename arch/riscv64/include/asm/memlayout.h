/* SPDX-License-Identifier: MIT */
/*
 * riscv64 virtual memory layout (Sv39: 39-bit virtual addresses, sign-extended from bit 38, so
 * the kernel half is 0xffffffc000000000 and up, 256 GiB):
 *
 *   0xffffffc000000000  PAGE_OFFSET   direct map of physical memory (RAM starts at 0x80000000)
 *   0xffffffd000000000  VMAP_BASE     task, IRQ and IST stacks with guard pages, 4 GiB
 *   0xffffffd100000000  IOREMAP_BASE  device registers, 1 GiB
 *   0xffffffff80200000  KERNEL_VBASE  the kernel image, loaded at physical 0x80200000 by OpenSBI
 */
#ifndef ASM_MEMLAYOUT_H
#define ASM_MEMLAYOUT_H

#include <const.h>

#define VA_BITS	     39
#define PAGE_OFFSET  _AC(0xffffffc000000000, UL)
#define VMAP_BASE    _AC(0xffffffd000000000, UL)
#define VMAP_END     _AC(0xffffffd100000000, UL)
#define IOREMAP_BASE _AC(0xffffffd100000000, UL)
#define IOREMAP_END  _AC(0xffffffd140000000, UL)
#define KERNEL_VBASE _AC(0xffffffff80200000, UL)
#define KERNEL_PBASE _AC(0x80200000, UL)

/* boot.S maps the 4 GiB of physical memory starting at the GiB that holds the kernel into the
 * direct map; that is all the RAM reachable before vm_init(). */
#define EARLY_DIRECT_MAP_BASE (KERNEL_PBASE & ~(SZ_1G - 1))
#define EARLY_DIRECT_MAP_END  (EARLY_DIRECT_MAP_BASE + 4 * SZ_1G)

/* User space: [USER_BASE, USER_END). USER_END is Sv39's lower half (256 GiB), less its last page.
 * Nothing is mapped below USER_BASE, so a NULL pointer (and small offsets from it) fault in user
 * mode and are refused in system calls. */
#define USER_BASE _AC(0x10000, UL)
#define USER_END  _AC(0x0000003ffffff000, UL)

/* For the linker script (kernel/kernel.ld.S). */
#define LD_OUTPUT_ARCH riscv

#endif
