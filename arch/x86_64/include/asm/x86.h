/* SPDX-License-Identifier: MIT */
/* x86_64 registers, MSRs and instructions used by the arch code. */
#ifndef ASM_X86_H
#define ASM_X86_H

#define X86_CR0_PE	   (1 << 0)
#define X86_CR0_MP	   (1 << 1)
#define X86_CR0_EM	   (1 << 2)
#define X86_CR0_TS	   (1 << 3)
#define X86_CR0_NE	   (1 << 5)
#define X86_CR0_WP	   (1 << 16)
#define X86_CR0_PG	   (1 << 31)
#define X86_CR4_PAE	   (1 << 5)
#define X86_CR4_MCE	   (1 << 6)
#define X86_CR4_SMEP	   (1 << 20)
#define X86_CR4_SMAP	   (1 << 21)
#define X86_CR4_PGE	   (1 << 7)
#define X86_CR4_OSFXSR	   (1 << 9)  /* FXSAVE/FXRSTOR and SSE */
#define X86_CR4_OSXMMEXCPT (1 << 10) /* unmasked SSE exceptions raise #XM */
#define X86_CR4_OSXSAVE	   (1 << 18) /* XSAVE and XCR0 */
#define XFEATURE_X87	   (1 << 0)
#define XFEATURE_SSE	   (1 << 1)
#define XFEATURE_AVX	   (1 << 2)

#define MSR_EFER	   0xc0000080
#define EFER_SCE	   (1 << 0)
#define EFER_LME	   (1 << 8)
#define EFER_NXE	   (1 << 11)
#define MSR_GS_BASE	   0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102 /* swapgs exchanges it with GS base */
#define MSR_STAR	   0xc0000081
#define MSR_LSTAR	   0xc0000082
#define MSR_CSTAR	   0xc0000083 /* SYSCALL's RIP from 32-bit compatibility mode */
#define MSR_FMASK	   0xc0000084
#define MSR_APIC_BASE	   0x1b
#define MSR_MCG_STATUS	   0x17a
#define MCG_STATUS_RIPV	   (1 << 0) /* the interrupted code may be restarted */

#define X86_RFLAGS_TF	   (1 << 8)
#define X86_RFLAGS_IF	   (1 << 9)
#define X86_RFLAGS_DF	   (1 << 10)
#define X86_RFLAGS_NT	   (1 << 14)
#define X86_RFLAGS_AC	   (1 << 18)

/* GDT selectors (arch/x86_64/boot.S, early_gdt). */
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
/* In boot.S's GDT only: 32-bit code, used on the way from protected to long mode. */
#define KERNEL_CS32  0x18
#define TSS_SELECTOR 0x30 /* in the per-CPU GDT (trap.c) */
/* Ring-3 selectors (RPL 3) of the per-CPU GDT: user data 0x20, user code 0x28. */
#define USER_DS 0x23
#define USER_CS 0x2b
/* The 32-bit user code segment (0x18, RPL 3): only there because SYSRET's selector layout
 * puts one below user data. A far return gets a program into compatibility mode with it; a
 * SYSCALL from there enters at MSR_CSTAR, which kills the program (entry.S). */
#define USER32_CS 0x1b
/* The "vector" of a syscall frame in pt_regs (not an IDT vector). */
#define SYSCALL_VECTOR 0x100

/* CPUID feature bits. */
#define CPUID_80000001_EDX_NX (1 << 20)
#define CPUID_80000001_EDX_LM (1 << 29)
#define CPUID_1_EDX_PGE	      (1 << 13)
#define CPUID_1_EDX_MCE	      (1 << 7)

#ifndef __ASSEMBLER__
#include <types.h>

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void outl(u16 port, u32 v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}
static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}
static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}
static inline u64 read_xcr0(void)
{
	u32 lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return lo | ((u64)hi << 32);
}
static inline void xsetbv(u32 index, u64 v)
{
	__asm__ volatile("xsetbv" : : "c"(index), "a"((u32)v), "d"((u32)(v >> 32)));
}
static inline unsigned long read_cr2(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}
static inline unsigned long read_cr0(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}
static inline void write_cr0(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}
static inline unsigned long read_cr3(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}
static inline void write_cr3(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}
static inline unsigned long read_cr4(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}
static inline void write_cr4(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}
#endif

#endif
