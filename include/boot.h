/* SPDX-License-Identifier: MIT */
/*
 * What the firmware told us, in one portable form. Filled by arch_early_init() from the multiboot
 * information (x86_64) or the device tree (arm64, riscv64, through fdt_boot_parse()).
 */
#ifndef TRISTACK_BOOT_H
#define TRISTACK_BOOT_H

#include <types.h>

#define BOOT_MAX_REGIONS 32
#define CMDLINE_MAX	 512
/* CPUs whose hardware ids are kept: MAX_CPUS of include/cpu.h (kernel/smp.c checks). */
#define BOOT_MAX_CPUS 8

struct mem_region {
	phys_addr_t base;
	u64 size;
};

struct boot_info {
	char loader[64]; /* who started us: "multiboot1 (qemu)", "OpenSBI v1.1 ...", ... */
	u64 ram_size;	 /* installed RAM as the firmware reports it (QEMU's -m) */
	struct mem_region mem[BOOT_MAX_REGIONS]; /* usable RAM */
	unsigned int nmem;
	struct mem_region reserved[BOOT_MAX_REGIONS]; /* RAM the allocator must never hand out */
	unsigned int nreserved;
	char cmdline[CMDLINE_MAX];

	/* Device tree, where there is one (arm64, riscv64). */
	const void *fdt;
	phys_addr_t fdt_phys;
	/* Devices found in the device tree (0 when not found). */
	phys_addr_t uart_phys;
	char uart_compat[32];
	phys_addr_t intc_phys;
	char intc_compat[32];
	/* CPUs the firmware describes (device tree /cpus, ACPI MADT), 0 if unknown, and the
	 * hardware ids of the first MAX_CPUS of them in the firmware's order (MPIDR affinity,
	 * hart id, local APIC id): the boot CPU is among them, not necessarily first. */
	unsigned int ncpus;
	unsigned long cpu_hwid[BOOT_MAX_CPUS];
};

extern struct boot_info boot_info;

/* Adds a region to bi->mem or bi->reserved; returns false when the table is full. */
bool boot_add_mem(struct boot_info *bi, phys_addr_t base, u64 size);
bool boot_add_reserved(struct boot_info *bi, phys_addr_t base, u64 size);

/*
 * Fills bi from a device tree: every /memory node's reg, the reservation block and
 * /reserved-memory, /chosen/bootargs, the console UART (/chosen/stdout-path, else the first
 * PL011 or 16550) and the interrupt controller. The DTB itself is reserved too.
 * Returns 0, or -FDT_ERR_* with *why naming what was missing or malformed.
 */
int fdt_boot_parse(const void *fdt, phys_addr_t fdt_phys, struct boot_info *bi, const char **why);

/* The sum of the sizes of bi->mem. */
u64 boot_mem_total(const struct boot_info *bi);

#endif
