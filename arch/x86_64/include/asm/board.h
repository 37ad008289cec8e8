/* SPDX-License-Identifier: MIT */
/* Devices the x86_64 arch code drives itself: the COM1 console and QEMU's isa-debug-exit. */
#ifndef ASM_BOARD_H
#define ASM_BOARD_H

#define COM1_PORT 0x3f8
/* isa-debug-exit (QEMU -device isa-debug-exit,iobase=0xf4,iosize=0x04): writing v makes QEMU
 * exit with status (v << 1) | 1. We write EXIT_BASE + code, so pass = 33, fail = 35, panic = 37;
 * an odd status far from QEMU's own 0 and 1. */
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_BASE 0x10

void console_init(void);

/* No device tree on x86_64 (the boot information is multiboot's, the devices are found through
 * ACPI): fdt_boot_parse() (kernel/fdt_boot.c) knows no device here. */
#define BOARD_DT_INTC_COMPATIBLES NULL
#define BOARD_DT_UART_COMPATIBLES NULL

#endif
