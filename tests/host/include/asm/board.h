/* SPDX-License-Identifier: MIT */
/*
 * The host tests' "board": they parse the device trees of both QEMU machines (arm64 and riscv64
 * virt) with one build of kernel/fdt_boot.c, so it knows the devices of both, in the order the
 * two arches' asm/board.h list them.
 */
#ifndef ASM_BOARD_H
#define ASM_BOARD_H

#define BOARD_DT_INTC_COMPATIBLES                                                                  \
	"arm,gic-v3", "arm,cortex-a15-gic", "sifive,plic-1.0.0", "riscv,plic0"
#define BOARD_DT_UART_COMPATIBLES "arm,pl011", "ns16550a", "ns16550"

#endif
