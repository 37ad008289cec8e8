// SPDX-License-Identifier: MIT
/*
 * Flattened device tree parser. Format (Devicetree Specification v0.4, chapter 5): a 40-byte
 * big-endian header, a memory reservation block of (address, size) pairs ending in (0, 0), a
 * structure block of 32-bit tokens (BEGIN_NODE name, PROP len nameoff value, END_NODE, NOP, END)
 * and a strings block holding property names.
 */
#include <fdt.h>
#include <string.h>

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP	       4
#define FDT_END	       9

/* Header field offsets (all fields are big-endian u32). */
#define H_MAGIC	       0
#define H_TOTALSIZE    4
#define H_OFF_STRUCT   8
#define H_OFF_STRINGS  12
#define H_OFF_RSVMAP   16
#define H_VERSION      20
#define H_LAST_COMPAT  24
#define H_SIZE_STRINGS 32
#define H_SIZE_STRUCT  36
#define HEADER_SIZE    40

u32 fdt32_ld(const void *p)
{
	const u8 *b = p;
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static u32 hdr(const void *fdt, int field)
{
	return fdt32_ld((const u8 *)fdt + field);
}

u32 fdt_totalsize(const void *fdt)
{
	return hdr(fdt, H_TOTALSIZE);
}

int fdt_check_header(const void *fdt, size_t buf_size)
{
	if (buf_size < HEADER_SIZE)
		return -FDT_ERR_TRUNCATED;
	if (hdr(fdt, H_MAGIC) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (hdr(fdt, H_VERSION) < 16 || hdr(fdt, H_LAST_COMPAT) > 17)
		return -FDT_ERR_BADVERSION;
	u32 total = hdr(fdt, H_TOTALSIZE);
	if (total > buf_size || total < HEADER_SIZE)
		return -FDT_ERR_TRUNCATED;
	u64 s_off = hdr(fdt, H_OFF_STRUCT), s_size = hdr(fdt, H_SIZE_STRUCT);
	u64 t_off = hdr(fdt, H_OFF_STRINGS), t_size = hdr(fdt, H_SIZE_STRINGS);
	u64 r_off = hdr(fdt, H_OFF_RSVMAP);
	if (s_off < HEADER_SIZE || s_off + s_size > total || t_off + t_size > total ||
	    r_off < HEADER_SIZE || r_off + 16 > total || (s_off & 3) || (s_size & 3) || (r_off & 7))
		return -FDT_ERR_BADSTRUCTURE;
	return 0;
}

const char *fdt_strerror(int err)
{
	static const char *const msg[] = {
		[0] = "no error",
		[FDT_ERR_NOTFOUND] = "not found",
		[FDT_ERR_BADMAGIC] = "bad magic (not a device tree blob)",
		[FDT_ERR_BADVERSION] = "unsupported version (need 16 or 17)",
		[FDT_ERR_TRUNCATED] = "truncated",
		[FDT_ERR_BADSTRUCTURE] = "corrupt structure block",
		[FDT_ERR_BADCELLS] = "bad #address-cells/#size-cells",
		[FDT_ERR_BADREG] = "reg property too short",
	};
	if (err < 0)
		err = -err;
	if ((size_t)err >= ARRAY_SIZE(msg))
		return "unknown error";
	return msg[err];
}

/* The 32-bit token at structure-block offset off, or -1 if off is outside the block. */
static int token_at(const void *fdt, int off)
{
	if (off < 0 || (u32)off + 4 > hdr(fdt, H_SIZE_STRUCT))
		return -1;
	return (int)fdt32_ld((const u8 *)fdt + hdr(fdt, H_OFF_STRUCT) + off);
}

static const char *struct_ptr(const void *fdt, int off)
{
	return (const char *)fdt + hdr(fdt, H_OFF_STRUCT) + off;
}

/* Length of a NUL-terminated string starting at struct offset off, or -1 if it runs off the end. */
static int struct_strlen(const void *fdt, int off)
{
	u32 end = hdr(fdt, H_SIZE_STRUCT);
	const char *s = struct_ptr(fdt, 0);
	for (u32 i = (u32)off; i < end; i++) {
		if (s[i] == '\0')
			return (int)(i - (u32)off);
	}
	return -1;
}

/*
 * Steps over the token at off. Returns the token and sets *next to the offset of the following
 * token; returns -1 on a malformed block.
 */
static int next_tag(const void *fdt, int off, int *next)
{
	int tag = token_at(fdt, off);
	int n;

	switch (tag) {
	case FDT_BEGIN_NODE:
		n = struct_strlen(fdt, off + 4);
		if (n < 0)
			return -1;
		*next = off + 4 + (int)ALIGN_UP((u32)n + 1, 4u);
		return tag;
	case FDT_PROP: {
		int len = token_at(fdt, off + 4);
		if (len < 0 || token_at(fdt, off + 8) < 0)
			return -1;
		u64 end = (u64)off + 12 + ALIGN_UP((u64)(u32)len, 4);
		if (end > hdr(fdt, H_SIZE_STRUCT))
			return -1;
		*next = (int)end;
		return tag;
	}
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		*next = off + 4;
		return tag;
	default:
		return -1;
	}
}

int fdt_next_node(const void *fdt, int offset, int *depth)
{
	int off = 0, next, tag;

	if (offset >= 0) {
		/* Skip the BEGIN_NODE token of the current node. */
		if (next_tag(fdt, offset, &off) != FDT_BEGIN_NODE)
			return -FDT_ERR_BADSTRUCTURE;
	}
	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return -FDT_ERR_BADSTRUCTURE;
		if (tag == FDT_BEGIN_NODE) {
			if (depth && offset >= 0)
				(*depth)++;
			return off;
		}
		if (tag == FDT_END_NODE && depth)
			(*depth)--;
		if (tag == FDT_END)
			return -FDT_ERR_NOTFOUND;
		off = next;
	}
}

const char *fdt_get_name(const void *fdt, int node)
{
	if (token_at(fdt, node) != FDT_BEGIN_NODE || struct_strlen(fdt, node + 4) < 0)
		return NULL;
	return struct_ptr(fdt, node + 4);
}

const void *fdt_getprop(const void *fdt, int node, const char *name, int *len)
{
	int off, next, tag;

	if (next_tag(fdt, node, &off) != FDT_BEGIN_NODE)
		return NULL;
	/* Properties come first in a node, before any child node. */
	while ((tag = next_tag(fdt, off, &next)) == FDT_PROP || tag == FDT_NOP) {
		if (tag == FDT_PROP) {
			u32 nameoff = (u32)token_at(fdt, off + 8);
			u32 str_size = hdr(fdt, H_SIZE_STRINGS);
			const char *strs = (const char *)fdt + hdr(fdt, H_OFF_STRINGS);
			size_t want = strlen(name);
			if (nameoff + want < str_size &&
			    strncmp(strs + nameoff, name, want + 1) == 0) {
				if (len)
					*len = token_at(fdt, off + 4);
				return struct_ptr(fdt, off + 12);
			}
		}
		off = next;
	}
	return NULL;
}

/* Does node name nm (e.g. "memory@40000000") match path component [c, c+n)? */
static bool name_matches(const char *nm, const char *c, size_t n)
{
	bool has_unit = false;
	for (size_t i = 0; i < n; i++)
		has_unit |= c[i] == '@';
	if (strncmp(nm, c, n) != 0)
		return false;
	return nm[n] == '\0' || (nm[n] == '@' && !has_unit);
}

int fdt_path_offset(const void *fdt, const char *path)
{
	int node = fdt_next_node(fdt, -1, NULL);
	if (node < 0)
		return node;
	if (path[0] != '/')
		return -FDT_ERR_NOTFOUND;

	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *c = p;
		while (*p && *p != '/')
			p++;
		size_t n = (size_t)(p - c);

		/* Look for a direct child of node named [c, c+n). */
		int depth = 0, child = node, found = -FDT_ERR_NOTFOUND;
		for (;;) {
			child = fdt_next_node(fdt, child, &depth);
			if (child < 0 || depth <= 0)
				break;
			if (depth == 1) {
				const char *nm = fdt_get_name(fdt, child);
				if (nm && name_matches(nm, c, n)) {
					found = child;
					break;
				}
			}
		}
		if (found < 0)
			return found;
		node = found;
	}
	return node;
}

int fdt_parent_offset(const void *fdt, int node)
{
	/* Walk from the root, remembering the last node seen at each depth. */
	int stack[32];
	int depth = 0, off = fdt_next_node(fdt, -1, &depth);

	while (off >= 0) {
		if (depth < 0 || depth >= (int)ARRAY_SIZE(stack))
			return -FDT_ERR_BADSTRUCTURE;
		stack[depth] = off;
		if (off == node)
			return depth == 0 ? -FDT_ERR_NOTFOUND : stack[depth - 1];
		off = fdt_next_node(fdt, off, &depth);
	}
	return off;
}

bool fdt_is_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *list = fdt_getprop(fdt, node, "compatible", &len);
	size_t want = strlen(compat);

	/* "compatible" is a list of NUL-terminated strings. */
	for (int i = 0; list && i < len;) {
		size_t n = strnlen(list + i, (size_t)(len - i));
		if (n == want && memcmp(list + i, compat, n) == 0)
			return true;
		i += (int)n + 1;
	}
	return false;
}

int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat)
{
	int off = start;
	for (;;) {
		off = fdt_next_node(fdt, off, NULL);
		if (off < 0)
			return off;
		if (fdt_is_compatible(fdt, off, compat))
			return off;
	}
}

static int cells_of(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);
	if (!p)
		return dflt;
	if (len != 4)
		return -1;
	return (int)fdt32_ld(p);
}

static u64 read_cells(const u8 *p, int cells)
{
	u64 v = 0;
	for (int i = 0; i < cells; i++)
		v = v << 32 | fdt32_ld(p + 4 * i);
	return v;
}

int fdt_reg(const void *fdt, int node, int index, u64 *base, u64 *size)
{
	int parent = fdt_parent_offset(fdt, node);
	if (parent < 0)
		return parent;
	/* Defaults from the Devicetree Specification: 2 address cells, 1 size cell. */
	int ac = cells_of(fdt, parent, "#address-cells", 2);
	int sc = cells_of(fdt, parent, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -FDT_ERR_BADCELLS;

	int len;
	const u8 *reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return -FDT_ERR_NOTFOUND;
	int stride = 4 * (ac + sc);
	if (len % stride)
		return -FDT_ERR_BADREG;
	if (index < 0 || (index + 1) * stride > len)
		return -FDT_ERR_NOTFOUND;
	reg += index * stride;
	*base = read_cells(reg, ac);
	*size = read_cells(reg + 4 * ac, sc);
	return 0;
}

int fdt_mem_rsv(const void *fdt, int index, u64 *base, u64 *size)
{
	u32 off = hdr(fdt, H_OFF_RSVMAP);
	u32 total = hdr(fdt, H_TOTALSIZE);
	for (int i = 0;; i++) {
		u64 pos = off + (u64)16 * (u64)i;
		if (pos + 16 > total)
			return -FDT_ERR_BADSTRUCTURE;
		const u8 *e = (const u8 *)fdt + pos;
		u64 b = read_cells(e, 2), s = read_cells(e + 8, 2);
		if (b == 0 && s == 0)
			return -FDT_ERR_NOTFOUND;
		if (i == index) {
			*base = b;
			*size = s;
			return 0;
		}
	}
}
