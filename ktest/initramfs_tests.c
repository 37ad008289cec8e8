// SPDX-License-Identifier: MIT
/*
 * ktest=initramfs: the archive embedded by the build (user/meson.build, kernel/initramfs.S)
 * parses, holds the user programs, and each of them is an executable the ELF checker accepts
 * for this arch: the machine, a sane entry point, W^X segments at the addresses user/user.ld
 * gives them. These are the checks the program loader will rely on.
 */
#include <asm/elf.h>
#include <cpio.h>
#include <elf.h>
#include <initramfs.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <uapi/errno.h>

/* The user half of the address space is at least the lower half of the canonical range on
 * every arch here (2^47 on x86_64 and arm64 with 48-bit VAs, 2^38 with Sv39). */
#define TEST_USER_LIMIT (1UL << (VA_BITS - 1))
/* Where user/user.ld links every program. */
#define USER_TEXT_BASE 0x400000UL

static const char *const programs[] = { "/bin/init", "/bin/hello" };

KTEST(initramfs, archive_parses)
{
	const void *a;
	size_t size, off = 0;
	struct cpio_entry e;
	int r, files = 0;

	initramfs_archive(&a, &size);
	ktest_log(t, "archive at %p, %zu bytes", a, size);
	KT_ASSERT(t, size >= CPIO_HEADER_SIZE);
	/* In the image's read-only data, so the final page table maps it R-- (kernel W^X). */
	KT_EXPECT(t, (const char *)a >= _rodata_start && (const char *)a + size <= _rodata_end);
	KT_EXPECT_EQ(t, initramfs_check(), 0);
	while ((r = cpio_next(a, size, &off, &e)) > 0) {
		ktest_log(t, "  %06o %8zu %s", (unsigned int)e.mode, e.size, e.name);
		files += (e.mode & CPIO_MODE_TYPE) == CPIO_MODE_FILE;
	}
	KT_EXPECT_EQ(t, r, 0);
	KT_EXPECT(t, files >= (int)ARRAY_SIZE(programs));
}

KTEST(initramfs, find_by_path)
{
	const void *d1, *d2;
	size_t s1, s2;

	for (size_t i = 0; i < ARRAY_SIZE(programs); i++) {
		KT_EXPECT_EQ(t, initramfs_find(programs[i], &d1, &s1), 0);
		/* The same file without the leading slash. */
		KT_EXPECT_EQ(t, initramfs_find(programs[i] + 1, &d2, &s2), 0);
		KT_EXPECT(t, d1 == d2 && s1 == s2);
		KT_EXPECT(t, s1 > ELF64_EHDR_SIZE);
	}
	KT_EXPECT_EQ(t, initramfs_find("/bin/nosuch", &d1, &s1), -ENOENT);
	KT_EXPECT_EQ(t, initramfs_find("/bin/hell", &d1, &s1), -ENOENT);
	/* A directory is not a program. */
	KT_EXPECT_EQ(t, initramfs_find("/bin", &d1, &s1), -ENOENT);
}

KTEST(initramfs, programs_are_wx_elf)
{
	/* Every file of the archive (user/meson.build's user_program_names) is a program. */
	const void *archive;
	size_t asize, off = 0;
	struct cpio_entry e;
	int programs_seen = 0;
	initramfs_archive(&archive, &asize);
	while (cpio_next(archive, asize, &off, &e) > 0) {
		if ((e.mode & CPIO_MODE_TYPE) != CPIO_MODE_FILE)
			continue;
		programs_seen++;
		const void *data = e.data;
		size_t size = e.size;
		struct elf_image img;
		struct elf_segment seg;
		unsigned int cursor = 0, text = 0, writable = 0;

		int r = elf_check(&img, data, size, ELF_MACHINE, TEST_USER_LIMIT);
		if (!KT_EXPECT_EQ(t, r, 0)) {
			ktest_log(t, "%s: %s", e.name, elf_strerror(r));
			continue;
		}
		ktest_log(t, "%s: %zu bytes, entry %#llx", e.name, size,
			  (unsigned long long)img.entry);
		while (elf_next_load(&img, &cursor, &seg)) {
			ktest_log(t, "  load %#llx + %#llx (file %#llx) %c%c%c",
				  (unsigned long long)seg.vaddr, (unsigned long long)seg.memsz,
				  (unsigned long long)seg.filesz, seg.flags & PF_R ? 'r' : '-',
				  seg.flags & PF_W ? 'w' : '-', seg.flags & PF_X ? 'x' : '-');
			/* elf_check refuses these; checked again here so that this test says what
			 * the programs look like even if the checker were wrong. */
			KT_EXPECT(t, !((seg.flags & PF_W) && (seg.flags & PF_X)));
			KT_EXPECT(t, IS_ALIGNED(seg.vaddr, PAGE_SIZE));
			KT_EXPECT(t, seg.vaddr >= USER_TEXT_BASE && seg.vaddr < TEST_USER_LIMIT);
			if (seg.flags & PF_X) {
				text++;
				/* crt0's _start is the first thing in the text (user/user.ld). */
				KT_EXPECT_EQ(t, img.entry, seg.vaddr);
			}
			writable += (seg.flags & PF_W) != 0;
		}
		KT_EXPECT_EQ(t, text, 1);
		KT_EXPECT(t, writable <= 1);
		KT_EXPECT(t, img.highest > img.lowest && img.highest < TEST_USER_LIMIT);
	}
	KT_EXPECT(t, programs_seen >= (int)ARRAY_SIZE(programs));
}

KTEST(initramfs, elf_check_refuses)
{
	const void *data;
	size_t size;
	struct elf_image img;
	/* Some machine that is not ours, without naming the arch. */
	unsigned int other = ELF_MACHINE == EM_X86_64 ? EM_AARCH64 : EM_X86_64;

	KT_ASSERT(t, initramfs_find("/bin/hello", &data, &size) == 0);
	KT_EXPECT_EQ(t, elf_check(&img, data, size, other, TEST_USER_LIMIT), -ELF_ERR_MACHINE);
	KT_EXPECT_EQ(t, elf_check(&img, data, ELF64_EHDR_SIZE - 1, ELF_MACHINE, TEST_USER_LIMIT),
		     -ELF_ERR_TRUNCATED);
	/* Cut right after the ELF header: the program headers are past the end. */
	KT_EXPECT_EQ(t, elf_check(&img, data, ELF64_EHDR_SIZE, ELF_MACHINE, TEST_USER_LIMIT),
		     -ELF_ERR_PHDRS);
	/* A user space that ends below the program. */
	KT_EXPECT_EQ(t, elf_check(&img, data, size, ELF_MACHINE, USER_TEXT_BASE),
		     -ELF_ERR_SEG_ADDR);
	/* The archive itself is not an ELF file. */
	const void *a;
	size_t asize;
	initramfs_archive(&a, &asize);
	KT_EXPECT_EQ(t, elf_check(&img, a, asize, ELF_MACHINE, TEST_USER_LIMIT), -ELF_ERR_MAGIC);
}
