/* SPDX-License-Identifier: MIT */
/*
 * x86_64 virtual memory layout (4-level paging: 48-bit virtual addresses, sign-extended from
 * bit 47, so the kernel half starts at 0xffff800000000000). The addresses are Linux's where
 * Linux has the same region (Documentation/x86/x86_64/mm.rst):
 *
 *   0xffff888000000000  PAGE_OFFSET   direct map of all physical memory
 *   0xffffc90000000000  VMAP_BASE     task, IRQ and IST stacks with guard pages, 4 GiB
 *   0xffffc90100000000  IOREMAP_BASE  device registers (LAPIC, IOAPIC, ...), 1 GiB
 *   0xffffffff80200000  KERNEL_VBASE  the kernel image (-mcmodel=kernel: the top 2 GiB),
 *                                     loaded at physical 2 MiB by the multiboot loader
 */
#ifndef ASM_MEMLAYOUT_H
#define ASM_MEMLAYOUT_H

#include <const.h>

#define VA_BITS	     48
#define PAGE_OFFSET  _AC(0xffff888000000000, UL)
#define VMAP_BASE    _AC(0xffffc90000000000, UL)
#define VMAP_END     _AC(0xffffc90100000000, UL)
#define IOREMAP_BASE _AC(0xffffc90100000000, UL)
#define IOREMAP_END  _AC(0xffffc90140000000, UL)
#define KERNEL_VBASE _AC(0xffffffff80200000, UL)
#define KERNEL_PBASE _AC(0x200000, UL)

/* boot.S maps the first 4 GiB of physical memory into the direct map; that is all the RAM
 * reachable before vm_init(). */
#define EARLY_DIRECT_MAP_BASE _AC(0, UL)
#define EARLY_DIRECT_MAP_END  (4 * SZ_1G)

/* User space: [USER_BASE, USER_END). USER_END is the lower canonical half, less its last page:
 * SYSRET to an address at the very top would fault in ring 0 on Intel CPUs, as Linux's
 * TASK_SIZE_MAX avoids. Nothing is mapped below USER_BASE, so a NULL pointer (and small offsets
 * from it) fault in user mode and are refused in system calls. */
#define USER_BASE _AC(0x10000, UL)
#define USER_END  _AC(0x00007ffffffff000, UL)

/* For the linker script (kernel/kernel.ld.S). */
// clang-format off
#define LD_OUTPUT_ARCH i386:x86-64
// clang-format on

#endif
