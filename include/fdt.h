/* SPDX-License-Identifier: MIT */
/*
 * A small, read-only flattened device tree (DTB) parser (kernel/lib/fdt.c), enough for boot:
 * walk nodes, read properties, find nodes by path or compatible string, decode "reg".
 * Every access is bounds-checked against the blob's header, so a malformed DTB gives an error
 * code, never a wild read. Offsets are byte offsets into the structure block, as in libfdt.
 */
#ifndef TRISTACK_FDT_H
#define TRISTACK_FDT_H

#include <types.h>

#define FDT_MAGIC 0xd00dfeedu

enum fdt_err {
	FDT_ERR_NOTFOUND = 1, /* no such node or property */
	FDT_ERR_BADMAGIC,     /* not a DTB at all */
	FDT_ERR_BADVERSION,   /* older than version 16 */
	FDT_ERR_TRUNCATED,    /* the header says more bytes than the buffer holds */
	FDT_ERR_BADSTRUCTURE, /* a token or offset points outside the blob */
	FDT_ERR_BADCELLS,     /* #address-cells/#size-cells missing or unsupported */
	FDT_ERR_BADREG,	      /* "reg" shorter than the cells say */
};

/* Checks the header. buf_size is how many bytes may be read at fdt (pass the header's own
 * totalsize if unknown, after a first check of 40 bytes). Returns 0 or -FDT_ERR_*. */
int fdt_check_header(const void *fdt, size_t buf_size);
const char *fdt_strerror(int err);
u32 fdt_totalsize(const void *fdt);

/* Next node after offset in document order (pass -1 to get the root). *depth (may be NULL) is
 * adjusted by the levels entered/left. Returns the node's offset, or -FDT_ERR_NOTFOUND at the end.
 */
int fdt_next_node(const void *fdt, int offset, int *depth);
/* The node's name, "" for the root, with the @unit part. NULL on a bad offset. */
const char *fdt_get_name(const void *fdt, int node);
/* A property's value and length in bytes, or NULL when absent. */
const void *fdt_getprop(const void *fdt, int node, const char *name, int *len);
/* Node at an absolute path like "/chosen" or "/soc/serial@10000000". A component without @unit
 * matches a node whose name before '@' is equal ("/memory" finds "memory@40000000"). */
int fdt_path_offset(const void *fdt, const char *path);
/* Parent of node, or -FDT_ERR_NOTFOUND for the root. */
int fdt_parent_offset(const void *fdt, int node);
/* True when node's "compatible" list contains compat. */
bool fdt_is_compatible(const void *fdt, int node, const char *compat);
/* First node after start (-1: from the beginning) compatible with compat. */
int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat);
/* The index'th (address, size) pair of node's "reg", using the parent's #address-cells and
 * #size-cells. Returns 0, -FDT_ERR_NOTFOUND past the last pair, or another -FDT_ERR_*. */
int fdt_reg(const void *fdt, int node, int index, u64 *base, u64 *size);
/* The index'th entry of the memory reservation block; same return values as fdt_reg. */
int fdt_mem_rsv(const void *fdt, int index, u64 *base, u64 *size);
/* Big-endian 32-bit cell at p (which need not be aligned). */
u32 fdt32_ld(const void *p);

#endif
