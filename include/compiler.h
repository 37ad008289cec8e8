/* SPDX-License-Identifier: MIT */
/* Compiler attributes and small helpers, named as Linux names them. */
#ifndef TRISTACK_COMPILER_H
#define TRISTACK_COMPILER_H

#define __section(s)   __attribute__((section(s)))
#define __used	       __attribute__((used))
#define __unused       __attribute__((unused))
#define __noreturn     __attribute__((noreturn))
#define __aligned(n)   __attribute__((aligned(n)))
#define __packed       __attribute__((packed))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noinline     __attribute__((noinline))
/* Not inlined, cloned or otherwise specialised: the function keeps its own frame and name. */
#define __noipa				__attribute__((noipa))
#define __always_inline			inline __attribute__((always_inline))
#define __weak				__attribute__((weak))
#define likely(x)			__builtin_expect(!!(x), 1)
#define unlikely(x)			__builtin_expect(!!(x), 0)
#define barrier()			__asm__ volatile("" ::: "memory")
#define READ_ONCE(x)			(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)		(*(volatile __typeof__(x) *)&(x) = (v))
#define ARRAY_SIZE(a)			(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)			(((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a)		((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a)		(((x) & ((__typeof__(x))(a)-1)) == 0)
#define MIN(a, b)			((a) < (b) ? (a) : (b))
#define MAX(a, b)			((a) > (b) ? (a) : (b))
#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#endif
