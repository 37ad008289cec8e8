/* SPDX-License-Identifier: MIT */
/* Supervisor CSRs and their bits (RISC-V privileged spec, chapter "Supervisor-Level ISA"). */
#ifndef ASM_CSR_H
#define ASM_CSR_H

#define SR_SIE	       (1UL << 1)  /* sstatus: interrupts enabled in S-mode */
#define SR_SPIE	       (1UL << 5)  /* sstatus: SIE before the trap */
#define SR_SPP	       (1UL << 8)  /* sstatus: the trap came from S-mode */
#define SR_FS	       (3UL << 13) /* sstatus: FPU state; 0 = off, so any FP instruction traps */
#define SR_FS_INITIAL  (1UL << 13) /* FS: the registers hold their initial values */
#define SR_FS_CLEAN    (2UL << 13) /* FS: they hold what was last saved or loaded */
#define SR_FS_DIRTY    (3UL << 13) /* FS: written since (the hardware sets it at a write) */
#define SR_SUM	       (1UL << 18) /* sstatus: S-mode may touch user pages */
#define SR_UXL_64      (2UL << 32) /* sstatus.UXL: U-mode runs with 64-bit registers */

#define SATP_MODE_SV39 (8UL << 60)

/* sie (enable) and sip (pending): one bit per local interrupt, at its scause code (asm/irq.h). */
#define SIE_SSIE (1UL << 1) /* supervisor software interrupt */
#define SIE_STIE (1UL << 5) /* supervisor timer interrupt */
#define SIE_SEIE (1UL << 9) /* supervisor external interrupt (the PLIC) */
#define SIP_SSIP SIE_SSIE   /* S-mode may set and clear its own SSIP; STIP and SEIP it cannot */

/* Sstc's supervisor timer compare (binutils names it, but the number is what the spec fixes). */
#define CSR_STIMECMP   0x14d

#define CAUSE_IRQ_FLAG (1UL << 63)

/* scause exception codes. */
#define EXC_INST_MISALIGNED  0
#define EXC_INST_ACCESS	     1
#define EXC_ILLEGAL_INST     2
#define EXC_BREAKPOINT	     3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_ACCESS	     5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS     7
#define EXC_ECALL_U	     8
#define EXC_ECALL_S	     9
#define EXC_INST_PAGE_FAULT  12
#define EXC_LOAD_PAGE_FAULT  13
#define EXC_STORE_PAGE_FAULT 15

#ifndef __ASSEMBLER__
#define csr_read(csr)                                                                              \
	({                                                                                         \
		unsigned long v_;                                                                  \
		__asm__ volatile("csrr %0, " #csr : "=r"(v_));                                     \
		v_;                                                                                \
	})
#define csr_write(csr, val)  __asm__ volatile("csrw " #csr ", %0" : : "rK"(val) : "memory")
#define csr_set(csr, bits)   __asm__ volatile("csrs " #csr ", %0" : : "rK"(bits) : "memory")
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" : : "rK"(bits) : "memory")
#define csr_read_clear(csr, bits)                                                                  \
	({                                                                                         \
		unsigned long v_;                                                                  \
		__asm__ volatile("csrrc %0, " #csr ", %1" : "=r"(v_) : "rK"(bits) : "memory");     \
		v_;                                                                                \
	})
#endif

#endif
