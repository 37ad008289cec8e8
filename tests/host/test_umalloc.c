// SPDX-License-Identifier: MIT
/*
 * user/lib/malloc.c, the user programs' allocator, run on the host before any program can run
 * it in user mode: the source is included here with its functions renamed u_*, over a fake
 * sbrk() that hands out a fixed arena.
 *
 *   - a random sequence of malloc/calloc/realloc/free, checked against a model: every block
 *     16-byte aligned, inside the arena, its bytes intact until freed (so no two live blocks
 *     overlap), calloc'ed bytes zero, realloc keeping the old contents;
 *   - after everything is freed, the free blocks have merged: one allocation of nearly all the
 *     memory obtained so far fits without asking sbrk for more;
 *   - when sbrk refuses, malloc returns NULL and the heap still works.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

/* The fake kernel side: a break that moves inside a static arena. */
static _Alignas(16) unsigned char arena[1 << 22];
static size_t brk_off = 8; /* a misaligned start: malloc must align it itself */
static size_t brk_limit = sizeof(arena);
static unsigned long sbrk_calls;

static void *fake_sbrk(intptr_t inc)
{
	sbrk_calls++;
	if (inc < 0 ? (size_t)-inc > brk_off : (size_t)inc > brk_limit - brk_off)
		return (void *)-1;
	void *old = arena + brk_off;
	brk_off += (size_t)inc;
	return old;
}

#define malloc	u_malloc
#define free	u_free
#define calloc	u_calloc
#define realloc u_realloc
#define sbrk	fake_sbrk
#include "../../user/lib/malloc.c"
#undef malloc
#undef free
#undef calloc
#undef realloc
#undef sbrk

#define SLOTS 256

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char fill;
};

static struct slot slots[SLOTS];

static bool intact(const struct slot *s)
{
	for (size_t i = 0; i < s->size; i++) {
		if (s->p[i] != (unsigned char)(s->fill + i))
			return false;
	}
	return true;
}

static void fill(struct slot *s, unsigned char f)
{
	s->fill = f;
	for (size_t i = 0; i < s->size; i++)
		s->p[i] = (unsigned char)(f + i);
}

static bool sane(const void *p, size_t size)
{
	const unsigned char *c = p;
	return (uintptr_t)c % 16 == 0 && c >= arena && c + size <= arena + brk_off;
}

static unsigned long rng = 12345;

static size_t rnd(size_t n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (size_t)(rng >> 33) % n;
}

static void test_random_model(void)
{
	for (int step = 0; step < 30000; step++) {
		struct slot *s = &slots[rnd(SLOTS)];
		size_t size = rnd(4) == 0 ? rnd(20000) : rnd(200);
		if (s->p && !intact(s)) {
			tap_fail(__FILE__, __LINE__, "step %d: a live block was overwritten", step);
			return;
		}
		switch (rnd(4)) {
		case 0: /* free */
			u_free(s->p);
			s->p = NULL;
			s->size = 0;
			break;
		case 1: { /* realloc: the old contents survive */
			size_t keep = s->size < size ? s->size : size;
			unsigned char *q = u_realloc(s->p, size);
			if (size == 0) {
				/* realloc(p, 0) frees p; realloc(NULL, 0) is malloc(0). */
				if (s->p)
					CHECK(q == NULL);
				else
					u_free(q);
				s->p = NULL;
				s->size = 0;
				break;
			}
			CHECK(q != NULL && sane(q, size));
			for (size_t i = 0; i < keep; i++) {
				if (q[i] != (unsigned char)(s->fill + i)) {
					tap_fail(__FILE__, __LINE__, "step %d: realloc lost a byte",
						 step);
					break;
				}
			}
			s->p = q;
			s->size = size;
			fill(s, (unsigned char)step);
			break;
		}
		case 2: /* calloc */
			u_free(s->p);
			s->p = u_calloc(1, size);
			s->size = size;
			CHECK(s->p != NULL && sane(s->p, size));
			for (size_t i = 0; i < size; i++) {
				if (s->p[i]) {
					tap_fail(__FILE__, __LINE__, "step %d: calloc not zeroed",
						 step);
					break;
				}
			}
			fill(s, (unsigned char)step);
			break;
		default: /* malloc */
			u_free(s->p);
			s->p = u_malloc(size);
			s->size = size;
			CHECK(s->p != NULL && sane(s->p, size));
			fill(s, (unsigned char)step);
			break;
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		CHECK(!slots[i].p || intact(&slots[i]));
		u_free(slots[i].p);
		slots[i].p = NULL;
	}
}

static void test_everything_merges(void)
{
	/* All freed: the heap is one free block again (less the alignment pad), so one
	 * allocation of almost all of it needs no more memory from the kernel. */
	unsigned long calls = sbrk_calls;
	size_t heap = brk_off - 16;
	void *p = u_malloc(heap - 64);
	CHECK(p != NULL);
	CHECK_EQ_U64(sbrk_calls, calls);
	u_free(p);
	CHECK(u_malloc(0) != NULL); /* a unique pointer, as C allows */
}

static void test_out_of_memory(void)
{
	brk_limit = brk_off; /* the kernel says no from now on */
	CHECK(u_malloc(sizeof(arena)) == NULL);
	CHECK(u_calloc(SIZE_MAX / 2, 4) == NULL); /* n * size overflows */
	CHECK(u_malloc(SIZE_MAX - 8) == NULL);
	void *p = u_malloc(100); /* still served from the free list */
	CHECK(p != NULL && sane(p, 100));
	u_free(p);
}

int main(void)
{
	RUN(test_random_model);
	RUN(test_everything_merges);
	RUN(test_out_of_memory);
	return tap_done();
}
