/* SPDX-License-Identifier: MIT */
/*
 * Device register access (Linux: arch/arm64/include/asm/io.h, the *_relaxed accessors).
 * ioremap() maps registers Device-nGnRnE, so accesses to them are neither merged, reordered among
 * themselves nor acknowledged early; no barrier is needed between two of them. What the accessors
 * add over a plain volatile pointer: each is exactly one ldr/str with a plain base register, never
 * a pair or a post-indexed form. Under a hypervisor an MMIO access traps to it, and only such
 * single instructions come with a syndrome (ESR_EL2.ISV) it can emulate from.
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <types.h>

static inline u8 readb(const volatile void *addr)
{
	u8 v;
	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u32 readl(const volatile void *addr)
{
	u32 v;
	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u64 readq(const volatile void *addr)
{
	u64 v;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *addr)
{
	__asm__ volatile("strb %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void writel(u32 v, volatile void *addr)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void writeq(u64 v, volatile void *addr)
{
	__asm__ volatile("str %x0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

#endif
