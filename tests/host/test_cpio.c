// SPDX-License-Identifier: MIT
/*
 * kernel/lib/cpio.c on real archives: meson makes them at build time
 * (tests/host/gen_cpio_fixtures.py) from one tree of files, with tools/mkcpio.py and, when it is
 * installed, with GNU cpio (`cpio -o -H newc`), and writes a manifest of what they hold.
 *
 *   test_cpio --manifest FILE [--archive NAME PATH]... [--no-gnu]
 *
 * For each archive:
 *   - the walk (cpio_next) meets every manifest entry once, with its type, size and bytes;
 *   - cpio_find finds every file by "name", "/name" and "./name", refuses directories and
 *     symbolic links, and does not find names that are not there (or only prefixes of them);
 *   - the archive cut at every length, in a buffer malloc'ed at exactly that length, is
 *     refused as truncated: AddressSanitizer reports any read past the cut;
 *   - every byte changed (four ways), each in an exact-size copy: an error or a consistent
 *     answer, never a read outside the buffer;
 * and on the mkcpio archive, hand-made damage (magic, hex digits, name size, sizes that run
 * past the end, a lost trailer) gives the documented error, and a name present twice gives
 * its last entry.
 */
#include "kapi.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

/* ---- The manifest ----------------------------------------------------------------------- */

enum kind { K_FILE, K_DIR, K_SYMLINK };

struct item {
	enum kind kind;
	char name[64];
	size_t size;
	unsigned int seed;
};

static struct item items[64];
static int nr_items;

/* The same formula as gen_cpio_fixtures.py's content_byte(). */
static u8 content_byte(unsigned int seed, size_t i)
{
	return (u8)((seed * 131 + i * 7 + (i >> 8)) & 0xff);
}

static bool load_manifest(const char *path)
{
	FILE *f = fopen(path, "r");
	char kind[16], name[64];
	if (!f)
		return false;
	while (nr_items < (int)ARRAY_SIZE(items) && fscanf(f, "%15s %63s", kind, name) == 2) {
		struct item *it = &items[nr_items++];
		snprintf(it->name, sizeof(it->name), "%s", name);
		if (strcmp(kind, "file") == 0) {
			it->kind = K_FILE;
			if (fscanf(f, "%zu %u", &it->size, &it->seed) != 2)
				return fclose(f), false;
		} else {
			it->kind = strcmp(kind, "dir") == 0 ? K_DIR : K_SYMLINK;
		}
	}
	fclose(f);
	return nr_items > 0;
}

/* ---- The archive under test ------------------------------------------------------------- */

static const char *cur_name; /* "mkcpio" or "gnu" */
static const u8 *cur;	     /* its bytes... */
static size_t cur_size;	     /* ...and their number */
static bool cur_has_symlinks;

static bool in_archive(const struct item *it)
{
	return it->kind != K_SYMLINK || cur_has_symlinks;
}

static bool data_matches(const struct item *it, const void *data, size_t size)
{
	const u8 *p = data;
	if (size != it->size)
		return false;
	for (size_t i = 0; i < size; i++) {
		if (p[i] != content_byte(it->seed, i))
			return false;
	}
	return true;
}

/* Offset of the trailer's header, found independently of the code under test. */
static size_t trailer_offset(const u8 *a, size_t size)
{
	for (size_t off = size - CPIO_HEADER_SIZE; off > 0; off--) {
		if (memcmp(a + off, CPIO_NEWC_MAGIC, 6) == 0 &&
		    memcmp(a + off + CPIO_HEADER_SIZE, CPIO_TRAILER, 11) == 0)
			return off;
	}
	return 0;
}

/* The end of the archive proper: the trailer header, its name and the name's padding. */
static size_t trailer_end(const u8 *a, size_t size)
{
	size_t t = trailer_offset(a, size);
	return (t + CPIO_HEADER_SIZE + sizeof(CPIO_TRAILER) + 3) & ~(size_t)3;
}

static u8 *copy_exact(const u8 *src, size_t size)
{
	u8 *p = malloc(size ? size : 1);
	memcpy(p, src, size);
	return p;
}

/* ---- Tests on a good archive ------------------------------------------------------------- */

static void test_walk(void)
{
	size_t off = 0;
	struct cpio_entry e;
	int r, entries = 0, expected = 0;
	bool seen[ARRAY_SIZE(items)] = { false };

	while ((r = cpio_next(cur, cur_size, &off, &e)) > 0) {
		entries++;
		CHECK(e.name_len == strlen(e.name));
		CHECK((const u8 *)e.data >= cur && (const u8 *)e.data + e.size <= cur + cur_size);
		int i;
		for (i = 0; i < nr_items; i++) {
			if (strcmp(items[i].name, e.name) == 0)
				break;
		}
		if (i == nr_items) {
			tap_fail(__FILE__, __LINE__, "unexpected entry \"%s\"", e.name);
			continue;
		}
		CHECK(!seen[i]);
		seen[i] = true;
		u32 type = e.mode & CPIO_MODE_TYPE;
		switch (items[i].kind) {
		case K_FILE:
			CHECK_EQ_U64(type, CPIO_MODE_FILE);
			if (!data_matches(&items[i], e.data, e.size))
				tap_fail(__FILE__, __LINE__, "%s: wrong data (%zu bytes)", e.name,
					 e.size);
			break;
		case K_DIR:
			CHECK_EQ_U64(type, CPIO_MODE_DIR);
			CHECK_EQ_U64(e.size, 0);
			break;
		case K_SYMLINK:
			CHECK_EQ_U64(type, CPIO_MODE_SYMLINK);
			break;
		}
	}
	CHECK_EQ_INT(r, 0);
	for (int i = 0; i < nr_items; i++) {
		expected += in_archive(&items[i]);
		if (in_archive(&items[i]) && !seen[i])
			tap_fail(__FILE__, __LINE__, "%s: not in the archive", items[i].name);
	}
	CHECK_EQ_INT(entries, expected);
	/* Past the trailer, the walk stays at 0 without reading further. */
	CHECK_EQ_INT(cpio_next(cur, cur_size, &off, &e), 0);
}

static void test_find(void)
{
	struct cpio_entry e;
	char path[80];

	for (int i = 0; i < nr_items; i++) {
		const struct item *it = &items[i];
		if (!in_archive(it))
			continue;
		const char *prefixes[] = { "", "/", "./", "//", "/./" };
		for (size_t p = 0; p < ARRAY_SIZE(prefixes); p++) {
			snprintf(path, sizeof(path), "%s%s", prefixes[p], it->name);
			int r = cpio_find(cur, cur_size, path, &e);
			if (it->kind != K_FILE) {
				CHECK_EQ_INT(r, -CPIO_ERR_NOTFILE);
				continue;
			}
			CHECK_EQ_INT(r, 0);
			if (r == 0 && !data_matches(it, e.data, e.size))
				tap_fail(__FILE__, __LINE__, "find %s: wrong data", path);
		}
	}
	const char *absent[] = { "nosuch", "bin/hell", "bin/hello/", "bin/hello2", "",
				 "/",	   "hello",    "a/b/c/deep", "TRAILER!!!", "bin//hello" };
	for (size_t i = 0; i < ARRAY_SIZE(absent); i++) {
		int r = cpio_find(cur, cur_size, absent[i], &e);
		if (r != -CPIO_ERR_NOTFOUND)
			tap_fail(__FILE__, __LINE__, "find \"%s\": %d (%s), expected not found",
				 absent[i], r, cpio_strerror(r));
	}
}

/*
 * The archive's first len bytes in a buffer where nothing past them may be read. Under
 * AddressSanitizer, one copy with its tail poisoned (a fresh exact-size copy per length costs
 * a quadratic amount of copying); without it, a copy.
 */
static u8 *cut(u8 *whole, size_t len)
{
#ifdef __SANITIZE_ADDRESS__
	ASAN_POISON_MEMORY_REGION(whole + len, cur_size - len);
	return whole;
#else
	(void)whole;
	return copy_exact(cur, len);
#endif
}

static void uncut(u8 *whole, u8 *p, size_t len)
{
#ifdef __SANITIZE_ADDRESS__
	(void)p;
	ASAN_UNPOISON_MEMORY_REGION(whole + len, cur_size - len);
#else
	(void)whole;
	(void)len;
	free(p);
#endif
}

static void test_cut_everywhere(void)
{
	size_t end = trailer_end(cur, cur_size);
	struct cpio_entry e;
	u8 *whole = copy_exact(cur, cur_size);

	CHECK(end > CPIO_HEADER_SIZE && end <= cur_size);
	for (size_t len = 0; len <= cur_size; len++) {
		u8 *p = cut(whole, len);
		int r = cpio_find(p, len, "big", &e);
		size_t off = 0;
		int n;
		while ((n = cpio_next(p, len, &off, &e)) > 0)
			;
		if (len < end) {
			/* Any cut before the end of the trailer loses part of an entry. */
			if (r != -CPIO_ERR_TRUNCATED || n != -CPIO_ERR_TRUNCATED)
				tap_fail(__FILE__, __LINE__, "cut at %zu: find %d, walk %d", len, r,
					 n);
		} else {
			/* GNU cpio pads to 512 bytes after the trailer: cuts there are harmless. */
			if (r != 0 || n != 0)
				tap_fail(__FILE__, __LINE__,
					 "cut at %zu (after the trailer): %d %d", len, r, n);
		}
		uncut(whole, p, len);
	}
	free(whole);
}

/* Whether offset i of the good archive lies in some file's data (which the reader never
 * interprets), found with a walk of the undamaged archive. */
static bool in_file_data(size_t i)
{
	size_t off = 0;
	struct cpio_entry e;
	while (cpio_next(cur, cur_size, &off, &e) > 0) {
		size_t start = (size_t)((const u8 *)e.data - cur);
		if (i >= start && i < start + e.size)
			return true;
	}
	return false;
}

static void test_corrupt_every_byte(void)
{
	struct cpio_entry e;
	/* One exact-size copy, changed one byte at a time and restored. Headers and names get four
	 * changes: flip a bit, turn a digit into a letter (or back), and two fixed values; file
	 * data, which only has to be passed through, one. */
	u8 *p = copy_exact(cur, cur_size);

	for (size_t i = 0; i < cur_size; i++) {
		u8 orig = p[i];
		const u8 values[] = { orig ^ 0x01, orig ^ 0x40, 0xff, '0' };
		size_t ways = in_file_data(i) ? 1 : ARRAY_SIZE(values);
		for (size_t w = 0; w < ways; w++) {
			p[i] = values[w];
			int r = cpio_find(p, cur_size, "a/b/c/deep.bin", &e);
			if (r == 0 && ((u8 *)e.data < p || (u8 *)e.data + e.size > p + cur_size))
				tap_fail(__FILE__, __LINE__, "byte %zu: data outside the archive",
					 i);
			size_t off = 0;
			int steps = 0;
			while (cpio_next(p, cur_size, &off, &e) > 0) {
				if (++steps > 1000) {
					tap_fail(__FILE__, __LINE__,
						 "byte %zu: the walk does not end", i);
					break;
				}
			}
		}
		p[i] = orig;
	}
	free(p);
}

/* ---- Hand-made damage on the mkcpio archive ----------------------------------------------- */

enum { H_MAGIC = 0, H_FIELDS = 6 };
/* Field numbers, as in the header (8 hex digits each after the magic). */
enum { FLD_MODE = 1, FLD_FILESIZE = 6, FLD_NAMESIZE = 11 };

static void set_field(u8 *hdr, int field, u32 v)
{
	char buf[9];
	snprintf(buf, sizeof(buf), "%08X", v);
	memcpy(hdr + H_FIELDS + 8 * field, buf, 8);
}

/* Applies fn to an exact-size copy of the archive and returns cpio_find's answer for "big". */
static int damaged(void (*fn)(u8 *a, size_t *size), size_t *size_out)
{
	size_t size = cur_size;
	u8 *p = copy_exact(cur, cur_size);
	struct cpio_entry e;
	fn(p, &size);
	u8 *q = copy_exact(p, size); /* exact size after fn shortened it */
	int r = cpio_find(q, size, "big", &e);
	free(p);
	free(q);
	if (size_out)
		*size_out = size;
	return r;
}

static void bad_magic(u8 *a, size_t *size)
{
	(void)size;
	a[5] = '2'; /* "070702": the newc variant with checksums, not accepted */
}
static void bad_hex(u8 *a, size_t *size)
{
	(void)size;
	a[H_FIELDS + 8 * FLD_FILESIZE + 3] = 'g';
}
static void hex_space(u8 *a, size_t *size)
{
	(void)size;
	a[H_FIELDS + 8 * FLD_NAMESIZE] = ' ';
}
static void namesize_zero(u8 *a, size_t *size)
{
	(void)size;
	set_field(a, FLD_NAMESIZE, 0);
}
static void name_unterminated(u8 *a, size_t *size)
{
	(void)size;
	/* The first entry is the file "e": namesize 2. Say 1: the NUL is not at the end. */
	set_field(a, FLD_NAMESIZE, 1);
}
static void name_nul_inside(u8 *a, size_t *size)
{
	(void)size;
	/* Namesize 4 over "e\0" and the next two bytes: a NUL before the last byte. */
	set_field(a, FLD_NAMESIZE, 4);
}
static void filesize_huge(u8 *a, size_t *size)
{
	(void)size;
	set_field(a, FLD_FILESIZE, 0xffffffff);
}
static void namesize_huge(u8 *a, size_t *size)
{
	(void)size;
	set_field(a, FLD_NAMESIZE, 0xffffffff);
}
static void no_trailer(u8 *a, size_t *size)
{
	*size = trailer_offset(a, *size);
}
static void trailer_only_magic(u8 *a, size_t *size)
{
	*size = trailer_offset(a, *size) + 6;
}
static void lowercase_hex(u8 *a, size_t *size)
{
	/* Every header's hex digits in lowercase (GNU cpio's spelling): still the same archive. */
	size_t off = 0;
	struct cpio_entry e;
	size_t prev = 0;
	while (cpio_next(a, *size, &off, &e) > 0) {
		for (size_t i = prev + H_FIELDS; i < prev + CPIO_HEADER_SIZE; i++) {
			if (a[i] >= 'A' && a[i] <= 'F')
				a[i] = (u8)(a[i] - 'A' + 'a');
		}
		prev = off;
	}
}

static void test_damage(void)
{
	CHECK_EQ_INT(damaged(bad_magic, NULL), -CPIO_ERR_BADMAGIC);
	CHECK_EQ_INT(damaged(bad_hex, NULL), -CPIO_ERR_BADHEX);
	CHECK_EQ_INT(damaged(hex_space, NULL), -CPIO_ERR_BADHEX);
	CHECK_EQ_INT(damaged(namesize_zero, NULL), -CPIO_ERR_BADNAME);
	CHECK_EQ_INT(damaged(name_unterminated, NULL), -CPIO_ERR_BADNAME);
	CHECK_EQ_INT(damaged(name_nul_inside, NULL), -CPIO_ERR_BADNAME);
	CHECK_EQ_INT(damaged(filesize_huge, NULL), -CPIO_ERR_TRUNCATED);
	CHECK_EQ_INT(damaged(namesize_huge, NULL), -CPIO_ERR_TRUNCATED);
	CHECK_EQ_INT(damaged(no_trailer, NULL), -CPIO_ERR_TRUNCATED);
	CHECK_EQ_INT(damaged(trailer_only_magic, NULL), -CPIO_ERR_TRUNCATED);
	CHECK_EQ_INT(damaged(lowercase_hex, NULL), 0);
	/* Not an archive at all, and nothing. */
	struct cpio_entry e;
	CHECK_EQ_INT(cpio_find("hello, world", 12, "big", &e), -CPIO_ERR_TRUNCATED);
	CHECK_EQ_INT(cpio_find(cur, 0, "big", &e), -CPIO_ERR_TRUNCATED);
	u8 junk[CPIO_HEADER_SIZE];
	memset(junk, '0', sizeof(junk));
	CHECK_EQ_INT(cpio_find(junk, sizeof(junk), "big", &e), -CPIO_ERR_BADMAGIC);
	for (int err = 0; err <= CPIO_ERR_BADNAME + 1; err++)
		CHECK(cpio_strerror(-err) != NULL && cpio_strerror(-err)[0] != '\0');
}

static void test_last_entry_wins(void)
{
	/* The archive without its trailer, then the whole archive again: every name twice. Both
	 * halves start on a 4-byte boundary, so the second keeps its alignment. */
	size_t t = trailer_offset(cur, cur_size);
	size_t size = t + cur_size;
	u8 *p = malloc(size);
	memcpy(p, cur, t);
	memcpy(p + t, cur, cur_size);
	struct cpio_entry e;
	CHECK_EQ_INT(cpio_find(p, size, "bin/hello", &e), 0);
	CHECK((const u8 *)e.data > p + t);
	free(p);
}

/* ---- main --------------------------------------------------------------------------------- */

static void run(const char *what, void (*fn)(void))
{
	char name[96];
	snprintf(name, sizeof(name), "%s: %s", cur_name, what);
	tap_start();
	fn();
	tap_result(name, NULL);
}

int main(int argc, char **argv)
{
	const char *manifest = NULL;
	bool gnu_missing = false;
	int first_archive = 0, archives = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--manifest") == 0 && i + 1 < argc) {
			manifest = argv[++i];
		} else if (strcmp(argv[i], "--no-gnu") == 0) {
			gnu_missing = true;
		} else if (strcmp(argv[i], "--archive") == 0 && i + 2 < argc) {
			if (!archives++)
				first_archive = i;
			i += 2;
		} else {
			fprintf(stderr, "usage: test_cpio --manifest FILE [--archive NAME PATH]... "
					"[--no-gnu]\n");
			return 2;
		}
	}
	tap_start();
	if (!manifest || !load_manifest(manifest))
		tap_fail(__FILE__, __LINE__, "cannot read the manifest %s",
			 manifest ? manifest : "(none)");
	tap_result("manifest", NULL);
	if (gnu_missing)
		tap_skip("GNU cpio archive", "cpio was not installed at configure time");

	for (int i = first_archive; archives && i < argc; i++) {
		if (strcmp(argv[i], "--archive") != 0)
			continue;
		cur_name = argv[i + 1];
		cur_has_symlinks = strcmp(cur_name, "gnu") == 0;
		u8 *a = tap_read_file(argv[i + 2], &cur_size);
		tap_start();
		if (!a)
			tap_fail(__FILE__, __LINE__, "cannot read %s", argv[i + 2]);
		tap_result(argv[i + 2], NULL);
		if (!a)
			continue;
		cur = a;
		run("walk", test_walk);
		run("find", test_find);
		run("cut at every length", test_cut_everywhere);
		run("every byte corrupted", test_corrupt_every_byte);
		if (strcmp(cur_name, "mkcpio") == 0) {
			run("hand-made damage", test_damage);
			run("last entry wins", test_last_entry_wins);
		}
		free(a);
		i += 2;
	}
	return tap_done();
}
