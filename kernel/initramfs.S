/* SPDX-License-Identifier: MIT */
/*
 * The initramfs archive, embedded in the kernel image (Linux does the same in
 * usr/initramfs_data.S). The build assembles this file with INITRAMFS_FILE set to the path of
 * the archive it made (kernel/meson.build), and reassembles it whenever the archive changes.
 *
 * It goes to .rodata, so the final page table maps it read-only and never executable.
 * The reader needs no alignment; 16 keeps the start tidy in a hex dump.
 */
	.section .rodata.initramfs, "a"
	.balign 16
	.globl _initramfs_start
_initramfs_start:
	.incbin INITRAMFS_FILE
	.globl _initramfs_end
_initramfs_end:
