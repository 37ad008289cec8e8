/* SPDX-License-Identifier: MIT */
/*
 * User address spaces (kernel/mm/uvm.c). Each process has its own page-table root for the user
 * half [USER_BASE, USER_END); the kernel half is the same in all of them (x86_64 and riscv64 copy
 * the kernel root's upper-half entries into every root; arm64 keeps the kernel in TTBR1 and gives
 * each process a TTBR0 root). User pages are never writable and executable at once.
 */
#ifndef TRISTACK_UVM_H
#define TRISTACK_UVM_H

#include <types.h>
#include <asm/memlayout.h>

struct mm {
	phys_addr_t root;
	uintptr_t brk_start, brk;	/* the heap: [brk_start, brk), grown by sbrk */
	uintptr_t stack_low, stack_top; /* the user stack: [stack_low, stack_top) */
	size_t pages;			/* user pages mapped */
};

/* The unmapped gap kept below every user stack: an overflow faults there instead of running
 * into the heap, and the heap (sbrk) may not grow into it. */
#define USER_STACK_GUARD_GAP (64 * 1024)

/* A new, empty address space; NULL when memory runs out. */
struct mm *mm_create(void);
/* Frees every user page, every table and the root; the CPU must not be using it. */
void mm_destroy(struct mm *mm);
/* Maps fresh zeroed pages over [va, va+len) (page-aligned) with prot (PROT_R/W/X; PROT_USER is
 * added). Refuses W+X and anything outside user space: -EINVAL; -ENOMEM; -EEXIST. */
int mm_map_anon(struct mm *mm, uintptr_t va, size_t len, unsigned int prot);
/* Unmaps [va, va+len) (page-aligned) and frees its pages; holes are skipped. */
void mm_unmap(struct mm *mm, uintptr_t va, size_t len);
/* Writes len bytes at user address va of mm (mapped already), through the direct map: works
 * whichever address space the CPU is on. -EFAULT if a page is missing. */
int mm_write(struct mm *mm, uintptr_t va, const void *src, size_t len);
/* The address space the CPU uses for user addresses now (NULL: none, a kernel thread). */
struct mm *mm_current(void);
/* Demand paging of the heap: sbrk() only moves the break, and a page of [brk_start, brk) gets
 * its (zeroed) memory when it is first touched. Called with the address of a page fault (from
 * user mode, or in a user copy): maps that page and returns true if it is such a heap page not
 * mapped yet, else false (a real fault). Linux: handle_mm_fault() for an anonymous mapping. */
bool mm_fault_in(struct mm *mm, uintptr_t addr);

/* Is [addr, addr+len) inside user space, without wrapping? */
static inline bool user_range_ok(uintptr_t addr, size_t len)
{
	return addr >= USER_BASE && addr <= USER_END && len <= USER_END - addr;
}

#endif
