// SPDX-License-Identifier: MIT
/* User address spaces: see include/uvm.h. */
#include <arch.h>
#include <cpu.h>
#include <kmalloc.h>
#include <mm.h>
#include <pgtable.h>
#include <pmm.h>
#include <string.h>
#include <task.h>
#include <uapi/errno.h>
#include <uvm.h>

struct mm *mm_create(void)
{
	struct mm *mm = kmalloc(sizeof(*mm));
	phys_addr_t root = pmm_alloc_page();
	if (!mm || !root) {
		kfree(mm);
		if (root)
			pmm_free_page(root);
		return NULL;
	}
	memset(phys_to_virt(root), 0, PAGE_SIZE);
	if (!PT_ROOT_UPPER_HALF_ONLY) {
		/* Share the kernel half: its top-level entries all exist since boot (direct map,
		 * image, VMAP, ioremap), so copying them once keeps this root in step for good. */
		pte_t *dst = phys_to_virt(root), *src = phys_to_virt(kernel_root);
		memcpy(dst + PT_ENTRIES / 2, src + PT_ENTRIES / 2, PT_ENTRIES / 2 * sizeof(pte_t));
	}
	mm->root = root;
	return mm;
}

void mm_destroy(struct mm *mm)
{
	pt_free_user(mm->root);
	kfree(mm);
}

struct unmap_ctx {
	struct mm *mm;
	bool flush; /* the CPU uses this address space: its TLB may hold the old entries */
};

static void unmapped_page(vaddr_t va, phys_addr_t pa, void *arg)
{
	struct unmap_ctx *u = arg;
	if (u->flush)
		arch_tlb_flush_page(va);
	pmm_free_page(pa);
	u->mm->pages--;
}

void mm_unmap(struct mm *mm, uintptr_t va, size_t len)
{
	/* Only a page the walk really unmapped is freed: a page it could not unmap (outside the
	 * user half, inside a block) stays mapped and stays allocated. */
	struct unmap_ctx u = { mm, mm == mm_current() };
	pt_unmap_pages(mm->root, va, len, unmapped_page, &u);
}

int mm_map_anon(struct mm *mm, uintptr_t va, size_t len, unsigned int prot)
{
	if ((va | len) % PAGE_SIZE || !user_range_ok(va, len) ||
	    ((prot & PROT_W) && (prot & PROT_X)))
		return -EINVAL;
	for (uintptr_t a = va; a < va + len; a += PAGE_SIZE) {
		phys_addr_t pa = pmm_alloc_page();
		int err = pa ? 0 : -ENOMEM;
		if (pa) {
			memset(phys_to_virt(pa), 0, PAGE_SIZE);
			err = pt_map(mm->root, a, pa, PAGE_SIZE, prot | PROT_USER, false);
			if (err)
				pmm_free_page(pa);
		}
		if (err) {
			mm_unmap(mm, va, a - va);
			return err;
		}
		mm->pages++;
	}
	return 0;
}

int mm_write(struct mm *mm, uintptr_t va, const void *src, size_t len)
{
	const u8 *s = src;
	while (len) {
		phys_addr_t pa;
		if (!pt_lookup(mm->root, va, &pa, NULL, NULL))
			return -EFAULT;
		size_t n = MIN(len, PAGE_SIZE - (va % PAGE_SIZE));
		memcpy(phys_to_virt(pa), s, n);
		va += n;
		s += n;
		len -= n;
	}
	return 0;
}

struct mm *mm_current(void)
{
	return current_task()->mm;
}

bool mm_fault_in(struct mm *mm, uintptr_t addr)
{
	uintptr_t page = ALIGN_DOWN(addr, PAGE_SIZE);
	phys_addr_t pa;
	if (!mm || addr < mm->brk_start || addr >= ALIGN_UP(mm->brk, PAGE_SIZE) ||
	    !user_range_ok(page, PAGE_SIZE))
		return false;
	if (pt_lookup(mm->root, page, &pa, NULL, NULL))
		return false; /* mapped: the access itself was refused */
	return mm_map_anon(mm, page, PAGE_SIZE, PROT_R | PROT_W) == 0;
}
