// SPDX-License-Identifier: MIT
/*
 * Page-table walker shared by the three architectures (see include/pgtable.h). The tables are
 * reached through the direct map (phys_to_virt), as Linux does; the entry formats come from
 * arch/<arch>/include/asm/pgtable.h.
 */
#include <pgtable.h>
#include <pmm.h>
#include <string.h>
#include <uapi/errno.h>

static inline pte_t *table_of(phys_addr_t pa)
{
	return phys_to_virt(pa);
}

static inline unsigned int pt_index(vaddr_t va, int level)
{
	return (unsigned int)(va >> (PAGE_SHIFT + PT_INDEX_BITS * level)) & (PT_ENTRIES - 1);
}

/* Is va in the upper (kernel) half? All of its bits from VA_BITS up are ones. */
static inline bool upper_half(vaddr_t va)
{
	return (va >> VA_BITS) == (~(vaddr_t)0 >> VA_BITS);
}

/* Does a root table translate va at all? Where a root covers one half (PT_ROOT_UPPER_HALF_ONLY:
 * two root registers, one per half), the kernel's root translates the upper half and every other
 * root (a process's) the lower half; elsewhere a root covers both. */
static inline bool va_in_root(phys_addr_t root, vaddr_t va)
{
	if (!PT_ROOT_UPPER_HALF_ONLY)
		return true;
	return root == kernel_root ? upper_half(va) : !upper_half(va);
}

/* Walks down to the table at `level` that covers va, creating tables on the way if create.
 * Returns NULL if a table is missing (and !create), memory ran out, or a block is in the way. */
static pte_t *table_at(phys_addr_t root, vaddr_t va, int level, bool create, unsigned int prot)
{
	pte_t *t = table_of(root);
	for (int l = PT_LEVELS - 1; l > level; l--) {
		pte_t *e = &t[pt_index(va, l)];
		if (!pte_valid(*e)) {
			if (!create)
				return NULL;
			phys_addr_t pa = pmm_alloc_page();
			if (!pa)
				return NULL;
			memset(table_of(pa), 0, PAGE_SIZE);
			*e = pte_mk_table(pa, prot);
		} else if (!pte_is_table(*e, l)) {
			return NULL; /* a block mapping covers this address */
		}
		t = table_of(pte_addr(*e));
	}
	return t;
}

int pt_map(phys_addr_t root, vaddr_t va, phys_addr_t pa, u64 size, unsigned int prot, bool blocks)
{
	if (((va | pa | size) & (PAGE_SIZE - 1)) || !va_in_root(root, va))
		return -EINVAL;
	while (size) {
		int level = 0;
		if (blocks) {
			for (int l = PT_MAX_BLOCK_LEVEL; l > 0; l--) {
				u64 bs = pt_level_size(l);
				if (!((va | pa) & (bs - 1)) && size >= bs) {
					level = l;
					break;
				}
			}
		}
		pte_t *t = table_at(root, va, level, true, prot);
		if (!t)
			return -ENOMEM;
		pte_t *e = &t[pt_index(va, level)];
		if (pte_valid(*e))
			return -EEXIST;
		*e = pte_mk_leaf(pa, prot, level);
		va += pt_level_size(level);
		pa += pt_level_size(level);
		size -= pt_level_size(level);
	}
	return 0;
}

int pt_prealloc(phys_addr_t root, vaddr_t va, u64 size)
{
	if (((va | size) & (PAGE_SIZE - 1)) || !va_in_root(root, va))
		return -EINVAL;
	for (vaddr_t end = va + size; va < end;
	     va = ALIGN_DOWN(va, pt_level_size(1)) + pt_level_size(1)) {
		if (!table_at(root, va, 0, true, PROT_R | PROT_W))
			return -ENOMEM;
	}
	return 0;
}

int pt_unmap(phys_addr_t root, vaddr_t va, u64 size)
{
	if (((va | size) & (PAGE_SIZE - 1)) || !va_in_root(root, va))
		return -EINVAL;
	for (; size; va += PAGE_SIZE, size -= PAGE_SIZE) {
		int level;
		if (!pt_lookup(root, va, NULL, NULL, &level))
			continue;
		if (level != 0)
			return -EINVAL;
		pte_t *t = table_at(root, va, 0, false, 0);
		t[pt_index(va, 0)] = 0;
	}
	return 0;
}

/* pt_unmap_pages() below `table`, a table at `level` whose first entry maps base. */
static long unmap_pages(phys_addr_t table, int level, u64 base, u64 lo, u64 hi, pt_unmap_fn fn,
			void *arg)
{
	pte_t *t = table_of(table);
	u64 span = pt_level_size(level);
	long n = 0;
	for (unsigned int i = (unsigned int)((lo - base) / span); i < PT_ENTRIES; i++) {
		u64 va = base + (u64)i * span;
		if (va >= hi)
			break;
		pte_t e = t[i];
		if (!pte_valid(e))
			continue; /* nothing mapped in this whole span: skipped in one step */
		if (level > 0 && pte_is_table(e, level)) {
			n += unmap_pages(pte_addr(e), level - 1, va, MAX(lo, va), hi, fn, arg);
		} else if (level == 0) {
			t[i] = 0;
			fn((vaddr_t)va, pte_addr(e), arg);
			n++;
		}
	}
	return n;
}

long pt_unmap_pages(phys_addr_t root, vaddr_t va, u64 size, pt_unmap_fn fn, void *arg)
{
	if (((va | size) & (PAGE_SIZE - 1)) || upper_half(va) || va + size < va ||
	    (size && upper_half(va + size - 1)) || !va_in_root(root, va))
		return -EINVAL;
	return unmap_pages(root, PT_LEVELS - 1, 0, va, va + size, fn, arg);
}

bool pt_lookup(phys_addr_t root, vaddr_t va, phys_addr_t *pa, unsigned int *prot, int *level)
{
	if (!va_in_root(root, va))
		return false;
	pte_t *t = table_of(root);
	for (int l = PT_LEVELS - 1; l >= 0; l--) {
		pte_t e = t[pt_index(va, l)];
		if (!pte_valid(e))
			return false;
		if (l > 0 && pte_is_table(e, l)) {
			t = table_of(pte_addr(e));
			continue;
		}
		if (pa)
			*pa = pte_addr(e) + (va & (pt_level_size(l) - 1));
		if (prot)
			*prot = pte_prot(e, l);
		if (level)
			*level = l;
		return true;
	}
	return false;
}

/* Virtual addresses are sign-extended from bit VA_BITS-1 (canonical form); a root that covers
 * only the upper half translates upper-half addresses only. */
static vaddr_t canonical(phys_addr_t root, u64 va)
{
	unsigned int shift = 64 - VA_BITS;
	if (PT_ROOT_UPPER_HALF_ONLY)
		return root == kernel_root ? (vaddr_t)(va | (~0ULL << VA_BITS)) : (vaddr_t)va;
	return (vaddr_t)((s64)(va << shift) >> shift);
}

static void walk(phys_addr_t root, phys_addr_t table, int level, u64 va_base, pt_walk_fn fn,
		 void *arg)
{
	pte_t *t = table_of(table);
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		pte_t e = t[i];
		u64 va = va_base + (u64)i * pt_level_size(level);
		if (!pte_valid(e))
			continue;
		if (level > 0 && pte_is_table(e, level))
			walk(root, pte_addr(e), level - 1, va, fn, arg);
		else
			fn(canonical(root, va), pte_addr(e), pt_level_size(level),
			   pte_prot(e, level), arg);
	}
}

void pt_walk(phys_addr_t root, pt_walk_fn fn, void *arg)
{
	walk(root, root, PT_LEVELS - 1, 0, fn, arg);
}

const char *prot_str(unsigned int prot, char *buf)
{
	buf[0] = (prot & PROT_R) ? 'R' : '-';
	buf[1] = (prot & PROT_W) ? 'W' : '-';
	buf[2] = (prot & PROT_X) ? 'X' : '-';
	buf[3] = (prot & PROT_USER) ? 'U' : '-';
	buf[4] = (prot & PROT_DEVICE) ? 'D' : '-';
	buf[5] = '\0';
	return buf;
}

/* Frees the tables under `table` (at `level`) and, with free_pages, the pages its leaves map. */
static void free_tree(phys_addr_t table, int level, bool free_pages)
{
	pte_t *t = table_of(table);
	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		pte_t e = t[i];
		if (!pte_valid(e))
			continue;
		if (level > 0 && pte_is_table(e, level))
			free_tree(pte_addr(e), level - 1, free_pages);
		else if (free_pages)
			pmm_free_pages(pte_addr(e), pt_level_size(level) / PAGE_SIZE);
		t[i] = 0;
	}
	pmm_free_page(table);
}

void pt_free_user(phys_addr_t root)
{
	/* A process's root shares the kernel's upper-half entries where one root covers both
	 * halves: only the lower half is its own. Where a root covers one half
	 * (PT_ROOT_UPPER_HALF_ONLY), the whole root is the process's. */
	unsigned int end = PT_ROOT_UPPER_HALF_ONLY ? PT_ENTRIES : PT_ENTRIES / 2;
	pte_t *t = table_of(root);
	for (unsigned int i = 0; i < end; i++) {
		if (pte_valid(t[i]) && pte_is_table(t[i], PT_LEVELS - 1))
			free_tree(pte_addr(t[i]), PT_LEVELS - 2, true);
		t[i] = 0;
	}
	pmm_free_page(root);
}
