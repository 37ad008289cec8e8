/* SPDX-License-Identifier: MIT */
/*
 * Devices the riscv64 arch code drives itself, shared between setup.c, console.c, mmu.c,
 * irqchip.c, timer.c and trap.c: the console UART, the sifive_test exit device, the CPU's node in
 * the device tree and the interrupt entry. The UART and the exit device are used with the MMU's
 * boot identity map first, then moved to ioremap() mappings by arch_mmu_switch_kernel().
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

struct pt_regs;

/* The device-tree node of the CPU whose hart id is hartid (a child of /cpus with that "reg"), or
 * a negative -FDT_ERR_*. (setup.c) */
int riscv_cpu_node(const void *fdt, unsigned long hartid);

/* The top-level interrupt handler, reached from entry.S through do_irq() (trap.c): local
 * interrupts by scause code, the PLIC's sources through claim/complete. (irqchip.c) */
void riscv_intc_handle_irq(struct pt_regs *regs);

/* The device-tree "compatible" names of the devices this arch's drivers handle, in the order
 * fdt_boot_parse() (kernel/fdt_boot.c) looks for them: the PLIC; the 16550. */
#define BOARD_DT_INTC_COMPATIBLES "sifive,plic-1.0.0", "riscv,plic0"
#define BOARD_DT_UART_COMPATIBLES "ns16550a", "ns16550"

#endif
