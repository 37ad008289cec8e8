/* SPDX-License-Identifier: MIT */
/*
 * ELF64 executables as the kernel loads them (kernel/lib/elf.c): a checker that accepts only
 * what the loader can map safely, and an iterator over the PT_LOAD segments. Each arch names
 * its own machine number ELF_MACHINE in <asm/elf.h>.
 *
 * The file is untrusted input (it comes from the initramfs today, from a disk later), so
 * elf_check() validates everything the loader will rely on before anything is mapped:
 *
 *   - the identification: "\177ELF", ELFCLASS64, little-endian, version 1;
 *   - a static executable (ET_EXEC, no PT_INTERP or PT_DYNAMIC) for the expected e_machine;
 *   - the program header table inside the file, with 56-byte entries, at most ELF_MAX_PHDRS;
 *   - every non-empty PT_LOAD: its file bytes inside the file, filesz <= memsz, its addresses
 *     in [ELF_MIN_VADDR, user_limit) without wrapping, never both writable and executable
 *     (user W^X), and no page shared with another PT_LOAD (else one page would need the
 *     permissions of both, e.g. W from the data and X from the text);
 *   - at least one PT_LOAD, at most ELF_MAX_LOADS;
 *   - the entry point inside the file bytes of an executable segment.
 *
 * Fields are read byte by byte as little-endian, so the image needs no alignment in memory (a
 * file in a cpio archive is only 4-byte aligned) and the checker runs unchanged on the host.
 */
#ifndef TRISTACK_ELF_H
#define TRISTACK_ELF_H

#include <types.h>

/* e_ident and the header fields, with the System V ABI's names. */
#define EI_NIDENT   16
#define EI_CLASS    4
#define EI_DATA	    5
#define EI_VERSION  6
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define EV_CURRENT  1
#define ET_EXEC	    2
#define ET_DYN	    3

/* e_machine values of the three arches (<asm/elf.h> says which one is ours). */
#define EM_X86_64  62
#define EM_AARCH64 183
#define EM_RISCV   243

/* Program header types and segment flags. */
#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PF_X		1
#define PF_W		2
#define PF_R		4

#define ELF64_EHDR_SIZE 64
#define ELF64_PHDR_SIZE 56

/* Bounds that keep the checker's work small; real static programs have 3 to 6 headers. */
#define ELF_MAX_PHDRS 64
#define ELF_MAX_LOADS 16
/* Nothing is loaded below 64 KiB, so that a NULL pointer (plus a small offset) always faults,
 * as Linux's vm.mmap_min_addr does by default. */
#define ELF_MIN_VADDR 0x10000UL
/* The granule of the W^X and overlap checks: the page size of every arch here (the kernel
 * checks that it equals PAGE_SIZE). */
#define ELF_PAGE_SIZE 4096UL

enum elf_err {
	ELF_ERR_TRUNCATED = 1, /* shorter than an ELF header */
	ELF_ERR_MAGIC,	       /* not "\177ELF" */
	ELF_ERR_CLASS,	       /* not ELFCLASS64 */
	ELF_ERR_DATA,	       /* not little-endian */
	ELF_ERR_VERSION,       /* not version 1 */
	ELF_ERR_TYPE,	  /* not ET_EXEC (a relocatable object, a PIE or shared object, a core) */
	ELF_ERR_MACHINE,  /* built for another architecture */
	ELF_ERR_PHDRS,	  /* program headers: wrong entry size, none, too many, past the end */
	ELF_ERR_INTERP,	  /* dynamically linked (PT_INTERP or PT_DYNAMIC) */
	ELF_ERR_NO_LOAD,  /* no PT_LOAD segment, or more than ELF_MAX_LOADS */
	ELF_ERR_SEG_FILE, /* a segment's file bytes lie past the end of the file */
	ELF_ERR_SEG_SIZE, /* a segment's filesz is larger than its memsz */
	ELF_ERR_SEG_ADDR, /* a segment lies below ELF_MIN_VADDR or beyond the user limit */
	ELF_ERR_SEG_OVERLAP, /* two segments share a page */
	ELF_ERR_WX,	     /* a segment is both writable and executable */
	ELF_ERR_ENTRY,	     /* the entry point is not in an executable segment's file bytes */
};

/* One PT_LOAD segment: memory [vaddr, vaddr + memsz) gets the file bytes [offset, offset +
 * filesz), and zeros after them (the bss). */
struct elf_segment {
	u64 vaddr;
	u64 memsz;
	u64 offset;
	u64 filesz;
	u32 flags; /* PF_R | PF_W | PF_X */
};

/* What elf_check() found, for the loader. */
struct elf_image {
	const u8 *data; /* the file, as passed to elf_check() */
	size_t size;
	u64 entry;	       /* e_entry */
	u64 phoff;	       /* where the program headers are in the file */
	unsigned int phnum;    /* how many there are (all kinds) */
	unsigned int nr_loads; /* non-empty PT_LOAD segments */
	u64 lowest, highest;   /* the lowest vaddr and the highest vaddr + memsz of them: the
				  program break starts at the page after highest */
};

/*
 * Checks the file [data, data + size) as described above, for machine (ELF_MACHINE) and a
 * user address space that ends at user_limit (exclusive). Returns 0 with *img filled, or
 * -ELF_ERR_* (then *img is undefined).
 */
int elf_check(struct elf_image *img, const void *data, size_t size, unsigned int machine,
	      u64 user_limit);

/*
 * The non-empty PT_LOAD segments of an image elf_check() accepted, in file order: start with
 * *cursor = 0; each call fills *seg and returns true, then false after the last one.
 */
bool elf_next_load(const struct elf_image *img, unsigned int *cursor, struct elf_segment *seg);

/* A short description of a -ELF_ERR_* value. */
const char *elf_strerror(int err);

#endif
