/* SPDX-License-Identifier: MIT */
/*
 * Devices the arm64 arch code drives itself, shared between setup.c, console.c and mmu.c: the
 * console UART (a PL011). It is used through boot.S's identity map of GiB 0 first, then moved to
 * an ioremap() mapping by arch_mmu_switch_kernel(). (The exit "device", semihosting, is an
 * instruction and needs no mapping.)
 */
#ifndef ASM_BOARD_H
#define ASM_BOARD_H

#include <types.h>

/* QEMU virt's PL011, used until the device tree has been read. */
#define VIRT_UART0_PHYS 0x09000000UL

void console_init(phys_addr_t phys);
phys_addr_t console_phys(void);
void console_set_base(void *va);

/* The device-tree "compatible" names of the devices this arch's drivers handle, in the order
 * fdt_boot_parse() (kernel/fdt_boot.c) looks for them: GICv3, GICv2; the PL011. */
#define BOARD_DT_INTC_COMPATIBLES "arm,gic-v3", "arm,cortex-a15-gic"
#define BOARD_DT_UART_COMPATIBLES "arm,pl011"

#endif
