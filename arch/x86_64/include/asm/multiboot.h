/* SPDX-License-Identifier: MIT */
/*
 * The multiboot hand-off: what a multiboot loader passes in ebx, and the parsers in setup.c that
 * turn it into struct boot_info (tested by ktest/arch/x86_64/multiboot_tests.c).
 */
#ifndef ASM_MULTIBOOT_H
#define ASM_MULTIBOOT_H

#include <types.h>

struct boot_info;

#define MB1_BOOT_MAGIC 0x2BADB002
#define MB2_BOOT_MAGIC 0x36D76289

/* Multiboot 1 information structure (Multiboot Specification 0.6.96, section 3.3). */
struct mb1_info {
	u32 flags;
	u32 mem_lower, mem_upper; /* KiB below 1 MiB / KiB above 1 MiB up to the first hole */
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
} __packed;

#define MB1_FLAG_CMD	(1u << 2)
#define MB1_FLAG_MMAP	(1u << 6)
#define MB1_FLAG_LOADER (1u << 9)

struct mb1_mmap_entry {
	u32 size; /* of the rest of the entry, not counting this field */
	u64 base, length;
	u32 type; /* 1 = available RAM */
} __packed;

/* Multiboot 2 (Multiboot2 Specification 3.6): a size, then 8-byte-aligned tags. */
struct mb2_tag {
	u32 type, size;
};

#define MB2_TAG_END	    0
#define MB2_TAG_CMDLINE	    1
#define MB2_TAG_LOADER	    2
#define MB2_TAG_MMAP	    6

#define MB_MEMORY_AVAILABLE 1

/* Fill *bi from the information at physical address info_pa. Return NULL, or a message saying
 * what is wrong with the information (the caller panics with it). */
const char *parse_mb1(u32 info_pa, struct boot_info *bi);
const char *parse_mb2(u32 info_pa, struct boot_info *bi);

#endif
