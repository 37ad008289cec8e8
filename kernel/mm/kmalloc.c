// SPDX-License-Identifier: MIT
/*
 * The kernel heap: see include/kmalloc.h. Each page holds objects of one size class (32 ... 2048
 * bytes) after a small header; free objects are chained through their first word. This is the
 * idea of Linux's slab allocators (SLOB/SLUB) in its simplest form.
 */
#include <kmalloc.h>
#include <mm.h>
#include <panic.h>
#include <pmm.h>
#include <spinlock.h>
#include <string.h>

#define MIN_SHIFT  5 /* 32 bytes */
#define NR_CLASSES 7 /* 32, 64, ..., 2048 */
#define SLAB_MAGIC 0x736c6162u

/* At the start of every slab page. Objects start at the first multiple of their size past it. */
struct slab {
	u32 magic;
	u16 class;
	u16 inuse;
	void *free;	   /* first free object */
	struct slab *next; /* in the class's list of pages with free objects */
	struct slab *prev;
};

static struct {
	spinlock_t lock;
	struct slab *partial[NR_CLASSES]; /* pages with at least one free object */
	size_t live;
} heap = { .lock = SPINLOCK_INIT("kmalloc") };

static size_t class_size(unsigned int c)
{
	return (size_t)1 << (MIN_SHIFT + c);
}

static size_t first_object(unsigned int c)
{
	return ALIGN_UP(sizeof(struct slab), class_size(c) < 16 ? 16 : MIN(class_size(c), 64));
}

static void list_add(struct slab **head, struct slab *s)
{
	s->prev = NULL;
	s->next = *head;
	if (*head)
		(*head)->prev = s;
	*head = s;
}

static void list_del(struct slab **head, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		*head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static struct slab *new_slab(unsigned int c)
{
	phys_addr_t pa = pmm_alloc_page();
	if (!pa)
		return NULL;
	struct slab *s = phys_to_virt(pa);
	*s = (struct slab){ .magic = SLAB_MAGIC, .class = (u16)c };
	size_t size = class_size(c);
	/* Chain the objects, last to first, so the first one is handed out first. */
	for (size_t off = PAGE_SIZE - size; off >= first_object(c); off -= size) {
		void **obj = (void **)((char *)s + off);
		*obj = s->free;
		s->free = obj;
	}
	return s;
}

void *kmalloc(size_t size)
{
	if (size == 0 || size > KMALLOC_MAX)
		return NULL;
	unsigned int c = 0;
	while (class_size(c) < size)
		c++;

	unsigned long flags = spin_lock_irqsave(&heap.lock);
	struct slab *s = heap.partial[c];
	if (!s) {
		s = new_slab(c);
		if (!s) {
			spin_unlock_irqrestore(&heap.lock, flags);
			return NULL;
		}
		list_add(&heap.partial[c], s);
	}
	void **obj = s->free;
	s->free = *obj;
	s->inuse++;
	if (!s->free)
		list_del(&heap.partial[c], s); /* full: no longer a candidate */
	heap.live++;
	spin_unlock_irqrestore(&heap.lock, flags);
	memset(obj, 0, class_size(c));
	return obj;
}

void kfree(void *p)
{
	if (!p)
		return;
	struct slab *s = (struct slab *)ALIGN_DOWN((uintptr_t)p, PAGE_SIZE);
	size_t off = (uintptr_t)p - (uintptr_t)s;
	/* Objects sit at PAGE_SIZE - k * size, down to first_object(): anything else is not one. */
	if (s->magic != SLAB_MAGIC || s->class >= NR_CLASSES || off < first_object(s->class) ||
	    (PAGE_SIZE - off) % class_size(s->class))
		panic("kfree(%p): not an object kmalloc() returned", p);

	unsigned long flags = spin_lock_irqsave(&heap.lock);
	unsigned int c = s->class;
	bool was_full = s->free == NULL;
	*(void **)p = s->free;
	s->free = p;
	s->inuse--;
	heap.live--;
	if (s->inuse == 0) {
		/* Empty: give the page back (it is on the partial list unless the class holds a
		 * single object per page). */
		if (!was_full)
			list_del(&heap.partial[c], s);
		s->magic = 0;
		pmm_free_page(virt_to_phys(s));
	} else if (was_full) {
		list_add(&heap.partial[c], s);
	}
	spin_unlock_irqrestore(&heap.lock, flags);
}

size_t kmalloc_live(void)
{
	return heap.live;
}
