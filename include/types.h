/* SPDX-License-Identifier: MIT */
/*
 * Basic types for the freestanding kernel. The compiler's own freestanding headers give us the
 * fixed-width integers, bool and size_t; everything else is named here.
 */
#ifndef TRISTACK_TYPES_H
#define TRISTACK_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <compiler.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address. Kept distinct in name so that a reader sees which side of the MMU a value is.
 */
typedef uint64_t phys_addr_t;
typedef uintptr_t vaddr_t;
typedef long ssize_t;

/* A node of an intrusive doubly linked list (include/list.h). */
struct list_node {
	struct list_node *next, *prev;
};

#endif
