// SPDX-License-Identifier: MIT
/*
 * ktest=multiboot: the multiboot parsers (setup.c) on information built here, including the
 * malformed kinds a buggy loader could hand over. Each must give a message that names the
 * problem, never a wild read; arch_early_init() turns that message into a panic.
 */
#include <boot.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <asm/multiboot.h>

static struct {
	struct mb1_info info;
	struct mb1_mmap_entry map[4];
	char cmdline[700];
	u8 mb2[256] __aligned(8);
} buf;

static struct boot_info bi;

static u32 pa(const void *p)
{
	return (u32)kimage_to_phys(p);
}

/* A map like SeaBIOS's for -m 128: low RAM, RAM from 1 MiB with a reserved top, a ROM. */
static void good_mb1(void)
{
	memset(&buf, 0, sizeof(buf));
	memset(&bi, 0, sizeof(bi));
	buf.map[0] = (struct mb1_mmap_entry){ 20, 0, 0x9fc00, MB_MEMORY_AVAILABLE };
	buf.map[1] = (struct mb1_mmap_entry){ 20, 0x100000, 0x7edf000, MB_MEMORY_AVAILABLE };
	buf.map[2] = (struct mb1_mmap_entry){ 20, 0x7fdf000, 0x21000, 2 };
	buf.map[3] = (struct mb1_mmap_entry){ 20, 0xfffc0000, 0x40000, 2 };
	strlcpy(buf.cmdline, "/boot/tristack ktest=all init=\"/bin/sh -x\"", sizeof(buf.cmdline));
	buf.info.flags = MB1_FLAG_MMAP | MB1_FLAG_CMD;
	buf.info.mmap_addr = pa(buf.map);
	buf.info.mmap_length = sizeof(buf.map);
	buf.info.cmdline = pa(buf.cmdline);
}

KTEST(multiboot, mb1_memory_map_and_cmdline)
{
	good_mb1();
	KT_ASSERT(t, parse_mb1(pa(&buf.info), &bi) == NULL);
	KT_EXPECT_EQ(t, bi.nmem, 2);
	KT_EXPECT_EQ(t, bi.mem[1].base, 0x100000);
	KT_EXPECT_EQ(t, bi.ram_size, 128 << 20); /* including the firmware's reserved top */
	KT_EXPECT_STREQ(t, bi.cmdline, "ktest=all init=\"/bin/sh -x\"");
	KT_EXPECT_STREQ(t, bi.loader, "multiboot1 (unnamed loader)");
}

static void expect_error(struct ktest *t, const char *why, const char *want)
{
	if (!KT_EXPECT(t, why != NULL))
		return;
	ktest_log(t, "%s", why);
	KT_EXPECT(t, strstr(why, want) != NULL);
}

KTEST(multiboot, mb1_no_memory_map)
{
	good_mb1();
	buf.info.flags = MB1_FLAG_CMD;
	expect_error(t, parse_mb1(pa(&buf.info), &bi), "no memory map");
}

KTEST(multiboot, mb1_truncated_map)
{
	good_mb1();
	buf.info.mmap_length = 24 + 10; /* one entry and a piece of the next */
	expect_error(t, parse_mb1(pa(&buf.info), &bi), "truncated at byte 24");
}

KTEST(multiboot, mb1_short_entry)
{
	good_mb1();
	buf.map[1].size = 8;
	expect_error(t, parse_mb1(pa(&buf.info), &bi), "entry at byte 24 is truncated");
}

KTEST(multiboot, mb1_unterminated_cmdline)
{
	good_mb1();
	memset(buf.cmdline, 'x', sizeof(buf.cmdline));
	expect_error(t, parse_mb1(pa(&buf.info), &bi), "does not end");
}

/* Appends a multiboot2 tag; returns the offset after it (8-byte aligned). */
static u32 mb2_tag(u32 off, u32 type, const void *data, u32 len)
{
	struct mb2_tag tag = { type, (u32)sizeof(tag) + len };
	memcpy(buf.mb2 + off, &tag, sizeof(tag));
	memcpy(buf.mb2 + off + sizeof(tag), data, len);
	return ALIGN_UP(off + tag.size, 8u);
}

static u32 good_mb2(void)
{
	memset(&buf, 0, sizeof(buf));
	memset(&bi, 0, sizeof(bi));
	u32 off = 8;
	off = mb2_tag(off, MB2_TAG_CMDLINE, "ktest=boot", 11);
	off = mb2_tag(off, MB2_TAG_LOADER, "GRUB 2.06", 10);
	struct {
		u32 entry_size, entry_version;
		struct {
			u64 base, len;
			u32 type, reserved;
		} e[2];
	} map = { 24,
		  0,
		  { { 0x100000, 0x1fee0000, MB_MEMORY_AVAILABLE, 0 },
		    { 0x1ffe0000, 0x20000, 2, 0 } } };
	off = mb2_tag(off, MB2_TAG_MMAP, &map, sizeof(map));
	off = mb2_tag(off, MB2_TAG_END, NULL, 0);
	*(u32 *)buf.mb2 = off;
	return off;
}

KTEST(multiboot, mb2_tags)
{
	good_mb2();
	KT_ASSERT(t, parse_mb2(pa(buf.mb2), &bi) == NULL);
	KT_EXPECT_STREQ(t, bi.cmdline, "ktest=boot");
	KT_EXPECT_STREQ(t, bi.loader, "multiboot2 (GRUB 2.06)");
	KT_EXPECT_EQ(t, bi.nmem, 1);
	KT_EXPECT_EQ(t, bi.ram_size, 512 << 20);
}

KTEST(multiboot, mb2_tag_past_end)
{
	u32 total = good_mb2();
	*(u32 *)buf.mb2 = total - 16; /* the information claims to end inside the memory map tag */
	expect_error(t, parse_mb2(pa(buf.mb2), &bi), "runs past the end");
}

KTEST(multiboot, mb2_no_memory_map)
{
	memset(&buf, 0, sizeof(buf));
	u32 off = mb2_tag(8, MB2_TAG_CMDLINE, "x", 2);
	off = mb2_tag(off, MB2_TAG_END, NULL, 0);
	*(u32 *)buf.mb2 = off;
	expect_error(t, parse_mb2(pa(buf.mb2), &bi), "no memory map");
}
