// SPDX-License-Identifier: MIT
/*
 * ELF64 executable checker and PT_LOAD iterator (include/elf.h). Linux does the same checks,
 * spread over fs/binfmt_elf.c (elf_check_arch, the program-header reads, the mapping loop);
 * here they are all done first, so that the loader that follows can trust every number.
 */
#include <elf.h>
#include <string.h>

/* Field offsets in the ELF header and in a program header (System V ABI, ELF64). */
enum {
	EH_TYPE = 16,
	EH_MACHINE = 18,
	EH_VERSION = 20,
	EH_ENTRY = 24,
	EH_PHOFF = 32,
	EH_PHENTSIZE = 54,
	EH_PHNUM = 56,
};
enum {
	PH_TYPE = 0,
	PH_FLAGS = 4,
	PH_OFFSET = 8,
	PH_VADDR = 16,
	PH_FILESZ = 32,
	PH_MEMSZ = 40,
};

/* Little-endian loads of any alignment. */
static u16 le16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 le32(const u8 *p)
{
	return (u32)le16(p) | (u32)le16(p + 2) << 16;
}

static u64 le64(const u8 *p)
{
	return (u64)le32(p) | (u64)le32(p + 4) << 32;
}

static const u8 *phdr(const struct elf_image *img, unsigned int i)
{
	return img->data + img->phoff + (u64)i * ELF64_PHDR_SIZE;
}

static void read_segment(const u8 *ph, struct elf_segment *seg)
{
	seg->vaddr = le64(ph + PH_VADDR);
	seg->memsz = le64(ph + PH_MEMSZ);
	seg->offset = le64(ph + PH_OFFSET);
	seg->filesz = le64(ph + PH_FILESZ);
	seg->flags = le32(ph + PH_FLAGS) & (PF_R | PF_W | PF_X);
}

/* Empty PT_LOADs map nothing; the linker emits one when an output section is empty. */
static bool is_load(const u8 *ph)
{
	return le32(ph + PH_TYPE) == PT_LOAD && le64(ph + PH_MEMSZ) != 0;
}

/* The first and last page numbers of a (non-empty) segment: inclusive, so that a segment
 * ending at the very top of the address space cannot wrap. */
static u64 first_page(const struct elf_segment *s)
{
	return s->vaddr / ELF_PAGE_SIZE;
}

static u64 last_page(const struct elf_segment *s)
{
	return (s->vaddr + s->memsz - 1) / ELF_PAGE_SIZE;
}

/* One PT_LOAD on its own: file range, sizes, addresses, W^X. */
static int check_segment(const struct elf_segment *s, size_t size, u64 user_limit)
{
	if (s->offset > size || s->filesz > size - s->offset)
		return -ELF_ERR_SEG_FILE;
	if (s->filesz > s->memsz)
		return -ELF_ERR_SEG_SIZE;
	if (s->vaddr < ELF_MIN_VADDR || s->vaddr > user_limit || s->memsz > user_limit - s->vaddr)
		return -ELF_ERR_SEG_ADDR;
	if ((s->flags & PF_W) && (s->flags & PF_X))
		return -ELF_ERR_WX;
	return 0;
}

int elf_check(struct elf_image *img, const void *data, size_t size, unsigned int machine,
	      u64 user_limit)
{
	const u8 *e = data;

	if (size < ELF64_EHDR_SIZE)
		return -ELF_ERR_TRUNCATED;
	if (memcmp(e, "\177ELF", 4) != 0)
		return -ELF_ERR_MAGIC;
	if (e[EI_CLASS] != ELFCLASS64)
		return -ELF_ERR_CLASS;
	if (e[EI_DATA] != ELFDATA2LSB)
		return -ELF_ERR_DATA;
	if (e[EI_VERSION] != EV_CURRENT || le32(e + EH_VERSION) != EV_CURRENT)
		return -ELF_ERR_VERSION;
	if (le16(e + EH_TYPE) != ET_EXEC)
		return -ELF_ERR_TYPE;
	if (le16(e + EH_MACHINE) != machine)
		return -ELF_ERR_MACHINE;

	img->data = e;
	img->size = size;
	img->entry = le64(e + EH_ENTRY);
	img->phoff = le64(e + EH_PHOFF);
	img->phnum = le16(e + EH_PHNUM);
	if (le16(e + EH_PHENTSIZE) != ELF64_PHDR_SIZE || img->phnum == 0 ||
	    img->phnum > ELF_MAX_PHDRS)
		return -ELF_ERR_PHDRS;
	if (img->phoff > size || (u64)img->phnum * ELF64_PHDR_SIZE > size - img->phoff)
		return -ELF_ERR_PHDRS;

	img->nr_loads = 0;
	img->lowest = ~0ULL;
	img->highest = 0;
	for (unsigned int i = 0; i < img->phnum; i++) {
		const u8 *ph = phdr(img, i);
		u32 type = le32(ph + PH_TYPE);
		if (type == PT_INTERP || type == PT_DYNAMIC)
			return -ELF_ERR_INTERP;
		if (!is_load(ph))
			continue;
		if (++img->nr_loads > ELF_MAX_LOADS)
			return -ELF_ERR_NO_LOAD;
		struct elf_segment s;
		read_segment(ph, &s);
		int r = check_segment(&s, size, user_limit);
		if (r)
			return r;
		/* No page may belong to two segments: compare with every earlier one (at most
		 * ELF_MAX_LOADS, so the quadratic loop stays small). */
		for (unsigned int j = 0; j < i; j++) {
			struct elf_segment o;
			if (!is_load(phdr(img, j)))
				continue;
			read_segment(phdr(img, j), &o);
			if (first_page(&s) <= last_page(&o) && first_page(&o) <= last_page(&s))
				return -ELF_ERR_SEG_OVERLAP;
		}
		img->lowest = MIN(img->lowest, s.vaddr);
		img->highest = MAX(img->highest, s.vaddr + s.memsz);
	}
	if (img->nr_loads == 0)
		return -ELF_ERR_NO_LOAD;

	/* The first instruction must come from the file and be mapped executable: an entry in
	 * the bss, in data or outside every segment would fault at once, or worse. */
	unsigned int cursor = 0;
	struct elf_segment s;
	while (elf_next_load(img, &cursor, &s)) {
		if ((s.flags & PF_X) && img->entry >= s.vaddr && img->entry - s.vaddr < s.filesz)
			return 0;
	}
	return -ELF_ERR_ENTRY;
}

bool elf_next_load(const struct elf_image *img, unsigned int *cursor, struct elf_segment *seg)
{
	while (*cursor < img->phnum) {
		const u8 *ph = phdr(img, (*cursor)++);
		if (is_load(ph)) {
			read_segment(ph, seg);
			return true;
		}
	}
	return false;
}

const char *elf_strerror(int err)
{
	switch (-err) {
	case 0:
		return "no error";
	case ELF_ERR_TRUNCATED:
		return "truncated (shorter than an ELF header)";
	case ELF_ERR_MAGIC:
		return "not an ELF file";
	case ELF_ERR_CLASS:
		return "not a 64-bit ELF file";
	case ELF_ERR_DATA:
		return "not little-endian";
	case ELF_ERR_VERSION:
		return "unknown ELF version";
	case ELF_ERR_TYPE:
		return "not a static executable (ET_EXEC)";
	case ELF_ERR_MACHINE:
		return "built for another machine";
	case ELF_ERR_PHDRS:
		return "bad program header table";
	case ELF_ERR_INTERP:
		return "dynamically linked";
	case ELF_ERR_NO_LOAD:
		return "no loadable segment, or too many";
	case ELF_ERR_SEG_FILE:
		return "segment past the end of the file";
	case ELF_ERR_SEG_SIZE:
		return "segment file size larger than its memory size";
	case ELF_ERR_SEG_ADDR:
		return "segment outside the user address range";
	case ELF_ERR_SEG_OVERLAP:
		return "segments share a page";
	case ELF_ERR_WX:
		return "segment both writable and executable";
	case ELF_ERR_ENTRY:
		return "entry point not in an executable segment";
	default:
		return "unknown ELF error";
	}
}
