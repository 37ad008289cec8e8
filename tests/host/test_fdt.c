// SPDX-License-Identifier: MIT
/*
 * kernel/lib/fdt.c and kernel/fdt_boot.c on the device trees QEMU really builds: meson dumps
 * them at build time (tests/host/dump_dtb.py, -machine dumpdtb=FILE; for riscv64 also the tree
 * after OpenSBI edited it) and passes their paths as arguments. For each blob:
 *
 *   - the API: every node reached by the walk is found again by its full path, parents agree
 *     with the walk's depth, compatible lookups and "reg" decoding give QEMU's addresses;
 *   - fdt_boot_parse fills struct boot_info as the kernel will see it at boot: RAM equal to the
 *     -m value, bootargs, the UART and the interrupt controller, /reserved-memory on riscv64;
 *   - robustness (test_fdt --robustness): the blob cut at every length, its structure and
 *     strings blocks cut at every length, every byte flipped, and random corruptions, each in
 *     a buffer malloc'ed at its exact size: the parser must return an error or a consistent
 *     result, never read outside the buffer (AddressSanitizer) nor loop forever.
 *
 * The expectations per blob are in the table `expects`, keyed by file name (see
 * tests/host/meson.build for the QEMU arguments that made each one).
 */
#include "kapi.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

struct expect {
	const char *name;
	u64 mem_base, mem_mib;
	const char *bootargs;
	u64 uart;
	const char *uart_compat;
	u64 intc;
	const char *intc_compat;
	const char *root_compat;
	int virtio_mmio; /* how many virtio,mmio transports the machine has... */
	u64 virtio_size; /* ...and the size of each one's register window */
	bool opensbi;	 /* OpenSBI's /reserved-memory node is there */
};

static const struct expect expects[] = {
	{ "arm64-virt-128M", 0x40000000, 128, "", 0x09000000, "arm,pl011", 0x08000000,
	  "arm,cortex-a15-gic", "linux,dummy-virt", 32, 0x200, false },
	{ "arm64-virt-512M-bootargs", 0x40000000, 512,
	  "ktest=all ktest.mem=512M init=\"/bin/sh -x\" console=ttyAMA0", 0x09000000, "arm,pl011",
	  0x08000000, "arm,cortex-a15-gic", "linux,dummy-virt", 32, 0x200, false },
	{ "arm64-virt-gicv3", 0x40000000, 256, "", 0x09000000, "arm,pl011", 0x08000000,
	  "arm,gic-v3", "linux,dummy-virt", 32, 0x200, false },
	{ "riscv64-virt-128M", 0x80000000, 128, "", 0x10000000, "ns16550a", 0x0c000000,
	  "sifive,plic-1.0.0", "riscv-virtio", 8, 0x1000, false },
	{ "riscv64-opensbi-256M-bootargs", 0x80000000, 256, "ktest=boot ktest.mem=256M quiet",
	  0x10000000, "ns16550a", 0x0c000000, "sifive,plic-1.0.0", "riscv-virtio", 8, 0x1000,
	  true },
};

/* Where the tests pretend the blob sits in physical memory. */
#define FDT_PHYS 0x87e00000ULL

/* Header fields, read independently of the code under test. */
static u32 be32(const void *p)
{
	const u8 *b = p;
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static void put_be32(void *p, u32 v)
{
	u8 *b = p;
	b[0] = (u8)(v >> 24);
	b[1] = (u8)(v >> 16);
	b[2] = (u8)(v >> 8);
	b[3] = (u8)v;
}

enum {
	H_TOTALSIZE = 4,
	H_OFF_STRUCT = 8,
	H_OFF_STRINGS = 12,
	H_SIZE_STRINGS = 32,
	H_SIZE_STRUCT = 36
};

/* The end of the last block: QEMU's arm64 blobs say totalsize = 1 MiB, mostly free space. */
static u32 used_size(const u8 *blob)
{
	u32 a = be32(blob + H_OFF_STRUCT) + be32(blob + H_SIZE_STRUCT);
	u32 b = be32(blob + H_OFF_STRINGS) + be32(blob + H_SIZE_STRINGS);
	return a > b ? a : b;
}

/* A copy in a buffer of exactly `size` bytes (ASan reports any access past it). */
static u8 *copy_exact(const u8 *blob, size_t size)
{
	u8 *p = malloc(size ? size : 1);
	memcpy(p, blob, size);
	return p;
}

/* ---- Walking the whole tree through the API, as everything in the kernel would. ---------- */

#define MAX_STEPS 100000 /* any loop that takes more steps than this does not terminate */

/* Calls every API function on every node; on a valid blob, checks the answers agree. Returns
 * false (and reports) only on a broken invariant, not on an error code. */
static bool exercise(const u8 *fdt, bool valid, const char *what)
{
	int depth = 0, steps = 0, node;
	bool ok = true;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (++steps > MAX_STEPS) {
			tap_fail(__FILE__, __LINE__, "%s: fdt_next_node does not terminate", what);
			return false;
		}
		const char *name = fdt_get_name(fdt, node);
		int len;
		const char *compat = fdt_getprop(fdt, node, "compatible", &len);
		if (compat && (len < 0 || (size_t)len > fdt_totalsize(fdt))) {
			tap_fail(__FILE__, __LINE__, "%s: compatible length %d", what, len);
			ok = false;
		}
		fdt_getprop(fdt, node, "no-such-property", NULL);
		fdt_is_compatible(fdt, node, "arm,pl011");
		if (steps < 8 || (name && strncmp(name, "memory", 6) == 0)) {
			/* parent and reg walk from the root: quadratic, so only on some nodes */
			fdt_parent_offset(fdt, node);
			u64 base, size;
			for (int i = 0; i < 3; i++)
				fdt_reg(fdt, node, i, &base, &size);
		}
		if (valid && !name) {
			tap_fail(__FILE__, __LINE__, "%s: node %d has no name", what, node);
			ok = false;
		}
	}
	if (valid && node != -FDT_ERR_NOTFOUND) {
		tap_fail(__FILE__, __LINE__, "%s: walk ended with %d (%s)", what, node,
			 fdt_strerror(node));
		ok = false;
	}
	steps = 0;
	for (node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio")) {
		if (++steps > MAX_STEPS) {
			tap_fail(__FILE__, __LINE__, "%s: compatible search does not end", what);
			return false;
		}
	}
	static const char *const paths[] = {
		"/",	       "/chosen", "/memory", "/soc/serial@10000000", "/reserved-memory",
		"/cpus/cpu@0", "relative"
	};
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
		fdt_path_offset(fdt, paths[i]);
	u64 base, size;
	for (int i = 0; fdt_mem_rsv(fdt, i, &base, &size) == 0; i++) {
		if (i > MAX_STEPS) {
			tap_fail(__FILE__, __LINE__, "%s: reservation block does not end", what);
			return false;
		}
	}

	struct boot_info bi;
	const char *why = "untouched";
	memset(&bi, 0, sizeof(bi));
	int err = fdt_boot_parse(fdt, FDT_PHYS, &bi, &why);
	if (err == 0) {
		if (bi.nmem == 0 || bi.nmem > BOOT_MAX_REGIONS || bi.nreserved > BOOT_MAX_REGIONS ||
		    memchr(bi.cmdline, 0, sizeof(bi.cmdline)) == NULL ||
		    memchr(bi.uart_compat, 0, sizeof(bi.uart_compat)) == NULL ||
		    memchr(bi.intc_compat, 0, sizeof(bi.intc_compat)) == NULL || why != NULL) {
			tap_fail(__FILE__, __LINE__, "%s: inconsistent boot_info", what);
			ok = false;
		}
	} else if (err > 0 || why == NULL || why[0] == '\0') {
		tap_fail(__FILE__, __LINE__, "%s: fdt_boot_parse returned %d without a reason",
			 what, err);
		ok = false;
	}
	return ok;
}

/* ---- One blob, correct: the API against what QEMU put in it. ----------------------------- */

static void check_walk_and_paths(const u8 *fdt, const struct expect *e)
{
	/* Rebuild every node's full path during the walk; each must lead back to the node. */
	char path[64][128];
	int parent_at[64];
	int depth = 0, nodes = 0;
	CHECK_EQ_INT(fdt_next_node(fdt, -1, NULL), 0);
	CHECK_STREQ(fdt_get_name(fdt, 0), "");
	for (int node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		nodes++;
		if (depth < 0 || depth >= 64) {
			tap_fail(__FILE__, __LINE__, "depth %d at node %d", depth, node);
			return;
		}
		parent_at[depth] = node;
		const char *name = fdt_get_name(fdt, node);
		char full[sizeof(path[0])] = "/";
		if (depth > 0)
			snprintf(full, sizeof(full), "%s%s%s", path[depth - 1],
				 depth > 1 ? "/" : "", name);
		strcpy(path[depth], full);
		int found = fdt_path_offset(fdt, path[depth]);
		if (found != node)
			tap_fail(__FILE__, __LINE__, "fdt_path_offset(\"%s\") = %d, walk says %d",
				 path[depth], found, node);
		int parent = fdt_parent_offset(fdt, node);
		if (depth == 0 ? parent != -FDT_ERR_NOTFOUND : parent != parent_at[depth - 1])
			tap_fail(__FILE__, __LINE__, "fdt_parent_offset(%s) = %d", path[depth],
				 parent);
	}
	printf("# %s: %d nodes\n", e->name, nodes);
	CHECK(nodes > 20);

	/* "/memory" finds memory@<base>, and so does the full name. */
	char mem_path[64];
	snprintf(mem_path, sizeof(mem_path), "/memory@%llx", (unsigned long long)e->mem_base);
	int mem = fdt_path_offset(fdt, "/memory");
	CHECK(mem > 0);
	CHECK_EQ_INT(fdt_path_offset(fdt, mem_path), mem);
	CHECK_EQ_INT(fdt_path_offset(fdt, "/memory@1234"), -FDT_ERR_NOTFOUND);
	CHECK_EQ_INT(fdt_path_offset(fdt, "/no-such-node"), -FDT_ERR_NOTFOUND);
	CHECK_EQ_INT(fdt_path_offset(fdt, "chosen"), -FDT_ERR_NOTFOUND);
	CHECK_EQ_INT(fdt_path_offset(fdt, "/"), 0);
	CHECK_EQ_INT(fdt_path_offset(fdt, "//chosen/"), fdt_path_offset(fdt, "/chosen"));
	CHECK_EQ_INT(fdt_parent_offset(fdt, mem), 0);
}

static void check_props_and_reg(const u8 *fdt, const struct expect *e)
{
	int len;
	const void *ac = fdt_getprop(fdt, 0, "#address-cells", &len);
	CHECK(ac != NULL && len == 4 && be32(ac) == 2);
	CHECK(fdt_getprop(fdt, 0, "no-such-property", &len) == NULL);
	CHECK(fdt_is_compatible(fdt, 0, e->root_compat));
	CHECK(!fdt_is_compatible(fdt, 0, "no,such-board"));
	/* A prefix of a compatible string is not a match. */
	CHECK(!fdt_is_compatible(fdt, 0, "linux"));

	int mem = fdt_path_offset(fdt, "/memory");
	const char *type = fdt_getprop(fdt, mem, "device_type", &len);
	CHECK(type != NULL && len == 7 && memcmp(type, "memory", 7) == 0);
	u64 base = 0, size = 0;
	CHECK_EQ_INT(fdt_reg(fdt, mem, 0, &base, &size), 0);
	CHECK_EQ_U64(base, e->mem_base);
	CHECK_EQ_U64(size, e->mem_mib << 20);
	CHECK_EQ_INT(fdt_reg(fdt, mem, 1, &base, &size), -FDT_ERR_NOTFOUND);
	CHECK_EQ_INT(fdt_reg(fdt, mem, -1, &base, &size), -FDT_ERR_NOTFOUND);
	/* The root has no parent, so no cells to decode its reg with. */
	CHECK_EQ_INT(fdt_reg(fdt, 0, 0, &base, &size), -FDT_ERR_NOTFOUND);

	/* Every virtio-mmio transport, each with one register window. */
	int count = 0;
	for (int n = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); n >= 0;
	     n = fdt_node_offset_by_compatible(fdt, n, "virtio,mmio")) {
		count++;
		CHECK_EQ_INT(fdt_reg(fdt, n, 0, &base, &size), 0);
		CHECK_EQ_U64(size, e->virtio_size);
	}
	CHECK_EQ_INT(count, e->virtio_mmio);
	CHECK_EQ_INT(fdt_node_offset_by_compatible(fdt, -1, "no,such-device"), -FDT_ERR_NOTFOUND);

	/* The UART and the interrupt controller at QEMU's addresses. */
	int uart = fdt_node_offset_by_compatible(fdt, -1, e->uart_compat);
	CHECK(uart > 0);
	CHECK_EQ_INT(fdt_reg(fdt, uart, 0, &base, &size), 0);
	CHECK_EQ_U64(base, e->uart);
	int intc = fdt_node_offset_by_compatible(fdt, -1, e->intc_compat);
	CHECK(intc > 0);
	CHECK_EQ_INT(fdt_reg(fdt, intc, 0, &base, &size), 0);
	CHECK_EQ_U64(base, e->intc);

	/* QEMU's reservation block is empty: its first entry is the (0, 0) terminator. */
	u32 rsv = be32(fdt + 16);
	CHECK(be32(fdt + rsv) == 0 && be32(fdt + rsv + 12) == 0);
	CHECK_EQ_INT(fdt_mem_rsv(fdt, 0, &base, &size), -FDT_ERR_NOTFOUND);

	/* Error strings exist for every code. */
	for (int err = 0; err <= FDT_ERR_BADREG; err++)
		CHECK(fdt_strerror(-err) != NULL &&
		      strcmp(fdt_strerror(-err), "unknown error") != 0);
	CHECK_STREQ(fdt_strerror(-1000), "unknown error");
}

static bool has_region(const struct mem_region *r, unsigned n, u64 base, u64 size)
{
	for (unsigned i = 0; i < n; i++) {
		if (r[i].base == base && r[i].size == size)
			return true;
	}
	return false;
}

static void check_boot_parse(const u8 *fdt, const struct expect *e)
{
	struct boot_info bi;
	const char *why = "untouched";
	memset(&bi, 0, sizeof(bi));
	int err = fdt_boot_parse(fdt, FDT_PHYS, &bi, &why);
	CHECK_EQ_INT(err, 0);
	if (err) {
		printf("# fdt_boot_parse: %s: %s\n", why, fdt_strerror(err));
		return;
	}
	CHECK(why == NULL);
	CHECK(bi.fdt == fdt);
	CHECK_EQ_U64(bi.fdt_phys, FDT_PHYS);
	/* RAM: exactly what -m said, in one region at the machine's RAM base. */
	CHECK_EQ_U64(bi.ram_size, e->mem_mib << 20);
	CHECK_EQ_INT(bi.nmem, 1);
	CHECK_EQ_U64(bi.mem[0].base, e->mem_base);
	CHECK_EQ_U64(bi.mem[0].size, e->mem_mib << 20);
	CHECK_EQ_U64(boot_mem_total(&bi), e->mem_mib << 20);
	CHECK_STREQ(bi.cmdline, e->bootargs);
	CHECK_EQ_U64(bi.uart_phys, e->uart);
	CHECK_STREQ(bi.uart_compat, e->uart_compat);
	CHECK_EQ_U64(bi.intc_phys, e->intc);
	CHECK_STREQ(bi.intc_compat, e->intc_compat);
	/* The DTB itself is reserved. */
	CHECK(has_region(bi.reserved, bi.nreserved, FDT_PHYS, fdt_totalsize(fdt)));
	if (e->opensbi) {
		/* OpenSBI 1.1 reserves its firmware, 0x80000000-0x8007ffff (its banner's
		 * "Domain0 Region01"), below the kernel at 0x80200000. */
		int rsv = fdt_path_offset(fdt, "/reserved-memory");
		CHECK(rsv > 0);
		CHECK(has_region(bi.reserved, bi.nreserved, 0x80000000, 0x80000));
		CHECK_EQ_INT(bi.nreserved, 2);
	} else {
		CHECK_EQ_INT(fdt_path_offset(fdt, "/reserved-memory"), -FDT_ERR_NOTFOUND);
		CHECK_EQ_INT(bi.nreserved, 1);
	}
	/* What start_kernel and the boot.memory_size test then read from the command line. */
	char v[64];
	u64 mem;
	if (strstr(e->bootargs, "ktest.mem=")) {
		CHECK(cmdline_get_u64(bi.cmdline, "ktest.mem", &mem));
		CHECK_EQ_U64(mem, bi.ram_size);
	}
	if (strstr(e->bootargs, "init=")) {
		CHECK(cmdline_get(bi.cmdline, "init", v, sizeof(v)));
		CHECK_STREQ(v, "/bin/sh -x");
	}
	/* exercise() agrees that the blob is sound. */
	CHECK(exercise(fdt, true, e->name));
}

/* ---- One blob, damaged. ------------------------------------------------------------------- */

static u8 *packed_copy(const u8 *blob, u32 *size)
{
	/* The same tree with totalsize = the bytes used, so that every cut removes data. */
	*size = used_size(blob);
	u8 *p = copy_exact(blob, *size);
	put_be32(p + H_TOTALSIZE, *size);
	return p;
}

static void check_truncated(const u8 *blob, const struct expect *e)
{
	u32 size;
	u8 *packed = packed_copy(blob, &size);
	CHECK_EQ_INT(fdt_check_header(packed, size), 0);
	CHECK(exercise(packed, true, "packed copy"));

	/* Cut at every length: the header check sees that the buffer is short. */
	for (u32 cut = 0; cut < size; cut++) {
		u8 *p = copy_exact(packed, cut);
		int err = fdt_check_header(p, cut);
		if (err != -FDT_ERR_TRUNCATED)
			tap_fail(__FILE__, __LINE__, "%s cut at %u: fdt_check_header = %d", e->name,
				 cut, err);
		/* ...and with the header patched to claim only what is there, the header check
		 * fails or the walk copes. */
		if (cut >= 40) {
			put_be32(p + H_TOTALSIZE, cut);
			if (fdt_check_header(p, cut) == 0)
				exercise(p, false, "cut + patched totalsize");
		}
		free(p);
	}

	/* The structure block and the strings block cut at every length, the header otherwise
	 * intact: tokens and property names then run off the end of their block. */
	const u32 struct_size = be32(packed + H_SIZE_STRUCT);
	const u32 strings_size = be32(packed + H_SIZE_STRINGS);
	int walked = 0;
	for (u32 k = 0; k < struct_size; k += 4) {
		u8 *p = copy_exact(packed, size);
		put_be32(p + H_SIZE_STRUCT, k);
		if (fdt_check_header(p, size) == 0) {
			walked++;
			exercise(p, false, "structure block cut");
		}
		free(p);
	}
	for (u32 k = 0; k < strings_size; k++) {
		u8 *p = copy_exact(packed, size);
		put_be32(p + H_SIZE_STRINGS, k);
		if (fdt_check_header(p, size) == 0) {
			walked++;
			exercise(p, false, "strings block cut");
		}
		free(p);
	}
	printf("# %s: %u byte cuts, %d block cuts walked\n", e->name, size, walked);
	free(packed);
}

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void check_corrupted(const u8 *blob, const struct expect *e)
{
	u32 size;
	u8 *packed = packed_copy(blob, &size);
	int walked = 0;

	/* Every byte flipped, one at a time. */
	for (u32 i = 0; i < size; i++) {
		u8 *p = copy_exact(packed, size);
		p[i] ^= 0xff;
		/* fdt_boot_parse trusts the header's totalsize (nothing else says how large the
		 * blob is at boot), so the walk runs only where the header fits the buffer. */
		if (fdt_check_header(p, size) == 0) {
			walked++;
			exercise(p, false, "byte flipped");
		}
		free(p);
	}
	/* Random damage: a few bytes or aligned 32-bit words set to random or extreme values
	 * (lengths and string offsets near 2^32, tokens that do not exist). */
	static const u32 extremes[] = { 0,	    1,		2,	    3,
					4,	    9,		0x7fffffff, 0x80000000,
					0xfffffff0, 0xfffffffc, 0xffffffff };
	for (int round = 0; round < 2000; round++) {
		u8 *p = copy_exact(packed, size);
		int n = 1 + (int)(rng() % 4);
		for (int k = 0; k < n; k++) {
			u32 off = 40 + (u32)(rng() % (size - 40)) / 4 * 4; /* keep the magic */
			if (off + 4 > size)
				continue;
			u64 r = rng();
			put_be32(p + off,
				 r & 1 ? extremes[(r >> 1) % ARRAY_SIZE(extremes)] : (u32)(r >> 8));
		}
		if (fdt_check_header(p, size) == 0) {
			walked++;
			exercise(p, false, "random corruption");
		}
		free(p);
	}
	printf("# %s: %d corrupted blobs walked\n", e->name, walked);
	CHECK(walked > 1000);
	free(packed);
}

static void check_not_a_dtb(void)
{
	/* Garbage, a zero header, a wrong version: errors, never a walk. */
	u8 zero[64] = { 0 };
	CHECK_EQ_INT(fdt_check_header(zero, sizeof(zero)), -FDT_ERR_BADMAGIC);
	struct boot_info bi;
	const char *why = NULL;
	memset(&bi, 0, sizeof(bi));
	CHECK_EQ_INT(fdt_boot_parse(zero, 0, &bi, &why), -FDT_ERR_BADMAGIC);
	CHECK(why != NULL);
	u8 hdr[40] = { 0 };
	put_be32(hdr, FDT_MAGIC);
	put_be32(hdr + H_TOTALSIZE, 40);
	put_be32(hdr + 20, 15); /* version 15 */
	CHECK_EQ_INT(fdt_check_header(hdr, sizeof(hdr)), -FDT_ERR_BADVERSION);
	put_be32(hdr + 20, 17);
	put_be32(hdr + 24, 16);
	/* Version fine, but no room for the blocks. */
	CHECK_EQ_INT(fdt_check_header(hdr, sizeof(hdr)), -FDT_ERR_BADSTRUCTURE);
	CHECK_EQ_INT(fdt_check_header(hdr, 39), -FDT_ERR_TRUNCATED);
}

/* ---- main --------------------------------------------------------------------------------- */

static const struct expect *expect_for(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t i = 0; i < ARRAY_SIZE(expects); i++) {
		size_t n = strlen(expects[i].name);
		if (strncmp(base, expects[i].name, n) == 0 && strcmp(base + n, ".dtb") == 0)
			return &expects[i];
	}
	return NULL;
}

typedef void (*blob_check)(const u8 *fdt, const struct expect *e);

static void run_on_blob(const char *what, blob_check fn, const u8 *fdt, const struct expect *e)
{
	char name[128];
	snprintf(name, sizeof(name), "%s: %s", e->name, what);
	tap_start();
	fn(fdt, e);
	tap_result(name, NULL);
}

int main(int argc, char **argv)
{
	/* test_fdt [--robustness] DTB...: the API checks, or (slower, so a test of its own that
	 * meson runs in parallel) the cut and corrupted copies of each blob. */
	bool robustness = argc > 1 && strcmp(argv[1], "--robustness") == 0;
	int first = robustness ? 2 : 1;

	if (!robustness)
		RUN(check_not_a_dtb);
	if (argc <= first) {
		/* QEMU was not found when the build was configured: nothing was dumped. */
		tap_skip("device trees from QEMU",
			 "no qemu-system-aarch64/riscv64 at configure time");
	}
	for (int i = first; i < argc; i++) {
		size_t size = 0;
		u8 *fdt = tap_read_file(argv[i], &size);
		const struct expect *e = expect_for(argv[i]);
		tap_start();
		if (!fdt || !e || fdt_check_header(fdt, size) != 0) {
			tap_fail(__FILE__, __LINE__, "%s: %s", argv[i],
				 !fdt ? "cannot read"
				 : !e ? "no expectations for this file name"
				      : "not a valid device tree");
			tap_result(argv[i], NULL);
			free(fdt);
			continue;
		}
		tap_result(e->name, NULL); /* loaded, header valid */
		if (robustness) {
			run_on_blob("cut at every length", check_truncated, fdt, e);
			run_on_blob("corrupted", check_corrupted, fdt, e);
		} else {
			run_on_blob("walk and paths", check_walk_and_paths, fdt, e);
			run_on_blob("properties and reg", check_props_and_reg, fdt, e);
			run_on_blob("fdt_boot_parse", check_boot_parse, fdt, e);
		}
		free(fdt);
	}
	return tap_done();
}
