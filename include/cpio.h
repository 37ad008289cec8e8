/* SPDX-License-Identifier: MIT */
/*
 * A read-only reader of cpio "newc" archives (kernel/lib/cpio.c), the format of Linux's
 * initramfs and of tristack's (tools/mkcpio.py writes it, `cpio -o -H newc` too). Each entry is
 *
 *   a 110-byte ASCII header: "070701", then 13 fields of 8 hex digits (ino, mode, uid, gid,
 *       nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check);
 *   the name, namesize bytes including its NUL, padded with NULs to a multiple of 4 bytes
 *       counted from the start of the archive;
 *   the data, filesize bytes, padded the same way;
 *
 * and the archive ends with an entry named "TRAILER!!!" (anything after it, such as GNU cpio's
 * padding to 512 bytes, is ignored). Every field is checked against the bytes that are really
 * there: a damaged or truncated archive gives an error code, never a read outside the buffer.
 * The archive needs no alignment in memory (fields are read byte by byte).
 */
#ifndef TRISTACK_CPIO_H
#define TRISTACK_CPIO_H

#include <types.h>

#define CPIO_NEWC_MAGIC	 "070701"
#define CPIO_HEADER_SIZE 110
#define CPIO_TRAILER	 "TRAILER!!!"

/* The file type in the mode field (the st_mode bits of the file that was archived). */
#define CPIO_MODE_TYPE	  0170000
#define CPIO_MODE_FILE	  0100000
#define CPIO_MODE_DIR	  0040000
#define CPIO_MODE_SYMLINK 0120000

enum cpio_err {
	CPIO_ERR_NOTFOUND = 1, /* no entry of that name */
	CPIO_ERR_NOTFILE,      /* the entry exists but is not a regular file */
	CPIO_ERR_TRUNCATED,    /* a header, name or data goes past the end, or no trailer */
	CPIO_ERR_BADMAGIC,     /* a header does not start with "070701" */
	CPIO_ERR_BADHEX,       /* a header field is not 8 hex digits */
	CPIO_ERR_BADNAME,      /* namesize 0, or the name is not NUL-terminated at namesize */
};

struct cpio_entry {
	const char *name; /* as stored, NUL-terminated, inside the archive (e.g. "bin/hello") */
	size_t name_len;  /* strlen(name) */
	const void *data; /* inside the archive */
	size_t size;
	u32 mode; /* file type and permission bits */
	u32 ino, uid, gid, nlink, mtime;
};

/*
 * Reads the entry at *offset of the archive [archive, archive + size): start with *offset = 0.
 * Returns 1 with *e filled and *offset moved to the next entry, 0 at the trailer, or
 * -CPIO_ERR_* (then *offset and *e are left alone).
 */
int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *e);

/*
 * Checks the whole archive, up to its trailer, and finds the regular file named path. Leading
 * "/" and "./" are ignored on both sides, so "/bin/hello", "bin/hello" and an entry stored as
 * "./bin/hello" all match. When a name occurs more than once the last entry wins, as when
 * Linux unpacks an initramfs. Returns 0 with *e filled, -CPIO_ERR_NOTFOUND, -CPIO_ERR_NOTFILE,
 * or the error of the first malformed entry (even if the file comes before it).
 */
int cpio_find(const void *archive, size_t size, const char *path, struct cpio_entry *e);

/* A short description of a -CPIO_ERR_* value. */
const char *cpio_strerror(int err);

#endif
