/* SPDX-License-Identifier: MIT */
/* Intrusive circular doubly linked lists (Linux's list_head, reduced). struct list_node is in
 * <task.h>. An empty list is a head pointing at itself. */
#ifndef TRISTACK_LIST_H
#define TRISTACK_LIST_H

#include <compiler.h>
#include <task.h>

static inline void list_init(struct list_node *head)
{
	head->next = head->prev = head;
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

/* Inserts n before head, i.e. at the tail of the list. */
static inline void list_add_tail(struct list_node *head, struct list_node *n)
{
	n->prev = head->prev;
	n->next = head;
	head->prev->next = n;
	head->prev = n;
}

static inline void list_del(struct list_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

/* Whether n is in a list (a removed or never-added node points at itself or is zeroed). */
static inline bool list_linked(const struct list_node *n)
{
	return n->next && n->next != n;
}

#define list_entry(node, type, member) container_of(node, type, member)
#define list_for_each(pos, head)       for (pos = (head)->next; pos != (head); pos = pos->next)
/* The same, but the body may list_del() pos: tmp holds the next node. */
#define list_for_each_safe(pos, tmp, head)                                                         \
	for (pos = (head)->next, tmp = pos->next; pos != (head); pos = tmp, tmp = pos->next)

#endif
