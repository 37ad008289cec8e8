// SPDX-License-Identifier: MIT
/*
 * kernel/mm/pmm.c, the physical page allocator, on a bitmap malloc'ed at exactly the size
 * pmm_bitmap_bytes() asks for (AddressSanitizer catches any access past it). The allocator
 * never touches the pages themselves, so the "physical" addresses here are just numbers.
 *
 * What include/pmm.h promises and these tests hold it to: whole pages only (pmm_add_free rounds
 * inwards, pmm_reserve outwards), lowest free run first, alignment of the physical page number,
 * page 0 never handed out, double frees and frees outside RAM refused without any change, and
 * free counts that are exact after every operation. A randomized run compares every result with
 * a simple model of the same rules.
 */
#include "kapi.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shim.h"
#include "tap.h"

#define PG 4096ULL

static unsigned long *bitmap;

/* A fresh allocator over [base, base + npages pages), everything in use. */
static void setup(phys_addr_t base, u64 npages)
{
	free(bitmap);
	size_t bytes = pmm_bitmap_bytes(npages);
	bitmap = malloc(bytes ? bytes : 1);
	pmm_init(base, npages, bitmap);
}

static void test_bitmap_bytes(void)
{
	/* Two maps (in use, never allocatable), one bit per page each, in whole longs. */
	CHECK_EQ_U64(pmm_bitmap_bytes(0), 0);
	CHECK_EQ_U64(pmm_bitmap_bytes(1), 2 * sizeof(long));
	CHECK_EQ_U64(pmm_bitmap_bytes(64), 16);
	CHECK_EQ_U64(pmm_bitmap_bytes(65), 32);
	CHECK_EQ_U64(pmm_bitmap_bytes(32768), 8192);
}

static void test_init_all_in_use(void)
{
	setup(0x80000000, 100);
	CHECK_EQ_U64(pmm_free_count(), 0);
	CHECK_EQ_U64(pmm_total_count(), 0);
	CHECK_EQ_U64(pmm_alloc_page(), 0);
	CHECK_EQ_U64(pmm_alloc_pages(1, 1), 0);
	CHECK_EQ_U64(pmm_alloc_high_water(), 0);
}

static void test_add_free_rounds_inwards(void)
{
	const phys_addr_t base = 0x80000000;
	setup(base, 16);
	/* [base+100, base+100+3 pages) holds whole pages 1 and 2 only. */
	pmm_add_free(base + 100, 3 * PG);
	CHECK_EQ_U64(pmm_free_count(), 2);
	CHECK_EQ_U64(pmm_total_count(), 2);
	/* Adding the same range again changes nothing. */
	pmm_add_free(base + PG, 2 * PG);
	CHECK_EQ_U64(pmm_free_count(), 2);
	CHECK_EQ_U64(pmm_total_count(), 2);
	CHECK_EQ_U64(pmm_alloc_page(), base + PG);
	CHECK_EQ_U64(pmm_alloc_page(), base + 2 * PG);
	CHECK_EQ_U64(pmm_alloc_page(), 0);
	/* Less than a page, or nothing at all: no page. */
	pmm_add_free(base + 5 * PG + 1, PG);
	pmm_add_free(base + 6 * PG, PG - 1);
	pmm_add_free(base + 7 * PG, 0);
	CHECK_EQ_U64(pmm_free_count(), 0);
	/* Ranges are clamped to the allocator's span. */
	pmm_add_free(base - 4 * PG, 5 * PG); /* only page 0 is inside */
	CHECK_EQ_U64(pmm_free_count(), 1);
	pmm_add_free(base + 15 * PG, 10 * PG); /* only page 15 */
	CHECK_EQ_U64(pmm_free_count(), 2);
	pmm_add_free(base + 16 * PG, 10 * PG); /* past the end */
	pmm_add_free(0, PG);		       /* below the start */
	CHECK_EQ_U64(pmm_free_count(), 2);
	CHECK_EQ_U64(pmm_total_count(), 4);
	CHECK_EQ_U64(pmm_alloc_page(), base);
	CHECK_EQ_U64(pmm_alloc_page(), base + 15 * PG);
}

static void test_reserve_rounds_outwards(void)
{
	const phys_addr_t base = 0x40000000;
	setup(base, 16);
	pmm_add_free(base, 16 * PG);
	CHECK_EQ_U64(pmm_free_count(), 16);
	/* One byte inside page 1 takes the whole page. */
	pmm_reserve(base + PG + 1, 1);
	CHECK_EQ_U64(pmm_free_count(), 15);
	CHECK_EQ_U64(pmm_total_count(), 15);
	/* Two bytes across the boundary of pages 3 and 4 take both. */
	pmm_reserve(base + 4 * PG - 1, 2);
	CHECK_EQ_U64(pmm_free_count(), 13);
	/* Reserving again, or an empty range, changes nothing. */
	pmm_reserve(base + PG, PG);
	pmm_reserve(base + 8 * PG, 0);
	CHECK_EQ_U64(pmm_free_count(), 13);
	/* Clamped to the span, like add_free. */
	pmm_reserve(base - 10, 20);	     /* page 0 */
	pmm_reserve(base + 15 * PG + 5, PG); /* page 15 */
	pmm_reserve(base + 20 * PG, PG);     /* outside */
	CHECK_EQ_U64(pmm_free_count(), 11);
	CHECK_EQ_U64(pmm_total_count(), 11);
	/* What is left: pages 2, 5..14, lowest first. */
	CHECK_EQ_U64(pmm_alloc_page(), base + 2 * PG);
	CHECK_EQ_U64(pmm_alloc_page(), base + 5 * PG);
	/* An allocated page reserved later stays with its owner, leaves the total (it will never
	 * be free again), and freeing it is refused. */
	phys_addr_t p = pmm_alloc_page();
	u64 free_before = pmm_free_count(), total_before = pmm_total_count();
	pmm_reserve(p, PG);
	CHECK_EQ_U64(pmm_free_count(), free_before);
	CHECK_EQ_U64(pmm_total_count(), total_before - 1);
	CHECK(pmm_free_pages(p, 1) == -EINVAL);
	CHECK_EQ_U64(pmm_free_count(), free_before);
}

static void test_page_zero_never_handed_out(void)
{
	setup(0, 8);
	pmm_add_free(0, 8 * PG);
	CHECK_EQ_U64(pmm_free_count(), 7);
	for (int i = 1; i < 8; i++)
		CHECK_EQ_U64(pmm_alloc_page(), i * PG);
	CHECK_EQ_U64(pmm_alloc_page(), 0);
}

static void test_lowest_first_and_exact_counts(void)
{
	const phys_addr_t base = 0x80200000;
	setup(base, 32);
	pmm_add_free(base, 32 * PG);
	phys_addr_t p[8];
	for (int i = 0; i < 8; i++) {
		p[i] = pmm_alloc_page();
		CHECK_EQ_U64(p[i], base + (u64)i * PG);
		CHECK_EQ_U64(pmm_free_count(), 32 - (i + 1));
	}
	CHECK_EQ_INT(pmm_free_pages(p[3], 1), 0);
	CHECK_EQ_INT(pmm_free_pages(p[5], 1), 0);
	CHECK_EQ_U64(pmm_free_count(), 26);
	/* The lowest hole is reused first, then the next. */
	CHECK_EQ_U64(pmm_alloc_page(), p[3]);
	CHECK_EQ_U64(pmm_alloc_page(), p[5]);
	CHECK_EQ_U64(pmm_alloc_page(), base + 8 * PG);
	CHECK_EQ_U64(pmm_alloc_high_water(), base + 9 * PG);
	CHECK_EQ_U64(pmm_total_count(), 32);
}

static void test_aligned_runs(void)
{
	/* The alignment is of the physical page number, not of the index in the bitmap: start
	 * the span at an odd page so that the two differ. */
	const phys_addr_t base = 0x80001000;
	setup(base, 64);
	pmm_add_free(base, 64 * PG);
	phys_addr_t a = pmm_alloc_pages(4, 4);
	CHECK_EQ_U64(a, 0x80004000);
	phys_addr_t b = pmm_alloc_pages(8, 8);
	CHECK_EQ_U64(b, 0x80008000);
	/* Below a and between a and b the single pages are still free, lowest first. */
	CHECK_EQ_U64(pmm_alloc_page(), base);
	phys_addr_t c = pmm_alloc_pages(2, 1);
	CHECK_EQ_U64(c, base + PG);
	CHECK_EQ_U64(pmm_free_count(), 64 - 4 - 8 - 1 - 2);
	/* Too large an alignment for the span, zero pages, a zero or non-power-of-two alignment,
	 * more pages than exist: all refused. */
	CHECK_EQ_U64(pmm_alloc_pages(1, 1024), 0);
	CHECK_EQ_U64(pmm_alloc_pages(0, 1), 0);
	CHECK_EQ_U64(pmm_alloc_pages(1, 0), 0);
	CHECK_EQ_U64(pmm_alloc_pages(1, 3), 0);
	CHECK_EQ_U64(pmm_alloc_pages(65, 1), 0);
	CHECK_EQ_U64(pmm_free_count(), 64 - 4 - 8 - 1 - 2);
	CHECK_EQ_INT(pmm_free_pages(a, 4), 0);
	CHECK_EQ_INT(pmm_free_pages(b, 8), 0);
	CHECK_EQ_U64(pmm_alloc_pages(8, 8), 0x80008000);
}

static void test_exhaustion(void)
{
	/* 1001 pages, not a multiple of the bitmap word, with reserved holes. */
	const phys_addr_t base = 0x80000000, n = 1001;
	setup(base, n);
	pmm_add_free(base, n * PG);
	pmm_reserve(base, 128 * PG);	      /* firmware */
	pmm_reserve(base + 512 * PG, 3 * PG); /* a hole in the middle */
	u64 before = pmm_free_count();
	CHECK_EQ_U64(before, n - 128 - 3);
	phys_addr_t *pages = calloc(n, sizeof(*pages));
	u64 got = 0;
	phys_addr_t p;
	while ((p = pmm_alloc_page()) != 0 && got < n)
		pages[got++] = p;
	CHECK_EQ_U64(got, before);
	CHECK_EQ_U64(pmm_free_count(), 0);
	CHECK_EQ_U64(pmm_alloc_page(), 0);
	CHECK_EQ_U64(pmm_alloc_pages(2, 1), 0);
	CHECK_EQ_U64(pmm_alloc_high_water(), base + n * PG);
	/* Give everything back in an order that is neither allocation order nor its reverse. */
	for (u64 i = 0; i < got; i += 2)
		CHECK_EQ_INT(pmm_free_pages(pages[i], 1), 0);
	for (u64 i = 1; i < got; i += 2)
		CHECK_EQ_INT(pmm_free_pages(pages[i], 1), 0);
	CHECK_EQ_U64(pmm_free_count(), before);
	/* And the largest run is whole again. */
	phys_addr_t big = pmm_alloc_pages(n - 515, 1);
	CHECK_EQ_U64(big, base + 515 * PG);
	free(pages);
}

static void test_bad_frees_refused(void)
{
	const phys_addr_t base = 0x80000000;
	setup(base, 16);
	pmm_add_free(base, 16 * PG);
	phys_addr_t a = pmm_alloc_page();
	CHECK_EQ_INT(pmm_free_pages(a, 1), 0);
	u64 free_now = pmm_free_count();
	/* Double free: refused, with a warning. */
	unsigned long warnings = shim_printk_calls;
	CHECK_EQ_INT(pmm_free_pages(a, 1), -EINVAL);
	CHECK_EQ_U64(shim_printk_calls, warnings + 1);
	CHECK(strstr(shim_printk_last, "double free") != NULL);
	/* Not page-aligned, below the span, past its end, straddling its end. */
	CHECK_EQ_INT(pmm_free_pages(a + 1, 1), -EINVAL);
	CHECK_EQ_INT(pmm_free_pages(base - PG, 1), -EINVAL);
	CHECK_EQ_INT(pmm_free_pages(base + 16 * PG, 1), -EINVAL);
	CHECK_EQ_INT(pmm_free_pages(base + 15 * PG, 2), -EINVAL);
	CHECK_EQ_U64(pmm_free_count(), free_now);
	/* A run whose second page is already free: refused as a whole, the first page stays
	 * allocated. */
	phys_addr_t r = pmm_alloc_pages(2, 1);
	CHECK_EQ_INT(pmm_free_pages(r + PG, 1), 0);
	free_now = pmm_free_count();
	CHECK_EQ_INT(pmm_free_pages(r, 2), -EINVAL);
	CHECK_EQ_U64(pmm_free_count(), free_now);
	CHECK_EQ_INT(pmm_free_pages(r, 1), 0);
	CHECK_EQ_U64(pmm_free_count(), 16);
}

static void test_free_of_never_allocated_page_refused(void)
{
	/* include/pmm.h: "Freeing a page that is not allocated ... is refused". A reserved page
	 * (the kernel image, OpenSBI's firmware, the DTB) was never allocated; freeing it by
	 * mistake must not put it on the free list. */
	const phys_addr_t base = 0x80000000;
	setup(base, 16);
	pmm_add_free(base, 16 * PG);
	pmm_reserve(base, 2 * PG);
	u64 free_before = pmm_free_count();
	CHECK_EQ_INT(pmm_free_pages(base, 1), -EINVAL);
	CHECK_EQ_U64(pmm_free_count(), free_before);
	CHECK(pmm_free_count() <= pmm_total_count());
	/* Nor page 0 when RAM starts at 0, which would make 0 ("no page") allocatable. */
	setup(0, 4);
	pmm_add_free(0, 4 * PG);
	CHECK_EQ_INT(pmm_free_pages(0, 1), -EINVAL);
	CHECK_EQ_U64(pmm_free_count(), 3);
}

/* --- Randomized: every operation against a model of the documented rules. ----------------- */

static u64 rng_state = 0x2545f4914f6cdd1dULL;

static u64 rng(void)
{
	/* xorshift64: reproducible without depending on the C library's rand(). */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

struct run {
	phys_addr_t pa;
	size_t n;
};

static void test_random_against_model(void)
{
	const phys_addr_t base = 0x80003000; /* page number 0x80003: not aligned to anything */
	const u64 npages = 777;
	bool used[777];
	struct run runs[777];
	size_t nruns = 0;
	u64 model_free = 0;

	/* RAM with a few reserved holes. */
	setup(base, npages);
	pmm_add_free(base, npages * PG);
	for (u64 i = 0; i < npages; i++)
		used[i] = false;
	const u64 holes[][2] = { { 0, 5 }, { 100, 1 }, { 300, 40 }, { 770, 7 } };
	for (size_t h = 0; h < ARRAY_SIZE(holes); h++) {
		pmm_reserve(base + holes[h][0] * PG, holes[h][1] * PG);
		for (u64 i = holes[h][0]; i < holes[h][0] + holes[h][1]; i++)
			used[i] = true;
	}
	for (u64 i = 0; i < npages; i++)
		model_free += !used[i];
	CHECK_EQ_U64(pmm_free_count(), model_free);

	for (int step = 0; step < 20000; step++) {
		if (rng() % 10 < 6 || nruns == 0) {
			size_t n = 1 + rng() % 8, align = (size_t)1 << (rng() % 5);
			/* The model: the lowest index i with page number (base/PG + i) aligned and
			 * pages i..i+n-1 all free. */
			phys_addr_t want = 0;
			for (u64 i = 0; i + n <= npages && !want; i++) {
				if (((base / PG) + i) & (align - 1))
					continue;
				bool ok = true;
				for (u64 j = 0; j < n && ok; j++)
					ok = !used[i + j];
				if (ok)
					want = base + i * PG;
			}
			phys_addr_t got = pmm_alloc_pages(n, align);
			if (got != want) {
				tap_fail(__FILE__, __LINE__,
					 "step %d: alloc_pages(%zu, %zu) = %#llx, model %#llx",
					 step, n, align, (unsigned long long)got,
					 (unsigned long long)want);
				break;
			}
			if (got) {
				for (u64 j = 0; j < n; j++)
					used[(got - base) / PG + j] = true;
				runs[nruns++] = (struct run){ got, n };
				model_free -= n;
			}
		} else {
			size_t k = rng() % nruns;
			CHECK_EQ_INT(pmm_free_pages(runs[k].pa, runs[k].n), 0);
			for (u64 j = 0; j < runs[k].n; j++)
				used[(runs[k].pa - base) / PG + j] = false;
			model_free += runs[k].n;
			/* The same run freed twice is refused. */
			CHECK_EQ_INT(pmm_free_pages(runs[k].pa, runs[k].n), -EINVAL);
			runs[k] = runs[--nruns];
		}
		if (pmm_free_count() != model_free) {
			tap_fail(__FILE__, __LINE__, "step %d: free count %llu, model %llu", step,
				 (unsigned long long)pmm_free_count(),
				 (unsigned long long)model_free);
			break;
		}
	}
	printf("# %zu runs still allocated, %llu pages free\n", nruns,
	       (unsigned long long)model_free);
}

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_exhaustion_is_linear(void)
{
	/* 512 MiB of RAM whose first 128 pages are reserved (OpenSBI's firmware on riscv64),
	 * allocated page by page, as the kernel's mm.exhaustion_and_reuse test does. The search
	 * hint must move past pages in use, or every allocation rescans everything allocated
	 * before it: 131072 allocations then cost ~2^33 bit tests (about a minute in QEMU, what
	 * the -m 512 ktest run used to take) instead of a few milliseconds. */
	const phys_addr_t base = 0x80000000;
	const u64 n = 131072;
	setup(base, n);
	pmm_add_free(base, n * PG);
	pmm_reserve(base, 128 * PG);
	double t0 = cpu_seconds();
	u64 got = 0;
	while (pmm_alloc_page() != 0)
		got++;
	double dt = cpu_seconds() - t0;
	printf("# %llu single-page allocations in %.3f s of CPU\n", (unsigned long long)got, dt);
	CHECK_EQ_U64(got, n - 128);
	CHECK(dt < 2.0);
}

int main(void)
{
	RUN(test_bitmap_bytes);
	RUN(test_init_all_in_use);
	RUN(test_add_free_rounds_inwards);
	RUN(test_reserve_rounds_outwards);
	RUN(test_page_zero_never_handed_out);
	RUN(test_lowest_first_and_exact_counts);
	RUN(test_aligned_runs);
	RUN(test_exhaustion);
	RUN(test_bad_frees_refused);
	RUN(test_free_of_never_allocated_page_refused);
	RUN(test_random_against_model);
	RUN(test_exhaustion_is_linear);
	free(bitmap);
	return tap_done();
}
