/* SPDX-License-Identifier: MIT */
/*
 * Devices the riscv64 arch code drives itself, shared between setup.c, console.c and mmu.c:
 * the console UART and the sifive_test exit device. Both are used with the MMU's boot identity
 * map first, then moved to ioremap() mappings by arch_mmu_switch_kernel().
 */
#ifndef ASM_BOARD_H
#define ASM_BOARD_H

#include <types.h>

/* QEMU virt's addresses, used until the device tree has been read (and if it names none). */
#define VIRT_UART0_PHYS 0x10000000UL
#define VIRT_TEST_PHYS	0x100000UL

void console_init(phys_addr_t phys);
phys_addr_t console_phys(void);
void console_set_base(void *va);

extern phys_addr_t exit_dev_phys;
void exit_dev_set_base(void *va);

#endif
