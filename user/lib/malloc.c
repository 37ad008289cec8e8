// SPDX-License-Identifier: MIT
/*
 * malloc and free (<stdlib.h>): a first-fit free list on top of sbrk(), as in K&R's chapter 8,
 * kept in address order so that free() can merge a block with its neighbours.
 *
 * Every block, used or free, starts with a 16-byte header; the payload follows it and is
 * 16-byte aligned (the strictest alignment any C type needs on the three arches). While a
 * block is free, its header links it into the free list; while it is in use, the link holds
 * USED, so that free() of a pointer that malloc() did not return, or free() twice, is caught.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct header {
	size_t size;	     /* payload bytes after the header, a multiple of ALIGN */
	struct header *next; /* free: the next free block, higher in memory; used: USED */
};

#define ALIGN 16
#define HDR   sizeof(struct header)
#define USED  ((struct header *)0xa110c8eda110c8edUL) /* "allocated"; no user address */
/* Ask the kernel for at least this much at a time: fewer system calls for small blocks. */
#define GROW_MIN (16 * 1024)

_Static_assert(sizeof(struct header) == ALIGN, "the header keeps payloads aligned");

static struct header *free_list;

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* Puts b into the free list at its address and merges it with the blocks right before and
 * right after it when they touch. */
static void insert_free(struct header *b)
{
	struct header *prev = NULL, *next = free_list;
	while (next && next < b) {
		prev = next;
		next = next->next;
	}
	b->next = next;
	if (next && (char *)(b + 1) + b->size == (char *)next) {
		b->size += HDR + next->size;
		b->next = next->next;
	}
	if (prev && (char *)(prev + 1) + prev->size == (char *)b) {
		prev->size += HDR + b->size;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
}

/* Gets at least need payload bytes from the kernel and adds them to the free list. */
static bool grow(size_t need)
{
	char *brk = sbrk(0);
	if (brk == (void *)-1)
		return false;
	/* The first break is page-aligned today, but do not rely on it. */
	size_t pad = (ALIGN - (uintptr_t)brk % ALIGN) % ALIGN;
	size_t want = need + HDR < GROW_MIN ? GROW_MIN : need + HDR;
	if (want > SIZE_MAX / 2) /* sbrk takes a signed increment */
		return false;
	char *p = sbrk((intptr_t)(pad + want));
	if (p == (void *)-1)
		return false;
	struct header *b = (struct header *)(p + pad);
	b->size = want - HDR;
	insert_free(b);
	return true;
}

void *malloc(size_t size)
{
	if (size > SIZE_MAX / 2)
		return NULL;
	size_t need = round_up(size ? size : 1);

	for (int attempt = 0; attempt < 2; attempt++) {
		struct header **link = &free_list;
		for (struct header *b = free_list; b; link = &b->next, b = b->next) {
			if (b->size < need)
				continue;
			if (b->size - need >= HDR + ALIGN) {
				/* Split: the tail stays free, in b's place in the list. */
				struct header *rest = (struct header *)((char *)(b + 1) + need);
				rest->size = b->size - need - HDR;
				rest->next = b->next;
				*link = rest;
				b->size = need;
			} else {
				*link = b->next;
			}
			b->next = USED;
			return b + 1;
		}
		if (!grow(need))
			return NULL;
	}
	return NULL;
}

void free(void *p)
{
	if (!p)
		return;
	struct header *b = (struct header *)p - 1;
	if (b->next != USED) {
		dprintf(STDERR_FILENO, "free(%p): not allocated, or freed twice\n", p);
		abort();
	}
	insert_free(b);
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	if (!p)
		return malloc(size);
	if (size == 0) {
		free(p);
		return NULL;
	}
	struct header *b = (struct header *)p - 1;
	if (b->size >= size)
		return p;
	void *q = malloc(size);
	if (q) {
		memcpy(q, p, b->size);
		free(p);
	}
	return q;
}
