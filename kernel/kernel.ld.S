/* SPDX-License-Identifier: MIT */
/*
 * The kernel's linker script, one for all three architectures (preprocessed with the arch's
 * <asm/memlayout.h>, as Linux preprocesses vmlinux.lds.S).
 *
 * The image is linked at KERNEL_VBASE in the upper half and loaded at KERNEL_PBASE: AT() gives
 * every section a physical load address (LMA) equal to its virtual address (VMA) minus
 * KIMAGE_OFFSET. Loaders (QEMU's -kernel on every arch, GRUB's multiboot2) put each segment at its
 * physical address and enter at e_entry translated the same way, virtual -> physical, so e_entry
 * is _start's link address and the CPU starts at _start's physical address (GRUB insists that
 * e_entry lie inside a segment's virtual range).
 *
 * Three segments, each page-aligned, give W^X from the first instruction the final page table
 * maps: text R-X, rodata R--, data+bss RW-.
 */
#include <asm/memlayout.h>

OUTPUT_ARCH(LD_OUTPUT_ARCH)
ENTRY(_start)

KIMAGE_OFFSET = KERNEL_VBASE - KERNEL_PBASE;

PHDRS
{
	text PT_LOAD FLAGS(5);   /* R X */
	rodata PT_LOAD FLAGS(4); /* R   */
	data PT_LOAD FLAGS(6);   /* R W */
}

SECTIONS
{
	. = KERNEL_VBASE;
	_kernel_start = .;

	.text : AT(ADDR(.text) - KIMAGE_OFFSET) {
		_text_start = .;
		KEEP(*(.head.text))	/* boot.S: must be first, at KERNEL_PBASE */
		*(.text .text.*)
		. = ALIGN(4096);
		_text_end = .;
	} :text

	.rodata : AT(ADDR(.rodata) - KIMAGE_OFFSET) {
		_rodata_start = .;
		*(.rodata .rodata.* .srodata .srodata.*)
#if CONFIG_KTEST
		. = ALIGN(8);
		_ktests_start = .;	/* test descriptors from KTEST() (include/ktest.h) */
		KEEP(*(.ktests))
		_ktests_end = .;
#endif
		. = ALIGN(8);
		_extable_start = .;	/* exception fixups (include/extable.h) */
		KEEP(*(__ex_table))
		_extable_end = .;
		. = ALIGN(4096);
		_rodata_end = .;
	} :rodata

	.data : AT(ADDR(.data) - KIMAGE_OFFSET) {
		_data_start = .;
		*(.data .data.* .sdata .sdata.*)
		. = ALIGN(16);
		_data_end = .;
	} :data

	.bss : AT(ADDR(.bss) - KIMAGE_OFFSET) {
		_bss_start = .;
		*(.bss .bss.* .sbss .sbss.* COMMON)
		. = ALIGN(4096);
		_bss_end = .;
	} :data

	_kernel_end = .;

	/DISCARD/ : { *(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr) }
}
