// SPDX-License-Identifier: MIT
/*
 * cpio "newc" reader (include/cpio.h). Linux unpacks the same format in init/initramfs.c; this
 * reader only looks things up in place, and treats the archive as untrusted input: every size
 * is compared with the bytes left before it is used, with subtractions that cannot overflow.
 */
#include <cpio.h>
#include <string.h>

/* Field numbers in the header, after the 6-byte magic (8 hex digits each). */
enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	NR_FIELDS
};

/* Decodes 8 hex digits (either case). Returns false on anything else. */
static bool hex8(const u8 *p, u32 *out)
{
	u32 v = 0;
	for (int i = 0; i < 8; i++) {
		u8 c = p[i];
		u32 d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Names and data start on 4-byte boundaries counted from the start of the archive. The caller
 * checks that the result still lies inside the archive. */
static bool align4(size_t off, size_t size, size_t *out)
{
	size_t pad = (4 - (off & 3)) & 3;
	if (off > size || pad > size - off)
		return false;
	*out = off + pad;
	return true;
}

int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *e)
{
	const u8 *a = archive;
	size_t off = *offset;
	u32 f[NR_FIELDS];

	if (off > size || size - off < CPIO_HEADER_SIZE)
		return -CPIO_ERR_TRUNCATED;
	if (memcmp(a + off, CPIO_NEWC_MAGIC, 6) != 0)
		return -CPIO_ERR_BADMAGIC;
	for (int i = 0; i < NR_FIELDS; i++) {
		if (!hex8(a + off + 6 + 8 * i, &f[i]))
			return -CPIO_ERR_BADHEX;
	}

	/* The name: namesize bytes, the last of them the only NUL. */
	size_t name_off = off + CPIO_HEADER_SIZE;
	size_t namesize = f[F_NAMESIZE];
	if (namesize == 0)
		return -CPIO_ERR_BADNAME;
	if (namesize > size - name_off)
		return -CPIO_ERR_TRUNCATED;
	const char *name = (const char *)a + name_off;
	if (strnlen(name, namesize) != namesize - 1)
		return -CPIO_ERR_BADNAME;

	/* The data, after the name's padding. The trailer has none, but its name is padded too. */
	size_t data_off, next;
	size_t filesize = f[F_FILESIZE];
	if (!align4(name_off + namesize, size, &data_off))
		return -CPIO_ERR_TRUNCATED;
	if (filesize > size - data_off)
		return -CPIO_ERR_TRUNCATED;
	if (strcmp(name, CPIO_TRAILER) == 0)
		return 0;
	/* The next header starts at the next 4-byte boundary: the padding must be there (every
	 * writer puts it, and a file without it has lost its trailer anyway). */
	if (!align4(data_off + filesize, size, &next))
		return -CPIO_ERR_TRUNCATED;

	e->name = name;
	e->name_len = namesize - 1;
	e->data = a + data_off;
	e->size = filesize;
	e->mode = f[F_MODE];
	e->ino = f[F_INO];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	*offset = next;
	return 1;
}

/* "/bin/hello", "./bin/hello" and "bin/hello" name the same file. */
static const char *skip_prefix(const char *p)
{
	for (;;) {
		if (p[0] == '/')
			p++;
		else if (p[0] == '.' && p[1] == '/')
			p += 2;
		else
			return p;
	}
}

int cpio_find(const void *archive, size_t size, const char *path, struct cpio_entry *e)
{
	const char *want = skip_prefix(path);
	struct cpio_entry cur, found;
	bool have = false;
	size_t off = 0;
	int r;

	/* Walk to the trailer even after a match: a damaged archive is rejected as a whole, so
	 * that what a lookup answers never depends on where the damage is. */
	while ((r = cpio_next(archive, size, &off, &cur)) > 0) {
		if (strcmp(skip_prefix(cur.name), want) == 0) {
			found = cur;
			have = true;
		}
	}
	if (r < 0)
		return r;
	if (!have)
		return -CPIO_ERR_NOTFOUND;
	if ((found.mode & CPIO_MODE_TYPE) != CPIO_MODE_FILE)
		return -CPIO_ERR_NOTFILE;
	*e = found;
	return 0;
}

const char *cpio_strerror(int err)
{
	switch (-err) {
	case 0:
		return "no error";
	case CPIO_ERR_NOTFOUND:
		return "no such file in the archive";
	case CPIO_ERR_NOTFILE:
		return "not a regular file";
	case CPIO_ERR_TRUNCATED:
		return "truncated archive";
	case CPIO_ERR_BADMAGIC:
		return "bad magic (not a newc cpio header)";
	case CPIO_ERR_BADHEX:
		return "header field is not hexadecimal";
	case CPIO_ERR_BADNAME:
		return "bad name (size 0 or not NUL-terminated)";
	default:
		return "unknown cpio error";
	}
}
