/* SPDX-License-Identifier: MIT */
/*
 * The x86 exception vectors (0-31) by name, and the error-code bits of a page fault: used by
 * trap.c and by entry.S (hence defines, as Linux's arch/x86/include/asm/trapnr.h, not an enum).
 * Intel SDM Vol. 3A, 6.3.1 "Table 6-1 Protected-Mode Exceptions and Interrupts" and 4.7.
 */
#ifndef ASM_TRAPNR_H
#define ASM_TRAPNR_H

#define X86_TRAP_DE	0  /* divide error */
#define X86_TRAP_DB	1  /* debug: single step, int1, hardware breakpoint */
#define X86_TRAP_NMI	2  /* non-maskable interrupt */
#define X86_TRAP_BP	3  /* breakpoint: int3 */
#define X86_TRAP_OF	4  /* overflow: into */
#define X86_TRAP_BR	5  /* bound range exceeded */
#define X86_TRAP_UD	6  /* invalid opcode */
#define X86_TRAP_NM	7  /* device not available: x87/MMX with CR0.EM, or CR0.TS */
#define X86_TRAP_DF	8  /* double fault */
#define X86_TRAP_OLD_MF 9  /* coprocessor segment overrun (no longer raised) */
#define X86_TRAP_TS	10 /* invalid TSS */
#define X86_TRAP_NP	11 /* segment not present */
#define X86_TRAP_SS	12 /* stack-segment fault */
#define X86_TRAP_GP	13 /* general protection */
#define X86_TRAP_PF	14 /* page fault */
#define X86_TRAP_MF	16 /* x87 floating-point error */
#define X86_TRAP_AC	17 /* alignment check */
#define X86_TRAP_MC	18 /* machine check */
#define X86_TRAP_XF	19 /* SIMD floating-point exception */
#define X86_TRAP_VE	20 /* virtualization exception */
#define X86_TRAP_CP	21 /* control protection */
#define X86_TRAP_VC	29 /* VMM communication (SEV-ES) */
#define X86_TRAP_SX	30 /* security exception */

/* The page-fault error code (Linux: enum x86_pf_error_code). */
#define X86_PF_PROT  (1 << 0) /* the page was present: a protection violation */
#define X86_PF_WRITE (1 << 1) /* a write (else a read) */
#define X86_PF_USER  (1 << 2) /* from user mode */
#define X86_PF_RSVD  (1 << 3) /* a reserved bit set in a page-table entry */
#define X86_PF_INSTR (1 << 4) /* an instruction fetch */

#endif
