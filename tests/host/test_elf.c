// SPDX-License-Identifier: MIT
/*
 * kernel/lib/elf.c on executables the real toolchains make: meson builds
 * tests/host/elf_fixture.c with user/user.ld for every arch whose compiler the host has, and
 * passes them as
 *
 *   test_elf [--fixture ARCH MACHINE PATH]... [--missing ARCH]...
 *
 * For each fixture:
 *   - elf_check accepts it for its own machine, with what an independent reading of the
 *     headers says (entry, segments, W^X, the user.ld layout), and refuses it for the others;
 *   - the user limit is exclusive and exact;
 *   - one damaged copy per rule of include/elf.h gives that rule's error: magic, class, byte
 *     order, version, type, program-header table, dynamic linking, file range, sizes,
 *     addresses (and wrap-around), shared pages, W+X, entry point;
 *   - the file cut at every length, and every header byte changed four ways, each in an
 *     exact-size buffer: an error, or an answer that an independent check finds consistent;
 *     AddressSanitizer reports any read outside the buffer.
 * And on synthetic images: the limits on the number of segments.
 */
#include "kapi.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

/* Large enough for every arch's user half; the fixtures sit at 4 MiB. */
#define LIMIT	  (1ULL << 47)
#define USER_BASE 0x400000ULL

/* ---- Independent readers of the ELF64 layout ---------------------------------------------- */

static u64 rd(const u8 *p, int n)
{
	u64 v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void wr(u8 *p, int n, u64 v)
{
	for (int i = 0; i < n; i++, v >>= 8)
		p[i] = (u8)v;
}

/* ELF header fields: offset and width. */
#define E_TYPE	    16, 2
#define E_MACHINE   18, 2
#define E_VERSION   20, 4
#define E_ENTRY	    24, 8
#define E_PHOFF	    32, 8
#define E_PHENTSIZE 54, 2
#define E_PHNUM	    56, 2
/* Program header fields. */
#define P_TYPE		      0, 4
#define P_FLAGS		      4, 4
#define P_OFFSET	      8, 8
#define P_VADDR		      16, 8
#define P_FILESZ	      32, 8
#define P_MEMSZ		      40, 8

#define GET(base, field)      get_((base), field)
#define SET(base, field, v)   set_((base), field, (v))
#define get_(base, off, n)    rd((base) + (off), (n))
#define set_(base, off, n, v) wr((base) + (off), (n), (v))

static u8 *ph(u8 *e, int i)
{
	return e + GET(e, E_PHOFF) + (u64)i * ELF64_PHDR_SIZE;
}

/* Index of the first PT_LOAD whose flags are exactly `flags`, or -1. */
static int find_load(u8 *e, u32 flags)
{
	for (int i = 0; i < (int)GET(e, E_PHNUM); i++) {
		if (GET(ph(e, i), P_TYPE) == PT_LOAD && GET(ph(e, i), P_MEMSZ) &&
		    (GET(ph(e, i), P_FLAGS) & 7) == flags)
			return i;
	}
	return -1;
}

/*
 * What must hold when elf_check accepted data[0, size): every non-empty PT_LOAD inside the
 * file, filesz <= memsz, inside [ELF_MIN_VADDR, limit), not W+X, and the entry in the file part
 * of an executable one. Read with the test's own code, not the checker's.
 */
static bool consistent(const u8 *data, size_t size, u64 limit, const struct elf_image *img)
{
	u64 phoff = rd(data + 32, 8), phnum = rd(data + 56, 2), entry = rd(data + 24, 8);
	bool entry_ok = false;
	if (phoff > size || phnum * ELF64_PHDR_SIZE > size - phoff || img->entry != entry)
		return false;
	for (u64 i = 0; i < phnum; i++) {
		const u8 *p = data + phoff + i * ELF64_PHDR_SIZE;
		u64 type = rd(p, 4), flags = rd(p + 4, 4), off = rd(p + 8, 8), va = rd(p + 16, 8);
		u64 fsz = rd(p + 32, 8), msz = rd(p + 40, 8);
		if (type != PT_LOAD || msz == 0)
			continue;
		if (off > size || fsz > size - off || fsz > msz)
			return false;
		if (va < ELF_MIN_VADDR || va > limit || msz > limit - va)
			return false;
		if ((flags & PF_W) && (flags & PF_X))
			return false;
		if ((flags & PF_X) && entry >= va && entry - va < fsz)
			entry_ok = true;
	}
	return entry_ok;
}

static u8 *copy_exact(const u8 *src, size_t size)
{
	u8 *p = malloc(size ? size : 1);
	memcpy(p, src, size);
	return p;
}

/* ---- The fixture under test ---------------------------------------------------------------- */

static const char *cur_arch;
static unsigned int cur_machine;
static const u8 *cur;
static size_t cur_size;

static const unsigned int machines[] = { EM_X86_64, EM_AARCH64, EM_RISCV };

static void test_accepted(void)
{
	struct elf_image img;
	int r = elf_check(&img, cur, cur_size, cur_machine, LIMIT);
	CHECK_EQ_INT(r, 0);
	if (r) {
		tap_fail(__FILE__, __LINE__, "%s", elf_strerror(r));
		return;
	}
	CHECK(consistent(cur, cur_size, LIMIT, &img));
	CHECK_EQ_U64(img.phnum, rd(cur + 56, 2));
	CHECK_EQ_U64(img.lowest, USER_BASE); /* user.ld's text address */

	struct elf_segment s;
	unsigned int cursor = 0, n = 0, x = 0, w = 0;
	u64 highest = 0;
	while (elf_next_load(&img, &cursor, &s)) {
		n++;
		CHECK(!((s.flags & PF_W) && (s.flags & PF_X)));
		CHECK(s.vaddr % ELF_PAGE_SIZE == 0); /* user.ld starts each on a page */
		CHECK(s.filesz <= s.memsz && s.offset + s.filesz <= cur_size);
		x += (s.flags & PF_X) != 0;
		w += (s.flags & PF_W) != 0;
		if (s.vaddr + s.memsz > highest)
			highest = s.vaddr + s.memsz;
		if (s.flags & PF_X) /* _start is in .text.start, first in the text */
			CHECK_EQ_U64(img.entry, s.vaddr);
	}
	CHECK_EQ_INT(n, img.nr_loads);
	CHECK_EQ_INT(n, 3); /* text, rodata, data+bss */
	CHECK_EQ_INT(x, 1);
	CHECK_EQ_INT(w, 1);
	CHECK_EQ_U64(img.highest, highest);
	/* Past the end the cursor stays put. */
	CHECK(!elf_next_load(&img, &cursor, &s));
}

static void test_machines(void)
{
	struct elf_image img;
	for (size_t i = 0; i < ARRAY_SIZE(machines); i++) {
		int want = machines[i] == cur_machine ? 0 : -ELF_ERR_MACHINE;
		CHECK_EQ_INT(elf_check(&img, cur, cur_size, machines[i], LIMIT), want);
	}
	CHECK_EQ_INT(elf_check(&img, cur, cur_size, 0, LIMIT), -ELF_ERR_MACHINE);
}

static void test_limit(void)
{
	struct elf_image img;
	CHECK_EQ_INT(elf_check(&img, cur, cur_size, cur_machine, LIMIT), 0);
	u64 top = img.highest;
	/* The limit is the end of user space, exclusive: a segment may end right at it. */
	CHECK_EQ_INT(elf_check(&img, cur, cur_size, cur_machine, top), 0);
	CHECK_EQ_INT(elf_check(&img, cur, cur_size, cur_machine, top - 1), -ELF_ERR_SEG_ADDR);
	CHECK_EQ_INT(elf_check(&img, cur, cur_size, cur_machine, USER_BASE), -ELF_ERR_SEG_ADDR);
	CHECK_EQ_INT(elf_check(&img, cur, cur_size, cur_machine, 0), -ELF_ERR_SEG_ADDR);
}

/* ---- One damaged copy per rule ------------------------------------------------------------ */

typedef void (*damage_fn)(u8 *e, size_t *size);

static int check_damaged(damage_fn fn)
{
	size_t size = cur_size;
	u8 *p = copy_exact(cur, cur_size);
	fn(p, &size);
	u8 *q = copy_exact(p, size);
	struct elf_image img;
	int r = elf_check(&img, q, size, cur_machine, LIMIT);
	if (r == 0 && !consistent(q, size, LIMIT, &img))
		tap_fail(__FILE__, __LINE__, "accepted an inconsistent image");
	free(p);
	free(q);
	return r;
}

#define TEXT(e)	  ph((e), find_load((e), PF_R | PF_X))
#define RODATA(e) ph((e), find_load((e), PF_R))
#define DATA(e)	  ph((e), find_load((e), PF_R | PF_W))

#define DAMAGE(name, body)                                                                         \
	static void name(u8 *e, size_t *size)                                                      \
	{                                                                                          \
		(void)e;                                                                           \
		(void)size;                                                                        \
		body;                                                                              \
	}

DAMAGE(d_magic, e[1] = 'X')
DAMAGE(d_class32, e[EI_CLASS] = 1)
DAMAGE(d_big_endian, e[EI_DATA] = 2)
DAMAGE(d_ident_version, e[EI_VERSION] = 0)
DAMAGE(d_version, SET(e, E_VERSION, 2))
DAMAGE(d_pie, SET(e, E_TYPE, ET_DYN))
DAMAGE(d_relocatable, SET(e, E_TYPE, 1))
DAMAGE(d_short, *size = ELF64_EHDR_SIZE - 1)
DAMAGE(d_phentsize, SET(e, E_PHENTSIZE, 32))
DAMAGE(d_phnum_zero, SET(e, E_PHNUM, 0))
DAMAGE(d_phnum_many, SET(e, E_PHNUM, ELF_MAX_PHDRS + 1))
DAMAGE(d_phoff_end, SET(e, E_PHOFF, *size - 8))
DAMAGE(d_phoff_wrap, SET(e, E_PHOFF, ~0ULL - 8))
DAMAGE(d_phdrs_cut, *size = GET(e, E_PHOFF) + GET(e, E_PHNUM) * ELF64_PHDR_SIZE - 1)
DAMAGE(d_interp, SET(RODATA(e), P_TYPE, PT_INTERP))
DAMAGE(d_dynamic, SET(RODATA(e), P_TYPE, PT_DYNAMIC))
DAMAGE(d_no_load, for (int i = 0; i < (int)GET(e, E_PHNUM); i++) SET(ph(e, i), P_TYPE, PT_NULL))
DAMAGE(d_all_empty, for (int i = 0; i < (int)GET(e, E_PHNUM); i++) SET(ph(e, i), P_MEMSZ, 0))
DAMAGE(d_offset_end, SET(TEXT(e), P_OFFSET, *size))
DAMAGE(d_offset_wrap, SET(TEXT(e), P_OFFSET, ~0ULL - 4))
DAMAGE(d_filesz_file, SET(TEXT(e), P_FILESZ, *size); SET(TEXT(e), P_MEMSZ, *size))
DAMAGE(d_filesz_memsz, SET(RODATA(e), P_MEMSZ, GET(RODATA(e), P_FILESZ) - 1))
DAMAGE(d_vaddr_zero, SET(RODATA(e), P_VADDR, 0))
DAMAGE(d_vaddr_low, SET(RODATA(e), P_VADDR, ELF_MIN_VADDR - ELF_PAGE_SIZE))
DAMAGE(d_vaddr_wrap, SET(DATA(e), P_VADDR, ~0ULL - 0xfff))
DAMAGE(d_memsz_wrap, SET(DATA(e), P_MEMSZ, ~0ULL - 0x10))
DAMAGE(d_vaddr_limit, SET(DATA(e), P_VADDR, LIMIT))
/* Read-only data moved into the text's last page: that page would need r-x and r--. */
DAMAGE(d_overlap, SET(RODATA(e), P_VADDR, GET(TEXT(e), P_VADDR) + GET(TEXT(e), P_MEMSZ)))
DAMAGE(d_overlap_data, SET(DATA(e), P_VADDR, GET(TEXT(e), P_VADDR) + ELF_PAGE_SIZE / 2))
DAMAGE(d_text_writable, SET(TEXT(e), P_FLAGS, PF_R | PF_W | PF_X))
DAMAGE(d_data_executable, SET(DATA(e), P_FLAGS, PF_R | PF_W | PF_X))
DAMAGE(d_entry_zero, SET(e, E_ENTRY, 0))
DAMAGE(d_entry_rodata, SET(e, E_ENTRY, GET(RODATA(e), P_VADDR)))
DAMAGE(d_entry_bss, SET(e, E_ENTRY, GET(DATA(e), P_VADDR) + GET(DATA(e), P_MEMSZ) - 1))
DAMAGE(d_entry_text_end, SET(e, E_ENTRY, GET(TEXT(e), P_VADDR) + GET(TEXT(e), P_FILESZ)))
DAMAGE(d_entry_text_last, SET(e, E_ENTRY, GET(TEXT(e), P_VADDR) + GET(TEXT(e), P_FILESZ) - 1))
DAMAGE(d_text_empty, SET(TEXT(e), P_MEMSZ, 0); SET(TEXT(e), P_FILESZ, 0))
/* Text not readable, only executable: allowed (nothing in the rules requires R). */
DAMAGE(d_text_xonly, SET(TEXT(e), P_FLAGS, PF_X))
/* Unknown flag bits beside R, W, X (PF_MASKOS) are ignored. */
DAMAGE(d_os_flags, SET(RODATA(e), P_FLAGS, PF_R | 0x00100000))

static void test_damage(void)
{
	static const struct {
		const char *name;
		damage_fn fn;
		int want;
	} cases[] = {
		{ "magic", d_magic, -ELF_ERR_MAGIC },
		{ "class32", d_class32, -ELF_ERR_CLASS },
		{ "big_endian", d_big_endian, -ELF_ERR_DATA },
		{ "ident_version", d_ident_version, -ELF_ERR_VERSION },
		{ "version", d_version, -ELF_ERR_VERSION },
		{ "pie", d_pie, -ELF_ERR_TYPE },
		{ "relocatable", d_relocatable, -ELF_ERR_TYPE },
		{ "short", d_short, -ELF_ERR_TRUNCATED },
		{ "phentsize", d_phentsize, -ELF_ERR_PHDRS },
		{ "phnum_zero", d_phnum_zero, -ELF_ERR_PHDRS },
		{ "phnum_many", d_phnum_many, -ELF_ERR_PHDRS },
		{ "phoff_end", d_phoff_end, -ELF_ERR_PHDRS },
		{ "phoff_wrap", d_phoff_wrap, -ELF_ERR_PHDRS },
		{ "phdrs_cut", d_phdrs_cut, -ELF_ERR_PHDRS },
		{ "interp", d_interp, -ELF_ERR_INTERP },
		{ "dynamic", d_dynamic, -ELF_ERR_INTERP },
		{ "no_load", d_no_load, -ELF_ERR_NO_LOAD },
		{ "all_empty", d_all_empty, -ELF_ERR_NO_LOAD },
		{ "offset_end", d_offset_end, -ELF_ERR_SEG_FILE },
		{ "offset_wrap", d_offset_wrap, -ELF_ERR_SEG_FILE },
		{ "filesz_file", d_filesz_file, -ELF_ERR_SEG_FILE },
		{ "filesz_memsz", d_filesz_memsz, -ELF_ERR_SEG_SIZE },
		{ "vaddr_zero", d_vaddr_zero, -ELF_ERR_SEG_ADDR },
		{ "vaddr_low", d_vaddr_low, -ELF_ERR_SEG_ADDR },
		{ "vaddr_wrap", d_vaddr_wrap, -ELF_ERR_SEG_ADDR },
		{ "memsz_wrap", d_memsz_wrap, -ELF_ERR_SEG_ADDR },
		{ "vaddr_limit", d_vaddr_limit, -ELF_ERR_SEG_ADDR },
		{ "overlap", d_overlap, -ELF_ERR_SEG_OVERLAP },
		{ "overlap_data", d_overlap_data, -ELF_ERR_SEG_OVERLAP },
		{ "text_writable", d_text_writable, -ELF_ERR_WX },
		{ "data_executable", d_data_executable, -ELF_ERR_WX },
		{ "entry_zero", d_entry_zero, -ELF_ERR_ENTRY },
		{ "entry_rodata", d_entry_rodata, -ELF_ERR_ENTRY },
		{ "entry_bss", d_entry_bss, -ELF_ERR_ENTRY },
		{ "entry_text_end", d_entry_text_end, -ELF_ERR_ENTRY },
		{ "entry_text_last", d_entry_text_last, 0 },
		{ "text_empty", d_text_empty, -ELF_ERR_ENTRY },
		{ "text_xonly", d_text_xonly, 0 },
		{ "os_flags", d_os_flags, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = check_damaged(cases[i].fn);
		if (r != cases[i].want)
			tap_fail(__FILE__, __LINE__, "%s: got %d (%s), expected %d (%s)",
				 cases[i].name, r, elf_strerror(r), cases[i].want,
				 elf_strerror(cases[i].want));
	}
	for (int err = 0; err <= ELF_ERR_ENTRY + 1; err++)
		CHECK(elf_strerror(-err) != NULL && elf_strerror(-err)[0] != '\0');
}

/* ---- Robustness ---------------------------------------------------------------------------- */

static void test_cut_everywhere(void)
{
	struct elf_image img;
	u64 phend = rd(cur + 32, 8) + rd(cur + 56, 2) * ELF64_PHDR_SIZE;
	for (size_t len = 0; len <= cur_size; len++) {
		u8 *p = copy_exact(cur, len);
		int r = elf_check(&img, p, len, cur_machine, LIMIT);
		if (len < ELF64_EHDR_SIZE && r != -ELF_ERR_TRUNCATED)
			tap_fail(__FILE__, __LINE__, "cut at %zu: %d", len, r);
		else if (len >= ELF64_EHDR_SIZE && len < phend && r != -ELF_ERR_PHDRS)
			tap_fail(__FILE__, __LINE__, "cut at %zu: %d", len, r);
		else if (r == 0 && !consistent(p, len, LIMIT, &img))
			tap_fail(__FILE__, __LINE__, "cut at %zu: accepted, inconsistent", len);
		/* Once the program headers are whole, the segments' file ranges decide. */
		free(p);
	}
}

static void test_corrupt_headers(void)
{
	struct elf_image img;
	/* Only the ELF header and the program headers are read: change each of their bytes. */
	size_t end = rd(cur + 32, 8) + rd(cur + 56, 2) * ELF64_PHDR_SIZE;
	u8 *p = copy_exact(cur, cur_size);
	int accepted = 0;
	for (size_t i = 0; i < end && i < cur_size; i++) {
		u8 orig = p[i];
		const u8 values[] = { orig ^ 0x01, orig ^ 0x80, 0xff, 0x00 };
		for (size_t w = 0; w < ARRAY_SIZE(values); w++) {
			p[i] = values[w];
			int r = elf_check(&img, p, cur_size, cur_machine, LIMIT);
			if (r == 0) {
				accepted++;
				if (!consistent(p, cur_size, LIMIT, &img))
					tap_fail(__FILE__, __LINE__, "byte %zu = %#x: inconsistent",
						 i, values[w]);
				struct elf_segment s;
				unsigned int c = 0;
				while (elf_next_load(&img, &c, &s))
					CHECK(s.offset + s.filesz <= cur_size);
			} else if (r > 0 || r < -ELF_ERR_ENTRY) {
				tap_fail(__FILE__, __LINE__, "byte %zu: unknown error %d", i, r);
			}
		}
		p[i] = orig;
	}
	free(p);
	/* Many changes are harmless (padding, p_paddr, p_align, section-header fields). */
	CHECK(accepted > 0);
}

/* ---- Synthetic images: the limits on segment counts ---------------------------------------- */

/* n PT_LOADs of one page each, 2 pages apart, the first executable; file: headers + 1 page. */
static u8 *synthetic(unsigned int n, size_t *size)
{
	size_t phoff = ELF64_EHDR_SIZE, text = 0x1000;
	*size = text + 0x1000;
	u8 *e = calloc(1, *size);
	memcpy(e, "\177ELF", 4);
	e[EI_CLASS] = ELFCLASS64;
	e[EI_DATA] = ELFDATA2LSB;
	e[EI_VERSION] = EV_CURRENT;
	SET(e, E_TYPE, ET_EXEC);
	SET(e, E_MACHINE, EM_RISCV);
	SET(e, E_VERSION, EV_CURRENT);
	SET(e, E_ENTRY, USER_BASE);
	SET(e, E_PHOFF, phoff);
	SET(e, E_PHENTSIZE, ELF64_PHDR_SIZE);
	SET(e, E_PHNUM, n);
	for (unsigned int i = 0; i < n; i++) {
		u8 *p = e + phoff + i * ELF64_PHDR_SIZE;
		SET(p, P_TYPE, PT_LOAD);
		SET(p, P_FLAGS, i == 0 ? PF_R | PF_X : PF_R | PF_W);
		SET(p, P_OFFSET, i == 0 ? text : 0);
		SET(p, P_FILESZ, i == 0 ? 0x1000 : 0);
		SET(p, P_VADDR, USER_BASE + 2ULL * i * ELF_PAGE_SIZE);
		SET(p, P_MEMSZ, ELF_PAGE_SIZE);
	}
	return e;
}

static void test_synthetic_limits(void)
{
	struct elf_image img;
	size_t size;
	u8 *e = synthetic(ELF_MAX_LOADS, &size);
	CHECK_EQ_INT(elf_check(&img, e, size, EM_RISCV, LIMIT), 0);
	CHECK_EQ_INT(img.nr_loads, ELF_MAX_LOADS);
	free(e);
	e = synthetic(ELF_MAX_LOADS + 1, &size);
	CHECK_EQ_INT(elf_check(&img, e, size, EM_RISCV, LIMIT), -ELF_ERR_NO_LOAD);
	free(e);
	e = synthetic(1, &size);
	CHECK_EQ_INT(elf_check(&img, e, size, EM_RISCV, LIMIT), 0);
	/* A page-aligned neighbour right after the last page is not an overlap... */
	free(e);
	e = synthetic(2, &size);
	SET(e + ELF64_EHDR_SIZE + ELF64_PHDR_SIZE, P_VADDR, USER_BASE + ELF_PAGE_SIZE);
	CHECK_EQ_INT(elf_check(&img, e, size, EM_RISCV, LIMIT), 0);
	/* ...one byte lower is. */
	SET(e + ELF64_EHDR_SIZE + ELF64_PHDR_SIZE, P_VADDR, USER_BASE + ELF_PAGE_SIZE - 1);
	CHECK_EQ_INT(elf_check(&img, e, size, EM_RISCV, LIMIT), -ELF_ERR_SEG_OVERLAP);
	/* Near the top of the 64-bit space: the end may reach the limit, not wrap past it. */
	SET(e + ELF64_EHDR_SIZE + ELF64_PHDR_SIZE, P_VADDR, ~0ULL - 2 * ELF_PAGE_SIZE + 1);
	CHECK_EQ_INT(elf_check(&img, e, size, EM_RISCV, ~0ULL), 0);
	SET(e + ELF64_EHDR_SIZE + ELF64_PHDR_SIZE, P_VADDR, ~0ULL - ELF_PAGE_SIZE + 1);
	CHECK_EQ_INT(elf_check(&img, e, size, EM_RISCV, ~0ULL), -ELF_ERR_SEG_ADDR);
	free(e);
}

/* ---- main --------------------------------------------------------------------------------- */

static void run(const char *what, void (*fn)(void))
{
	char name[96];
	snprintf(name, sizeof(name), "%s: %s", cur_arch, what);
	tap_start();
	fn();
	tap_result(name, NULL);
}

int main(int argc, char **argv)
{
	RUN(test_synthetic_limits);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--missing") == 0 && i + 1 < argc) {
			char what[64];
			snprintf(what, sizeof(what), "%s fixture", argv[++i]);
			tap_skip(what, "no compiler for it at configure time");
			continue;
		}
		if (strcmp(argv[i], "--fixture") != 0 || i + 3 >= argc) {
			fprintf(stderr, "usage: test_elf [--fixture ARCH MACHINE PATH]... "
					"[--missing ARCH]...\n");
			return 2;
		}
		cur_arch = argv[i + 1];
		cur_machine = (unsigned int)strtoul(argv[i + 2], NULL, 0);
		u8 *data = tap_read_file(argv[i + 3], &cur_size);
		i += 3;
		tap_start();
		if (!data)
			tap_fail(__FILE__, __LINE__, "cannot read %s", argv[i]);
		tap_result(argv[i], NULL);
		if (!data)
			continue;
		cur = data;
		run("accepted", test_accepted);
		run("other machines refused", test_machines);
		run("user limit", test_limit);
		run("one damage per rule", test_damage);
		run("cut at every length", test_cut_everywhere);
		run("every header byte corrupted", test_corrupt_headers);
		free(data);
	}
	return tap_done();
}
