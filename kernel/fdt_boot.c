// SPDX-License-Identifier: MIT
/*
 * Turns a device tree into struct boot_info: used by the arches whose firmware hands the
 * kernel a DTB (QEMU builds it for -M virt). Shared so that they all read the tree the same way.
 */
#include <boot.h>
#include <fdt.h>
#include <string.h>
#include <asm/board.h>

/* Largest device tree accepted at boot; QEMU's are about 8 KiB, and Linux caps at 2 MiB. */
#define FDT_MAX_SIZE (2u << 20)

bool boot_add_mem(struct boot_info *bi, phys_addr_t base, u64 size)
{
	if (bi->nmem >= BOOT_MAX_REGIONS)
		return false;
	bi->mem[bi->nmem++] = (struct mem_region){ base, size };
	return true;
}

bool boot_add_reserved(struct boot_info *bi, phys_addr_t base, u64 size)
{
	if (bi->nreserved >= BOOT_MAX_REGIONS)
		return false;
	bi->reserved[bi->nreserved++] = (struct mem_region){ base, size };
	return true;
}

u64 boot_mem_total(const struct boot_info *bi)
{
	u64 total = 0;
	for (unsigned int i = 0; i < bi->nmem; i++)
		total += bi->mem[i].size;
	return total;
}

/* The interrupt controllers and UARTs this machine's drivers handle (asm/board.h), in the order
 * they are looked for; a NULL entry is none. */
static const char *const intc_compats[] = { BOARD_DT_INTC_COMPATIBLES };
static const char *const uart_compats[] = { BOARD_DT_UART_COMPATIBLES };

/* The CPU nodes under /cpus (device_type "cpu", not status "disabled"): how many, and the "reg"
 * (MPIDR affinity on arm64, hart id on riscv64) of the first BOOT_MAX_CPUS of them. */
static unsigned int find_cpus(const void *fdt, struct boot_info *bi)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return 0;
	unsigned int n = 0;
	int depth = 0;
	for (int node = fdt_next_node(fdt, cpus, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		int len;
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const char *status = fdt_getprop(fdt, node, "status", &len);
		if (depth != 1 || !type || strcmp(type, "cpu") != 0 ||
		    (status && strcmp(status, "disabled") == 0))
			continue;
		u64 reg = 0, size;
		if (n < BOOT_MAX_CPUS) {
			/* A CPU without a usable "reg" cannot be started; ~0 says so
			 * (kernel/smp.c). */
			bi->cpu_hwid[n] =
				fdt_reg(fdt, node, 0, &reg, &size) == 0 ? (unsigned long)reg : ~0ul;
		}
		n++;
	}
	return n;
}

static void find_uart(const void *fdt, struct boot_info *bi)
{
	int node = -FDT_ERR_NOTFOUND;
	int chosen = fdt_path_offset(fdt, "/chosen");
	int len = 0;
	const char *sp = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;

	if (sp) {
		/* stdout-path is "/path/to/uart[:options]". */
		char path[128];
		size_t n = 0;
		while ((int)n < len && sp[n] && sp[n] != ':' && n < sizeof(path) - 1) {
			path[n] = sp[n];
			n++;
		}
		path[n] = '\0';
		node = fdt_path_offset(fdt, path);
	}
	for (size_t i = 0; node < 0 && i < ARRAY_SIZE(uart_compats) && uart_compats[i]; i++)
		node = fdt_node_offset_by_compatible(fdt, -1, uart_compats[i]);
	if (node < 0)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(uart_compats) && uart_compats[i]; i++) {
		if (fdt_is_compatible(fdt, node, uart_compats[i]))
			strlcpy(bi->uart_compat, uart_compats[i], sizeof(bi->uart_compat));
	}
	u64 base, size;
	if (bi->uart_compat[0] && fdt_reg(fdt, node, 0, &base, &size) == 0)
		bi->uart_phys = base;
}

static void find_intc(const void *fdt, struct boot_info *bi)
{
	for (size_t i = 0; i < ARRAY_SIZE(intc_compats) && intc_compats[i]; i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, intc_compats[i]);
		u64 base, size;
		if (node >= 0 && fdt_reg(fdt, node, 0, &base, &size) == 0) {
			strlcpy(bi->intc_compat, intc_compats[i], sizeof(bi->intc_compat));
			bi->intc_phys = base;
			return;
		}
	}
}

int fdt_boot_parse(const void *fdt, phys_addr_t fdt_phys, struct boot_info *bi, const char **why)
{
	/* Nothing says how large the blob is but its own header: check the magic first, then
	 * everything else against the size the header claims (capped to a sane maximum). */
	int err = fdt32_ld(fdt) == FDT_MAGIC ? 0 : -FDT_ERR_BADMAGIC;
	if (err == 0)
		err = fdt_check_header(fdt, MIN(fdt_totalsize(fdt), FDT_MAX_SIZE));
	if (err) {
		*why = "DTB header";
		return err;
	}
	bi->fdt = fdt;
	bi->fdt_phys = fdt_phys;

	/* RAM: every node whose device_type is "memory" (the node is usually memory@<addr>). */
	int depth = 0;
	for (int node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		int len;
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		if (!type || len != 7 || memcmp(type, "memory", 7) != 0)
			continue;
		u64 base, size;
		for (int i = 0; (err = fdt_reg(fdt, node, i, &base, &size)) == 0; i++) {
			bi->ram_size += size;
			if (size && !boot_add_mem(bi, base, size)) {
				*why = "too many /memory regions";
				return -FDT_ERR_BADSTRUCTURE;
			}
		}
		if (err != -FDT_ERR_NOTFOUND) {
			*why = "/memory reg";
			return err;
		}
	}
	if (bi->nmem == 0) {
		*why = "no /memory node with a reg property";
		return -FDT_ERR_NOTFOUND;
	}

	/* Reserved RAM: the reservation block, then /reserved-memory's children (OpenSBI puts its
	 * own firmware region there), then the DTB itself. */
	u64 base, size;
	bool full = false;
	for (int i = 0; (err = fdt_mem_rsv(fdt, i, &base, &size)) == 0; i++)
		full |= !boot_add_reserved(bi, base, size);
	if (err != -FDT_ERR_NOTFOUND) {
		*why = "memory reservation block";
		return err;
	}
	int rsv = fdt_path_offset(fdt, "/reserved-memory");
	if (rsv >= 0) {
		depth = 0;
		for (int node = fdt_next_node(fdt, rsv, &depth); node >= 0 && depth > 0;
		     node = fdt_next_node(fdt, node, &depth)) {
			for (int i = 0; fdt_reg(fdt, node, i, &base, &size) == 0; i++)
				full |= !boot_add_reserved(bi, base, size);
		}
	}
	full |= !boot_add_reserved(bi, fdt_phys, fdt_totalsize(fdt));
	/* A reservation dropped would leave firmware memory allocatable: refuse to boot instead. */
	if (full) {
		*why = "more reserved regions than BOOT_MAX_REGIONS";
		return -FDT_ERR_BADSTRUCTURE;
	}

	int chosen = fdt_path_offset(fdt, "/chosen");
	int len = 0;
	const char *args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", &len) : NULL;
	if (args) {
		/* Copy no further than the property, even if its NUL is missing. */
		size_t n = strnlen(args, (size_t)len);
		if (n > sizeof(bi->cmdline) - 1)
			n = sizeof(bi->cmdline) - 1;
		memcpy(bi->cmdline, args, n);
		bi->cmdline[n] = '\0';
	}

	find_uart(fdt, bi);
	find_intc(fdt, bi);
	bi->ncpus = find_cpus(fdt, bi);
	*why = NULL;
	return 0;
}
