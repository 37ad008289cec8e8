/* SPDX-License-Identifier: MIT */
/*
 * AArch64 system registers and their bits, as far as tristack uses them (Arm ARM, chapter D17
 * "AArch64 System Register Descriptions"). Usable from C and from assembly. Linux keeps the same
 * facts in arch/arm64/include/asm/sysreg.h, esr.h and kvm_arm.h.
 */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#include <const.h>

#define BIT(n) (_AC(1, UL) << (n))

/* CurrentEL: the exception level in bits 3:2. */
#define CURRENTEL_EL1 (1 << 2)
#define CURRENTEL_EL2 (2 << 2)
#define CURRENTEL_EL3 (3 << 2)

/* SPSR_ELx / PSTATE: the mode field M[3:0] (EL and which SP) and the interrupt masks. */
#define PSR_MODE_EL0t 0x0
#define PSR_MODE_EL1t 0x4 /* EL1 on SP_EL0 */
#define PSR_MODE_EL1h 0x5 /* EL1 on SP_EL1 */
#define PSR_MODE_EL2h 0x9
#define PSR_MODE_MASK 0xf     /* M[3:0]: the EL and, at EL1 and up, which SP */
#define PSR_MODE32    BIT(4)  /* M[4]: the interrupted code ran in AArch32 */
#define PSR_PAN_BIT   BIT(22) /* privileged access never: EL1 may not touch EL0's memory */
#define PSR_F_BIT     BIT(6)  /* FIQ masked */
#define PSR_I_BIT     BIT(7)  /* IRQ masked */
#define PSR_A_BIT     BIT(8)  /* SError masked */
#define PSR_D_BIT     BIT(9)  /* debug exceptions masked */
#define PSR_DAIF      (PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)

/* SCTLR_EL1: the MMU and cache switches. RES1 lists the bits Armv8.0 defines as RES1 (later
 * versions give them meanings whose value 1 is the backward-compatible one). */
#define SCTLR_M		  BIT(0)  /* stage 1 translation on */
#define SCTLR_A		  BIT(1)  /* alignment checking: left off, Normal memory may be unaligned */
#define SCTLR_C		  BIT(2)  /* data caches on */
#define SCTLR_SA	  BIT(3)  /* SP alignment check at EL1: sp must stay 16-byte aligned */
#define SCTLR_I		  BIT(12) /* instruction cache on */
#define SCTLR_EL1_RES1	  (BIT(11) | BIT(20) | BIT(22) | BIT(23) | BIT(28) | BIT(29))
#define SCTLR_EL1_MMU_OFF SCTLR_EL1_RES1
#define SCTLR_EL1_MMU_ON  (SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I)

/* SCTLR_EL1.SPAN (Armv8.1 PAN), one of the RES1 bits above: 1 leaves PSTATE.PAN alone when an
 * exception is taken to EL1; 0 sets PSTATE.PAN on every such exception (arch_user_init()). */
#define SCTLR_SPAN BIT(23)

/* Privileged Access Never (Armv8.1): with PSTATE.PAN set, an ordinary EL1 load or store to a page
 * EL0 may access faults (permission fault); LDTR/STTR, which access with EL0's rights, still
 * work. ID_AA64MMFR1_EL1.PAN (bits 23:20) is nonzero where the CPU has it. An assembler that
 * targets plain Armv8.0 knows neither `msr pan, #1` nor the PAN register's name, so both are
 * spelled out: MSR (immediate) with op1 = 0, op2 = 4 (PSTATE.PAN) and the immediate in CRm
 * (Linux: SET_PSTATE_PAN()), and the register as S3_0_C4_C2_3 (Linux: SYS_PAN). */
#define ID_AA64MMFR1_PAN_SHIFT 20
#define ID_AA64MMFR1_PAN_MASK  0xf
#define MSR_PAN_IMM(x)	       (0xd500401fu | (0 << 16) | (4 << 5) | ((x) << 8))
#define SYS_PAN		       s3_0_c4_c2_3

/* TCR_EL1: the shape of the two halves' translation (T0 = TTBR0 = low, T1 = TTBR1 = high). */
#define TCR_T0SZ(bits) ((64 - (bits)) << 0) /* size of the TTBR0 region: 2^(64-T0SZ) */
#define TCR_EPD0       BIT(7)		    /* no walks through TTBR0: the low half faults */
#define TCR_IRGN0_WBWA (1 << 8)		    /* table walks: inner write-back, write-allocate */
#define TCR_ORGN0_WBWA (1 << 10)	    /* ... outer write-back, write-allocate */
#define TCR_SH0_INNER  (3 << 12)	    /* ... inner shareable */
#define TCR_TG0_4K     (0 << 14)
#define TCR_T1SZ(bits) ((64 - (bits)) << 16)
#define TCR_IRGN1_WBWA (1 << 24)
#define TCR_ORGN1_WBWA (1 << 26)
#define TCR_SH1_INNER  (3 << 28)
#define TCR_TG1_4K     (_AC(2, UL) << 30) /* note: TG1 encodes 4K as 2, TG0 as 0 */
#define TCR_IPS_SHIFT  32		  /* intermediate physical address size, 3 bits */
#define TCR_IPS_48BIT  5		  /* largest size a 4K granule can output here */

/* ID_AA64MMFR0_EL1.PARange, bits 3:0: physical address size; same encoding as TCR.IPS. */
#define ID_AA64MMFR0_PARANGE_MASK 0xf
/* ID_AA64PFR0_EL1.GIC, bits 27:24: nonzero if the GICv3 system-register interface exists. */
#define ID_AA64PFR0_GIC_SHIFT 24

/* CPACR_EL1.FPEN (bits 21:20) = 3: FP/SIMD instructions at EL0 and EL1 do not trap; user
 * programs use them, and the kernel saves them per process (fpu.S) but uses them nowhere else
 * (it is built -mgeneral-regs-only; no_fp_simd_instructions checks the image). There is no
 * setting that traps EL1 alone. ZEN (17:16) = 0: SVE traps (EC 0x19), and stays unused. */
#define CPACR_EL1_FPEN_ON (3 << 20)

/* HCR_EL2: only RW = 1, EL1 runs AArch64; nothing else of EL1's is trapped to EL2. */
#define HCR_EL2_RW BIT(31)
/* CNTHCTL_EL2: EL1 (and EL0) may read the physical counter and use the physical timer. */
#define CNTHCTL_EL1PCTEN BIT(0)
#define CNTHCTL_EL1PCEN	 BIT(1)
/* CPTR_EL2: its RES1 bits (13, 9, 7:0) plus TZ (8) and TSM (12), which trap SVE and SME to EL2
 * where they exist and are RES1 where not; the kernel uses neither. TFP (10) stays 0, so FP/SIMD
 * traps are CPACR_EL1's business and arrive at EL1. */
#define CPTR_EL2_DEFAULT 0x33ff
/* ICC_SRE_EL2 (GICv3 CPU interface through system registers): SRE for EL2, Enable lets EL1
 * set its own ICC_SRE_EL1.SRE. */
#define ICC_SRE_EL2_SRE	   BIT(0)
#define ICC_SRE_EL2_ENABLE BIT(3)
#define SYS_ICC_SRE_EL2	   s3_4_c12_c9_5

/* ICC_SRE_EL1: SRE = 1 selects the GICv3 CPU interface's system registers (ICC_*) instead of the
 * GICv2-style memory-mapped one; EL2 must have allowed it (ICC_SRE_EL2.Enable, boot.S). */
#define ICC_SRE_EL1_SRE BIT(0)
/* ICC_SGI1R_EL1: which Group 1 SGI to send (INTID, 27:24) to which CPUs: those of cluster
 * Aff3.Aff2.Aff1 whose Aff0 is (RS * 16 + n) for each bit n set in TargetList (15:0). */
#define ICC_SGI1R_TARGET_LIST_MASK 0xffffUL
#define ICC_SGI1R_AFF1_SHIFT	   16
#define ICC_SGI1R_INTID_SHIFT	   24
#define ICC_SGI1R_AFF2_SHIFT	   32
#define ICC_SGI1R_RS_SHIFT	   44
#define ICC_SGI1R_AFF3_SHIFT	   48
/* ICC_IGRPEN1_EL1: this CPU takes Group 1 interrupts (the ones that arrive as IRQs at EL1). */
#define ICC_IGRPEN1_EN BIT(0)

/* MPIDR_EL1 affinity fields: Aff0 (7:0), Aff1 (15:8), Aff2 (23:16), Aff3 (39:32). */
#define MPIDR_AFF(mpidr, n) (((mpidr) >> ((n) == 3 ? 32 : (n)*8)) & 0xff)

/* CNTV_CTL_EL0 (and CNTP_CTL_EL0), the generic timer's control: ENABLE starts comparing the
 * counter with CNTV_CVAL_EL0, IMASK keeps the interrupt from being signalled, ISTATUS (read-only)
 * says the condition counter >= CVAL is met. */
#define CNT_CTL_ENABLE	BIT(0)
#define CNT_CTL_IMASK	BIT(1)
#define CNT_CTL_ISTATUS BIT(2)

/* ESR_ELx: exception class in bits 31:26, instruction length in 25, syndrome (ISS) in 24:0. */
#define ESR_EC_SHIFT	   26
#define ESR_EC_MASK	   0x3f
#define ESR_IL		   BIT(25)
#define ESR_ISS_MASK	   0x1ffffff

#define ESR_EC_UNKNOWN	   0x00 /* undefined instruction, or anything without its own class */
#define ESR_EC_WFX	   0x01
#define ESR_EC_FP_ASIMD	   0x07 /* FP/SIMD access trapped by CPACR_EL1.FPEN */
#define ESR_EC_BTI	   0x0d
#define ESR_EC_ILL	   0x0e /* illegal execution state (a bad SPSR on eret) */
#define ESR_EC_SVC64	   0x15
#define ESR_EC_HVC64	   0x16
#define ESR_EC_SMC64	   0x17
#define ESR_EC_SYS64	   0x18 /* MSR/MRS/system instruction trapped */
#define ESR_EC_SVE	   0x19
#define ESR_EC_FPAC	   0x1c /* pointer authentication failure */
#define ESR_EC_IABT_LOW	   0x20 /* instruction abort from a lower EL (user) */
#define ESR_EC_IABT_CUR	   0x21 /* instruction abort from the same EL (kernel) */
#define ESR_EC_PC_ALIGN	   0x22
#define ESR_EC_DABT_LOW	   0x24
#define ESR_EC_DABT_CUR	   0x25
#define ESR_EC_SP_ALIGN	   0x26
#define ESR_EC_FP_EXC64	   0x2c
#define ESR_EC_SERROR	   0x2f
#define ESR_EC_BREAKPT_LOW 0x30
#define ESR_EC_BREAKPT_CUR 0x31
#define ESR_EC_SOFTSTP_LOW 0x32
#define ESR_EC_SOFTSTP_CUR 0x33
#define ESR_EC_WATCHPT_LOW 0x34
#define ESR_EC_WATCHPT_CUR 0x35
#define ESR_EC_BRK64	   0x3c /* BRK instruction */

/* Data/instruction abort ISS: WnR (data aborts: the access was a write), the fault status code
 * (xFSC, bits 5:0; for translation, access-flag and permission faults the low 2 bits are the
 * table level). */
#define ESR_ISS_WNR	   BIT(6)
#define ESR_ISS_FSC_MASK   0x3f
#define ESR_FSC_TYPE_MASK  0x3c
#define ESR_FSC_LEVEL_MASK 0x03
#define ESR_FSC_ADDR_SIZE  0x00
#define ESR_FSC_TRANSLATE  0x04
#define ESR_FSC_ACCESS	   0x08
#define ESR_FSC_PERM	   0x0c
#define ESR_FSC_EXTABT	   0x10
#define ESR_FSC_ALIGN	   0x21
#define ESR_FSC_TLB_CONFL  0x30

/* MIDR_EL1: who made the CPU and which one it is. */
#define MIDR_REVISION(m)    ((m)&0xf)
#define MIDR_PARTNUM(m)	    (((m) >> 4) & 0xfff)
#define MIDR_ARCH(m)	    (((m) >> 16) & 0xf)
#define MIDR_VARIANT(m)	    (((m) >> 20) & 0xf)
#define MIDR_IMPLEMENTER(m) (((m) >> 24) & 0xff)
/* MPIDR_EL1: the affinity fields Aff3 (39:32) and Aff2..Aff0 (23:0) name the CPU. */
#define MPIDR_HWID_MASK _AC(0xff00ffffff, UL)

/* Exception vector table (VBAR_EL1): 16 entries of 0x80 bytes, 2 KiB aligned. */
#define VECTOR_ENTRY_SIZE  0x80
#define VECTOR_TABLE_ALIGN 11 /* log2(2048) */

/* Semihosting (Arm "Semihosting for AArch32 and AArch64"): `hlt #0xf000` with the operation in
 * x0 and a pointer to its parameter block in x1. QEMU implements it with -semihosting. */
#define SEMIHOST_HLT_IMM	     0xf000
#define SEMIHOST_HLT_INSN	     (0xd4400000u | (SEMIHOST_HLT_IMM << 5)) /* its encoding */
#define SEMIHOST_SYS_EXIT	     0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

#ifndef __ASSEMBLER__
#define read_sysreg(reg)                                                                           \
	({                                                                                         \
		unsigned long v_;                                                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_));                                      \
		v_;                                                                                \
	})
#define write_sysreg(reg, val)                                                                     \
	__asm__ volatile("msr " #reg ", %x0" : : "rZ"((unsigned long)(val)) : "memory")
/* The same for a register named by a macro (SYS_PAN): the extra level expands the macro before
 * read_sysreg() turns it into text. */
#define read_sysreg_s(reg) read_sysreg(reg)
#define isb()		   __asm__ volatile("isb" ::: "memory")
#define dsb(opt)	   __asm__ volatile("dsb " #opt ::: "memory")

static inline unsigned int esr_class(unsigned long esr)
{
	return (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
}
#endif

#endif
